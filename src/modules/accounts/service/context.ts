import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/index.ts';
import type { Deps } from '../../../platform/deps.ts';
import { AppError } from '../../../platform/errors.ts';
import type { Origin } from '../../../platform/http/auth.ts';
import type { Locale } from '../../../platform/i18n/index.ts';
import { accountMail } from '../mails.ts';
import { users } from '../schema.ts';

export type UserRow = typeof users.$inferSelect;
export type SessionKind = 'web' | 'api';

/** What every part of the accounts service is built from: the deps, and the two steps they all share. */
export interface AccountsContext {
  deps: Deps;
  db: Deps['db'];
  config: Deps['config'];
  clock: () => Date;
  /** How long a session lasts, from the configuration. */
  sessionMs: number;
  /** One account by id; `account.not_found` when there is none. */
  byId(id: number, tx?: DbOrTx): Promise<UserRow>;
  /** An account mail to this user, in their language, ready for the outbox. */
  mail(
    kind: Parameters<typeof accountMail>[0],
    u: UserRow,
    extra?: { token?: string; provider?: string } & Partial<Origin>,
  ): ReturnType<typeof accountMail>;
}

export function createAccountsContext(deps: Deps): AccountsContext {
  const { db, config, clock } = deps;
  const sessionMs = config.sessionDays * 86_400_000;

  async function byId(id: number, tx: DbOrTx = db): Promise<UserRow> {
    const [u] = await tx.select().from(users).where(eq(users.id, id));
    if (!u) throw new AppError('account.not_found');
    return u;
  }

  function mail(kind: Parameters<typeof accountMail>[0], u: UserRow, extra: { token?: string; provider?: string } & Partial<Origin> = {}) {
    return accountMail(kind, {
      to: u.email,
      locale: u.locale as Locale,
      baseUrl: config.baseUrl,
      name: u.displayName,
      at: clock(),
      ...extra,
    });
  }

  return { deps, db, config, clock, sessionMs, byId, mail };
}
