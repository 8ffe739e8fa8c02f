import { and, desc, eq, gt, gte, isNull, or, sql } from 'drizzle-orm';
import { audit } from '../../platform/audit.ts';
import type { DbOrTx } from '../../platform/db/index.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { type ContactMatch, scanContacts } from './detector.ts';
import { mayModerate } from './policy.ts';
import { contactAttempts, moderationCases, sanctions } from './schema.ts';

/** The partial scopes of a sanction (policy 10); a full sanction ('full') covers every one of them. */
export const SANCTION_SCOPES = ['selling', 'buying', 'messaging', 'withdrawing', 'posting'] as const;
export type SanctionScope = (typeof SANCTION_SCOPES)[number];

/** RULES.md "Trust and safety": three refused attempts in 30 days open a moderation case. */
export const ATTEMPTS_FOR_CASE = 3;
const WINDOW_MS = 30 * 86_400_000;

/** The refused attempts of the last 30 days that count toward a case: all but those a moderator overturned. */
export async function countedAttempts(tx: DbOrTx, userId: number, now: Date): Promise<number> {
  const [r] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(contactAttempts)
    .where(
      and(
        eq(contactAttempts.userId, userId),
        gte(contactAttempts.createdAt, new Date(now.getTime() - WINDOW_MS)),
        sql`${contactAttempts.appeal} IS DISTINCT FROM 'overturned'`,
      ),
    );
  return r?.n ?? 0;
}

export function createTrustService(deps: Deps) {
  const { db, clock } = deps;

  const service = {
    /**
     * Records a refused attempt (outside any business transaction: the refusal rolls that back) and opens a
     * moderation case when it is the third in 30 days (a refusal a moderator overturned does not count). Returns the
     * attempt's id (an appeal names it: appeals.ts) and the case's when one was opened.
     */
    async recordAttempt(userId: number, context: string, found: ContactMatch[]): Promise<{ attemptId: number; caseId: number | null }> {
      const now = clock();
      return db.transaction(async (tx) => {
        const [a] = await tx
          .insert(contactAttempts)
          .values({ userId, context, found: found.slice(0, 10), createdAt: now })
          .returning({ id: contactAttempts.id });
        const n = await countedAttempts(tx, userId, now);
        if (n < ATTEMPTS_FOR_CASE) return { attemptId: a.id, caseId: null };
        const [c] = await tx
          .insert(moderationCases)
          .values({ userId, kind: 'contact_info', data: { attempts: n }, createdAt: now })
          .onConflictDoNothing()
          .returning({ id: moderationCases.id });
        return { attemptId: a.id, caseId: c?.id ?? null };
      });
    },

    /**
     * A sent message that ties a review to a refund or a favour (coercion.ts) goes to the moderators: one open case
     * per user (kind `review_coercion`) gathering its flagged messages (the last 20), in the sender's transaction.
     */
    async flagCoercion(tx: DbOrTx, userId: number, flagged: { messageId: number; conversationId: number; text: string }): Promise<void> {
      const item = { ...flagged, text: flagged.text.slice(0, 1000), at: clock().toISOString() };
      await tx.execute(sql`
        INSERT INTO moderation_cases (user_id, kind, data, created_at)
        VALUES (${userId}, 'review_coercion', ${JSON.stringify({ messages: [item] })}::jsonb, ${clock().toISOString()}::timestamptz)
        ON CONFLICT (user_id, kind) WHERE status = 'open' DO UPDATE SET data = jsonb_set(
          moderation_cases.data, '{messages}',
          (SELECT coalesce(jsonb_agg(e.v ORDER BY e.n), '[]'::jsonb)
             FROM jsonb_array_elements(coalesce(moderation_cases.data->'messages', '[]'::jsonb) || ${JSON.stringify([item])}::jsonb)
                  WITH ORDINALITY AS e(v, n)
            WHERE e.n > jsonb_array_length(coalesce(moderation_cases.data->'messages', '[]'::jsonb)) + 1 - 20))`);
    },

    /** Open moderation cases, oldest first (the moderators' queue). */
    async openCases() {
      return db.select().from(moderationCases).where(eq(moderationCases.status, 'open')).orderBy(moderationCases.id);
    },

    /** A moderator closes a case (after a warning or a sanction, or as unfounded), with a note; audited. */
    async closeCase(staff: { id: number; roles: string[] }, id: number, note: string, ip: string | null) {
      if (!mayModerate(staff)) throw new AppError('auth.forbidden');
      const why = note.trim();
      if (why.length < 3) throw invalid({ note: 'trust.case_note_required' });
      const now = clock();
      const [c] = await db
        .update(moderationCases)
        .set({
          status: 'closed',
          closedAt: now,
          data: sql`${moderationCases.data} || ${JSON.stringify({ note: why, closedBy: staff.id })}::jsonb`,
        })
        .where(and(eq(moderationCases.id, id), eq(moderationCases.status, 'open')))
        .returning();
      if (!c) throw new AppError('trust.case_not_found');
      await audit(db, {
        actorId: staff.id,
        action: 'case.close',
        targetType: 'user',
        targetId: c.userId,
        data: { caseId: id, note: why },
        ip,
      });
      return c;
    },

    /** The sanctions in force for a user now (not lifted, not ended), newest first. */
    async activeSanctions(userId: number, tx: DbOrTx = db) {
      return tx
        .select()
        .from(sanctions)
        .where(
          and(
            eq(sanctions.userId, userId),
            eq(sanctions.kind, 'sanction'),
            isNull(sanctions.liftedAt),
            or(isNull(sanctions.endsAt), gt(sanctions.endsAt, clock())),
          ),
        )
        .orderBy(desc(sanctions.id));
    },

    /** Whether a sanction in force covers this action's scope. */
    async isAllowed(userId: number, scope: SanctionScope, tx: DbOrTx = db): Promise<boolean> {
      const active = await service.activeSanctions(userId, tx);
      return !active.some((s) => s.scopes.includes('full') || s.scopes.includes(scope));
    },

    /**
     * Every service calls this before an action of the scope (policy 10): a sanction in force refuses it
     * (403, `trust.sanctioned_<scope>`), pointing the user to their sanctions page.
     */
    async assertAllowed(userId: number, scope: SanctionScope, tx: DbOrTx = db): Promise<void> {
      if (!(await service.isAllowed(userId, scope, tx))) throw new AppError(`trust.sanctioned_${scope}`);
    },

    /** One warning or sanction by id (for appeals), or null. */
    async sanctionById(id: number, tx: DbOrTx = db) {
      const [s] = await tx.select().from(sanctions).where(eq(sanctions.id, id));
      return s ?? null;
    },

    async attemptsOf(userId: number) {
      return db.select().from(contactAttempts).where(eq(contactAttempts.userId, userId)).orderBy(contactAttempts.id);
    },
  };
  return service;
}

export type TrustService = ReturnType<typeof createTrustService>;

/** The refusal of a text with contact details: field problems naming what was found. */
export function contactRefusal(fields: Record<string, ContactMatch[]>): AppError {
  const problems = Object.fromEntries(Object.keys(fields).map((f) => [f, 'trust.contact_info']));
  const found = Object.values(fields)
    .flat()
    .map((m) => m.text);
  return invalid(problems, { found: found.join('، ') });
}

/** Whether an error is a contact-details refusal, and what it found (for recording the attempt). */
export function contactFindings(err: unknown): boolean {
  return err instanceof AppError && Object.values(err.fields).includes('trust.contact_info');
}

export { scanContacts };
