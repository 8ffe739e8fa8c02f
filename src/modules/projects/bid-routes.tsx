import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../platform/container.ts';
import { AppError } from '../../platform/errors.ts';
import { csrfValid, emptyForm, type FormState, form, page, redirectTo, requireUser, sendHtml, viewCtx } from '../../platform/http/pages.ts';
import { redirect } from '../../platform/http/redirect.ts';
import { parseId } from '../../platform/http/request.ts';
import { readFormWithFiles, sendPrivateFile, withSavedUploads } from '../../platform/http/uploads.ts';
import { parseMoney } from '../../platform/money.ts';
import { topUpCents } from '../wallet/index.ts';
import { MyBidsPage } from './bid-views.tsx';
import { renderProjectPage } from './routes.tsx';
import { BID_FILES_MAX } from './rules.ts';

/** An id from the path or form, or 0 (no row has it: the service says not found) for anything else. */
const num = (raw: unknown) => parseId(raw) ?? 0;
/** The bid's amount as typed → cents (NaN when it is not an amount: the bid rules refuse it with their message). */
const dollars = (raw: string | undefined) => parseMoney(raw) ?? Number.NaN;
const MY_STATUSES = ['active', 'hired', 'not_chosen', 'closed', 'withdrawn'];

/**
 * The bid forms on a project page (place, edit, withdraw; the owner's shortlist, hire and close), "my bids",
 * and bids' attachments. A refused form brings the project page back with what was typed.
 */
export function bidPages(app: FastifyInstance, services: Services): void {
  const { bids, files } = services;

  /** A bid form with files: saved first, removed again if the bid is refused (no orphans). */
  async function bidFromForm(
    req: FastifyRequest,
    reply: FastifyReply,
    projectIdOf: () => Promise<number>,
    act: (input: { amountCents: number; days: number; proposal: string; fileIds: number[] }) => Promise<unknown>,
    flash: string,
  ) {
    const user = requireUser(req);
    const { values, uploads, tooMany } = await readFormWithFiles(req, BID_FILES_MAX);
    const kept = { amount: values.amount ?? '', days: values.days ?? '', proposal: values.proposal ?? '' };
    const again = async (state: FormState, status: number) =>
      sendHtml(reply, await renderProjectPage(req, services, await projectIdOf(), { ...state, values: kept }), status);
    if (!csrfValid(req, values._csrf)) return again({ ...emptyForm, formError: 'http.csrf' }, 403);
    if (tooMany) return again({ ...emptyForm, errors: { files: 'bid.too_many_files' }, params: { max: BID_FILES_MAX } }, 400);
    if (uploads.some((u) => u.tooLarge)) return again({ ...emptyForm, errors: { files: 'file.too_large' }, params: { max: '25 MB' } }, 400);
    try {
      await withSavedUploads(files, user.id, uploads, (fileIds) =>
        act({
          amountCents: dollars(values.amount),
          days: Number(values.days?.trim() || Number.NaN),
          proposal: values.proposal ?? '',
          fileIds,
        }),
      );
      return redirectTo(reply, `/projects/${await projectIdOf()}#bids`, flash);
    } catch (err) {
      if (!(err instanceof AppError) || err.code === 'auth.required') throw err;
      const fields = { ...err.fields };
      if (fields.amountCents) fields.amount = fields.amountCents;
      return again(
        { values: kept, errors: fields, formError: Object.keys(fields).length ? null : err.code, params: err.params },
        err.status,
      );
    }
  }

  page(app, 'POST', '/projects/:id/bids', async (req, reply) => {
    const projectId = num((req.params as { id: string }).id);
    return bidFromForm(
      req,
      reply,
      async () => projectId,
      (input) => bids.place(requireUser(req), projectId, input),
      'bid.sent',
    );
  });

  page(app, 'POST', '/bids/:id/edit', async (req, reply) => {
    const bidId = num((req.params as { id: string }).id);
    const user = requireUser(req);
    return bidFromForm(
      req,
      reply,
      async () => (await bids.get(user, bidId)).projectId,
      (input) => bids.edit(user, bidId, input),
      'bid.saved',
    );
  });

  /** A one-button form on the project page (withdraw, shortlist, hire, close): a refusal shows on the page. */
  const projectAction = (
    path: string,
    projectIdOf: (req: FastifyRequest) => Promise<number>,
    act: (req: FastifyRequest, values: Record<string, string>, reply: FastifyReply) => Promise<FastifyReply>,
  ) =>
    form(app, path, {
      auth: true,
      render: async (req, state) => renderProjectPage(req, services, await projectIdOf(req), state),
      handle: (req, values, reply) => act(req, values, reply),
    });

  const bidProject = async (req: FastifyRequest) => (await bids.get(requireUser(req), num((req.params as { id: string }).id))).projectId;
  const paramProject = async (req: FastifyRequest) => num((req.params as { id: string }).id);

  projectAction('/bids/:id/withdraw', bidProject, async (req, _v, reply) => {
    const row = await bids.withdraw(requireUser(req), num((req.params as { id: string }).id));
    return redirectTo(reply, `/projects/${row.projectId}#bids`, 'bid.withdrawn');
  });

  projectAction('/bids/:id/shortlist', bidProject, async (req, v, reply) => {
    const row = await bids.shortlist(requireUser(req), num((req.params as { id: string }).id), v.on === '1');
    return redirectTo(reply, `/projects/${row.projectId}#bid-${row.id}`, 'bid.shortlist_saved');
  });

  projectAction('/projects/:id/hire', paramProject, async (req, v, reply) => {
    const projectId = num((req.params as { id: string }).id);
    // The form's own key: a double click or a resent form hires once and answers the same.
    const key = `hire:${projectId}:${num(v.bidId)}`;
    const user = requireUser(req);
    const r = await bids.hire(user, projectId, num(v.bidId), {
      key,
      userId: user.id,
      scope: 'page hire',
      request: { projectId, bidId: num(v.bidId) },
    });
    return redirectTo(reply, `/orders/${r.body.orderId}`, 'bid.hired');
  });

  // Short of balance to hire: a deposit of the difference (at least the minimum deposit) opens; the gateway
  // brings the owner back to the project, where the hire button now goes through.
  projectAction('/projects/:id/topup', paramProject, async (req, v, reply) => {
    const user = requireUser(req);
    const projectId = num((req.params as { id: string }).id);
    const bid = await bids.get(user, num(v.bidId));
    if (bid.projectId !== projectId) throw new AppError('bid.not_found');
    const { availableCents } = await services.wallet.balances(user.id);
    const { minDepositCents } = await services.wallet.settings();
    const amountCents = topUpCents(bid.amountCents - availableCents, minDepositCents);
    const d = await services.wallet.createDeposit(user, { amountCents, method: services.wallet.checkoutId }, null, {
      // Back on the project with the hire offered at the top (bid-views: finishHire).
      returnPath: `/projects/${projectId}?hire=${bid.id}#bid-${bid.id}`,
    });
    return redirect(reply, d.checkoutUrl as string, 303);
  });

  projectAction('/projects/:id/close', paramProject, async (req, _v, reply) => {
    const row = await bids.close(requireUser(req), num((req.params as { id: string }).id));
    return redirectTo(reply, `/projects/${row.id}`, 'project.closed_flash');
  });

  page(app, 'GET', '/my/bids', async (req, reply) => {
    const user = requireUser(req);
    const raw = String((req.query as Record<string, string>).status ?? '');
    const status = MY_STATUSES.includes(raw) ? raw : '';
    const r = await bids.mine(user.id, status || undefined);
    return sendHtml(reply, <MyBidsPage c={viewCtx(req)} items={r.items} active={r.active} limit={r.limit} status={status} />);
  });

  // A bid's attachments: for the bidder, the project's owner, and staff (whose reading is audited).
  page(app, 'GET', '/bids/:id/files/:fileId', async (req, reply) => {
    const user = requireUser(req);
    const p = req.params as { id: string; fileId: string };
    return sendPrivateFile(reply, await bids.bidFile(user, num(p.id), num(p.fileId), req.ip));
  });
}
