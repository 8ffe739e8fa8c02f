import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../platform/container.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { ATTACHMENT_MAX_BYTES } from '../../platform/files.ts';
import { dollarsFilter, filterCents, isHtmxRequest, queryOne as one, sendFragment, untidyQuery } from '../../platform/http/listing.ts';
import { csrfValid, emptyForm, type FormState, form, page, redirectTo, requireUser, sendHtml, viewCtx } from '../../platform/http/pages.ts';
import { redirect } from '../../platform/http/redirect.ts';
import { parseId } from '../../platform/http/request.ts';
import { readFormLists, withSavedUploads } from '../../platform/http/uploads.ts';
import { CURSOR_PATTERN } from '../../platform/search/index.ts';
import { can } from '../../platform/staff.ts';
import { asciiDigits } from '../../platform/text.ts';
import { flushViewsWhileRunning } from '../../platform/views.ts';
import { categoryIdsOf, categoryIndexOf, categoryLabels } from '../../web/categories.tsx';
import { ContestsQueuePage } from './admin-views.tsx';
import { ContestPage, type EntryView, type Person } from './contest-page.tsx';
import { contestDisputePages } from './dispute-routes.tsx';
import { entryFileCards, handoverFileUrl, maySeeHandover } from './entry-files.ts';
import { contestEntryPages } from './entry-routes.tsx';
import { contestFormPages } from './form-routes.tsx';
import { ENTRY_FILES_MAX, seesEntry } from './rules.ts';
import { CONTEST_SORTS, CONTEST_STATUSES, type ContestHit, type ContestListStatus, type ContestSort } from './search.ts';
import {
  CONTEST_FILTER_KEYS,
  type ContestCardData,
  type ContestFilters,
  ContestItems,
  ContestResults,
  ContestsPage,
  contestsHref,
} from './views.tsx';

const PAGE_SIZE = 20;
/** Entries on a contest's page at a time. */
const ENTRIES_PAGE = 48;

/** The list's filters from a URL: anything malformed is dropped (never an error page). */
export function readContestFilters(query: Record<string, unknown>): ContestFilters {
  const pick = (k: string, re: RegExp) => {
    const v = one(query[k]).trim();
    return re.test(v) ? v : '';
  };
  const sort = one(query.sort);
  const status = one(query.status);
  return {
    q: one(query.q).replace(/\s+/g, ' ').trim().slice(0, 200),
    category: pick('category', /^[a-z0-9-]{1,60}$/),
    min: dollarsFilter(one(query.min)),
    max: dollarsFilter(one(query.max)),
    status: (CONTEST_STATUSES as readonly string[]).includes(status) ? (status as ContestListStatus) : 'open',
    sort: (CONTEST_SORTS as readonly string[]).includes(sort) ? (sort as ContestSort) : 'newest',
    cursor: pick('cursor', CURSOR_PATTERN),
  };
}

/**
 * The contests' public pages: the list (search, filters, sorts; htmx replaces the results in place, without it a
 * GET form), a contest's page and its thread's comment form. Entering, picking and the handover are the service's
 * and the API's for now.
 */
export function contestsPages(app: FastifyInstance, services: Services, deps: Pick<Deps, 'clock'>): void {
  const { contests, contestEntries, contestComments, accounts, files, contestViews } = services;
  flushViewsWhileRunning(app, contestViews, 'contest');

  const people = async (ids: number[]): Promise<Map<number, Person>> => {
    const found = await accounts.publicByIds([...new Set(ids)]);
    return new Map([...found].map(([id, u]) => [id, { username: u.username, displayName: u.displayName }]));
  };

  const cards = async (hits: ContestHit[]): Promise<ContestCardData[]> => {
    const owners = await people(hits.map((h) => h.ownerId));
    return hits.map((h) => ({ ...h, owner: owners.get(h.ownerId) ?? null }));
  };

  page(app, 'GET', '/contests', async (req, reply) => {
    const query = (req.query ?? {}) as Record<string, unknown>;
    const f = readContestFilters(query);
    const hx = isHtmxRequest(req);
    const c = viewCtx(req);
    const tidy = { ...f, status: f.status === 'open' ? '' : f.status };
    if (!hx && untidyQuery(query, tidy, CONTEST_FILTER_KEYS, 'newest')) return redirect(reply, contestsHref(c, f), 302);
    reply.header('vary', 'HX-Request');
    const index = await categoryIndexOf(services.catalog);
    const search = () =>
      contests.search({
        q: f.q || undefined,
        categoryIds: f.category ? (categoryIdsOf(index, f.category) ?? []) : undefined,
        minPrizeCents: filterCents(f.min),
        maxPrizeCents: filterCents(f.max),
        status: f.status,
        sort: f.sort,
        limit: PAGE_SIZE,
        cursor: f.cursor || undefined,
      });
    let result: Awaited<ReturnType<typeof search>>;
    try {
      result = await search();
    } catch (err) {
      // A tampered cursor starts from the first page.
      if (!(err instanceof AppError) || !f.cursor) throw err;
      f.cursor = '';
      result = await search();
    }
    const now = deps.clock();
    const props = {
      c,
      filters: f,
      categories: index,
      items: await cards(result.items),
      nextCursor: result.nextCursor,
      total: result.total,
      now,
    };
    if (!hx) return sendHtml(reply, <ContestsPage {...props} />);
    const next = result.nextCursor ? contestsHref(c, { ...f, cursor: result.nextCursor }) : null;
    if (req.headers['hx-target'] === 'more') return sendFragment(reply, <ContestItems c={c} items={props.items} next={next} now={now} />);
    reply.header('hx-push-url', contestsHref(c, { ...f, cursor: '' }));
    return sendFragment(reply, <ContestResults {...props} withTitle />);
  });

  /** A contest's page as `req`'s viewer may see it, with the comment form in `commentState`. */
  async function contestPage(
    req: FastifyRequest,
    rawId: string,
    commentState: FormState,
    entryState: FormState = emptyForm,
    actionState: FormState = emptyForm,
  ) {
    const id = parseId(rawId);
    if (id === null) throw new AppError('contest.not_found');
    const k = await contests.get(id, req.user);
    // A reading of the page (not a refused form shown again), counted later in a batch: once per viewer and day.
    if (req.method === 'GET') services.contestViews.record(k, req.user, req.ip, req.headers['user-agent']);
    const viewer = req.user ? { id: req.user.id, staff: can(req.user, 'read_private') } : null;
    const [all, thread, index, awards, ownerRows, held, briefRows] = await Promise.all([
      contestEntries.entriesOf(k.id),
      contestComments.thread(req.user, k.id),
      categoryIndexOf(services.catalog),
      contestEntries.awardsOf(k.id),
      accounts.publicByIds([k.ownerId]),
      contests.heldBy(k.ownerId),
      files.byIds(k.fileIds),
    ]);
    const o = ownerRows.get(k.ownerId);
    const ownerCard = o
      ? {
          username: o.username,
          displayName: o.displayName,
          level: o.buyerLevel,
          avatarUrl: o.avatarUrl,
          memberSince: o.memberSince,
          contestsHeld: held,
          buyerRating: o.buyerRating,
          buyerReviewsCount: o.buyerReviewsCount,
        }
      : null;
    const briefFiles = k.fileIds.flatMap((fid) => {
      const f = briefRows.find((r) => r.id === fid);
      return f ? [{ id: f.id, name: f.name, size: f.size }] : [];
    });
    const visible = all.filter((e) => seesEntry({ blind: k.blind, status: k.status as never, ownerId: k.ownerId }, e.userId, viewer));
    // A page of entries at a time (a contest may have hundreds): the newest last, as they came.
    const pages = Math.max(1, Math.ceil(visible.length / ENTRIES_PAGE));
    const asked = Number(asciiDigits(String((req.query as Record<string, unknown>).entries ?? '')));
    const entriesPage = Number.isSafeInteger(asked) && asked >= 1 && asked <= pages ? asked : 1;
    const shown = visible.slice((entriesPage - 1) * ENTRIES_PAGE, entriesPage * ENTRIES_PAGE);
    // The final files handed over, for the winner, the owner and staff.
    const handed = awards.filter((a) => a.handoverFileIds.length > 0 && maySeeHandover(req.user, a, k));
    const [fileRows, notes] = await Promise.all([
      // Each file once, looked up by id (500 entries: ~1,000 files).
      files.byIds([...new Set([...shown.flatMap((e) => e.fileIds), ...handed.flatMap((a) => a.handoverFileIds)])]),
      services.contestNotes.threadsFor(req.user, k, shown),
    ]);
    const rows = new Map(fileRows.map((f) => [f.id, f]));
    const who = await people([
      k.ownerId,
      ...awards.map((a) => a.winnerId),
      ...shown.map((e) => e.userId),
      // The owner's pick lists every entry by its author.
      ...(k.status === 'judging' && req.user?.id === k.ownerId ? visible.map((e) => e.userId) : []),
      ...thread.flatMap((t) => [t.comment.userId, ...t.replies.map((r) => r.userId)]),
    ]);
    const entries: EntryView[] = shown.map((e) => ({
      id: e.id,
      authorId: e.userId,
      author: who.get(e.userId) ?? null,
      description: e.description,
      files: entryFileCards(req.user, e, k, rows),
      createdAt: e.createdAt,
      mine: e.userId === req.user?.id,
      rating: e.rating,
      shortlisted: e.shortlisted,
      notes: notes.get(e.id) ?? null,
    }));
    return (
      <ContestPage
        c={viewCtx(req)}
        k={k}
        owner={who.get(k.ownerId) ?? null}
        ownerCard={ownerCard}
        briefFiles={briefFiles}
        category={k.categoryId ? (index.byId.get(k.categoryId) ?? null) : null}
        entries={entries}
        entryPages={{ page: entriesPage, pages }}
        pickable={
          k.status === 'judging' && req.user?.id === k.ownerId ? visible.map((e) => ({ id: e.id, author: who.get(e.userId) ?? null })) : []
        }
        hiddenEntries={all.length - visible.length}
        thread={thread}
        people={who}
        now={deps.clock()}
        commentState={commentState}
        entryState={entryState}
        awards={awards}
        handovers={
          new Map(
            handed.map((a) => [
              a.id,
              {
                note: a.handoverNote ?? '',
                files: a.handoverFileIds.flatMap((fid) => {
                  const f = rows.get(fid);
                  return f ? [{ name: f.name, href: handoverFileUrl(a.id, fid) }] : [];
                }),
              },
            ]),
          )
        }
        actionState={actionState}
        viewerId={req.user?.id ?? null}
        signedIn={req.user !== null}
        isOwner={req.user?.id === k.ownerId}
      />
    );
  }

  contestEntryPages(app, services, (req, rawId, state) => contestPage(req, rawId, emptyForm, emptyForm, state));

  page(app, 'GET', '/contests/:id', async (req, reply) =>
    sendHtml(reply, await contestPage(req, (req.params as { id: string }).id, emptyForm)),
  );

  // A comment, or a reply (`parentId`): refused ones come back with what was typed, under the comment replied to.
  form(app, '/contests/:id/comments', {
    auth: true,
    render: (req, state) => contestPage(req, (req.params as { id: string }).id, state),
    handle: async (req, values, reply) => {
      const id = parseId((req.params as { id: string }).id);
      if (id === null) throw new AppError('contest.not_found');
      const parentId = values.parentId ? parseId(values.parentId) : null;
      const row = await contestComments.comment(requireUser(req), id, { body: values.body, parentId });
      return redirectTo(reply, `/contests/${id}#comment-${row.id}`);
    },
  });

  contestFormPages(app, services);

  // ——— entering: a description and 1–5 files (saved first; a refused entry leaves none behind) ———
  page(app, 'POST', '/contests/:id/entries', async (req, reply) => {
    const user = requireUser(req);
    const rawId = (req.params as { id: string }).id;
    const limits = { fileSize: ATTACHMENT_MAX_BYTES, files: ENTRY_FILES_MAX + 1, fields: 20, fieldSize: 64 * 1024 };
    const { fields, uploads, overflow } = await readFormLists(req, 'files', limits);
    const description = fields.description?.at(-1) ?? '';
    const again = async (
      status: number,
      errors: Record<string, string>,
      formError: string | null,
      params: Record<string, string | number> = {},
    ) => sendHtml(reply, await contestPage(req, rawId, emptyForm, { values: { description }, errors, formError, params }), status);
    if (!csrfValid(req, fields._csrf?.at(-1))) return again(403, {}, 'http.csrf');
    if (overflow !== null || uploads.length > ENTRY_FILES_MAX) return again(400, { fileIds: 'contest.entry_files_invalid' }, null);
    if (uploads.some((u) => u.tooLarge)) return again(400, { fileIds: 'file.too_large' }, null, { max: '25 MB' });
    const id = parseId(rawId);
    if (id === null) throw new AppError('contest.not_found');
    try {
      const e = await withSavedUploads(files, user.id, uploads, (fileIds) => contestEntries.enter(user, id, { description, fileIds }));
      return redirectTo(reply, `/contests/${id}#entry-${e.id}`, 'contests.entered');
    } catch (err) {
      if (!(err instanceof AppError) || err.code === 'auth.required') throw err;
      const fieldKeys = Object.keys(err.fields);
      const mapped = Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k === 'entry_description' ? 'description' : k, v]));
      return again(err.status, mapped, fieldKeys.length && err.code === 'validation.failed' ? null : err.code, err.params);
    }
  });

  // ——— the owner's pick (a place at a time), the winner's handover, the owner's acceptance ———
  form(app, '/contests/:id/winners', {
    auth: true,
    render: (req, state) => contestPage(req, (req.params as { id: string }).id, emptyForm, emptyForm, state),
    handle: async (req, values, reply) => {
      const id = parseId((req.params as { id: string }).id);
      if (id === null) throw new AppError('contest.not_found');
      await contestEntries.pickPlace(requireUser(req), id, Number(values.place), Number(values.entryId));
      return redirectTo(reply, `/contests/${id}#awards`, 'contests.picked');
    },
  });

  page(app, 'POST', '/contests/awards/:awardId/handover', async (req, reply) => {
    const user = requireUser(req);
    const awardId = parseId((req.params as { awardId: string }).awardId);
    if (awardId === null) throw new AppError('contest.award_not_found');
    const award = (await contestEntries.awardsForWinner(user.id)).find((a) => a.id === awardId);
    if (!award) throw new AppError('contest.award_not_found');
    const limits = { fileSize: ATTACHMENT_MAX_BYTES, files: 11, fields: 20, fieldSize: 64 * 1024 };
    const { fields, uploads, overflow } = await readFormLists(req, 'files', limits);
    const note = fields.note?.at(-1) ?? '';
    const again = async (
      status: number,
      errors: Record<string, string>,
      formError: string | null,
      params: Record<string, string | number> = {},
    ) =>
      sendHtml(
        reply,
        await contestPage(req, String(award.contestId), emptyForm, emptyForm, {
          values: { note, awardId: String(awardId) },
          errors,
          formError,
          params,
        }),
        status,
      );
    if (!csrfValid(req, fields._csrf?.at(-1))) return again(403, {}, 'http.csrf');
    if (overflow !== null || uploads.length > 10) return again(400, { fileIds: 'contest.handover_files_invalid' }, null);
    if (uploads.some((u) => u.tooLarge)) return again(400, { fileIds: 'file.too_large' }, null, { max: '25 MB' });
    try {
      await withSavedUploads(files, user.id, uploads, (fileIds) => contestEntries.deliver(user, awardId, { note, fileIds }));
      return redirectTo(reply, `/contests/${award.contestId}#awards`, 'contests.handed_over');
    } catch (err) {
      if (!(err instanceof AppError) || err.code === 'auth.required') throw err;
      const fieldKeys = Object.keys(err.fields);
      const mapped = Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k === 'handover_note' ? 'note' : k, v]));
      return again(err.status, mapped, fieldKeys.length && err.code === 'validation.failed' ? null : err.code, err.params);
    }
  });

  form(app, '/contests/awards/:awardId/accept', {
    auth: true,
    render: async (req, state) => {
      const a = await contestEntries.awardById(parseId((req.params as { awardId: string }).awardId) ?? 0);
      return contestPage(req, String(a?.contestId ?? 0), emptyForm, emptyForm, state);
    },
    handle: async (req, _values, reply) => {
      const a = await contestEntries.accept(requireUser(req), parseId((req.params as { awardId: string }).awardId) ?? 0);
      return redirectTo(reply, `/contests/${a.contestId}#awards`, 'contests.accepted');
    },
  });

  // ——— moderators: the contests waiting for review (their prize already in escrow) ———
  const queueView = async (req: FastifyRequest, state: FormState) => {
    const user = requireUser(req);
    const items = await contests.moderationQueue(user);
    const owners = await accounts.publicByIds(items.map((k) => k.ownerId));
    return ContestsQueuePage({
      c: viewCtx(req),
      items,
      categories: categoryLabels(await services.catalog.categoryTree(), req.locale),
      owners,
      state,
      decideCount: can(user, 'resolve_disputes') ? await services.contestDisputes.counts().then((n) => n.staff + n.disputed) : undefined,
    });
  };
  const idOf = (req: FastifyRequest) => {
    const id = parseId((req.params as { id: string }).id);
    if (id === null) throw new AppError('contest.not_found');
    return id;
  };
  page(app, 'GET', '/admin/contests', async (req, reply) => sendHtml(reply, await queueView(req, emptyForm)));
  contestDisputePages(app, services, (req, id, state) => contestPage(req, id, emptyForm, emptyForm, state));
  form(app, '/admin/contests/:id/approve', {
    auth: true,
    render: queueView,
    handle: async (req, _v, reply) => {
      await contests.approve(requireUser(req), idOf(req));
      return redirectTo(reply, '/admin/contests', 'contests.approved');
    },
  });
  form(app, '/admin/contests/:id/reject', {
    auth: true,
    render: queueView,
    handle: async (req, v, reply) => {
      await contests.reject(requireUser(req), idOf(req), v.reason ?? '');
      return redirectTo(reply, '/admin/contests', 'contests.rejected');
    },
  });
}
