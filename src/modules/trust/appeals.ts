import { and, desc, eq, sql } from 'drizzle-orm';
import { audit } from '../../platform/audit.ts';
import type { DbOrTx } from '../../platform/db/index.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import type { NotificationsService } from '../notifications/index.ts';
import { scanContacts } from './detector.ts';
import { mayModerate } from './policy.ts';
import { contactAttempts, moderationCases } from './schema.ts';
import { ATTEMPTS_FOR_CASE, countedAttempts } from './service.ts';

/** How long after a refusal its author may still ask a moderator to review it. */
export const APPEAL_DAYS = 7;
/** The longest text an appeal carries (a message's limit). */
const APPEAL_BODY_MAX = 5000;

/**
 * Where a refused text can be delivered once a moderator allows it (a module registers one per context it guards,
 * e.g. messaging for 'message'): `check` turns what the form sent into the target (or null: not a valid one for this
 * author); `deliver` sends the text as its author wrote it, inside the moderator's transaction.
 */
export interface AppealTarget {
  check(userId: number, raw: Record<string, unknown>): Promise<Record<string, string | number> | null>;
  deliver(tx: DbOrTx, userId: number, target: Record<string, string | number>, body: string): Promise<{ url: string }>;
}

type Staff = { id: number; roles: readonly string[] };

/**
 * "Ask a moderator to review" (issue 20): a text refused for contact details can be sent to the moderators with the
 * refusal it got. A moderator who overturns it delivers the text and the refusal no longer counts toward a case (an
 * open contact-details case that falls under the threshold is closed with it); one who upholds it says why. Each
 * decision is audited and its author notified. The moderators' cases page lists these first.
 */
export function createContactAppeals(
  deps: Pick<Deps, 'db' | 'clock' | 'outbox'>,
  m: { notifications: Pick<NotificationsService, 'notify'> },
) {
  const { db, clock } = deps;
  const targets = new Map<string, AppealTarget>();

  return {
    register(context: string, target: AppealTarget): void {
      if (targets.has(context)) throw new Error(`appeal target ${context} is registered twice`);
      targets.set(context, target);
    },

    /** Whether a refusal in `context` can be appealed (its form offers the button). */
    appealable: (context: string): boolean => targets.has(context),

    /**
     * The author of refusal `attemptId` asks for a review of `body` (the text refused, as it was typed: it must find
     * the same contact details) going to `raw` (the form's target). Once per refusal, within APPEAL_DAYS.
     */
    async appeal(actor: { id: number }, attemptId: number, body: string, raw: Record<string, unknown>) {
      const [a] =
        Number.isSafeInteger(attemptId) && attemptId > 0
          ? await db.select().from(contactAttempts).where(eq(contactAttempts.id, attemptId))
          : [];
      if (!a || a.userId !== actor.id) throw new AppError('trust.appeal_not_found');
      const target = targets.get(a.context);
      if (!target) throw new AppError('trust.appeal_not_found');
      if (a.appeal) throw new AppError('trust.appeal_exists');
      if (clock().getTime() - a.createdAt.getTime() > APPEAL_DAYS * 86_400_000)
        throw new AppError('trust.appeal_too_late', { days: APPEAL_DAYS });
      const text = (body ?? '').replace(/\r\n/g, '\n').trim();
      const found = new Set(scanContacts(text).matches.map((x) => x.text));
      // The same text as refused: the same contact details in it (a different text is simply sent again).
      const same =
        text.length <= APPEAL_BODY_MAX &&
        found.size > 0 &&
        a.found.every((f) => found.has(f.text)) &&
        found.size === new Set(a.found.map((f) => f.text)).size;
      if (!same) throw invalid({ body: 'trust.appeal_text_changed' });
      const to = await target.check(actor.id, raw);
      if (!to) throw new AppError('trust.appeal_not_found');
      const [row] = await db
        .update(contactAttempts)
        .set({ appeal: 'pending', appealBody: text, appealTarget: to, appealedAt: clock() })
        .where(and(eq(contactAttempts.id, a.id), sql`${contactAttempts.appeal} IS NULL`))
        .returning();
      if (!row) throw new AppError('trust.appeal_exists');
      return row;
    },

    /** The appeals waiting for a moderator, the oldest first. */
    async pending(limit = 100) {
      return db
        .select()
        .from(contactAttempts)
        .where(eq(contactAttempts.appeal, 'pending'))
        .orderBy(contactAttempts.appealedAt)
        .limit(limit);
    },

    /** A user's appeals, the newest first (their own history). */
    async of(userId: number) {
      return db
        .select()
        .from(contactAttempts)
        .where(and(eq(contactAttempts.userId, userId), sql`${contactAttempts.appeal} IS NOT NULL`))
        .orderBy(desc(contactAttempts.appealedAt));
    },

    /**
     * A moderator decides: `overturn` delivers the text (through the target, in this transaction: if it cannot be
     * delivered now — blocked, sanctioned — nothing changes and the refusal says why), `uphold` keeps the refusal.
     * Both need a note; two moderators at once: one decides, the other is told it was decided.
     */
    async decide(staff: Staff, id: number, decision: 'overturn' | 'uphold', note: string, ip: string | null) {
      if (!mayModerate(staff)) throw new AppError('auth.forbidden');
      const why = (note ?? '').trim();
      if (why.length < 3 || why.length > 500) throw invalid({ note: 'trust.appeal_note_required' });
      if (decision !== 'overturn' && decision !== 'uphold') throw invalid({ decision: 'trust.appeal_decision_invalid' });
      const now = clock();
      const r = await db.transaction(async (tx) => {
        const [a] = await tx
          .update(contactAttempts)
          .set({ appeal: decision === 'overturn' ? 'overturned' : 'upheld', decidedBy: staff.id, decidedAt: now, decisionNote: why })
          .where(and(eq(contactAttempts.id, id), eq(contactAttempts.appeal, 'pending')))
          .returning();
        if (!a) {
          const [was] = await tx.select({ appeal: contactAttempts.appeal }).from(contactAttempts).where(eq(contactAttempts.id, id));
          throw new AppError(was?.appeal ? 'trust.appeal_decided' : 'trust.appeal_not_found');
        }
        let url = '/account/appeals';
        if (decision === 'overturn') {
          const target = targets.get(a.context);
          if (!target || !a.appealTarget || !a.appealBody) throw new AppError('trust.appeal_not_found');
          url = (await target.deliver(tx, a.userId, a.appealTarget, a.appealBody)).url;
          // Without this refusal the user may be under the threshold: their open case closes with the decision.
          if ((await countedAttempts(tx, a.userId, now)) < ATTEMPTS_FOR_CASE)
            await tx
              .update(moderationCases)
              .set({
                status: 'closed',
                closedAt: now,
                data: sql`${moderationCases.data} || ${JSON.stringify({ note: why, closedBy: staff.id, appeal: a.id })}::jsonb`,
              })
              .where(
                and(eq(moderationCases.userId, a.userId), eq(moderationCases.kind, 'contact_info'), eq(moderationCases.status, 'open')),
              );
        }
        await audit(tx, {
          actorId: staff.id,
          action: `contact_appeal.${decision}`,
          targetType: 'user',
          targetId: a.userId,
          data: { attemptId: a.id, note: why },
          ip,
        });
        await m.notifications.notify(tx, {
          userId: a.userId,
          type: `trust.appeal_${decision === 'overturn' ? 'overturned' : 'upheld'}`,
          params: { note: why },
          url,
        });
        return a;
      });
      deps.outbox.kick();
      return r;
    },
  };
}

export type ContactAppeals = ReturnType<typeof createContactAppeals>;
