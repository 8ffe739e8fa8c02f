import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { Services } from '../../platform/container.ts';
import { AppError } from '../../platform/errors.ts';
import { csrfValid, emptyForm, type FormState, form, page, redirectTo, requireUser, sendHtml, viewCtx } from '../../platform/http/pages.ts';
import { parseId } from '../../platform/http/request.ts';
import { readFormWithFiles, sendPrivateFile as sendAttachment, withSavedUploads } from '../../platform/http/uploads.ts';
import { mayReadAsStaff } from './policy.ts';
import { FILES_PER_MESSAGE } from './service.ts';
import { InboxPage, MessageItem, NewMessagePage, type Party, StaffConversationsPage, StaffThreadPage, ThreadPage } from './views.tsx';

/** An id from the path or query, or 0 (no row has it: the service says not found) for anything else. */
const num = (raw: unknown) => parseId(raw) ?? 0;

/** A multipart message form: its text fields and files (at most 10, each ≤ 25 MB, one request). */
const readMessageForm = (req: FastifyRequest) => readFormWithFiles(req, FILES_PER_MESSAGE);

/** The inbox, threads with live updates and attachments, writing to a user, blocking, and staff reading. */
/** Something another module shows beside a conversation's thread (orders: its custom offers), or null. */
export type ThreadPanel = (req: FastifyRequest, conversation: { id: number; kind: string }) => Promise<VNode | null>;

export function messagingPages(app: FastifyInstance, services: Services, panels: ThreadPanel[] = []): void {
  const { messaging, accounts, files } = services;

  const party = (
    u: { username: string; displayName: string; avatarUrl: string | null; lastSeenAt: string | null } | undefined,
  ): Party | null => (u ? { username: u.username, displayName: u.displayName, avatarUrl: u.avatarUrl, lastSeenAt: u.lastSeenAt } : null);

  page(app, 'GET', '/messages', async (req, reply) => {
    const user = requireUser(req);
    const cursor = (req.query as Record<string, string>).cursor;
    let r: Awaited<ReturnType<typeof messaging.inbox>>;
    try {
      r = await messaging.inbox(user.id, { cursor: cursor || undefined });
    } catch {
      r = await messaging.inbox(user.id, {});
    }
    return sendHtml(
      reply,
      <InboxPage
        c={viewCtx(req)}
        items={r.items.map((i) => ({ ...i, with: party(i.with ?? undefined) }))}
        nextCursor={r.nextCursor}
        now={new Date()}
      />,
    );
  });

  async function threadView(req: FastifyRequest, id: number, state: FormState) {
    const user = requireUser(req);
    const before = num((req.query as Record<string, string>)?.before);
    const t = await messaging.thread(user, id, { before: before || undefined });
    const other = t.members.find((m) => m.userId !== user.id);
    const people = await accounts.publicByIds(t.members.map((m) => m.userId));
    let disabled: string | null = null;
    let blockedByMe = false;
    if (t.conversation.kind === 'direct' && other) {
      const b = await messaging.blockState(user.id, other.userId);
      blockedByMe = b.byMe;
      disabled = b.byMe ? 'messaging.you_blocked' : b.byThem ? 'messaging.blocked' : null;
    }
    const extras = (await Promise.all(panels.map((p) => p(req, { id: t.conversation.id, kind: t.conversation.kind })))).filter(
      (x): x is VNode => x !== null,
    );
    return (
      <ThreadPage
        c={viewCtx(req)}
        extras={extras}
        conversationId={t.conversation.id}
        kind={t.conversation.kind}
        other={party(other ? people.get(other.userId) : undefined)}
        items={t.items}
        olderCursor={t.olderCursor}
        otherLastRead={other?.lastReadMessageId ?? 0}
        meId={user.id}
        state={state}
        disabled={disabled}
        blockedByMe={blockedByMe}
        now={new Date()}
      />
    );
  }

  page(app, 'GET', '/messages/:id', async (req, reply) => {
    const user = requireUser(req);
    const id = num((req.params as { id: string }).id);
    if (!id) throw new AppError('messaging.not_found');
    // Opening the thread reads it: the other side sees the receipt, and the header's count drops at once.
    await messaging.markRead(user.id, id);
    if (req.badges) req.badges.messages = await messaging.unreadConversations(user.id);
    return sendHtml(reply, await threadView(req, id, emptyForm));
  });

  /**
   * Sends a message (and its files) from the page's form. On a refusal the page comes back with the text
   * typed and the reason; files saved for it are removed again (no orphan), so they are chosen again.
   */
  async function sendFromForm(
    req: FastifyRequest,
    reply: FastifyReply,
    send: (body: string, fileIds: number[]) => Promise<number>,
    again: (state: FormState, status: number) => Promise<FastifyReply>,
  ) {
    const user = requireUser(req);
    const { values, uploads, tooMany } = await readMessageForm(req);
    const kept = { body: values.body ?? '' };
    const fail = (code: string, fields: Record<string, string>, status: number, params = {}) =>
      again({ values: kept, errors: fields, formError: Object.keys(fields).length ? null : code, params }, status);
    if (!csrfValid(req, values._csrf)) return fail('http.csrf', {}, 403);
    if (tooMany) return fail('validation.failed', { files: 'messaging.too_many_files' }, 400);
    const big = uploads.find((u) => u.tooLarge);
    if (big) return fail('validation.failed', { files: 'file.too_large' }, 400, { max: '25 MB' });
    try {
      const conversationId = await withSavedUploads(files, user.id, uploads, (fileIds) => send(kept.body, fileIds));
      if (req.headers['x-requested-with'] === 'fetch') return reply.status(204).send();
      return redirectTo(reply, `/messages/${conversationId}`);
    } catch (err) {
      if (!(err instanceof AppError) || err.code === 'auth.required') throw err;
      return again(
        { values: kept, errors: err.fields, formError: Object.keys(err.fields).length ? null : err.code, params: err.params },
        err.status,
      );
    }
  }

  page(app, 'POST', '/messages/:id', async (req, reply) => {
    const user = requireUser(req);
    const id = num((req.params as { id: string }).id);
    if (!id) throw new AppError('messaging.not_found');
    return sendFromForm(
      req,
      reply,
      async (body, fileIds) => (await messaging.send(user, id, body, fileIds)).conversationId,
      async (state, status) => sendHtml(reply, await threadView(req, id, state), status),
    );
  });

  // New messages for an open thread (the live script asks after a `message` event): list items only.
  page(app, 'GET', '/messages/:id/after/:last', async (req, reply) => {
    const user = requireUser(req);
    const p = req.params as { id: string; last: string };
    const id = num(p.id);
    if (!id) throw new AppError('messaging.not_found');
    const t = await messaging.thread(user, id, { after: num(p.last) });
    const other = t.members.find((m) => m.userId !== user.id);
    const c = viewCtx(req);
    const html = t.items
      .map((m) =>
        renderToString(
          <MessageItem
            c={c}
            m={m}
            mine={m.sender.id === user.id}
            seen={m.sender.id === user.id && (other?.lastReadMessageId ?? 0) >= m.id}
            filesBase="/messages/files"
          />,
        ),
      )
      .join('');
    return reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  });

  form(app, '/messages/:id/read', {
    auth: true,
    render: async (req, state) => threadView(req, num((req.params as { id: string }).id), state),
    handle: async (req, _v, reply) => {
      const r = await messaging.markRead(requireUser(req).id, num((req.params as { id: string }).id));
      return reply.send(r);
    },
  });

  for (const action of ['block', 'unblock'] as const) {
    form(app, `/messages/:id/${action}`, {
      auth: true,
      render: async (req, state) => threadView(req, num((req.params as { id: string }).id), state),
      handle: async (req, _v, reply) => {
        const user = requireUser(req);
        const id = num((req.params as { id: string }).id);
        const t = await messaging.thread(user, id, { limit: 1 });
        const other = t.members.find((m) => m.userId !== user.id);
        if (t.conversation.kind !== 'direct' || !other) throw new AppError('messaging.not_found');
        const u = (await accounts.publicByIds([other.userId])).get(other.userId);
        if (!u) throw new AppError('messaging.user_not_found');
        if (action === 'block') await messaging.block(user, u.username);
        else await messaging.unblock(user, u.username);
        return redirectTo(reply, `/messages/${id}`, action === 'block' ? 'messaging.blocked_done' : 'messaging.unblocked_done');
      },
    });
  }

  // ——— writing to someone from their service or profile ———
  async function newView(req: FastifyRequest, state: FormState) {
    const user = requireUser(req);
    const to = String((req.query as Record<string, string>).to ?? '');
    const target = to ? await accounts.byUsername(to.replace(/^@/, '')) : null;
    if (!target || target.deactivatedAt) throw new AppError('messaging.user_not_found');
    if (target.id === user.id) throw new AppError('messaging.self');
    const b = await messaging.blockState(user.id, target.id);
    const pub = (await accounts.publicByIds([target.id])).get(target.id);
    return (
      <NewMessagePage
        c={viewCtx(req)}
        to={party(pub) as Party}
        state={state}
        disabled={b.byMe ? 'messaging.you_blocked' : b.byThem ? 'messaging.blocked' : null}
      />
    );
  }

  page(app, 'GET', '/messages/new', async (req, reply) => {
    const user = requireUser(req);
    const to = String((req.query as Record<string, string>).to ?? '');
    const existing = to ? await messaging.directWith(user.id, to.replace(/^@/, '')) : null;
    if (existing) return redirectTo(reply, `/messages/${existing}`);
    return sendHtml(reply, await newView(req, emptyForm));
  });

  page(app, 'POST', '/messages/new', async (req, reply) => {
    const user = requireUser(req);
    const to = String((req.query as Record<string, string>).to ?? '');
    return sendFromForm(
      req,
      reply,
      async (body, fileIds) => (await messaging.start(user, to, body, fileIds)).conversationId,
      async (state, status) => sendHtml(reply, await newView(req, state), status),
    );
  });

  // Attachments: only through this route, for the people who may see them (messaging.attachment).
  page(app, 'GET', '/messages/files/:id', async (req, reply) => {
    const f = await messaging.attachment(requireUser(req), num((req.params as { id: string }).id), req.ip);
    return sendAttachment(reply, f);
  });

  // ——— staff: find a user's conversations, open one for a stated reason (audited) ———
  const staff = (req: FastifyRequest) => {
    const u = requireUser(req);
    if (!mayReadAsStaff(u)) throw new AppError('auth.forbidden');
    return u;
  };

  page(app, 'GET', '/admin/conversations', async (req, reply) => {
    staff(req);
    const username = String((req.query as Record<string, string>).user ?? '').trim();
    const u = username ? await accounts.byUsername(username.replace(/^@/, '')) : null;
    const items = u ? await messaging.conversationsOf(u.id) : [];
    return sendHtml(reply, <StaffConversationsPage c={viewCtx(req)} username={username} found={Boolean(u)} items={items} />);
  });

  async function staffView(
    req: FastifyRequest,
    state: FormState,
    items: Awaited<ReturnType<typeof messaging.views>> | null,
    memberIds?: number[],
  ) {
    staff(req);
    const id = num((req.params as { id: string }).id);
    const ids = memberIds ?? (await messaging.membersOf(id));
    if (!ids) throw new AppError('messaging.not_found');
    const people = await accounts.publicByIds(ids);
    const members = ids.flatMap((m) => {
      const p = party(people.get(m));
      return p ? [p] : [];
    });
    return <StaffThreadPage c={viewCtx(req)} conversationId={id} state={state} members={members} items={items} />;
  }

  page(app, 'GET', '/admin/conversations/:id', async (req, reply) => sendHtml(reply, await staffView(req, emptyForm, null)));

  form(app, '/admin/conversations/:id', {
    auth: true,
    render: (req, state) => staffView(req, state, null),
    handle: async (req, values, reply) => {
      const u = staff(req);
      const t = await messaging.staffRead(u, num((req.params as { id: string }).id), values.reason ?? '', req.ip, { limit: 100 });
      return sendHtml(
        reply,
        await staffView(
          req,
          emptyForm,
          t.items,
          t.members.map((m) => m.userId),
        ),
      );
    },
  });
}
