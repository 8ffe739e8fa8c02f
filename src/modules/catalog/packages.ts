import { asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/index.ts';
import { cleanLine } from '../../platform/text.ts';
import { DAYS_MAX, DAYS_MIN, PRICE_MAX_CENTS, PRICE_MIN_CENTS } from './rules.ts';
import { type PackageDraft, type PackageTier, type ServiceDraft, servicePackages } from './schema.ts';

/** A service's packages (issue 20; RULES.md "Services"): basic, standard, premium, in that order. */
export const TIERS: readonly PackageTier[] = ['basic', 'standard', 'premium'];
export const PACKAGE_TITLE_MIN = 3;
export const PACKAGE_TITLE_MAX = 60;
export const PACKAGE_DESCRIPTION_MIN = 10;
export const PACKAGE_DESCRIPTION_MAX = 600;
export const PACKAGE_REVISIONS_MAX = 10;

export type PackageRow = typeof servicePackages.$inferSelect;
export type { PackageDraft, PackageTier };

export const isTier = (v: unknown): v is PackageTier => typeof v === 'string' && (TIERS as readonly string[]).includes(v);

/** Loosely typed packages (API JSON or the form) → drafts in tier order; malformed numbers become NaN, refused later. */
export function toPackageDrafts(input: unknown): PackageDraft[] {
  if (!Array.isArray(input)) return [];
  const int = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v.trim()) : Number.NaN);
  const out: PackageDraft[] = input.map((raw) => {
    const o = (raw ?? {}) as Record<string, unknown>;
    return {
      tier: (isTier(o.tier) ? o.tier : String(o.tier ?? '')) as PackageTier,
      title: cleanLine(o.title),
      description: typeof o.description === 'string' ? o.description.trim() : '',
      priceCents: int(o.priceCents),
      deliveryDays: int(o.deliveryDays),
      revisions: o.revisions === null || o.revisions === undefined || o.revisions === '' ? null : int(o.revisions),
    };
  });
  return out.sort((a, b) => TIERS.indexOf(a.tier) - TIERS.indexOf(b.tier));
}

/**
 * Each package field's problem (`packages.<tier>.<field>`), and `packages` for the set: at most one of each tier, a
 * basic one whenever any is offered, prices rising basic < standard < premium.
 */
export function packageProblems(pkgs: PackageDraft[]): Record<string, string> {
  const f: Record<string, string> = {};
  if (!pkgs.length) return f;
  if (pkgs.some((p) => !isTier(p.tier)) || new Set(pkgs.map((p) => p.tier)).size !== pkgs.length) {
    f.packages = 'service.packages_invalid';
    return f;
  }
  for (const p of pkgs) {
    const k = (field: string) => `packages.${p.tier}.${field}`;
    if (p.title.length < PACKAGE_TITLE_MIN || p.title.length > PACKAGE_TITLE_MAX) f[k('title')] = 'service.package_title_length';
    if (p.description.length < PACKAGE_DESCRIPTION_MIN || p.description.length > PACKAGE_DESCRIPTION_MAX)
      f[k('description')] = 'service.package_description_length';
    if (!Number.isSafeInteger(p.priceCents) || p.priceCents < PRICE_MIN_CENTS || p.priceCents > PRICE_MAX_CENTS || p.priceCents % 100 !== 0)
      f[k('priceCents')] = 'service.price_invalid';
    if (!Number.isSafeInteger(p.deliveryDays) || p.deliveryDays < DAYS_MIN || p.deliveryDays > DAYS_MAX)
      f[k('deliveryDays')] = 'service.days_invalid';
    if (p.revisions !== null && (!Number.isSafeInteger(p.revisions) || p.revisions < 0 || p.revisions > PACKAGE_REVISIONS_MAX))
      f[k('revisions')] = 'service.package_revisions_invalid';
  }
  if (pkgs[0].tier !== 'basic') f.packages = 'service.package_basic_required';
  else {
    for (let i = 1; i < pkgs.length; i++) {
      if (!(pkgs[i].priceCents > pkgs[i - 1].priceCents) && !f[`packages.${pkgs[i].tier}.priceCents`])
        f[`packages.${pkgs[i].tier}.priceCents`] = 'service.package_price_order';
    }
  }
  return f;
}

/** With packages the service's listed price and days are the basic package's ("from $X"): search and filters read them. */
export function withBasicPackage(d: ServiceDraft): ServiceDraft {
  const basic = d.packages?.find((p) => p.tier === 'basic');
  return basic ? { ...d, priceCents: basic.priceCents, deliveryDays: basic.deliveryDays } : d;
}

/** The texts of the packages a contact scan reads, by field. */
export function packageTexts(d: ServiceDraft): [string, string][] {
  return (d.packages ?? []).flatMap((p): [string, string][] => [
    [`packages.${p.tier}.title`, p.title],
    [`packages.${p.tier}.description`, p.description],
  ]);
}

/** Replaces a service's live packages with `pkgs` (inside the service's write). */
export async function writePackages(tx: DbOrTx, serviceId: number, pkgs: PackageDraft[] | undefined): Promise<void> {
  await tx.delete(servicePackages).where(eq(servicePackages.serviceId, serviceId));
  if (pkgs?.length) await tx.insert(servicePackages).values(pkgs.map((p) => ({ serviceId, ...p })));
}

/** A service's live packages, basic first. */
export async function packagesOf(db: DbOrTx, serviceId: number): Promise<PackageRow[]> {
  const rows = await db.select().from(servicePackages).where(eq(servicePackages.serviceId, serviceId)).orderBy(asc(servicePackages.id));
  return rows.sort((a, b) => TIERS.indexOf(a.tier) - TIERS.indexOf(b.tier));
}

/** The packages of several services (lists), by service id. */
export async function packagesOfMany(db: DbOrTx, ids: number[]): Promise<Map<number, PackageRow[]>> {
  const out = new Map<number, PackageRow[]>();
  if (!ids.length) return out;
  const rows = await db.select().from(servicePackages).where(inArray(servicePackages.serviceId, ids));
  for (const r of rows.sort((a, b) => TIERS.indexOf(a.tier) - TIERS.indexOf(b.tier)))
    out.set(r.serviceId, [...(out.get(r.serviceId) ?? []), r]);
  return out;
}

/** The draft's packages as the form and a pending edit show them (the live rows, without ids). */
export const draftsOf = (rows: PackageRow[]): PackageDraft[] =>
  rows.map(({ tier, title, description, priceCents, deliveryDays, revisions }) => ({
    tier,
    title,
    description,
    priceCents,
    deliveryDays,
    revisions,
  }));
