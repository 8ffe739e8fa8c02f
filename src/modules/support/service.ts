import { and, asc, desc, eq, gte, ne, sql } from 'drizzle-orm';
import { audit } from '../../platform/audit.ts';
import type { DbOrTx } from '../../platform/db/index.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import type { FileRow, FilesService } from '../../platform/files.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { MAX_DATE_MS } from '../../platform/http/request.ts';
import type { PublicView } from '../accounts/index.ts';
import type { NotificationsService } from '../notifications/index.ts';
import type { OrdersService } from '../orders/index.ts';
import { contactFindings, contactRefusal, scanContacts, type TrustService } from '../trust/index.ts';
import { ticketMail } from './mails.ts';
import { mayWorkQueue, ticketAccess } from './policy.ts';
import { ticketMessages, tickets } from './schema.ts';

/** What a complaint is about; `appeal` is the appeal of a sanction or warning (RULES.md "Trust and safety"). */
export const TICKET_CATEGORIES = ['order', 'payment', 'account', 'technical', 'report_abuse', 'appeal', 'other'] as const;
export type TicketCategory = (typeof TICKET_CATEGORIES)[number];
export const TICKET_STATUSES = ['open', 'answered', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const SUBJECT_MIN = 5;
export const SUBJECT_MAX = 120;
export const BODY_MIN = 10;
export const BODY_MAX = 5000;
export const FILES_PER_TICKET_MESSAGE = 5;
/** At most 10 new complaints per user in any 24 hours (counted from the tickets themselves). */
export const TICKETS_PER_DAY = 10;
const DAY_MS = 86_400_000;
const PAGE_MAX = 100;
/** Sellers of these levels have their complaints answered first (priority 1). */
const PRIORITY_LEVELS = ['level3', 'expert'];
/** Who answers complaints. */

/** The length rules, as placeholders of the refusal messages. */
const LIMITS = {
  subject_min: SUBJECT_MIN,
  subject_max: SUBJECT_MAX,
  body_min: BODY_MIN,
  body_max: BODY_MAX,
  files: FILES_PER_TICKET_MESSAGE,
};

export type TicketRow = typeof tickets.$inferSelect;
export type TicketMessageRow = typeof ticketMessages.$inferSelect;

/** A ticket as its owner, support staff and the API see it. */
export interface TicketView {
  id: number;
  category: string;
  subject: string;
  status: string;
  priority: number;
  orderId: number | null;
  sanctionId: number | null;
  user: { id: number; username: string; displayName: string };
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface TicketMessageView {
  id: number;
  staff: boolean;
  /** Who wrote it; null for support's answers when a user reads them (staff names are not shown to users). */
  author: { id: number; username: string; displayName: string } | null;
  body: string;
  files: { id: number; name: string; size: number; type: string }[];
  createdAt: string;
}

export interface FileTicketInput {
  category: string;
  subject: string;
  body: string;
  orderId?: number | null;
  sanctionId?: number | null;
  fileIds?: number[];
}

interface SupportDeps {
  accounts: {
    sellerLevelOf(userId: number, tx?: DbOrTx): Promise<string>;
    publicByIds(ids: number[]): Promise<Map<number, PublicView>>;
  };
  files: FilesService;
  notifications: Pick<NotificationsService, 'notify'>;
  trust: Pick<TrustService, 'recordAttempt' | 'sanctionById'>;
  orders: Pick<OrdersService, 'access'>;
}

const clean = (s: string) => s.replace(/\r\n/g, '\n').trim();

/**
 * Complaints (tickets, privacy policy 6): users file them and reply; support answers and closes.
 * Status: open (waiting for support) → answered (support replied) → closed. A user's reply re-opens the
 * ticket (back to open, even when closed); support cannot write in a closed ticket. Either side may close.
 */
export function createSupportService(deps: Deps, m: SupportDeps) {
  const { db, clock, config } = deps;

  /** The subject and message of a new complaint checked; contact details are refused, naming what was found. */
  function checkNew(input: FileTicketInput): { category: TicketCategory; subject: string; body: string } {
    const subject = clean(input.subject).replace(/\s+/g, ' ');
    const body = clean(input.body);
    const fields: Record<string, string> = {};
    if (!(TICKET_CATEGORIES as readonly string[]).includes(input.category)) fields.category = 'support.category_invalid';
    if (subject.length < SUBJECT_MIN || subject.length > SUBJECT_MAX) fields.subject = 'support.subject_length';
    if (body.length < BODY_MIN || body.length > BODY_MAX) fields.body = 'support.body_length';
    if ((input.fileIds?.length ?? 0) > FILES_PER_TICKET_MESSAGE) fields.files = 'support.too_many_files';
    if (input.category === 'appeal' && !input.sanctionId) fields.sanctionId = 'support.sanction_required';
    if (Object.keys(fields).length) throw invalid(fields, LIMITS);
    const found = { subject: scanContacts(subject), body: scanContacts(body) };
    const refused = Object.fromEntries(Object.entries(found).flatMap(([k, s]) => (s.contact ? [[k, s.matches]] : [])));
    if (Object.keys(refused).length) throw contactRefusal(refused);
    return { category: input.category as TicketCategory, subject, body };
  }

  /** A reply: some text (up to 5000 characters) or files. */
  function checkReply(body: string, fileIds: number[]): string {
    const text = clean(body);
    const fields: Record<string, string> = {};
    if (!text && fileIds.length === 0) fields.body = 'support.reply_required';
    if (text.length > BODY_MAX) fields.body = 'support.body_too_long';
    if (fileIds.length > FILES_PER_TICKET_MESSAGE) fields.files = 'support.too_many_files';
    if (Object.keys(fields).length) throw invalid(fields, LIMITS);
    const scan = scanContacts(text);
    if (scan.contact) throw contactRefusal({ body: scan.matches });
    return text;
  }

  /** Runs a check of a user's text; a contact-details refusal is recorded against them first (context 'ticket'). */
  async function checked<T>(userId: number, texts: string[], check: () => T): Promise<T> {
    try {
      return check();
    } catch (err) {
      if (contactFindings(err))
        await m.trust.recordAttempt(
          userId,
          'ticket',
          texts.flatMap((x) => scanContacts(x).matches),
        );
      throw err;
    }
  }

  async function priorityOf(userId: number, tx: DbOrTx): Promise<number> {
    return PRIORITY_LEVELS.includes(await m.accounts.sellerLevelOf(userId, tx)) ? 1 : 0;
  }

  /** The files of a message, checked to be the writer's own private attachments. */
  async function ownFiles(tx: DbOrTx, userId: number, fileIds: number[]): Promise<number[]> {
    const unique = [...new Set(fileIds)];
    const own = unique.length ? await m.files.owned(tx, userId, unique, 'attachment') : [];
    if (own.length !== unique.length) throw invalid({ files: 'support.file_invalid' });
    return unique;
  }

  async function load(tx: DbOrTx, id: number): Promise<TicketRow> {
    if (!Number.isSafeInteger(id) || id < 1) throw new AppError('support.not_found');
    const [t] = await tx.select().from(tickets).where(eq(tickets.id, id));
    if (!t) throw new AppError('support.not_found');
    return t;
  }

  /**
   * The ticket and how `viewer` may act on it: its owner, or support staff (whose every access is audited).
   * Anyone else: not found (the ticket's existence is not disclosed).
   */
  async function access(tx: DbOrTx, viewer: AuthUser, id: number): Promise<{ t: TicketRow; asStaff: boolean }> {
    const t = await load(tx, id);
    const as = ticketAccess(viewer, t);
    if (as) return { t, asStaff: as === 'staff' };
    throw new AppError('support.not_found');
  }

  async function ticketViews(rows: TicketRow[]): Promise<TicketView[]> {
    const people = await m.accounts.publicByIds([...new Set(rows.map((r) => r.userId))]);
    return rows.map((r) => {
      const u = people.get(r.userId);
      return {
        id: r.id,
        category: r.category,
        subject: r.subject,
        status: r.status,
        priority: r.priority,
        orderId: r.orderId,
        sanctionId: r.sanctionId,
        user: { id: r.userId, username: u?.username ?? '', displayName: u?.displayName ?? '' },
        createdAt: r.createdAt.toISOString(),
        updatedAt: r.updatedAt.toISOString(),
        closedAt: r.closedAt ? r.closedAt.toISOString() : null,
      };
    });
  }

  async function messageViews(rows: TicketMessageRow[], forStaff: boolean): Promise<TicketMessageView[]> {
    const people = await m.accounts.publicByIds([...new Set(rows.map((r) => r.authorId))]);
    const fileRows = await m.files.byIds([...new Set(rows.flatMap((r) => r.fileIds))]);
    const byId = new Map(fileRows.map((f) => [f.id, f]));
    return rows.map((r) => {
      const u = people.get(r.authorId);
      return {
        id: r.id,
        staff: r.staff === 1,
        author: r.staff === 1 && !forStaff ? null : { id: r.authorId, username: u?.username ?? '', displayName: u?.displayName ?? '' },
        body: r.body,
        files: r.fileIds.flatMap((id) => {
          const f = byId.get(id);
          return f ? [{ id: f.id, name: f.name, size: f.size, type: f.type }] : [];
        }),
        createdAt: r.createdAt.toISOString(),
      };
    });
  }

  const parseCursor = (cursor: string | undefined, parts: number): number[] | null => {
    if (!cursor) return null;
    const p = cursor.split('_');
    // Each part is a time (ms) or an id: none beyond the last date a Date can hold.
    if (p.length !== parts || !p.every((x) => /^\d{1,16}$/.test(x) && Number(x) <= MAX_DATE_MS))
      throw invalid({ cursor: 'validation.field_invalid' });
    return p.map(Number);
  };

  const service = {
    /**
     * A user files a complaint: checked, the order (if any) must be theirs as buyer or seller, an appeal must
     * name one of their own sanctions or warnings, and at most 10 a day. Its first message carries the files.
     */
    async file(actor: AuthUser, input: FileTicketInput): Promise<TicketRow> {
      const v = await checked(actor.id, [input.subject, input.body], () => checkNew(input));
      let orderId: number | null = null;
      if (input.orderId) {
        const role = await m.orders.access(actor, input.orderId).then(
          (a) => a.role,
          (err: unknown) => {
            if (err instanceof AppError && err.code === 'order.not_found') return 'other';
            throw err;
          },
        );
        if (role !== 'buyer' && role !== 'seller') throw invalid({ orderId: 'support.order_invalid' });
        orderId = input.orderId;
      }
      let sanctionId: number | null = null;
      if (v.category === 'appeal') {
        const s = input.sanctionId && Number.isSafeInteger(input.sanctionId) ? await m.trust.sanctionById(input.sanctionId) : null;
        if (!s || s.userId !== actor.id) throw invalid({ sanctionId: 'support.sanction_invalid' });
        sanctionId = s.id;
      }
      return db.transaction(async (tx) => {
        // One filing at a time per user, so the day's count is exact when two arrive together.
        await tx.execute(sql`SELECT pg_advisory_xact_lock(${4201}::int, ${actor.id}::int)`);
        const now = clock();
        const since = new Date(now.getTime() - DAY_MS);
        const recent = await tx
          .select({ createdAt: tickets.createdAt })
          .from(tickets)
          .where(and(eq(tickets.userId, actor.id), gte(tickets.createdAt, since)))
          .orderBy(asc(tickets.createdAt));
        if (recent.length >= TICKETS_PER_DAY) {
          const seconds = Math.max(1, Math.ceil((recent[0].createdAt.getTime() + DAY_MS - now.getTime()) / 1000));
          throw new AppError('support.daily_limit', { max: TICKETS_PER_DAY, seconds });
        }
        const fileIds = await ownFiles(tx, actor.id, input.fileIds ?? []);
        const [t] = await tx
          .insert(tickets)
          .values({
            userId: actor.id,
            category: v.category,
            subject: v.subject,
            status: 'open',
            priority: await priorityOf(actor.id, tx),
            orderId,
            sanctionId,
            createdAt: now,
            updatedAt: now,
          })
          .returning();
        await tx.insert(ticketMessages).values({ ticketId: t.id, authorId: actor.id, staff: 0, body: v.body, fileIds, createdAt: now });
        return t;
      });
    },

    /**
     * Writes in a ticket. The owner's reply re-opens it (status open, priority refreshed); a support
     * agent's reply answers it (status answered; audited; the user is notified in-app and by mail).
     */
    async reply(actor: AuthUser, ticketId: number, body: string, fileIds: number[] = [], ip: string | null = null) {
      const { t: before, asStaff } = await access(db, actor, ticketId);
      const text = asStaff ? checkReply(body, fileIds) : await checked(actor.id, [body], () => checkReply(body, fileIds));
      const r = await db.transaction(async (tx) => {
        const now = clock();
        const files = await ownFiles(tx, actor.id, fileIds);
        let t: TicketRow | undefined;
        if (asStaff) {
          // Compare-and-set: a ticket closed meanwhile takes no answer.
          [t] = await tx
            .update(tickets)
            .set({ status: 'answered', updatedAt: now })
            .where(and(eq(tickets.id, before.id), ne(tickets.status, 'closed')))
            .returning();
          if (!t) throw new AppError('support.ticket_closed');
        } else {
          [t] = await tx
            .update(tickets)
            .set({ status: 'open', updatedAt: now, closedAt: null, priority: await priorityOf(actor.id, tx) })
            .where(eq(tickets.id, before.id))
            .returning();
        }
        const [msg] = await tx
          .insert(ticketMessages)
          .values({ ticketId: t.id, authorId: actor.id, staff: asStaff ? 1 : 0, body: text, fileIds: files, createdAt: now })
          .returning();
        if (asStaff) {
          await audit(tx, {
            actorId: actor.id,
            action: 'ticket.reply',
            targetType: 'ticket',
            targetId: t.id,
            data: { messageId: msg.id },
            ip,
          });
          const ticket = t;
          await m.notifications.notify(tx, {
            userId: t.userId,
            type: 'ticket.answered',
            params: { id: t.id, subject: t.subject },
            url: `/support/${t.id}`,
            mail: (c) => ticketMail({ ...c, baseUrl: config.baseUrl, ticketId: ticket.id, subject: ticket.subject }),
          });
        }
        return { t, msg };
      });
      if (asStaff) deps.outbox.kick();
      const [message] = await messageViews([r.msg], asStaff);
      return { ticket: r.t, message };
    },

    /** Closes a ticket (the owner or support; support's closing is audited). Closing a closed ticket changes nothing. */
    async close(actor: AuthUser, ticketId: number, ip: string | null = null): Promise<{ id: number; status: string }> {
      return db.transaction(async (tx) => {
        const { t, asStaff } = await access(tx, actor, ticketId);
        const now = clock();
        const [closed] = await tx
          .update(tickets)
          .set({ status: 'closed', closedAt: now, updatedAt: now })
          .where(and(eq(tickets.id, t.id), ne(tickets.status, 'closed')))
          .returning();
        if (closed && asStaff) await audit(tx, { actorId: actor.id, action: 'ticket.close', targetType: 'ticket', targetId: t.id, ip });
        return { id: t.id, status: 'closed' };
      });
    },

    /** A ticket with its messages, oldest first: its owner, or support staff (every reading audited). */
    async get(viewer: AuthUser, ticketId: number, ip: string | null = null) {
      const { t, asStaff } = await access(db, viewer, ticketId);
      if (asStaff) await audit(db, { actorId: viewer.id, action: 'ticket.read', targetType: 'ticket', targetId: t.id, ip });
      const rows = await db.select().from(ticketMessages).where(eq(ticketMessages.ticketId, t.id)).orderBy(asc(ticketMessages.id));
      const [ticket] = await ticketViews([t]);
      const sanction = t.sanctionId ? await m.trust.sanctionById(t.sanctionId) : null;
      return { ticket, messages: await messageViews(rows, asStaff), asStaff, sanction };
    },

    /** A user's own tickets, latest activity first. */
    async list(userId: number, opts: { limit?: number; cursor?: string } = {}) {
      const limit = Math.min(Math.max(opts.limit ?? 30, 1), PAGE_MAX);
      const c = parseCursor(opts.cursor, 2);
      const rows = await db
        .select()
        .from(tickets)
        .where(
          and(
            eq(tickets.userId, userId),
            c ? sql`(${tickets.updatedAt}, ${tickets.id}) < (${new Date(c[0]).toISOString()}::timestamptz, ${c[1]})` : undefined,
          ),
        )
        .orderBy(desc(tickets.updatedAt), desc(tickets.id))
        .limit(limit + 1);
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        items: await ticketViews(page),
        nextCursor: rows.length > limit && last ? `${last.updatedAt.getTime()}_${last.id}` : null,
      };
    },

    /**
     * Support's queue: tickets of a status (open by default), priority users first, then the longest
     * waiting (oldest activity) first.
     */
    async queue(staff: AuthUser, opts: { status?: string; limit?: number; cursor?: string } = {}) {
      if (!mayWorkQueue(staff)) throw new AppError('auth.forbidden');
      const status = opts.status ?? 'open';
      if (!(TICKET_STATUSES as readonly string[]).includes(status)) throw invalid({ status: 'validation.field_invalid' });
      const limit = Math.min(Math.max(opts.limit ?? 50, 1), PAGE_MAX);
      const c = parseCursor(opts.cursor, 3);
      const rows = await db
        .select()
        .from(tickets)
        .where(
          and(
            eq(tickets.status, status),
            c
              ? sql`(${tickets.priority} < ${c[0]} OR (${tickets.priority} = ${c[0]} AND (${tickets.updatedAt}, ${tickets.id}) > (${new Date(c[1]).toISOString()}::timestamptz, ${c[2]})))`
              : undefined,
          ),
        )
        .orderBy(desc(tickets.priority), asc(tickets.updatedAt), asc(tickets.id))
        .limit(limit + 1);
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        items: await ticketViews(page),
        nextCursor: rows.length > limit && last ? `${last.priority}_${last.updatedAt.getTime()}_${last.id}` : null,
      };
    },

    /** The sanction or warning a user appeals, when it is theirs (the new-complaint page shows it), else null. */
    async sanctionOf(actor: AuthUser, sanctionId: number) {
      if (!Number.isSafeInteger(sanctionId) || sanctionId < 1) return null;
      const s = await m.trust.sanctionById(sanctionId);
      return s && s.userId === actor.id ? s : null;
    },

    /**
     * A file sent in a ticket, for download: the ticket's owner, or support staff (whose download is
     * audited). Anyone else, or a file in no ticket: not found.
     */
    async attachment(viewer: AuthUser, fileId: number, ip: string | null): Promise<{ row: FileRow; bytes: Buffer }> {
      if (!Number.isSafeInteger(fileId) || fileId < 1) throw new AppError('support.file_not_found');
      const holders = await db
        .selectDistinct({ userId: tickets.userId })
        .from(ticketMessages)
        .innerJoin(tickets, eq(tickets.id, ticketMessages.ticketId))
        .where(sql`${ticketMessages.fileIds} @> ${JSON.stringify([fileId])}::jsonb`);
      const owner = holders.some((h) => h.userId === viewer.id);
      const staff = !owner && holders.length > 0 && mayWorkQueue(viewer);
      if (!owner && !staff) throw new AppError('support.file_not_found');
      const f = await m.files.read(fileId);
      if (!f) throw new AppError('support.file_not_found');
      if (staff) await audit(db, { actorId: viewer.id, action: 'file.read', targetType: 'file', targetId: fileId, data: {}, ip });
      return f;
    },
  };
  return service;
}

export type SupportService = ReturnType<typeof createSupportService>;
