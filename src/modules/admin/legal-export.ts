import { audit } from '../../platform/audit.ts';
import type { DbOrTx } from '../../platform/db/index.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import type { AuthUser, Origin } from '../../platform/http/auth.ts';

/**
 * One module's part of a legal export: its name and its manifest's `userData` (platform/module.ts). app.ts builds
 * the list from MODULES, in their order (accounts first: it refuses an unknown user before the others read).
 */
export interface UserDataSection {
  name: string;
  read: (tx: DbOrTx, userId: number) => Promise<Record<string, unknown>>;
}

export const REFERENCE_MIN = 3;
export const REFERENCE_MAX = 200;
export const REASON_MIN = 10;
export const REASON_MAX = 2000;

const text = (v: unknown) => (typeof v === 'string' ? v.replace(/\r\n/g, '\n').trim() : '');

/** What the export says of itself; every other key is a module's part. */
const OWN_KEYS = ['exportedAt', 'exportedBy', 'request'];

/**
 * Everything held about one user, for a recorded legal request (privacy policy 2: disclosures are logged).
 *
 * The admin module reads no other module's tables: each module that holds user data gives its part through its
 * manifest's `userData` (accounts, catalog, wallet — the ledger included —, messaging, orders, projects, contests,
 * favorites, works, blog, trust, support, verification, help), read in this export's one transaction, each select
 * naming its columns so no secret (password hashes, TOTP secrets, recovery codes, session and mail token hashes,
 * deposit checkout secrets) is ever picked up. Each part's keys are the export's top-level keys. The one write is
 * the export's own audit row, in the same transaction as the reads: it also records the staff reading of what the
 * parts disclose (identity verification's document metadata among them).
 */
export async function legalExport(
  deps: Deps,
  sections: readonly UserDataSection[],
  actor: AuthUser,
  userId: number,
  input: { reference?: unknown; reason?: unknown },
  origin: Origin,
) {
  const reference = text(input.reference).replace(/\s+/g, ' ');
  const reason = text(input.reason);
  const fields: Record<string, string> = {};
  if (reference.length < REFERENCE_MIN || reference.length > REFERENCE_MAX) fields.reference = 'admin.export_reference_invalid';
  if (reason.length < REASON_MIN || reason.length > REASON_MAX) fields.reason = 'admin.export_reason_invalid';
  if (Object.keys(fields).length) throw invalid(fields);
  if (!Number.isSafeInteger(userId) || userId < 1 || userId > 2_147_483_647) throw new AppError('account.not_found');
  const now = deps.clock();

  return deps.db.transaction(async (tx) => {
    const parts: Record<string, unknown> = {};
    const owner = new Map<string, string>(OWN_KEYS.map((k) => [k, 'admin']));
    // One after another: a transaction runs one statement at a time.
    for (const section of sections) {
      const part = await section.read(tx, userId);
      for (const [key, value] of Object.entries(part)) {
        const taken = owner.get(key);
        if (taken) throw new Error(`legal export: ${section.name} and ${taken} both give "${key}"`);
        owner.set(key, section.name);
        parts[key] = value;
      }
    }
    // No module answered for the account (an export always has one): nothing is disclosed, nothing audited.
    if (!owner.has('account')) throw new AppError('account.not_found');

    await audit(tx, {
      actorId: actor.id,
      action: 'user.legal_export',
      targetType: 'user',
      targetId: userId,
      data: { reference, reason },
      ip: origin.ip,
    });

    return {
      exportedAt: now.toISOString(),
      exportedBy: { id: actor.id, username: actor.username },
      request: { reference, reason },
      ...parts,
    };
  });
}

export type LegalExport = Awaited<ReturnType<typeof legalExport>>;
