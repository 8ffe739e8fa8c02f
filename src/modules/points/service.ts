import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { audit } from '../../platform/audit.ts';
import { newToken } from '../../platform/crypto.ts';
import type { DbOrTx } from '../../platform/db/index.ts';
import { queryRows } from '../../platform/db/index.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { readSetting, writeSetting } from '../../platform/settings.ts';
import { can, requirePermission } from '../../platform/staff.ts';
import {
  changePointsSettings,
  GRANT_MAX,
  NOTE_MAX,
  NOTE_MIN,
  type PointsReason,
  type PointsSettings,
  pointsSettingsOf,
  REASONS,
  REVERSAL_OF,
  REVERSED_BY,
  SETTINGS_KEY,
  STATEMENT_PAGE,
} from './rules.ts';
import { pointsEntries } from './schema.ts';

export type PointsEntry = typeof pointsEntries.$inferSelect;
type Staff = Pick<AuthUser, 'id' | 'roles'>;

/**
 * One change of a user's points, as the modules where it happens ask for it inside their own transaction.
 * `delta` omitted: the setting for `reason` (× `per`, e.g. whole dollars of an order); a reversal's reason
 * (`vote_withdrawn`…) takes back exactly what the entry it reverses gave (same user and source), whatever the
 * settings say now, and nothing when there was none.
 */
export interface Award {
  userId: number;
  reason: PointsReason;
  source: string;
  delta?: number;
  per?: number;
  createdBy?: number | null;
  note?: string | null;
}

/** What points can be spent on (rules.ts REASONS). */
export type SpendReason = Extract<PointsReason, 'promotion'>;
/** A spend of points inside the caller's transaction (service.ts `spend`). */
export type SpendPoints = (tx: DbOrTx, s: { userId: number; points: number; reason: SpendReason; source: string }) => Promise<number>;

/** The one function other modules call (given to them through their deps in app.ts). */
export type AwardPoints = (tx: DbOrTx, a: Award) => Promise<boolean>;

/** An advisory lock's first key: one user's points while staff remove some (the balance checked exactly). */
const LOCK_CLASS = 4219;

function settingDelta(reason: PointsReason, s: PointsSettings): number {
  switch (reason) {
    case 'order_completed':
      return s.perDollar;
    case 'review_5star':
      return s.fiveStarReview;
    case 'vote_received':
      return s.upvote;
    case 'answer_accepted':
      return s.acceptedAnswer;
    case 'violation':
      return -s.violation;
    default:
      return 0;
  }
}

/** The points ledger (RULES.md "Points"): award (idempotent per event), balance = SUM, statement, staff grants. */
export function createPointsService(deps: Deps) {
  const { db, clock } = deps;

  async function settings(tx: DbOrTx = db): Promise<PointsSettings> {
    return pointsSettingsOf(await readSetting(tx, SETTINGS_KEY));
  }

  /** Inserts one entry unless the same (user, reason, source) is there already: true when it was written. */
  async function insert(
    tx: DbOrTx,
    e: { userId: number; delta: number; reason: string; source: string; createdBy?: number | null; note?: string | null },
  ) {
    if (!Number.isSafeInteger(e.delta) || e.delta === 0) return false;
    const rows = await tx
      .insert(pointsEntries)
      .values({
        userId: e.userId,
        delta: e.delta,
        reason: e.reason,
        source: e.source,
        createdBy: e.createdBy ?? null,
        note: e.note ?? null,
        createdAt: clock(),
      })
      .onConflictDoNothing()
      .returning({ id: pointsEntries.id });
    return rows.length > 0;
  }

  /**
   * Entries of a reversible earning (a vote, an accepted answer, a 5-star review) carry the occurrence in their
   * source: `base#1`, `base#2`… (a vote taken back and given again earns again). Earned E times, taken back R times:
   * awarded now when E > R. Earning while awarded and taking back while not are no-ops; two of the same at once
   * write the same `base#n` and the unique key keeps one.
   */
  async function occurrences(tx: DbOrTx, userId: number, earning: PointsReason, reversal: PointsReason, base: string) {
    const prefix = `${base}#`;
    const [r] = await queryRows<{ e: string; r: string; last: number | null }>(
      tx,
      sql`SELECT count(*) FILTER (WHERE reason = ${earning}) AS e, count(*) FILTER (WHERE reason = ${reversal}) AS r,
                 (array_agg(delta ORDER BY id DESC) FILTER (WHERE reason = ${earning}))[1] AS last
          FROM points_entries
          WHERE user_id = ${userId} AND reason IN (${earning}, ${reversal}) AND left(source, ${prefix.length}) = ${prefix}`,
    );
    return {
      earned: Number(r?.e ?? 0),
      reversed: Number(r?.r ?? 0),
      lastDelta: r?.last === null || r?.last === undefined ? 0 : Number(r.last),
    };
  }

  const award: AwardPoints = async (tx, a) => {
    if (!(REASONS as readonly string[]).includes(a.reason)) throw new Error(`points: unknown reason ${a.reason}`);
    const original = REVERSAL_OF[a.reason];
    const reversal = REVERSED_BY[a.reason];
    if (original) {
      const o = await occurrences(tx, a.userId, original, a.reason, a.source);
      if (o.earned <= o.reversed) return false;
      return insert(tx, { ...a, source: `${a.source}#${o.earned}`, delta: -o.lastDelta });
    }
    const delta = a.delta ?? settingDelta(a.reason, await settings(tx)) * (a.per ?? 1);
    if (reversal) {
      const o = await occurrences(tx, a.userId, a.reason, reversal, a.source);
      if (o.earned > o.reversed) return false;
      return insert(tx, { ...a, source: `${a.source}#${o.earned + 1}`, delta });
    }
    return insert(tx, { ...a, delta });
  };

  async function balance(userId: number, tx: DbOrTx = db): Promise<number> {
    const [r] = await tx
      .select({ n: sql<string>`coalesce(sum(${pointsEntries.delta}), 0)` })
      .from(pointsEntries)
      .where(eq(pointsEntries.userId, userId));
    return Number(r?.n ?? 0);
  }

  /**
   * Spends `points` of a user's balance (a promotion: reason `promotion`, source `promotion:<id>`), inside the
   * caller's transaction: the user's points are locked (an advisory lock until that transaction ends) and the
   * balance checked under it, so two spends at once with points for one give exactly one; the other is refused
   * with 422 `points.insufficient` (the balance and what was needed in its params). An append-only entry, never
   * an edit; the balance after the spend is returned.
   */
  async function spend(tx: DbOrTx, s: { userId: number; points: number; reason: SpendReason; source: string }): Promise<number> {
    if (!Number.isSafeInteger(s.points) || s.points <= 0)
      throw new Error(`points: a spend must be a positive whole number, got ${s.points}`);
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${LOCK_CLASS}::int, ${s.userId}::int)`);
    const before = await balance(s.userId, tx);
    if (before < s.points) throw new AppError('points.insufficient', { balance: before, needed: s.points });
    const wrote = await insert(tx, { userId: s.userId, delta: -s.points, reason: s.reason, source: s.source });
    if (!wrote) throw new AppError('points.already_spent');
    return before - s.points;
  }

  return {
    award,
    balance,
    settings,
    spend,

    /** A user's entries, newest first, `limit` a page after the cursor (the last id seen). */
    async statement(userId: number, opts: { cursor?: number | null; limit?: number } = {}) {
      const limit = Math.min(Math.max(opts.limit ?? STATEMENT_PAGE, 1), 100);
      const rows = await db
        .select()
        .from(pointsEntries)
        .where(and(eq(pointsEntries.userId, userId), opts.cursor ? lt(pointsEntries.id, opts.cursor) : undefined))
        .orderBy(desc(pointsEntries.id))
        .limit(limit + 1);
      const more = rows.length > limit;
      const items = rows.slice(0, limit);
      return { items, nextCursor: more ? items[items.length - 1].id : null, balance: await balance(userId) };
    },

    /**
     * Staff (the `finance` permission: points are worth promotions, a value the finance team adjusts; admins hold
     * every permission) grant (delta > 0) or remove (delta < 0) points with a reason of 10–500 characters, audited
     * (`points.grant` / `points.remove`). A removal never takes a balance below zero (only a confirmed violation
     * can): 422 `points.removal_exceeds`. `key` (an Idempotency-Key) makes a repeated request one grant.
     */
    async grant(staff: Staff | null, input: { userId: number; delta: unknown; note: unknown; key?: string | null }, ip: string | null) {
      requirePermission(staff, 'finance');
      const delta = typeof input.delta === 'number' ? input.delta : Number(String(input.delta ?? '').trim());
      const note = typeof input.note === 'string' ? input.note.trim() : '';
      const fields: Record<string, string> = {};
      if (!Number.isInteger(delta) || delta === 0 || Math.abs(delta) > GRANT_MAX) fields.delta = 'points.delta_invalid';
      if (note.length < NOTE_MIN || note.length > NOTE_MAX) fields.note = 'points.note_required';
      if (Object.keys(fields).length) throw invalid(fields, { from: NOTE_MIN, to: NOTE_MAX, maxDelta: GRANT_MAX });
      const key = input.key && /^[\w-]{8,100}$/.test(input.key) ? input.key : newToken();
      return db.transaction(async (tx) => {
        const [u] = await queryRows<{ id: number }>(tx, sql`SELECT id FROM users WHERE id = ${input.userId}`);
        if (!u) throw new AppError('account.not_found');
        await tx.execute(sql`SELECT pg_advisory_xact_lock(${LOCK_CLASS}::int, ${input.userId}::int)`);
        const reason: PointsReason = delta > 0 ? 'staff_grant' : 'staff_removal';
        const source = `grant:${staff.id}:${key}`;
        const before = await balance(input.userId, tx);
        if (delta < 0 && before + delta < 0)
          throw new AppError('points.removal_exceeds', { balance: before }, { delta: 'points.removal_exceeds' });
        const wrote = await insert(tx, { userId: input.userId, delta, reason, source, createdBy: staff.id, note });
        if (wrote)
          await audit(tx, {
            actorId: staff.id,
            action: delta > 0 ? 'points.grant' : 'points.remove',
            targetType: 'user',
            targetId: input.userId,
            data: { delta, note, source, before },
            ip,
          });
        return { balance: await balance(input.userId, tx), created: wrote };
      });
    },

    /** Finance's view: points given and taken, by reason, and how many people hold any. */
    async totals(staff: Staff | null) {
      requirePermission(staff, 'finance');
      const rows = await queryRows<{ reason: string; entries: string; points: string }>(
        db,
        sql`SELECT reason, count(*) AS entries, sum(delta) AS points FROM points_entries GROUP BY reason ORDER BY reason`,
      );
      const [h] = await queryRows<{ holders: string; outstanding: string }>(
        db,
        sql`SELECT count(*) FILTER (WHERE b > 0) AS holders, coalesce(sum(b) FILTER (WHERE b > 0), 0) AS outstanding
            FROM (SELECT sum(delta) AS b FROM points_entries GROUP BY user_id) x`,
      );
      return {
        byReason: rows.map((r) => ({ reason: r.reason, entries: Number(r.entries), points: Number(r.points) })),
        holders: Number(h?.holders ?? 0),
        outstanding: Number(h?.outstanding ?? 0),
      };
    },

    /** The numbers as admins change them (the `admin` permission: the site's settings), audited (`settings.update`). */
    async updateSettings(actor: Staff | null, patch: Record<string, unknown>): Promise<PointsSettings> {
      requirePermission(actor, 'admin');
      return db.transaction(async (tx) => {
        const before = await settings(tx);
        const r = changePointsSettings(before, patch);
        if (!r.ok) throw invalid(r.fields, { top: 10_000 });
        await writeSetting(tx, SETTINGS_KEY, r.settings, actor.id, before);
        return r.settings;
      });
    },

    /** Whether this person may grant or remove points (the admin page's form). */
    mayGrant: (actor: Staff | null) => can(actor, 'finance'),
  };
}

export type PointsService = ReturnType<typeof createPointsService>;
