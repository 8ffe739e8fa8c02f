import { and, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/index.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { parseId } from '../../platform/http/request.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import type { MailMessage } from '../../platform/mail.ts';
import { enqueue } from '../../platform/outbox.ts';
import { notificationSettings, notifications } from './schema.ts';

/**
 * Mail topics a user can switch off (in-app notifications always stay). Security mail (sign-in alerts,
 * password changes) is not a topic: it is always sent.
 */
export const TOPICS = ['messages', 'orders', 'services', 'wallet', 'works', 'community'] as const;
export type Topic = (typeof TOPICS)[number];

/**
 * A notification type (`order.placed`, …): each module registers its own with the mail topic it belongs to
 * (its manifest's `notificationTypes`); the title is the message `notification.<type>`.
 */
export type NotificationType = string;
/** The mail topic of each type a module registers, or 'always' (security and moderation mail). */
export type NotificationTypes = Readonly<Record<string, Topic | 'always'>>;

export type NotificationRow = typeof notifications.$inferSelect;

export interface Contact {
  email: string;
  name: string;
  locale: Locale;
}
interface Contacts {
  contactOf(userId: number, tx?: DbOrTx): Promise<Contact | null>;
}

const PAGE_MAX = 100;

export function createNotificationsService(deps: Deps, contacts: Contacts) {
  const { db, live } = deps;
  const types = new Map<string, Topic | 'always'>();

  async function unreadCount(userId: number, tx: DbOrTx = db): Promise<number> {
    const [r] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
    return r.n;
  }

  async function mailOn(userId: number, topic: Topic, tx: DbOrTx = db): Promise<boolean> {
    const [s] = await tx
      .select({ mail: notificationSettings.mail })
      .from(notificationSettings)
      .where(and(eq(notificationSettings.userId, userId), eq(notificationSettings.topic, topic)));
    return s?.mail ?? true;
  }

  return {
    unreadCount,
    mailOn,

    /** A module's notification types and their mail topics (from its manifest); an unknown topic stops the start. */
    registerTypes(list: Readonly<Record<string, string>>) {
      for (const [type, topic] of Object.entries(list)) {
        if (topic !== 'always' && !(TOPICS as readonly string[]).includes(topic))
          throw new Error(`notification type ${type}: unknown mail topic ${topic}`);
        types.set(type, topic as Topic | 'always');
      }
    },

    /** Every registered type (for the checks that each has a title in both languages). */
    registeredTypes: () => [...types.keys()],

    /**
     * Tells a user something happened, inside the caller's transaction: the in-app notification, the mail
     * (through the outbox, if the user wants this topic by mail) and the live event all happen only if
     * the step commits.
     */
    async notify(
      tx: DbOrTx,
      n: {
        userId: number;
        type: NotificationType;
        params?: Record<string, string | number>;
        url: string;
        mail?: (to: Contact) => MailMessage;
      },
    ): Promise<void> {
      const topic = types.get(n.type);
      // A type nobody registered is a programming error: refuse it before anything is written.
      if (!topic) throw new Error(`notification type ${n.type} is not registered`);
      const [row] = await tx
        .insert(notifications)
        .values({ userId: n.userId, type: n.type, params: n.params ?? {}, url: n.url })
        .returning({ id: notifications.id });
      if (n.mail && (topic === 'always' || (await mailOn(n.userId, topic, tx)))) {
        const to = await contacts.contactOf(n.userId, tx);
        if (to) await enqueue(tx, { kind: 'mail', payload: n.mail(to) });
      }
      await live.publish(tx, [n.userId], {
        type: 'notification',
        data: { id: row.id, type: n.type, url: n.url, unread: await unreadCount(n.userId, tx) },
      });
    },

    async get(userId: number, id: number): Promise<NotificationRow | null> {
      const [n] = await db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, userId), eq(notifications.id, id)));
      return n ?? null;
    },

    /** The user's notifications, newest first, paged by id. */
    async list(userId: number, opts: { limit?: number; cursor?: string } = {}) {
      const limit = Math.min(Math.max(opts.limit ?? 30, 1), PAGE_MAX);
      const before = opts.cursor === undefined ? null : parseId(opts.cursor);
      if (opts.cursor !== undefined && before === null) throw new AppError('validation.failed', {}, { cursor: 'validation.field_invalid' });
      const rows = await db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, userId), before ? lt(notifications.id, before) : undefined))
        .orderBy(desc(notifications.id))
        .limit(limit + 1);
      const more = rows.length > limit;
      const items = rows.slice(0, limit);
      return { items, nextCursor: more ? String(items[items.length - 1].id) : null };
    },

    /** Marks the given notifications (or all) read; answers the unread count left. */
    async markRead(userId: number, ids?: number[]): Promise<number> {
      return db.transaction(async (tx) => {
        const now = deps.clock();
        await tx
          .update(notifications)
          .set({ readAt: now })
          .where(
            and(
              eq(notifications.userId, userId),
              isNull(notifications.readAt),
              ids ? inArray(notifications.id, ids.length ? ids : [0]) : undefined,
            ),
          );
        const unread = await unreadCount(userId, tx);
        await live.publish(tx, [userId], { type: 'notification', data: { unread } });
        return unread;
      });
    },

    async settings(userId: number): Promise<Record<Topic, boolean>> {
      const rows = await db.select().from(notificationSettings).where(eq(notificationSettings.userId, userId));
      const out = Object.fromEntries(TOPICS.map((t) => [t, true])) as Record<Topic, boolean>;
      for (const r of rows) if ((TOPICS as readonly string[]).includes(r.topic)) out[r.topic as Topic] = r.mail;
      return out;
    },

    async saveSettings(userId: number, mail: Partial<Record<Topic, boolean>>): Promise<Record<Topic, boolean>> {
      const now = deps.clock();
      await db.transaction(async (tx) => {
        for (const topic of TOPICS) {
          const on = mail[topic];
          if (on === undefined) continue;
          await tx
            .insert(notificationSettings)
            .values({ userId, topic, mail: on, updatedAt: now })
            .onConflictDoUpdate({ target: [notificationSettings.userId, notificationSettings.topic], set: { mail: on, updatedAt: now } });
        }
      });
      return this.settings(userId);
    },
  };
}

export type NotificationsService = ReturnType<typeof createNotificationsService>;
