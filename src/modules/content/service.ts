import { and, desc, eq } from 'drizzle-orm';
import { audit } from '../../platform/audit.ts';
import type { DbOrTx } from '../../platform/db/index.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { enqueue } from '../../platform/outbox.ts';
import { cleanLine } from '../../platform/text.ts';
import { mayPublishPolicy, mayReadContactMessages } from './policy.ts';
import { contactMessages, policyVersions } from './schema.ts';

export type PolicyKind = 'privacy' | 'terms';
export const POLICY_KINDS: PolicyKind[] = ['privacy', 'terms'];
export type PolicyVersion = typeof policyVersions.$inferSelect;

export function isPolicyKind(v: string): v is PolicyKind {
  return (POLICY_KINDS as string[]).includes(v);
}

export function createContentService(deps: Deps) {
  const { db } = deps;

  async function current(policy: PolicyKind, tx: DbOrTx = db): Promise<PolicyVersion> {
    const [row] = await tx
      .select()
      .from(policyVersions)
      .where(eq(policyVersions.policy, policy))
      .orderBy(desc(policyVersions.version))
      .limit(1);
    if (!row) throw new AppError('policy.not_found');
    return row;
  }

  return {
    current,

    async currentVersions(tx: DbOrTx = db): Promise<{ terms: number; privacy: number }> {
      const [terms, privacy] = [await current('terms', tx), await current('privacy', tx)];
      return { terms: terms.version, privacy: privacy.version };
    },

    async history(policy: PolicyKind): Promise<PolicyVersion[]> {
      return db.select().from(policyVersions).where(eq(policyVersions.policy, policy)).orderBy(desc(policyVersions.version));
    },

    async version(policy: PolicyKind, version: number): Promise<PolicyVersion> {
      const [row] = await db
        .select()
        .from(policyVersions)
        .where(and(eq(policyVersions.policy, policy), eq(policyVersions.version, version)));
      if (!row) throw new AppError('policy.not_found');
      return row;
    },

    /** Publishes a new version at once (the policy page's own rule); the old ones stay readable. */
    async publish(
      actor: { id: number; roles: string[] },
      input: { policy: PolicyKind; lastUpdated: string; bodyAr: string; bodyEn: string; changeNoteAr: string; changeNoteEn: string },
    ): Promise<PolicyVersion> {
      if (!mayPublishPolicy(actor)) throw new AppError('auth.forbidden');
      const fields: Record<string, string> = {};
      if (!/^\d{4}-\d{2}-\d{2}$/.test(input.lastUpdated) || Number.isNaN(Date.parse(input.lastUpdated))) {
        fields.lastUpdated = 'policy.date_invalid';
      }
      if (input.bodyAr.trim().length < 50) fields.bodyAr = 'policy.body_too_short';
      if (input.bodyEn.trim().length < 50) fields.bodyEn = 'policy.body_too_short';
      if (Object.keys(fields).length) throw invalid(fields, { min: 50 });
      return db.transaction(async (tx) => {
        const prev = await current(input.policy, tx);
        const [row] = await tx
          .insert(policyVersions)
          .values({
            policy: input.policy,
            version: prev.version + 1,
            lastUpdated: input.lastUpdated,
            titleAr: prev.titleAr,
            titleEn: prev.titleEn,
            bodyAr: input.bodyAr.trim(),
            bodyEn: input.bodyEn.trim(),
            changeNoteAr: cleanLine(input.changeNoteAr),
            changeNoteEn: cleanLine(input.changeNoteEn),
            publishedBy: actor.id,
          })
          .returning();
        await audit(tx, {
          actorId: actor.id,
          action: 'policy.publish',
          targetType: 'policy',
          targetId: `${input.policy}:${row.version}`,
        });
        return row;
      });
    },

    /** A message from the contact page: stored for support and mailed to the support address. */
    async contact(input: {
      userId: number | null;
      name: string;
      email: string;
      subject: string;
      body: string;
      ip: string | null;
    }): Promise<void> {
      const name = cleanLine(input.name);
      const email = cleanLine(input.email).toLowerCase();
      const subject = cleanLine(input.subject);
      const body = (input.body ?? '').trim();
      const fields: Record<string, string> = {};
      if (name.length < 2 || name.length > 80) fields.name = 'contact.name_invalid';
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(email)) fields.email = 'account.email_invalid';
      if (subject.length < 3 || subject.length > 150) fields.subject = 'contact.subject_invalid';
      if (body.length < 10 || body.length > 5000) fields.body = 'contact.body_invalid';
      if (Object.keys(fields).length) throw invalid(fields);
      await deps.limiter.hit(`contact:${input.ip ?? 'unknown'}`, 5, 3600);
      await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(contactMessages)
          .values({ userId: input.userId, name, email, subject, body })
          .returning({ id: contactMessages.id });
        await enqueue(tx, {
          kind: 'mail',
          payload: {
            to: deps.config.supportEmail,
            subject: `[Kafiil contact #${row.id}] ${subject}`,
            text: `${name} <${email}>${input.userId ? ` (user #${input.userId})` : ''}\n\n${body}`,
          },
        });
      });
      deps.outbox.kick();
    },

    /** Support reads what came through the contact page. */
    async contactMessages(actor: { roles: string[] }, limit = 50) {
      if (!mayReadContactMessages(actor)) throw new AppError('auth.forbidden');
      return db.select().from(contactMessages).orderBy(desc(contactMessages.id)).limit(limit);
    },
  };
}

export type ContentService = ReturnType<typeof createContentService>;
