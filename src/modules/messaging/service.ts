import { and, asc, desc, eq, gt, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm';
import { audit } from '../../platform/audit.ts';
import { type DbOrTx, queryRows } from '../../platform/db/index.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import type { FileRow, FilesService } from '../../platform/files.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { MAX_DATE_MS, parseId } from '../../platform/http/request.ts';
import { enqueue } from '../../platform/outbox.ts';
import type { PublicView } from '../accounts/index.ts';
import type { Contact, NotificationsService } from '../notifications/index.ts';
import { contactFindings, contactRefusal, scanCoercion, scanContacts, type TrustService } from '../trust/index.ts';
import { messageMail } from './mails.ts';
import { mayReadAsStaff } from './policy.ts';
import { conversationMembers, conversations, messages, userBlocks } from './schema.ts';

export const MESSAGE_MAX = 5000;
export const FILES_PER_MESSAGE = 10;
/** Sending: at most 30 messages a minute, and 20 new conversations an hour, per user. */
const SEND_LIMIT = { count: 30, seconds: 60 };
const START_LIMIT = { count: 20, seconds: 3600 };
const PAGE_MAX = 100;

type UserRow = { id: number; username: string; deactivatedAt: Date | null };
interface Accounts {
  byUsername(username: string): Promise<UserRow | null>;
  publicByIds(ids: number[]): Promise<Map<number, PublicView>>;
  contactOf(userId: number, tx?: DbOrTx): Promise<Contact | null>;
}

export type MessageRow = typeof messages.$inferSelect;
export type ConversationRow = typeof conversations.$inferSelect;

/** A message as participants (and the API) see it. */
export interface MessageView {
  id: number;
  conversationId: number;
  sender: { id: number; username: string; displayName: string };
  body: string;
  files: { id: number; name: string; size: number; type: string }[];
  createdAt: string;
  removed: boolean;
}

export function createMessagingService(
  deps: Deps,
  accounts: Accounts,
  files: FilesService,
  notifications: Pick<NotificationsService, 'mailOn'>,
  trust: Pick<TrustService, 'recordAttempt' | 'assertAllowed' | 'flagCoercion'>,
) {
  const { db, live, limiter, config } = deps;

  function checkBody(body: string, fileIds: number[]) {
    const text = body.replace(/\r\n/g, '\n').trim();
    const fields: Record<string, string> = {};
    if (!text && fileIds.length === 0) fields.body = 'messaging.body_required';
    if (text.length > MESSAGE_MAX) fields.body = 'messaging.body_too_long';
    if (fileIds.length > FILES_PER_MESSAGE) fields.files = 'messaging.too_many_files';
    if (Object.keys(fields).length) throw invalid(fields, { max: MESSAGE_MAX, files: FILES_PER_MESSAGE });
    // Contact details may not be exchanged (privacy policy): refused, naming what was found.
    const scan = scanContacts(text);
    if (scan.contact) throw contactRefusal({ body: scan.matches });
    return text;
  }

  /**
   * The body checked for a user's message; a contact-details refusal is recorded against them first, and names the
   * refusal (`attemptId`, in the problem document too) so that its author can ask a moderator to review it.
   */
  async function checkFrom(userId: number, body: string, fileIds: number[]) {
    try {
      return checkBody(body, fileIds);
    } catch (err) {
      if (!(err instanceof AppError) || !contactFindings(err)) throw err;
      const { attemptId } = await trust.recordAttempt(userId, 'message', scanContacts(body).matches);
      throw new AppError(err.code, { ...err.params, attemptId }, err.fields, { extra: { attemptId } });
    }
  }

  async function blockedEitherWay(tx: DbOrTx, a: number, b: number): Promise<{ byThem: boolean; byMe: boolean }> {
    const rows = await tx
      .select()
      .from(userBlocks)
      .where(
        or(and(eq(userBlocks.blockerId, a), eq(userBlocks.blockedId, b)), and(eq(userBlocks.blockerId, b), eq(userBlocks.blockedId, a))),
      );
    return { byMe: rows.some((r) => r.blockerId === a), byThem: rows.some((r) => r.blockerId === b) };
  }

  async function membersOf(tx: DbOrTx, conversationId: number) {
    return tx.select().from(conversationMembers).where(eq(conversationMembers.conversationId, conversationId));
  }

  /**
   * The conversation and its members, in one query, if `userId` takes part in it; otherwise not found (its
   * existence is not disclosed).
   */
  async function asMember(tx: DbOrTx, userId: number, conversationId: number) {
    if (!Number.isSafeInteger(conversationId) || conversationId < 1) throw new AppError('messaging.not_found');
    const rows = await tx
      .select({ c: conversations, m: conversationMembers })
      .from(conversations)
      .innerJoin(conversationMembers, eq(conversationMembers.conversationId, conversations.id))
      .where(eq(conversations.id, conversationId));
    const c = rows[0]?.c;
    const members = rows.map((r) => r.m);
    const me = members.find((m) => m.userId === userId);
    if (!c || !me) throw new AppError('messaging.not_found');
    return { c, members, me };
  }

  /**
   * Where `userId` may write: `asMember` plus, for a direct conversation, whether either side blocked the
   * other — all in the same one query (the block flags of each member towards `userId` and back).
   */
  async function asSender(tx: DbOrTx, userId: number, conversationId: number) {
    if (!Number.isSafeInteger(conversationId) || conversationId < 1) throw new AppError('messaging.not_found');
    const rows = await tx
      .select({
        c: conversations,
        m: conversationMembers,
        blocksMe: sql<boolean>`exists (select 1 from ${userBlocks} where ${userBlocks.blockerId} = ${conversationMembers.userId} and ${userBlocks.blockedId} = ${userId})`,
        blockedByMe: sql<boolean>`exists (select 1 from ${userBlocks} where ${userBlocks.blockerId} = ${userId} and ${userBlocks.blockedId} = ${conversationMembers.userId})`,
      })
      .from(conversations)
      .innerJoin(conversationMembers, eq(conversationMembers.conversationId, conversations.id))
      .where(eq(conversations.id, conversationId));
    const c = rows[0]?.c;
    if (!c || !rows.some((r) => r.m.userId === userId)) throw new AppError('messaging.not_found');
    if (c.kind === 'direct') {
      const other = rows.find((r) => r.m.userId !== userId);
      if (other?.blocksMe) throw new AppError('messaging.blocked');
      if (other?.blockedByMe) throw new AppError('messaging.you_blocked');
    }
    return c;
  }

  async function views(rows: MessageRow[]): Promise<MessageView[]> {
    const people = await accounts.publicByIds(rows.map((r) => r.senderId));
    const fileRows = await files.byIds([...new Set(rows.flatMap((r) => (r.removedAt ? [] : r.fileIds)))]);
    const byId = new Map(fileRows.map((f) => [f.id, f]));
    return rows.map((r) => {
      const u = people.get(r.senderId);
      return {
        id: r.id,
        conversationId: r.conversationId,
        sender: { id: r.senderId, username: u?.username ?? '', displayName: u?.displayName ?? '' },
        body: r.removedAt ? '' : r.body,
        files: r.removedAt
          ? []
          : r.fileIds.flatMap((id) => {
              const f = byId.get(id);
              return f ? [{ id: f.id, name: f.name, size: f.size, type: f.type }] : [];
            }),
        createdAt: r.createdAt.toISOString(),
        removed: r.removedAt !== null,
      };
    });
  }

  /**
   * Writes a message into a conversation the sender is part of: one transaction, then the live event on commit.
   * Also gives the rows of its files (checked to be the sender's attachments) and whether a mail was queued.
   */
  async function post(tx: DbOrTx, senderId: number, conversationId: number, text: string, fileIds: number[]) {
    const now = deps.clock();
    const unique = [...new Set(fileIds)];
    const own = unique.length ? await files.owned(tx, senderId, unique, 'attachment') : [];
    if (own.length !== unique.length) throw invalid({ files: 'messaging.file_invalid' });
    const [m] = await tx.insert(messages).values({ conversationId, senderId, body: text, fileIds: unique, createdAt: now }).returning();
    // A review tied to a refund or a favour is sent, and flagged to the moderators (trust's coercion.ts).
    if (scanCoercion(text).coercion) await trust.flagCoercion(tx, senderId, { messageId: m.id, conversationId, text });
    await tx.update(conversations).set({ lastMessageId: m.id, lastMessageAt: now }).where(eq(conversations.id, conversationId));
    // Every member in one statement: the conversation moves up their inbox; the sender has read up to here;
    // the others get the "new message" mail once per unread streak (the flag is cleared when they catch up),
    // so those whose flag was still down are mailed. The rows are locked (FOR UPDATE) before their old flag is
    // read, so two messages sent at once cannot both see it down.
    const members = await queryRows<{ user_id: number; to_mail: boolean }>(
      tx,
      sql`UPDATE conversation_members AS cm SET
            last_message_at = ${now.toISOString()}::timestamptz,
            last_read_message_id = CASE WHEN cm.user_id = ${senderId}::int THEN ${m.id}::bigint ELSE cm.last_read_message_id END,
            mailed = (cm.user_id <> ${senderId}::int)
          FROM (SELECT user_id, mailed FROM conversation_members WHERE conversation_id = ${conversationId}::bigint FOR UPDATE) AS old
          WHERE cm.conversation_id = ${conversationId}::bigint AND cm.user_id = old.user_id
          RETURNING cm.user_id, (cm.user_id <> ${senderId}::int AND NOT old.mailed) AS to_mail`,
    );
    const toMail = members.filter((x) => x.to_mail).map((x) => Number(x.user_id));
    let queued = false;
    if (toMail.length) {
      const sender = await accounts.contactOf(senderId, tx);
      for (const userId of toMail) {
        if (!(await notifications.mailOn(userId, 'messages', tx))) continue;
        const to = await accounts.contactOf(userId, tx);
        if (to) {
          await enqueue(tx, {
            kind: 'mail',
            payload: messageMail({ ...to, baseUrl: config.baseUrl, from: sender?.name ?? '', conversationId }),
          });
          queued = true;
        }
      }
    }
    // Each member hears of the message with their own count of unread conversations (the inbox badge).
    for (const x of members) {
      const userId = Number(x.user_id);
      const unread = userId === senderId ? undefined : await service.unreadConversations(userId, tx);
      await live.publish(tx, [userId], {
        type: 'message',
        data: { conversationId, messageId: m.id, senderId, unreadConversations: unread },
      });
    }
    return { m, files: own, queued };
  }

  /** The view of a message just sent by `sender`, from what the sending already has (no query). */
  function sentView(sender: Pick<AuthUser, 'id' | 'username' | 'displayName'>, m: MessageRow, fileRows: FileRow[]): MessageView {
    const byId = new Map(fileRows.map((f) => [f.id, f]));
    return {
      id: m.id,
      conversationId: m.conversationId,
      sender: { id: sender.id, username: sender.username, displayName: sender.displayName },
      body: m.body,
      files: m.fileIds.flatMap((id) => {
        const f = byId.get(id);
        return f ? [{ id: f.id, name: f.name, size: f.size, type: f.type }] : [];
      }),
      createdAt: m.createdAt.toISOString(),
      removed: false,
    };
  }

  /** The direct conversation of `a` and `b` (made on first use), unless either blocked the other. */
  async function openDirect(tx: DbOrTx, a: number, b: number): Promise<number> {
    const block = await blockedEitherWay(tx, a, b);
    if (block.byThem) throw new AppError('messaging.blocked');
    if (block.byMe) throw new AppError('messaging.you_blocked');
    const key = a < b ? `${a}:${b}` : `${b}:${a}`;
    // Two first messages at once: the unique key lets one insert; the other finds it.
    await tx
      .insert(conversations)
      .values({ kind: 'direct', directKey: key, createdAt: deps.clock() })
      .onConflictDoNothing({ target: conversations.directKey });
    const [c] = await tx.select().from(conversations).where(eq(conversations.directKey, key));
    await tx
      .insert(conversationMembers)
      .values([a, b].map((userId) => ({ conversationId: c.id, userId, joinedAt: deps.clock() })))
      .onConflictDoNothing();
    return c.id;
  }

  const service = {
    /**
     * A refused message a moderator allowed on review (trust's appeals): sent as its author wrote it, inside the
     * moderator's transaction, to the conversation (`conversationId`) or the person (`toId`) it was going to — the
     * contact check is the moderator's now; membership, blocks and a messaging sanction still hold.
     */
    async deliverReviewed(tx: DbOrTx, userId: number, target: Record<string, string | number>, body: string): Promise<{ url: string }> {
      await trust.assertAllowed(userId, 'messaging', tx);
      let conversationId: number;
      if (typeof target.conversationId === 'number') conversationId = (await asSender(tx, userId, target.conversationId)).id;
      else {
        // The person found when the appeal was made (`toId`: no read outside this transaction).
        const otherId = Number(target.toId);
        if (!Number.isSafeInteger(otherId) || otherId < 1 || otherId === userId) throw new AppError('messaging.user_not_found');
        conversationId = await openDirect(tx, userId, otherId);
      }
      await post(tx, userId, conversationId, body, []);
      return { url: `/messages/${conversationId}` };
    },

    /** Opens (or reuses) the direct conversation with `withUsername` and sends the first message. */
    async start(actor: AuthUser, withUsername: string, body: string, fileIds: number[] = []) {
      await trust.assertAllowed(actor.id, 'messaging');
      const text = await checkFrom(actor.id, body, fileIds);
      const other = await accounts.byUsername(withUsername.trim().replace(/^@/, ''));
      if (!other || other.deactivatedAt) throw new AppError('messaging.user_not_found');
      if (other.id === actor.id) throw new AppError('messaging.self');
      await limiter.hit(`msg-start:${actor.id}`, START_LIMIT.count, START_LIMIT.seconds);
      await limiter.hit(`msg:${actor.id}`, SEND_LIMIT.count, SEND_LIMIT.seconds);
      const sent = await db.transaction(async (tx) => post(tx, actor.id, await openDirect(tx, actor.id, other.id), text, fileIds));
      if (sent.queued) deps.outbox.kick();
      return { conversationId: sent.m.conversationId, message: sentView(actor, sent.m, sent.files) };
    },

    async send(actor: AuthUser, conversationId: number, body: string, fileIds: number[] = []) {
      await trust.assertAllowed(actor.id, 'messaging');
      const text = await checkFrom(actor.id, body, fileIds);
      await limiter.hit(`msg:${actor.id}`, SEND_LIMIT.count, SEND_LIMIT.seconds);
      const sent = await db.transaction(async (tx) => {
        const c = await asSender(tx, actor.id, conversationId);
        return post(tx, actor.id, c.id, text, fileIds);
      });
      if (sent.queued) deps.outbox.kick();
      return sentView(actor, sent.m, sent.files);
    },

    /** One message for moderation (reports): its sender, text and conversation; null when unknown. */
    async messageById(id: number, tx: DbOrTx = db) {
      if (!Number.isSafeInteger(id) || id < 1) return null;
      const [m] = await tx.select().from(messages).where(eq(messages.id, id));
      return m ?? null;
    },

    /** Moderators remove a message (policy 9): its text and files disappear for the members; staff still see them. */
    async removeMessage(tx: DbOrTx, id: number): Promise<boolean> {
      const r = await tx
        .update(messages)
        .set({ removedAt: deps.clock() })
        .where(and(eq(messages.id, id), isNull(messages.removedAt)))
        .returning({ id: messages.id });
      return r.length > 0;
    },

    /** The conversation attached to something (an order…), made on first use with its members. */
    async forSubject(tx: DbOrTx, subject: { type: string; id: number }, memberIds: number[]): Promise<number> {
      await tx
        .insert(conversations)
        .values({ kind: subject.type, subjectType: subject.type, subjectId: subject.id, createdAt: deps.clock() })
        .onConflictDoNothing({ target: [conversations.subjectType, conversations.subjectId] });
      const [c] = await tx
        .select()
        .from(conversations)
        .where(and(eq(conversations.subjectType, subject.type), eq(conversations.subjectId, subject.id)));
      await tx
        .insert(conversationMembers)
        .values(memberIds.map((userId) => ({ conversationId: c.id, userId, joinedAt: deps.clock() })))
        .onConflictDoNothing();
      return c.id;
    },

    /** Sends into a subject's conversation (orders use this for their thread). */
    async sendTo(tx: DbOrTx, senderId: number, conversationId: number, body: string, fileIds: number[] = []) {
      await asMember(tx, senderId, conversationId);
      return (await post(tx, senderId, conversationId, checkBody(body, fileIds), fileIds)).m;
    },

    /**
     * A page of the thread, oldest first: the newest `limit` messages, or those before `before`, or after
     * `after` (new ones, for live updates). Participants only.
     */
    async thread(viewer: AuthUser, conversationId: number, opts: { limit?: number; before?: number; after?: number } = {}) {
      const { c, members } = await asMember(db, viewer.id, conversationId);
      return { conversation: c, members, ...(await page(c.id, opts)) };
    },

    /** A moderator (or support agent) reads a conversation for a stated reason; the reading is audited (policy 9). */
    async staffRead(
      staff: AuthUser,
      conversationId: number,
      reason: string,
      ip: string | null,
      opts: { limit?: number; before?: number } = {},
    ) {
      if (!mayReadAsStaff(staff)) throw new AppError('auth.forbidden');
      const why = reason.trim();
      if (why.length < 5) throw invalid({ reason: 'messaging.reason_required' });
      const [c] = Number.isSafeInteger(conversationId)
        ? await db.select().from(conversations).where(eq(conversations.id, conversationId))
        : [];
      if (!c) throw new AppError('messaging.not_found');
      await audit(db, {
        actorId: staff.id,
        action: 'conversation.read',
        targetType: 'conversation',
        targetId: c.id,
        data: { reason: why.slice(0, 500) },
        ip,
      });
      return { conversation: c, members: await membersOf(db, c.id), ...(await page(c.id, opts)) };
    },

    /** Conversations a user takes part in (staff lookup by user), newest activity first. */
    async conversationsOf(userId: number, limit = 50) {
      return db
        .select({ id: conversations.id, kind: conversations.kind, lastMessageAt: conversations.lastMessageAt })
        .from(conversationMembers)
        .innerJoin(conversations, eq(conversations.id, conversationMembers.conversationId))
        .where(eq(conversationMembers.userId, userId))
        .orderBy(desc(sql`coalesce(${conversations.lastMessageAt}, ${conversations.createdAt})`))
        .limit(limit);
    },

    /** The inbox: conversations with the other party, the last message and how many are unread. */
    async inbox(userId: number, opts: { limit?: number; cursor?: string } = {}) {
      const limit = Math.min(Math.max(opts.limit ?? 30, 1), PAGE_MAX);
      let before: { at: Date; id: number } | null = null;
      if (opts.cursor) {
        const m = /^(\d{1,16})_(\d{1,16})$/.exec(opts.cursor);
        // A time (ms) a Date can hold, then an id.
        if (!m || Number(m[1]) > MAX_DATE_MS || parseId(m[2]) === null) throw invalid({ cursor: 'validation.field_invalid' });
        before = { at: new Date(Number(m[1])), id: Number(m[2]) };
      }
      const rows = await db
        .select({ c: conversations, lastRead: conversationMembers.lastReadMessageId })
        .from(conversationMembers)
        .innerJoin(conversations, eq(conversations.id, conversationMembers.conversationId))
        .where(
          and(
            eq(conversationMembers.userId, userId),
            sql`${conversations.lastMessageAt} IS NOT NULL`,
            before
              ? sql`(${conversations.lastMessageAt}, ${conversations.id}) < (${before.at.toISOString()}::timestamptz, ${before.id})`
              : undefined,
          ),
        )
        .orderBy(desc(conversations.lastMessageAt), desc(conversations.id))
        .limit(limit + 1);
      const page = rows.slice(0, limit);
      const ids = page.map((r) => r.c.id);
      const [others, lasts, unread] = await Promise.all([
        ids.length
          ? db
              .select()
              .from(conversationMembers)
              .where(and(inArray(conversationMembers.conversationId, ids), ne(conversationMembers.userId, userId)))
          : [],
        ids.length
          ? db
              .select()
              .from(messages)
              .where(
                inArray(
                  messages.id,
                  page.map((r) => r.c.lastMessageId ?? 0),
                ),
              )
          : [],
        ids.length
          ? db
              .select({ conversationId: messages.conversationId, n: sql<number>`count(*)::int` })
              .from(messages)
              .innerJoin(
                conversationMembers,
                and(eq(conversationMembers.conversationId, messages.conversationId), eq(conversationMembers.userId, userId)),
              )
              .where(
                and(
                  inArray(messages.conversationId, ids),
                  ne(messages.senderId, userId),
                  gt(messages.id, conversationMembers.lastReadMessageId),
                ),
              )
              .groupBy(messages.conversationId)
          : [],
      ]);
      const people = await accounts.publicByIds(others.map((o) => o.userId));
      const lastViews = new Map((await views(lasts)).map((v) => [v.id, v]));
      const unreadBy = new Map(unread.map((u) => [u.conversationId, u.n]));
      const items = page.map((r) => {
        const other = others.find((o) => o.conversationId === r.c.id);
        const u = other ? people.get(other.userId) : undefined;
        return {
          id: r.c.id,
          kind: r.c.kind,
          with: u ? { username: u.username, displayName: u.displayName, avatarUrl: u.avatarUrl, lastSeenAt: u.lastSeenAt } : null,
          lastMessage: r.c.lastMessageId ? (lastViews.get(r.c.lastMessageId) ?? null) : null,
          unreadCount: unreadBy.get(r.c.id) ?? 0,
        };
      });
      const last = page[page.length - 1];
      const more = rows.length > limit && last?.c.lastMessageAt;
      return { items, nextCursor: more ? `${last.c.lastMessageAt?.getTime()}_${last.c.id}` : null };
    },

    /** How many conversations have messages the user has not read (the inbox badge). */
    async unreadConversations(userId: number, tx: DbOrTx = db): Promise<number> {
      const [r] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(conversationMembers)
        .innerJoin(conversations, eq(conversations.id, conversationMembers.conversationId))
        .where(and(eq(conversationMembers.userId, userId), gt(conversations.lastMessageId, conversationMembers.lastReadMessageId)));
      return r.n;
    },

    /** Marks the conversation read up to its last message; the others see the read receipt live. */
    async markRead(userId: number, conversationId: number): Promise<{ lastReadMessageId: number }> {
      return db.transaction(async (tx) => {
        const { c, members, me } = await asMember(tx, userId, conversationId);
        const upTo = c.lastMessageId ?? 0;
        if (upTo > me.lastReadMessageId) {
          await tx
            .update(conversationMembers)
            .set({ lastReadMessageId: upTo, mailed: false })
            .where(and(eq(conversationMembers.conversationId, c.id), eq(conversationMembers.userId, userId)));
          const others = members.filter((m) => m.userId !== userId).map((m) => m.userId);
          await live.publish(tx, others, { type: 'read', data: { conversationId: c.id, userId, lastReadMessageId: upTo } });
          const unread = await service.unreadConversations(userId, tx);
          await live.publish(tx, [userId], {
            type: 'read',
            data: { conversationId: c.id, userId, lastReadMessageId: upTo, unreadConversations: unread },
          });
        }
        return { lastReadMessageId: Math.max(upTo, me.lastReadMessageId) };
      });
    },

    async block(actor: AuthUser, username: string) {
      const other = await accounts.byUsername(username);
      if (!other) throw new AppError('messaging.user_not_found');
      if (other.id === actor.id) throw new AppError('messaging.self');
      await db.insert(userBlocks).values({ blockerId: actor.id, blockedId: other.id, createdAt: deps.clock() }).onConflictDoNothing();
    },

    async unblock(actor: AuthUser, username: string) {
      const other = await accounts.byUsername(username);
      if (!other) throw new AppError('messaging.user_not_found');
      await db.delete(userBlocks).where(and(eq(userBlocks.blockerId, actor.id), eq(userBlocks.blockedId, other.id)));
    },

    /** The direct conversation between a user and `username`, if they have one. */
    async directWith(userId: number, username: string): Promise<number | null> {
      const other = await accounts.byUsername(username);
      if (!other || other.id === userId) return null;
      const key = userId < other.id ? `${userId}:${other.id}` : `${other.id}:${userId}`;
      const [c] = await db.select({ id: conversations.id }).from(conversations).where(eq(conversations.directKey, key));
      return c?.id ?? null;
    },

    /** Who takes part in a conversation (staff pages), or null if there is no such conversation. */
    async membersOf(conversationId: number): Promise<number[] | null> {
      if (!Number.isSafeInteger(conversationId) || conversationId < 1) return null;
      const rows = await membersOf(db, conversationId);
      return rows.length ? rows.map((r) => r.userId) : null;
    },

    async blockState(userId: number, otherId: number) {
      return blockedEitherWay(db, userId, otherId);
    },

    async blockedList(userId: number) {
      const rows = await db.select().from(userBlocks).where(eq(userBlocks.blockerId, userId)).orderBy(desc(userBlocks.createdAt));
      const people = await accounts.publicByIds(rows.map((r) => r.blockedId));
      return rows.flatMap((r) => {
        const u = people.get(r.blockedId);
        return u ? [{ username: u.username, displayName: u.displayName, since: r.createdAt.toISOString() }] : [];
      });
    },

    /**
     * An attachment for download: its uploader, the participants of a conversation it was sent in, or
     * staff (whose download is audited). Anyone else: not found.
     */
    async attachment(viewer: AuthUser, fileId: number, ip: string | null): Promise<{ row: FileRow; bytes: Buffer }> {
      if (!Number.isSafeInteger(fileId) || fileId < 1) throw new AppError('messaging.file_not_found');
      const f = await files.read(fileId);
      if (f?.row.purpose !== 'attachment') throw new AppError('messaging.file_not_found');
      if (f.row.ownerId === viewer.id) return f;
      const [shared] = await db
        .select({ id: messages.id, conversationId: messages.conversationId })
        .from(messages)
        .innerJoin(
          conversationMembers,
          and(eq(conversationMembers.conversationId, messages.conversationId), eq(conversationMembers.userId, viewer.id)),
        )
        .where(and(sql`${messages.fileIds} @> ${JSON.stringify([fileId])}::jsonb`, sql`${messages.removedAt} IS NULL`))
        .limit(1);
      if (shared) return f;
      if (mayReadAsStaff(viewer)) {
        await audit(db, { actorId: viewer.id, action: 'file.read', targetType: 'file', targetId: fileId, data: {}, ip });
        return f;
      }
      throw new AppError('messaging.file_not_found');
    },

    views,
  };

  async function page(conversationId: number, opts: { limit?: number; before?: number; after?: number }) {
    const limit = Math.min(Math.max(opts.limit ?? 50, 1), PAGE_MAX);
    if (opts.after !== undefined) {
      const rows = await db
        .select()
        .from(messages)
        .where(and(eq(messages.conversationId, conversationId), gt(messages.id, opts.after)))
        .orderBy(asc(messages.id))
        .limit(limit);
      return { items: await views(rows), olderCursor: null as string | null };
    }
    const rows = await db
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, conversationId), opts.before ? lt(messages.id, opts.before) : undefined))
      .orderBy(desc(messages.id))
      .limit(limit + 1);
    const more = rows.length > limit;
    const items = rows.slice(0, limit).reverse();
    return { items: await views(items), olderCursor: more && items.length ? String(items[0].id) : null };
  }

  return service;
}

export type MessagingService = ReturnType<typeof createMessagingService>;
