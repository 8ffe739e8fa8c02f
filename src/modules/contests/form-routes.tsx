import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../platform/container.ts';
import { AppError } from '../../platform/errors.ts';
import { ATTACHMENT_MAX_BYTES } from '../../platform/files.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
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
import { readFormLists, sendPrivateFile, withSavedUploads } from '../../platform/http/uploads.ts';
import { parseMoney } from '../../platform/money.ts';
import { asciiDigits } from '../../platform/text.ts';
import { type BriefFile, ContestFormPage } from './form-views.tsx';
import { FILES_MAX, PLACES_MAX } from './rules.ts';
import type { ContestRow } from './service.ts';

/** The form's text fields (the files are `files`; the kept ones `fileIds`, those ticked for removal `removeFile`). */
const FIELDS = [
  'title',
  'description',
  'conditions',
  'categoryId',
  'skills',
  'prize1',
  'prize2',
  'prize3',
  'entryDays',
  'deliveryDays',
  'blind',
  'action',
];
const asciiDigitsOf = (v: string | undefined) => asciiDigits(v ?? '').trim();

/** The form's values → the service's input (prizes typed in dollars: an unreadable one is refused, not dropped). */
function inputOf(v: FormValues, fileIds: number[]) {
  return {
    title: v.title ?? '',
    description: v.description ?? '',
    conditions: v.conditions ?? '',
    categoryId: v.categoryId ?? '',
    skills: v.skills ?? '',
    prizesCents: Array.from({ length: PLACES_MAX }, (_, i) => {
      const typed = (v[`prize${i + 1}`] ?? '').trim();
      return typed === '' ? null : (parseMoney(typed) ?? Number.NaN);
    }),
    entryDays: asciiDigitsOf(v.entryDays),
    deliveryDays: asciiDigitsOf(v.deliveryDays),
    blind: v.blind === 'on',
    fileIds,
  };
}

function valuesOf(k: ContestRow): FormValues {
  return {
    title: k.title,
    description: k.description,
    conditions: k.conditions,
    categoryId: k.categoryId ? String(k.categoryId) : '',
    skills: k.skills.join('، '),
    ...Object.fromEntries(k.prizesCents.map((p, i) => [`prize${i + 1}`, String(p / 100)])),
    entryDays: k.entryDays ? String(k.entryDays) : '',
    deliveryDays: k.deliveryDays ? String(k.deliveryDays) : '',
    blind: k.blind ? 'on' : '',
  };
}

/**
 * Writing a contest (a draft, or published: the prize into escrow, then a moderator's review), with its brief's
 * files; the top-up for a draft short of its prize; and the brief's files for whoever may see the contest.
 */
export function contestFormPages(app: FastifyInstance, services: Services): void {
  const { contests, files } = services;

  /** The files of the brief by id, in order, that belong to `ownerId` (kept through a refused form). */
  const briefFiles = async (ownerId: number, ids: number[]): Promise<BriefFile[]> => {
    const rows = new Map((await files.byIds(ids)).filter((f) => f.ownerId === ownerId).map((f) => [f.id, f]));
    return ids.flatMap((id) => {
      const f = rows.get(id);
      return f ? [{ id: f.id, name: f.name, size: f.size }] : [];
    });
  };

  const formView = async (req: FastifyRequest, state: FormState, contest: ContestRow | null, kept?: BriefFile[]) => {
    const user = requireUser(req);
    const [categories, balance] = await Promise.all([services.catalog.categoryTree(), services.wallet.balances(user.id)]);
    // The balance is short of a publishable draft's prize: the top-up is offered (or its fate shown, once made).
    const short = contest ? contest.prizeTotalCents - balance.availableCents : 0;
    const made = contest ? services.contestTopUps.stateOf(contest) : null;
    const offered = (req.query as Record<string, string>).topup === '1' || state.formError === 'wallet.insufficient_funds';
    const topUp = made ?? (contest && short > 0 && offered ? { status: 'offer' as const, shortCents: short } : null);
    return (
      <ContestFormPage
        c={viewCtx(req)}
        state={state}
        categories={categories}
        contest={contest}
        files={kept ?? (contest ? await briefFiles(contest.ownerId, contest.fileIds) : [])}
        availableCents={balance.availableCents}
        topUp={topUp}
      />
    );
  };

  /** The owner's draft or rejected contest, for its form. */
  const ownDraft = async (user: AuthUser, rawId: string): Promise<ContestRow> => {
    const id = parseId(rawId);
    if (id === null) throw new AppError('contest.not_found');
    const k = await contests.get(id, user);
    if (k.ownerId !== user.id) throw new AppError('contest.forbidden');
    if (!['draft', 'rejected'].includes(k.status)) throw new AppError('contest.wrong_state');
    return k;
  };

  /**
   * The form's POST (multipart): the CSRF token is checked before anything is stored, the new files are stored, then
   * the contest is saved. A refusal brings the form back with what was typed and the files kept from before; the
   * files this request stored are removed again (no orphans). Short of the prize, the draft is kept with its files
   * and its form offers the top-up that publishes it.
   */
  const save = async (req: FastifyRequest, reply: FastifyReply, existing: ContestRow | null) => {
    const user = requireUser(req);
    const limits = { fileSize: ATTACHMENT_MAX_BYTES, files: FILES_MAX + 1, fields: 60, fieldSize: 64 * 1024 };
    const { fields, uploads, overflow } = await readFormLists(req, 'files', limits);
    const values: FormValues = {};
    for (const k of FIELDS) if (fields[k]?.length) values[k] = fields[k][fields[k].length - 1];
    const removed = new Set(fields.removeFile ?? []);
    const kept = [...new Set((fields.fileIds ?? []).filter((v) => !removed.has(v)).map(parseId))].filter((n): n is number => n !== null);
    const refuse = async (
      status: number,
      errors: Record<string, string>,
      formError: string | null,
      params: Record<string, string | number> = {},
    ) =>
      sendHtml(
        reply,
        await formView(req, { ...emptyForm, values, errors, formError, params }, existing, await briefFiles(user.id, kept)),
        status,
      );

    if (!csrfValid(req, fields._csrf?.at(-1))) return refuse(403, {}, 'http.csrf');
    if (overflow !== null || kept.length + uploads.length > FILES_MAX) return refuse(400, { fileIds: 'contest.files_invalid' }, null);
    if (uploads.some((u) => u.tooLarge)) return refuse(400, { fileIds: 'file.too_large' }, null, { max: '25 MB' });
    const publish = values.action === 'publish';
    try {
      const { row, short } = await withSavedUploads(files, user.id, uploads, async (saved) => {
        const input = inputOf(values, [...kept, ...saved]);
        const write = (opts: { publish: boolean }) =>
          existing ? contests.update(user, existing.id, input, opts) : contests.create(user, input, opts);
        try {
          return { row: await write({ publish }), short: false };
        } catch (err) {
          if (!publish || !(err instanceof AppError) || err.code !== 'wallet.insufficient_funds') throw err;
          return { row: await write({ publish: false }), short: true };
        }
      });
      // The files ticked for removal are gone with the edit (they belong to nothing else).
      if (existing)
        await files.remove(
          user.id,
          existing.fileIds.filter((id) => !row.fileIds.includes(id)),
        );
      if (short) return redirectTo(reply, `/contests/${row.id}/edit?topup=1#topup`);
      if (row.status === 'pending') return redirectTo(reply, `/contests/${row.id}`, 'contests.published');
      return redirectTo(reply, `/contests/${row.id}/edit`, 'contests.saved_draft');
    } catch (err) {
      if (!(err instanceof AppError) || err.code === 'auth.required') throw err;
      const fieldKeys = Object.keys(err.fields);
      return refuse(err.status, err.fields, fieldKeys.length && err.code === 'validation.failed' ? null : err.code, err.params);
    }
  };

  page(app, 'GET', '/contests/new', async (req, reply) => sendHtml(reply, await formView(req, emptyForm, null)));
  page(app, 'POST', '/contests/new', async (req, reply) => save(req, reply, null));
  page(app, 'GET', '/contests/:id/edit', async (req, reply) => {
    const user = requireUser(req);
    const rawId = (req.params as { id: string }).id;
    // Back from the gateway after the top-up published the draft: its page, which says it is in review.
    if ((req.query as Record<string, string>).deposit) {
      const id = parseId(rawId);
      const was = id === null ? null : await contests.get(id, user).catch(() => null);
      if (was && was.ownerId === user.id && !['draft', 'rejected'].includes(was.status))
        return redirectTo(reply, `/contests/${was.id}`, 'contests.topup_published');
    }
    const k = await ownDraft(user, rawId);
    return sendHtml(reply, await formView(req, { ...emptyForm, values: valuesOf(k) }, k));
  });
  page(app, 'POST', '/contests/:id/edit', async (req, reply) =>
    save(req, reply, await ownDraft(requireUser(req), (req.params as { id: string }).id)),
  );
  // The top-up for a short draft: the gateway's checkout, back to the draft, published once the money is credited.
  form(app, '/contests/:id/topup', {
    auth: true,
    render: async (req, state) => formView(req, state, await ownDraft(requireUser(req), (req.params as { id: string }).id)),
    handle: async (req, _values, reply) => {
      const user = requireUser(req);
      const k = await ownDraft(user, (req.params as { id: string }).id);
      const d = await services.contestTopUps.checkoutToPublish(user, k.id);
      return redirect(reply, d.checkoutUrl, 303);
    },
  });

  // A file of the brief: public with the contest (a draft's: its owner and moderators); a download, never sniffed.
  page(app, 'GET', '/contests/:id/files/:fileId', async (req, reply) => {
    const p = req.params as { id: string; fileId: string };
    const id = parseId(p.id);
    const fileId = parseId(p.fileId);
    if (id === null || fileId === null) throw new AppError('contest.file_not_found');
    return sendPrivateFile(reply, await contests.briefFile(req.user, id, fileId));
  });
}
