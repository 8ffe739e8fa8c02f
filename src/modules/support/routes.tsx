import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../platform/container.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { csrfValid, emptyForm, type FormState, form, page, redirectTo, requireUser, sendHtml, viewCtx } from '../../platform/http/pages.ts';
import { parseId } from '../../platform/http/request.ts';
import { readFormWithFiles, sendPrivateFile as sendTicketFile, withSavedUploads } from '../../platform/http/uploads.ts';
import { mayWorkQueue } from './policy.ts';
import { FILES_PER_TICKET_MESSAGE, TICKET_CATEGORIES, TICKET_STATUSES } from './service.ts';
import { NewTicketPage, QueuePage, type SanctionSummary, TicketPage, TicketsPage } from './views.tsx';

/** An id from the path, query or form, or 0 (no row has it: the service says not found) for anything else. */
const num = (raw: unknown) => parseId(raw) ?? 0;

/** A multipart complaint form: its text fields and files (at most 5, each ≤ 25 MB, in one request). */
const readTicketForm = (req: FastifyRequest) => readFormWithFiles(req, FILES_PER_TICKET_MESSAGE);

const summary = (
  s: { id: number; kind: string; reason: string; endsAt: Date | null; liftedAt: Date | null } | null,
): SanctionSummary | null => (s ? { id: s.id, kind: s.kind, reason: s.reason, endsAt: s.endsAt, liftedAt: s.liftedAt } : null);

/** Complaints: a user's tickets, filing one, the thread both ways with files, closing; support's queue. */
export function supportPages(app: FastifyInstance, services: Services, deps: Deps): void {
  const { support, files } = services;

  page(app, 'GET', '/support', async (req, reply) => {
    const user = requireUser(req);
    const cursor = String((req.query as Record<string, string>).cursor ?? '');
    const r = await support.list(user.id, { cursor: cursor || undefined }).catch(() => support.list(user.id));
    return sendHtml(reply, <TicketsPage c={viewCtx(req)} items={r.items} nextCursor={r.nextCursor} />);
  });

  /**
   * A form with files (a new complaint, a reply): on a refusal the page comes back with what was typed and
   * the reason; the files saved for it are removed again (no orphan), so they are chosen again.
   */
  async function withFiles(
    req: FastifyRequest,
    fields: string[],
    act: (values: Record<string, string>, fileIds: number[]) => Promise<FastifyReply>,
    again: (state: FormState, status: number) => Promise<FastifyReply>,
  ) {
    const user = requireUser(req);
    const { values, uploads, tooMany } = await readTicketForm(req);
    const kept = Object.fromEntries(fields.map((f) => [f, values[f] ?? '']));
    const fail = (code: string, errors: Record<string, string>, status: number, params = {}) =>
      again({ values: kept, errors, formError: Object.keys(errors).length ? null : code, params }, status);
    if (!csrfValid(req, values._csrf)) return fail('http.csrf', {}, 403);
    if (tooMany) return fail('validation.failed', { files: 'support.too_many_files' }, 400, { files: FILES_PER_TICKET_MESSAGE });
    if (uploads.some((u) => u.tooLarge)) return fail('validation.failed', { files: 'file.too_large' }, 400, { max: '25 MB' });
    try {
      return await withSavedUploads(files, user.id, uploads, (fileIds) => act(kept, fileIds));
    } catch (err) {
      if (!(err instanceof AppError) || err.code === 'auth.required') throw err;
      return again(
        { values: kept, errors: err.fields, formError: Object.keys(err.fields).length ? null : err.code, params: err.params },
        err.status,
      );
    }
  }

  // ——— filing a complaint; an appeal comes here as /support/new?category=appeal&sanction=ID ———
  async function newView(req: FastifyRequest, state: FormState) {
    const user = requireUser(req);
    const sanctionId = num(state.values.sanction);
    return (
      <NewTicketPage c={viewCtx(req)} state={state} sanction={summary(sanctionId ? await support.sanctionOf(user, sanctionId) : null)} />
    );
  }

  page(app, 'GET', '/support/new', async (req, reply) => {
    requireUser(req);
    const q = req.query as Record<string, string>;
    const category = (TICKET_CATEGORIES as readonly string[]).includes(q.category ?? '') ? q.category : '';
    const values = { category, sanction: num(q.sanction) ? q.sanction : '' };
    return sendHtml(reply, await newView(req, { ...emptyForm, values }));
  });

  page(app, 'POST', '/support/new', async (req, reply) => {
    const user = requireUser(req);
    return withFiles(
      req,
      ['category', 'subject', 'body', 'orderId', 'sanction'],
      async (v, fileIds) => {
        const order = v.orderId.trim().replace(/^#/, '');
        const t = await support.file(user, {
          category: v.category,
          subject: v.subject,
          body: v.body,
          // Something that is not an order number is refused as one (no such order of yours).
          orderId: order ? num(order) || -1 : null,
          sanctionId: num(v.sanction) || null,
          fileIds,
        });
        return redirectTo(reply, `/support/${t.id}`, 'support.filed');
      },
      async (state, status) => sendHtml(reply, await newView(req, state), status),
    );
  });

  // ——— a ticket: its owner, or support staff (every opening audited) ———
  async function threadView(req: FastifyRequest, id: number, state: FormState) {
    const user = requireUser(req);
    const r = await support.get(user, id, req.ip);
    return (
      <TicketPage
        c={viewCtx(req)}
        ticket={r.ticket}
        messages={r.messages}
        asStaff={r.asStaff}
        sanction={summary(r.sanction)}
        state={state}
      />
    );
  }

  page(app, 'GET', '/support/:id', async (req, reply) => {
    const id = num((req.params as { id: string }).id);
    if (!id) throw new AppError('support.not_found');
    return sendHtml(reply, await threadView(req, id, emptyForm));
  });

  page(app, 'POST', '/support/:id', async (req, reply) => {
    const user = requireUser(req);
    const id = num((req.params as { id: string }).id);
    if (!id) throw new AppError('support.not_found');
    return withFiles(
      req,
      ['body'],
      async (v, fileIds) => {
        await support.reply(user, id, v.body, fileIds, req.ip);
        return redirectTo(reply, `/support/${id}`, 'support.replied_flash');
      },
      async (state, status) => sendHtml(reply, await threadView(req, id, state), status),
    );
  });

  form(app, '/support/:id/close', {
    auth: true,
    render: (req, state) => threadView(req, num((req.params as { id: string }).id), state),
    handle: async (req, _v, reply) => {
      const id = num((req.params as { id: string }).id);
      await support.close(requireUser(req), id, req.ip);
      return redirectTo(reply, `/support/${id}`, 'support.closed_flash');
    },
  });

  // Files sent in tickets: only through this route, for the ticket's owner and support (audited).
  page(app, 'GET', '/support/files/:id', async (req, reply) => {
    const f = await support.attachment(requireUser(req), num((req.params as { id: string }).id), req.ip);
    return sendTicketFile(reply, f);
  });

  // ——— support's queue ———
  page(app, 'GET', '/admin/support', async (req, reply) => {
    const user = requireUser(req);
    if (!mayWorkQueue(user)) throw new AppError('auth.forbidden');
    const q = req.query as Record<string, string>;
    const status = (TICKET_STATUSES as readonly string[]).includes(q.status ?? '') ? q.status : 'open';
    const r = await support.queue(user, { status, cursor: q.cursor || undefined }).catch(() => support.queue(user, { status }));
    return sendHtml(reply, <QueuePage c={viewCtx(req)} status={status} items={r.items} nextCursor={r.nextCursor} now={deps.clock()} />);
  });
}
