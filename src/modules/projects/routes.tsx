import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { Services } from '../../platform/container.ts';
import { AppError } from '../../platform/errors.ts';
import { ATTACHMENT_MAX_BYTES } from '../../platform/files.ts';
import { dollarsFilter, filterCents, isHtmxRequest, queryOne as one, sendFragment, untidyQuery } from '../../platform/http/listing.ts';
import {
  csrfValid,
  emptyForm,
  type FormState,
  type FormValues,
  form,
  page,
  redirectTo,
  requireUser,
  sendHtml,
  viewCtx,
} from '../../platform/http/pages.ts';
import { redirect } from '../../platform/http/redirect.ts';
import { parseId } from '../../platform/http/request.ts';
import { readFormLists, sendPrivateFile as sendAttachment, withSavedUploads } from '../../platform/http/uploads.ts';
import { CURSOR_PATTERN } from '../../platform/search/index.ts';
import { asciiDigits } from '../../platform/text.ts';
import { ttlCache } from '../../platform/ttl-cache.ts';
import { categoryIdsOf, categoryIndexOf, categoryLabels } from '../../web/categories.tsx';

export { categoryIdsOf };

import { BidsSection } from './bid-views.tsx';
import { emptyProjectForm, MY_STATUSES, MyProjectsPage, ProjectFormPage, type ProjectFormState, ProjectsQueuePage } from './form-views.tsx';
import { mayReadAllBids } from './policy.ts';
import { ProjectPage } from './project-page.tsx';
import { averageBidCents, FILES_MAX } from './rules.ts';
import { POSTED_WITHIN, PROJECT_SORTS, type ProjectHit, type ProjectSort } from './search.ts';
import type { ProjectRow } from './service.ts';
import { listVersion } from './version.ts';
import {
  PROJECT_FILTER_KEYS,
  type ProjectCardData,
  type ProjectFilters,
  ProjectItems,
  ProjectResults,
  ProjectsPage,
  projectsHref,
} from './views.tsx';

const PAGE_SIZE = 20;
const FIELDS = ['title', 'description', 'categoryId', 'skills', 'budget', 'expectedDays'] as const;

function idOf(raw: string | undefined, code = 'project.not_found'): number {
  const n = parseId(raw);
  if (n === null) throw new AppError(code);
  return n;
}

/** The list's filters from a URL: anything malformed is dropped (never an error page). */
export function readProjectFilters(query: Record<string, unknown>): ProjectFilters {
  const pick = (k: string, re: RegExp) => {
    const v = one(query[k]).trim();
    return re.test(v) ? v : '';
  };
  const sort = one(query.sort);
  const posted = one(query.posted);
  return {
    q: one(query.q).replace(/\s+/g, ' ').trim().slice(0, 200),
    category: pick('category', /^[a-z0-9-]{1,60}$/),
    min: dollarsFilter(one(query.min)),
    max: dollarsFilter(one(query.max)),
    skill: one(query.skill).replace(/\s+/g, ' ').trim().slice(0, 30),
    posted: (POSTED_WITHIN as readonly number[]).map(String).includes(posted) ? posted : '',
    sort: (PROJECT_SORTS as readonly string[]).includes(sort) ? (sort as ProjectSort) : 'newest',
    cursor: pick('cursor', CURSOR_PATTERN),
  };
}

/** The category tree, as every list reads it (web/categories.tsx: kept 30 s per app). */
export const categoryIndex = (services: Services) => categoryIndexOf(services.catalog);

/**
 * The project's page as `req`'s viewer may see it, with the bids part in `bidState` (a refused bid form comes
 * back through here). Throws `project.not_found` (404) when the viewer may not see the project.
 */
export async function renderProjectPage(req: FastifyRequest, services: Services, projectId: number, bidState: FormState): Promise<VNode> {
  const { projects, accounts } = services;
  const p = await projects.get(projectId, req.user);
  const c = viewCtx(req);
  const [bidsData, files, people, index] = await Promise.all([
    services.bids.pageData(req.user, p),
    projects.files(p),
    accounts.publicByIds([p.ownerId]),
    categoryIndex(services),
  ]);
  const u = people.get(p.ownerId);
  return (
    <ProjectPage
      c={c}
      p={p}
      category={p.categoryId ? (index.byId.get(p.categoryId) ?? null) : null}
      owner={
        u
          ? { username: u.username, displayName: u.displayName, level: u.buyerLevel, avatarUrl: u.avatarUrl, memberSince: u.memberSince }
          : null
      }
      files={files}
      averageBidCents={averageBidCents(p)}
      isOwner={req.user?.id === p.ownerId}
      isStaff={mayReadAllBids(req.user)}
      bids={<BidsSection c={c} data={bidsData} state={bidState} finishHire={parseId((req.query as Record<string, unknown>)?.hire)} />}
    />
  );
}

/** A multipart project form: its text fields (as lists) and its files (at most FILES_MAX + 1, each ≤ 25 MB). */
async function readProjectForm(req: FastifyRequest) {
  const limits = { fileSize: ATTACHMENT_MAX_BYTES, files: FILES_MAX + 1, fields: 60, fieldSize: 64 * 1024 };
  const { fields, uploads, overflow } = await readFormLists(req, 'files', limits);
  return { fields, uploads, tooMany: overflow !== null || uploads.length > FILES_MAX };
}

/** "2500-5000" (cents, from the budget list) → the two bounds; '' → 0 (not chosen); anything else NaN (refused). */
function budgetOf(v: string | undefined): { budgetMinCents: number; budgetMaxCents: number } {
  if (!v) return { budgetMinCents: 0, budgetMaxCents: 0 };
  const m = /^(\d{1,9})-(\d{1,9})$/.exec(v.trim());
  return m ? { budgetMinCents: Number(m[1]), budgetMaxCents: Number(m[2]) } : { budgetMinCents: Number.NaN, budgetMaxCents: Number.NaN };
}

/** The service's field names → the form's. */
function formErrors(fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields))
    out[k === 'budgetMinCents' || k === 'budgetMaxCents' ? 'budget' : k === 'file' || k === 'fileIds' ? 'files' : k] = v;
  return out;
}

function stateOf(p: ProjectRow, files: { id: number; name: string }[], locale: 'ar' | 'en'): ProjectFormState {
  return {
    ...emptyProjectForm,
    values: {
      title: p.title,
      description: p.description,
      categoryId: p.categoryId ? String(p.categoryId) : '',
      skills: p.skills.join(locale === 'ar' ? '، ' : ', '),
      budget: p.budgetMinCents ? `${p.budgetMinCents}-${p.budgetMaxCents}` : '',
      expectedDays: p.expectedDays ? String(p.expectedDays) : '',
    },
    files,
  };
}

/** The project pages: the list, posting and editing, a project's page and files, the owner's list, moderation. */
export function projectsPages(app: FastifyInstance, services: Services): void {
  const { projects, accounts, files, catalog } = services;

  /** Result cards with their owners' names. */
  const cards = async (hits: ProjectHit[]): Promise<ProjectCardData[]> => {
    const owners = await accounts.publicByIds(hits.map((h) => h.ownerId));
    return hits.map((h) => {
      const u = owners.get(h.ownerId);
      return { ...h, owner: u ? { username: u.username, displayName: u.displayName } : null };
    });
  };

  /** An unknown category matches nothing; an invalid cursor (a tampered link) starts from the first page. */
  async function runSearch(f: ProjectFilters) {
    const index = await categoryIndex(services);
    const categoryIds = f.category ? (categoryIdsOf(index, f.category) ?? []) : undefined;
    const query = () =>
      projects.search({
        q: f.q || undefined,
        categoryIds,
        minBudgetCents: filterCents(f.min),
        maxBudgetCents: filterCents(f.max),
        skill: f.skill || undefined,
        postedWithinDays: f.posted ? Number(f.posted) : undefined,
        sort: f.sort,
        limit: PAGE_SIZE,
        cursor: f.cursor || undefined,
      });
    let result: Awaited<ReturnType<typeof query>>;
    try {
      result = await query();
    } catch (err) {
      if (!(err instanceof AppError) || !f.cursor) throw err;
      f.cursor = '';
      result = await query();
    }
    return { index, result };
  }

  // ——— the list: search, filters, results (htmx replaces the results in place; without it, a GET form) ———
  page(app, 'GET', '/projects', async (req, reply) => {
    const query = (req.query ?? {}) as Record<string, unknown>;
    const f = readProjectFilters(query);
    const hx = isHtmxRequest(req);
    const c = viewCtx(req);
    if (!hx && untidyQuery(query, f, PROJECT_FILTER_KEYS, 'newest')) return redirect(reply, projectsHref(c, f), 302);
    reply.header('vary', 'HX-Request');
    const render = async () => {
      const { index, result } = await runSearch(f);
      const now = new Date();
      return {
        index,
        result,
        props: {
          c,
          filters: f,
          categories: index,
          items: await cards(result.items),
          nextCursor: result.nextCursor,
          total: result.total,
          now,
        },
      };
    };
    // Visitors who are not signed in all get the same page for an address: kept 15 s, keyed on the list's version
    // (every listing change bumps it), so popular searches cost one render.
    if (!hx && !req.user && !c.flash) {
      const key = `${c.locale}:${listVersion()}:${req.url}`;
      const html = await anonymousPages.get(key, async () => {
        const { props } = await render();
        return `<!doctype html>${renderToString(<ProjectsPage {...props} />)}`;
      });
      return reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
    }
    const { props, result } = await render();
    const now = props.now;
    if (!hx) return sendHtml(reply, <ProjectsPage {...props} />);
    const next = result.nextCursor ? projectsHref(c, { ...f, cursor: result.nextCursor }) : null;
    if (req.headers['hx-target'] === 'more') return sendFragment(reply, <ProjectItems c={c} items={props.items} next={next} now={now} />);
    reply.header('hx-push-url', projectsHref(c, { ...f, cursor: '' }));
    return sendFragment(reply, <ProjectResults {...props} withTitle />);
  });

  const anonymousPages = ttlCache<string>(15_000, 500);

  // ——— posting and editing ———
  const formView = async (req: FastifyRequest, state: ProjectFormState, project: ProjectRow | null) =>
    ProjectFormPage({ c: viewCtx(req), state, categories: await catalog.categoryTree(), project });

  const ownProject = async (req: FastifyRequest): Promise<ProjectRow> => {
    const user = requireUser(req);
    const p = await projects.get(idOf((req.params as { id: string }).id), user);
    if (p.ownerId !== user.id) throw new AppError('project.forbidden');
    if (!['draft', 'rejected', 'hidden'].includes(p.status) || p.orderId !== null) throw new AppError('project.wrong_state');
    return p;
  };

  const namesOf = async (ownerId: number, ids: number[]) => {
    const rows = (await files.byIds(ids)).filter((f) => f.ownerId === ownerId);
    return ids.flatMap((id) => {
      const f = rows.find((r) => r.id === id);
      return f ? [{ id: f.id, name: f.name }] : [];
    });
  };

  /**
   * The project form's POST (multipart): checks the CSRF token before storing anything, stores the new attachments,
   * then saves. On any refusal the form comes back with everything typed and the attachments kept from before;
   * the files this request stored are removed again (no orphans), so they are chosen again.
   */
  const save = async (req: FastifyRequest, reply: FastifyReply, existing: ProjectRow | null) => {
    const user = requireUser(req);
    const raw = await readProjectForm(req);
    const last = (k: string) => raw.fields[k]?.[raw.fields[k].length - 1];
    const values: FormValues = {};
    for (const k of FIELDS) if (last(k) !== undefined) values[k] = last(k) as string;
    const removed = new Set(raw.fields.removeFile ?? []);
    const keptIds = [...new Set((raw.fields.fileIds ?? []).filter((v) => !removed.has(v)).map(parseId))].filter(
      (n): n is number => n !== null,
    );
    const again = async (status: number, s: Partial<ProjectFormState>) =>
      sendHtml(reply, await formView(req, { ...emptyProjectForm, values, files: await namesOf(user.id, keptIds), ...s }, existing), status);
    const refuse = (
      status: number,
      errors: Record<string, string>,
      formError: string | null,
      params: Record<string, string | number> = {},
    ) => again(status, { errors, formError, params });

    if (!csrfValid(req, last('_csrf'))) return refuse(403, {}, 'http.csrf');
    if (raw.tooMany || keptIds.length + raw.uploads.length > FILES_MAX)
      return refuse(400, { files: 'project.too_many_files' }, null, { max: FILES_MAX });
    if (raw.uploads.some((u) => u.tooLarge)) return refuse(400, { files: 'file.too_large' }, null, { max: '25 MB' });
    const submit = last('action') === 'submit';
    try {
      const row = await withSavedUploads(files, user.id, raw.uploads, async (saved) => {
        const input = {
          title: values.title ?? '',
          description: values.description ?? '',
          categoryId: values.categoryId ?? '',
          skills: values.skills ?? '',
          ...budgetOf(values.budget),
          expectedDays: asciiDigits(values.expectedDays ?? '').trim(),
          fileIds: [...keptIds, ...saved],
        };
        return existing ? projects.update(user, existing.id, input, { submit }) : projects.create(user, input, { submit });
      });
      // Attachments ticked for removal are gone with the edit (they belong to nothing else).
      if (existing)
        await files.remove(
          user.id,
          existing.fileIds.filter((id) => !row.fileIds.includes(id)),
        );
      if (row.status === 'pending') return redirectTo(reply, '/my/projects', 'projects.submitted');
      return redirectTo(reply, `/projects/${row.id}/edit`, 'projects.saved_draft');
    } catch (err) {
      if (!(err instanceof AppError) || err.code === 'auth.required') throw err;
      const fieldKeys = Object.keys(err.fields);
      return refuse(err.status, formErrors(err.fields), fieldKeys.length && err.code === 'validation.failed' ? null : err.code, err.params);
    }
  };

  page(app, 'GET', '/projects/new', async (req, reply) => {
    requireUser(req);
    return sendHtml(reply, await formView(req, emptyProjectForm, null));
  });
  page(app, 'POST', '/projects/new', async (req, reply) => save(req, reply, null));
  page(app, 'GET', '/projects/:id/edit', async (req, reply) => {
    const p = await ownProject(req);
    return sendHtml(reply, await formView(req, stateOf(p, await namesOf(p.ownerId, p.fileIds), req.locale), p));
  });
  page(app, 'POST', '/projects/:id/edit', async (req, reply) => save(req, reply, await ownProject(req)));

  // ——— a project's page and its attachments ———
  page(app, 'GET', '/projects/:id', async (req, reply) =>
    sendHtml(reply, await renderProjectPage(req, services, idOf((req.params as { id: string }).id), emptyForm)),
  );
  page(app, 'GET', '/projects/:id/files/:fileId', async (req, reply) => {
    const p = req.params as { id: string; fileId: string };
    const f = await projects.file(req.user, idOf(p.id), idOf(p.fileId, 'project.file_not_found'));
    return sendAttachment(reply, f);
  });

  // ——— the owner's projects ———
  page(app, 'GET', '/my/projects', async (req, reply) => {
    const user = requireUser(req);
    const raw = one((req.query as Record<string, unknown>)?.status);
    const status = (MY_STATUSES as readonly string[]).includes(raw) ? raw : '';
    const items = await projects.byOwner(user.id, status || undefined);
    return sendHtml(reply, <MyProjectsPage c={viewCtx(req)} items={items} status={status} />);
  });

  // ——— moderators ———
  const queueView = async (req: FastifyRequest, state: FormState) => {
    const user = requireUser(req);
    const items = await projects.moderationQueue(user);
    const owners = await accounts.publicByIds(items.map((p) => p.ownerId));
    return ProjectsQueuePage({
      c: viewCtx(req),
      items,
      categories: categoryLabels(await catalog.categoryTree(), req.locale),
      owners,
      state,
    });
  };
  page(app, 'GET', '/admin/projects', async (req, reply) => sendHtml(reply, await queueView(req, emptyForm)));
  form(app, '/admin/projects/:id/approve', {
    auth: true,
    render: queueView,
    handle: async (req, _v, reply) => {
      await projects.approve(requireUser(req), idOf((req.params as { id: string }).id));
      return redirectTo(reply, '/admin/projects', 'projects.approved');
    },
  });
  form(app, '/admin/projects/:id/reject', {
    auth: true,
    render: queueView,
    handle: async (req, v, reply) => {
      await projects.reject(requireUser(req), idOf((req.params as { id: string }).id), v.reason ?? '');
      return redirectTo(reply, '/admin/projects', 'projects.rejected');
    },
  });
}
