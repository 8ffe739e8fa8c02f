import { eq } from 'drizzle-orm';
import { audit } from '../../../platform/audit.ts';
import { hashPassword } from '../../../platform/crypto.ts';
import { AppError, invalid } from '../../../platform/errors.ts';
import { STAFF_ROLES } from '../../../platform/staff.ts';
import type { ContentService } from '../../content/index.ts';
import { emailProblem, normalizeEmail, passwordProblem } from '../rules.ts';
import { policyAcceptances, users } from '../schema.ts';
import type { AccountsContext, UserRow } from './context.ts';
import { searchTextOf } from './profile-text.ts';

/** Accounts made without signing up: the CLI's staff account and the demo dataset's users. */
export function provisioningService(ctx: AccountsContext, content: ContentService) {
  const { db, clock } = ctx;
  return {
    /**
     * `create-admin`: a verified staff account with every role (or every role added to an existing one). With
     * `mustChangePassword` (the demo admin, whose password the start-up log shows) the password must be changed at
     * the first sign-in; without it (the operator chose the password) any such demand is lifted.
     */
    async createAdmin(input: { email: string; username: string; password: string; mustChangePassword?: boolean }): Promise<UserRow> {
      const mustChangePassword = input.mustChangePassword === true;
      const email = normalizeEmail(input.email ?? '');
      const username = (input.username ?? '').trim().toLowerCase();
      const fields: Record<string, string> = {};
      const e = emailProblem(email);
      if (e) fields.email = e;
      if (!/^[a-z0-9_]{3,30}$/.test(username)) fields.username = 'account.username_invalid';
      const p = passwordProblem(input.password ?? '', { username, email });
      if (p) fields.password = p;
      if (Object.keys(fields).length) throw invalid(fields, { min: 10 });
      const passwordHash = await hashPassword(input.password);
      const versions = await content.currentVersions();
      return db.transaction(async (tx) => {
        const [byName] = await tx.select().from(users).where(eq(users.username, username));
        const [byEmail] = await tx.select().from(users).where(eq(users.email, email));
        if (byName && byEmail && byName.id !== byEmail.id) throw new AppError('account.username_taken');
        if (byName && !byEmail) throw new AppError('account.username_taken');
        if (byEmail && byEmail.username !== username) throw new AppError('account.email_taken');
        const roles = [...STAFF_ROLES];
        let u: UserRow;
        if (byName) {
          [u] = await tx
            .update(users)
            .set({ roles, passwordHash, mustChangePassword, emailVerifiedAt: byName.emailVerifiedAt ?? clock(), updatedAt: clock() })
            .where(eq(users.id, byName.id))
            .returning();
        } else {
          [u] = await tx
            .insert(users)
            .values({
              email,
              username,
              passwordHash,
              displayName: username,
              roles,
              mustChangePassword,
              emailVerifiedAt: clock(),
              termsVersion: versions.terms,
              privacyVersion: versions.privacy,
              searchText: searchTextOf({ displayName: username, username, skills: [] }),
            })
            .returning();
          await tx.insert(policyAcceptances).values([
            { userId: u.id, policy: 'terms', version: versions.terms },
            { userId: u.id, policy: 'privacy', version: versions.privacy },
          ]);
        }
        await audit(tx, { actorId: null, action: 'user.create_admin', targetType: 'user', targetId: u.id, data: { via: 'cli' } });
        return u;
      });
    },

    /** A verified ordinary account for the demo dataset. */
    async createDemoUser(input: { email: string; username: string; password: string }): Promise<UserRow> {
      const versions = await content.currentVersions();
      const passwordHash = await hashPassword(input.password);
      const [u] = await db
        .insert(users)
        .values({
          email: input.email,
          username: input.username,
          passwordHash,
          displayName: input.username,
          emailVerifiedAt: clock(),
          termsVersion: versions.terms,
          privacyVersion: versions.privacy,
          searchText: searchTextOf({ displayName: input.username, username: input.username, skills: [] }),
        })
        .returning();
      return u;
    },
  };
}
