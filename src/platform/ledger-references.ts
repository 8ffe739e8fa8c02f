// What a ledger transaction's reference ("order:42", "deposit:12"…) is, in words and with a link: each module
// describes its own kinds of reference in its manifest (platform/module.ts `ledgerReferences`), app.ts registers them
// here, and the wallet's statement shows "طلب #4 — تصميم شعار" instead of "order:4" without knowing the orders module.
import type { DbOrTx } from './db/index.ts';

/** One kind of reference ("order", "deposit"…), as the module that owns the thing describes it. */
export interface LedgerReference {
  /** Message key of the label: `{id}` (written `#{id}`), and `{title}` when `titles` is given. */
  label: string;
  /** The locale-free path of the thing's page, for the one whose money it is. */
  path?: (id: number) => string;
  /** The titles of many ids at once (one query for a whole statement page, not one a row). */
  titles?: (db: DbOrTx, ids: number[]) => Promise<Map<number, string>>;
  /** The reference this one stands for (a clearance → the order it pays out), many ids at once. */
  via?: (db: DbOrTx, ids: number[]) => Promise<Map<number, string>>;
}

/** A reference in words: a message key and its parameters, and the page to link to. */
export interface DescribedReference {
  label: string;
  params: Record<string, string | number>;
  path: string | null;
}

const kinds = new Map<string, LedgerReference>();

/** Adds kinds of reference (a later registration of the same kind wins). */
export function registerLedgerReferences(r: Readonly<Record<string, LedgerReference>>): void {
  for (const [kind, ref] of Object.entries(r)) kinds.set(kind, ref);
}

function parse(reference: string): { kind: string; id: number } | null {
  const m = /^([a-z_]+):(\d+)$/.exec(reference);
  return m ? { kind: m[1], id: Number(m[2]) } : null;
}

/**
 * The references of a list (a statement page) in words: one query per kind of reference (and one more for those
 * that stand for another). A reference of an unknown kind, or whose thing is gone, is left out (shown as written).
 */
export async function describeReferences(db: DbOrTx, references: readonly string[], depth = 0): Promise<Map<string, DescribedReference>> {
  const byKind = new Map<string, Set<number>>();
  for (const r of references) {
    const p = parse(r);
    if (!p || !kinds.has(p.kind)) continue;
    const ids = byKind.get(p.kind) ?? new Set<number>();
    ids.add(p.id);
    byKind.set(p.kind, ids);
  }
  const out = new Map<string, DescribedReference>();
  for (const [kind, idSet] of byKind) {
    const ref = kinds.get(kind) as LedgerReference;
    const ids = [...idSet];
    if (ref.via) {
      if (depth > 0) continue;
      const targets = await ref.via(db, ids);
      const described = await describeReferences(db, [...targets.values()], depth + 1);
      for (const id of ids) {
        const target = targets.get(id);
        const d = target ? described.get(target) : undefined;
        if (d) out.set(`${kind}:${id}`, d);
      }
      continue;
    }
    const titles = ref.titles ? await ref.titles(db, ids) : null;
    for (const id of ids) {
      const title = titles?.get(id);
      if (titles && title === undefined) continue;
      out.set(`${kind}:${id}`, {
        label: ref.label,
        params: title === undefined ? { id } : { id, title },
        path: ref.path ? ref.path(id) : null,
      });
    }
  }
  return out;
}
