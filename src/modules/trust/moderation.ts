import { and, asc, desc, eq, isNull, lte, sql } from 'drizzle-orm';
import { audit } from '../../platform/audit.ts';
import type { DbOrTx } from '../../platform/db/index.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { parseId } from '../../platform/http/request.ts';
import type { NotificationsService, NotificationType } from '../notifications/index.ts';
import type { AwardPoints } from '../points/index.ts';
import { trustMail } from './mails.ts';
import { mayModerate, sanctionRefusal } from './policy.ts';
import { moderatedContent, moderationCases, reports, sanctions } from './schema.ts';
import { SANCTION_SCOPES, type TrustService } from './service.ts';

/** API.md "Trust and safety": what can be reported, and why (RULES.md's list). */
export const REPORT_TARGETS = [
  'user',
  'service',
  'project',
  'bid',
  'contest',
  'entry',
  'portfolio',
  'topic',
  'comment',
  'contest_comment',
  'message',
  'review',
] as const;
export type ReportTarget = (typeof REPORT_TARGETS)[number];
export const REPORT_REASONS = ['spam', 'contact_info', 'offensive', 'fraud', 'intellectual_property', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];
/** What moderators may decide on a reported target. */
export const DECISIONS = ['dismiss', 'hide', 'delete', 'warn'] as const;
export type Decision = (typeof DECISIONS)[number];

/** At most this many reports per reporter per hour (bulk reporting is refused). */
export const REPORTS_PER_HOUR = 20;
const DETAILS_MAX = 1000;
const REASON_MIN = 10;
const REASON_MAX = 1000;

type Staff = Pick<AuthUser, 'id' | 'roles'>;

/** A piece of content as moderation sees it. `visibleTo` says whether a user may see (and so report) it. */
export interface TargetView {
  authorId: number;
  title: string;
  text: string;
  /** Where the content lives, for staff (and for the reporter going back). */
  url: string | null;
  /** Already taken down: 'hidden' | 'removed', or null. */
  state: string | null;
  visibleTo(userId: number): Promise<boolean> | boolean;
}

/**
 * How moderation reaches a kind of content in its own module: read it, and take it down. Each module
 * registers its kinds (services, messages, reviews, profiles now; projects and the rest as they arrive).
 */
export interface TargetAdapter {
  /** Read outside any transaction (a module may read through its own handle). */
  load(id: number): Promise<TargetView | null>;
  /** Take-downs this kind supports ('hide' keeps it for its author to fix; 'delete' is final). */
  takeDowns: ('hide' | 'delete')[];
  apply?(tx: DbOrTx, id: number, action: 'hide' | 'delete', reason: string): Promise<boolean>;
  /** After the transaction committed (caches). */
  afterCommit?(): Promise<void>;
}

interface Modules {
  trust: TrustService;
  notifications: Pick<NotificationsService, 'notify'>;
  accounts: {
    contactOf(userId: number, tx?: DbOrTx): Promise<{ email: string; name: string; locale: 'ar' | 'en' } | null>;
    publicByIds(ids: number[]): Promise<Map<number, { username: string; displayName: string; roles?: string[] }>>;
    rolesOf(userId: number, tx?: DbOrTx): Promise<string[] | null>;
  };
  wallet: {
    freezeBalance(tx: DbOrTx, f: { userId: number; reason: string; actorId: number }): Promise<unknown>;
  };
  /** The points ledger: a confirmed violation takes points (RULES.md "Points"). */
  points: { award: AwardPoints };
  sellers: {
    suspendSeller(tx: DbOrTx, sellerId: number): Promise<void>;
    restoreSeller(tx: DbOrTx, sellerId: number): Promise<void>;
    changed(): Promise<void>;
  };
}

export type SanctionRow = typeof sanctions.$inferSelect;

/** The scopes as given (form or API) → a clean list: 'full' alone, or known partial scopes. */
export function cleanScopes(raw: unknown): string[] | null {
  const list = (Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : []).map((s) => String(s).trim()).filter(Boolean);
  const set = [...new Set(list)];
  if (set.length === 0) return null;
  if (set.includes('full')) return ['full'];
  if (!set.every((s) => (SANCTION_SCOPES as readonly string[]).includes(s))) return null;
  return SANCTION_SCOPES.filter((s) => set.includes(s));
}

const coversSelling = (scopes: string[]) => scopes.includes('full') || scopes.includes('selling');

export function createModerationService(deps: Deps, m: Modules) {
  const { db, clock, config } = deps;
  const adapters = new Map<string, TargetAdapter>();

  async function tell(
    tx: DbOrTx,
    userId: number,
    type: NotificationType,
    params: Record<string, string>,
    url: string,
    mailKind: Parameters<typeof trustMail>[0],
  ) {
    await m.notifications.notify(tx, {
      userId,
      type,
      params,
      url,
      mail: (to) => trustMail(mailKind, { ...to, baseUrl: config.baseUrl, url, params }),
    });
  }

  function requireModerator(u: Staff) {
    if (!mayModerate(u)) throw new AppError('auth.forbidden');
  }

  function cleanReason(raw: unknown, field = 'reason'): string {
    const why = typeof raw === 'string' ? raw.trim() : '';
    if (why.length < REASON_MIN || why.length > REASON_MAX)
      throw invalid({ [field]: 'trust.reason_required' }, { min: REASON_MIN, max: REASON_MAX });
    return why;
  }

  const service = {
    registerTarget(type: ReportTarget, adapter: TargetAdapter) {
      adapters.set(type, adapter);
    },

    /** A target as moderation sees it, or null (unknown kind, missing content). */
    async target(type: string, id: number): Promise<TargetView | null> {
      const a = adapters.get(type);
      if (!a || !Number.isSafeInteger(id) || id < 1) return null;
      return a.load(id);
    },

    takeDownKinds(type: string): ('hide' | 'delete')[] {
      return adapters.get(type)?.takeDowns ?? [];
    },

    /**
     * A user reports a piece of content or a profile (إبلاغ). The reporter must be able to see it, may not
     * report their own, and reports each thing once; bulk reporting is rate limited.
     */
    async report(actor: AuthUser, input: { targetType: unknown; targetId: unknown; reason: unknown; details?: unknown }) {
      const fields: Record<string, string> = {};
      const type = String(input.targetType ?? '');
      if (!(REPORT_TARGETS as readonly string[]).includes(type)) fields.targetType = 'report.target_type_invalid';
      const reason = String(input.reason ?? '');
      if (!(REPORT_REASONS as readonly string[]).includes(reason)) fields.reason = 'report.reason_required';
      const details = typeof input.details === 'string' ? input.details.trim() : '';
      if (details.length > DETAILS_MAX) fields.details = 'report.details_too_long';
      else if (reason === 'other' && details.length < 5) fields.details = 'report.details_required';
      if (Object.keys(fields).length) throw invalid(fields, { max: DETAILS_MAX });
      const id = parseId(input.targetId) ?? 0;
      const t = await service.target(type, id);
      if (!t || !(await t.visibleTo(actor.id))) throw new AppError('report.target_not_found');
      if (t.authorId === actor.id) throw new AppError('report.own');
      await deps.limiter.hit(`report:${actor.id}`, REPORTS_PER_HOUR, 3600);
      const [row] = await db
        .insert(reports)
        .values({ reporterId: actor.id, targetType: type, targetId: id, authorId: t.authorId, reason, details, createdAt: clock() })
        .onConflictDoNothing()
        .returning({ id: reports.id });
      if (!row) throw new AppError('report.duplicate');
      return { id: row.id };
    },

    /** Whether this user already reported this target (the button then says so). */
    async reported(userId: number, type: string, id: number): Promise<boolean> {
      const [r] = await db
        .select({ id: reports.id })
        .from(reports)
        .where(and(eq(reports.reporterId, userId), eq(reports.targetType, type), eq(reports.targetId, id)));
      return Boolean(r);
    },

    /** The moderators' queue: open reports grouped by target, the most reported first, then the oldest. */
    async queue(staff: Staff, limit = 50) {
      requireModerator(staff);
      const groups = await db
        .select({
          targetType: reports.targetType,
          targetId: reports.targetId,
          authorId: sql<number>`min(${reports.authorId})::int`,
          count: sql<number>`count(*)::int`,
          first: sql<Date>`min(${reports.createdAt})`,
        })
        .from(reports)
        .where(eq(reports.status, 'open'))
        .groupBy(reports.targetType, reports.targetId)
        .orderBy(sql`count(*) DESC`, sql`min(${reports.createdAt})`)
        .limit(limit);
      return Promise.all(
        groups.map(async (g) => {
          const items = await db
            .select()
            .from(reports)
            .where(and(eq(reports.status, 'open'), eq(reports.targetType, g.targetType), eq(reports.targetId, g.targetId)))
            .orderBy(asc(reports.id))
            .limit(20);
          const reasons: Record<string, number> = {};
          for (const r of items) reasons[r.reason] = (reasons[r.reason] ?? 0) + 1;
          return {
            targetType: g.targetType,
            targetId: g.targetId,
            authorId: g.authorId,
            count: g.count,
            first: new Date(g.first),
            reasons,
            reports: items,
            content: await service.target(g.targetType, g.targetId),
            takeDowns: service.takeDownKinds(g.targetType),
            record: await service.takenDown(g.targetType, g.targetId),
          };
        }),
      );
    },

    /** What moderators did to a target before (with the snapshot of the content as it was). */
    async takenDown(type: string, id: number) {
      return db
        .select()
        .from(moderatedContent)
        .where(and(eq(moderatedContent.targetType, type), eq(moderatedContent.targetId, id)))
        .orderBy(desc(moderatedContent.id));
    },

    /**
     * A moderator decides every open report of a target: dismiss, hide or delete the content (the author is
     * told why; a snapshot stays for staff), or warn its author. Reporters hear that it was reviewed.
     */
    async decide(staff: Staff, input: { targetType: string; targetId: number; decision: unknown; reason: unknown }, ip: string | null) {
      requireModerator(staff);
      const decision = String(input.decision ?? '') as Decision;
      if (!(DECISIONS as readonly string[]).includes(decision)) throw invalid({ decision: 'report.decision_invalid' });
      const reason = cleanReason(input.reason);
      const adapter = adapters.get(input.targetType);
      if (!adapter) throw new AppError('report.target_not_found');
      if ((decision === 'hide' || decision === 'delete') && !adapter.takeDowns.includes(decision))
        throw invalid({ decision: 'report.decision_invalid' });
      const now = clock();
      // Read before the transaction: some kinds read through their module's own handle (PGlite has one connection).
      const t = await adapter.load(input.targetId);
      await db.transaction(async (tx) => {
        const open = await tx
          .update(reports)
          .set({ status: decision === 'dismiss' ? 'dismissed' : 'actioned', decision, decidedBy: staff.id, decidedAt: now })
          .where(and(eq(reports.targetType, input.targetType), eq(reports.targetId, input.targetId), eq(reports.status, 'open')))
          .returning();
        if (open.length === 0) throw new AppError('report.already_decided');
        const authorId = t?.authorId ?? open[0].authorId;
        const params = { reason, title: (t?.title ?? '').slice(0, 80) };
        if (decision === 'hide' || decision === 'delete') {
          if (!t || !adapter.apply || !(await adapter.apply(tx, input.targetId, decision, reason)))
            throw new AppError('report.already_decided');
          await tx.insert(moderatedContent).values({
            targetType: input.targetType,
            targetId: input.targetId,
            authorId,
            action: decision,
            reason,
            snapshot: { title: t.title, text: t.text, url: t.url },
            actorId: staff.id,
            createdAt: now,
          });
          const kind = decision === 'hide' ? 'content_hidden' : 'content_removed';
          await tell(tx, authorId, `trust.${kind}`, params, '/account/sanctions', kind);
        } else if (decision === 'warn') {
          await tx.insert(sanctions).values({
            userId: authorId,
            kind: 'warning',
            scopes: [],
            reason,
            source: `${input.targetType}:${input.targetId}`,
            createdBy: staff.id,
            createdAt: now,
          });
          await tell(tx, authorId, 'trust.warning', params, '/account/sanctions', 'warning');
        }
        // A report upheld (the content taken down, or its author warned) is a confirmed violation: points taken, once
        // per reported target (a sanction answering the same target later does not take them again).
        if (decision !== 'dismiss')
          await m.points.award(tx, { userId: authorId, reason: 'violation', source: `violation:${input.targetType}:${input.targetId}` });
        for (const reporterId of new Set(open.map((r) => r.reporterId)))
          await m.notifications.notify(tx, {
            userId: reporterId,
            type: 'trust.report_reviewed',
            params: { title: params.title },
            url: t?.url ?? '/',
          });
        await audit(tx, {
          actorId: staff.id,
          action: `report.${decision}`,
          targetType: input.targetType,
          targetId: input.targetId,
          data: { reason, reports: open.map((r) => r.id), authorId },
          ip,
        });
      });
      await adapter.afterCommit?.();
      deps.outbox.kick();
      return { decision };
    },

    /**
     * A moderator removes content of the user an open case is about, without a report and without its author's
     * consent (issue 20: a review proven coerced), with a reason the author reads; audited, the snapshot kept for
     * staff. Only that user's content: anyone else's is `report.target_not_found`.
     */
    async removeOnCase(staff: Staff, input: { caseId: number; targetType: string; targetId: number; reason: unknown }, ip: string | null) {
      requireModerator(staff);
      const reason = cleanReason(input.reason);
      const adapter = adapters.get(input.targetType);
      if (!adapter?.apply || !adapter.takeDowns.includes('delete')) throw new AppError('report.target_not_found');
      const [c] = await db
        .select()
        .from(moderationCases)
        .where(and(eq(moderationCases.id, input.caseId), eq(moderationCases.status, 'open')));
      if (!c) throw new AppError('trust.case_not_found');
      const t = await adapter.load(input.targetId);
      if (!t || t.authorId !== c.userId) throw new AppError('report.target_not_found');
      const now = clock();
      await db.transaction(async (tx) => {
        if (!(await adapter.apply?.(tx, input.targetId, 'delete', reason))) throw new AppError('report.already_decided');
        await tx.insert(moderatedContent).values({
          targetType: input.targetType,
          targetId: input.targetId,
          authorId: c.userId,
          action: 'delete',
          reason,
          snapshot: { title: t.title, text: t.text, url: t.url },
          actorId: staff.id,
          createdAt: now,
        });
        await tell(
          tx,
          c.userId,
          'trust.content_removed',
          { reason, title: (t.title ?? '').slice(0, 80) },
          '/account/sanctions',
          'content_removed',
        );
        await audit(tx, {
          actorId: staff.id,
          action: 'case.remove_content',
          targetType: input.targetType,
          targetId: input.targetId,
          data: { reason, caseId: c.id, authorId: c.userId, kind: c.kind },
          ip,
        });
      });
      await adapter.afterCommit?.();
      deps.outbox.kick();
    },

    /**
     * A moderator sanctions a user (policy 10): full or partial scopes, until a date or permanent, with a
     * reason the user sees. A selling (or full) sanction takes their services offline; a permanent full ban
     * freezes the whole balance through the wallet (policy 5).
     */
    async sanction(
      staff: Staff,
      userId: number,
      input: { scopes: unknown; reason: unknown; endsAt?: unknown; source?: unknown },
      ip: string | null,
    ): Promise<SanctionRow> {
      requireModerator(staff);
      const fields: Record<string, string> = {};
      const scopes = cleanScopes(input.scopes);
      if (!scopes) fields.scopes = 'sanction.scopes_required';
      const why = typeof input.reason === 'string' ? input.reason.trim() : '';
      if (why.length < REASON_MIN || why.length > REASON_MAX) fields.reason = 'trust.reason_required';
      let endsAt: Date | null = null;
      const rawEnd = input.endsAt === undefined || input.endsAt === null ? '' : String(input.endsAt).trim();
      if (rawEnd) {
        const d = /^\d{4}-\d{2}-\d{2}$/.test(rawEnd) ? new Date(`${rawEnd}T23:59:59Z`) : new Date(rawEnd);
        if (Number.isNaN(d.getTime())) fields.endsAt = 'sanction.end_invalid';
        else if (d.getTime() <= clock().getTime()) fields.endsAt = 'sanction.end_past';
        else endsAt = d;
      }
      if (Object.keys(fields).length) throw invalid(fields, { min: REASON_MIN, max: REASON_MAX });
      if (userId === staff.id) throw new AppError('sanction.self');
      const roles = await m.accounts.rolesOf(userId);
      if (!roles) throw new AppError('account.not_found');
      const refusal = sanctionRefusal(staff, { id: userId, roles });
      if (refusal) throw new AppError(refusal);
      const source = typeof input.source === 'string' && /^[a-z_]+:\d{1,15}$/.test(input.source) ? input.source : null;
      const scopeList = scopes as string[];
      const row = await db.transaction(async (tx) => {
        const [s] = await tx
          .insert(sanctions)
          .values({ userId, kind: 'sanction', scopes: scopeList, reason: why, endsAt, source, createdBy: staff.id, createdAt: clock() })
          .returning();
        // A sanction is a confirmed violation: the report target it answers (`source`), or the sanction itself.
        await m.points.award(tx, { userId, reason: 'violation', source: `violation:${source ?? `sanction:${s.id}`}` });
        if (coversSelling(scopeList)) await m.sellers.suspendSeller(tx, userId);
        const freeze = scopeList.includes('full') && endsAt === null;
        if (freeze) await m.wallet.freezeBalance(tx, { userId, reason: why, actorId: staff.id });
        await tell(tx, userId, 'trust.sanctioned', { reason: why }, '/account/sanctions', 'sanctioned');
        await audit(tx, {
          actorId: staff.id,
          action: 'sanction.create',
          targetType: 'user',
          targetId: userId,
          data: { sanctionId: s.id, scopes: scopeList, endsAt: endsAt?.toISOString() ?? null, reason: why, source, freeze },
          ip,
        });
        return s;
      });
      await m.sellers.changed();
      deps.outbox.kick();
      return row;
    },

    /** A moderator lifts a sanction early (after an appeal…), with a reason; audited, the user told. */
    async lift(staff: Staff, id: number, reason: unknown, ip: string | null): Promise<SanctionRow> {
      requireModerator(staff);
      const why = cleanReason(reason);
      const row = await db.transaction(async (tx) => {
        const [s] = await tx
          .update(sanctions)
          .set({ liftedAt: clock(), liftedBy: staff.id, liftReason: why })
          .where(and(eq(sanctions.id, id), eq(sanctions.kind, 'sanction'), isNull(sanctions.liftedAt)))
          .returning();
        if (!s) throw new AppError('sanction.not_active');
        await afterLift(tx, s);
        await audit(tx, {
          actorId: staff.id,
          action: 'sanction.lift',
          targetType: 'user',
          targetId: s.userId,
          data: { sanctionId: id, reason: why },
          ip,
        });
        return s;
      });
      await m.sellers.changed();
      deps.outbox.kick();
      return row;
    },

    /** The worker: sanctions whose end has come are lifted (services back online, the user told). */
    async expireDue(now: Date): Promise<number> {
      const due = await db
        .select({ id: sanctions.id })
        .from(sanctions)
        .where(and(eq(sanctions.kind, 'sanction'), isNull(sanctions.liftedAt), lte(sanctions.endsAt, now)))
        .limit(200);
      let n = 0;
      for (const { id } of due) {
        const done = await db.transaction(async (tx) => {
          const [s] = await tx
            .update(sanctions)
            .set({ liftedAt: now, liftReason: 'expired' })
            .where(and(eq(sanctions.id, id), isNull(sanctions.liftedAt)))
            .returning();
          if (!s) return false;
          await afterLift(tx, s);
          await audit(tx, { actorId: null, action: 'sanction.expire', targetType: 'user', targetId: s.userId, data: { sanctionId: id } });
          return true;
        });
        if (done) n++;
      }
      if (n) {
        await m.sellers.changed();
        deps.outbox.kick();
      }
      return n;
    },

    /** A user's warnings and sanctions, newest first (their own page; staff on the user's admin page). */
    async sanctionsOf(userId: number) {
      return db.select().from(sanctions).where(eq(sanctions.userId, userId)).orderBy(desc(sanctions.id)).limit(100);
    },

    /** Content of this user that moderators took down, newest first (the reason; the text only for staff). */
    async takeDownsOf(userId: number) {
      return db.select().from(moderatedContent).where(eq(moderatedContent.authorId, userId)).orderBy(desc(moderatedContent.id)).limit(100);
    },

    /** Reports filed against a user's content (staff's user page). */
    async reportsAgainst(userId: number) {
      return db.select().from(reports).where(eq(reports.authorId, userId)).orderBy(desc(reports.id)).limit(100);
    },
  };

  /** After a sanction ends: services come back if no other selling sanction is still in force; the user told. */
  async function afterLift(tx: DbOrTx, s: SanctionRow) {
    if (coversSelling(s.scopes) && (await m.trust.isAllowed(s.userId, 'selling', tx))) await m.sellers.restoreSeller(tx, s.userId);
    await tell(tx, s.userId, 'trust.sanction_lifted', { reason: s.reason }, '/account/sanctions', 'lifted');
  }

  return service;
}

export type ModerationService = ReturnType<typeof createModerationService>;
