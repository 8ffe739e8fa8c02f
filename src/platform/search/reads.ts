import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/index.ts';
import type { KeyType } from './cursor.ts';

/**
 * The reads the search engine (engine.ts) chooses between, each bounded: the text index's bitmap (`exactRead`),
 * a walk in an order's index (`walk`), a ranked set (`rankedRead`), and the planner's estimate (`estimateRows`).
 */

/** A key of an order: an expression of the source's row and how its value is typed. */
export interface SortKey {
  expr: SQL;
  type: KeyType;
}

/** An order: all keys in the same direction (one row comparison pages through it), the last one unique (the id). */
export interface Order {
  keys: SortKey[];
  desc: boolean;
}

/**
 * What is searched: the table with its alias (`service_search s`), its id column, the columns a hit carries, and
 * the scope: the rows any search may return (`p.status = 'open'`), the condition of the orders' partial indexes.
 * `rows`: where the hit's columns and a ranked order's keys (the text's rank) are read, by the same alias and id,
 * when `from` is a compact table of what searches read (service_search beside services); default `from`.
 */
export interface Source {
  from: SQL;
  id: SQL;
  columns: SQL;
  scope: SQL;
  rows?: SQL;
  /**
   * Rare words are found through the text index alone, the scope and filters checked on each match: for a source
   * whose scope has its own index (a status) the planner would otherwise read every row in scope through it and check
   * each one's text (contests: ~20,000 buffers for a two-word search at 10,000 contests, against ~2,000).
   */
  textFirst?: boolean;
}

const rowsOf = (source: Source) => source.rows ?? source.from;

/**
 * A column the orders' indexes also exist under as their first column (e.g. the category), and the values a
 * search keeps: a walk then reads each value's index and merges them (an IN list cannot give the order itself).
 */
export interface Partition {
  column: SQL;
  values: number[];
}

export type Row = Record<string, unknown>;

/** The SQLSTATE of a database error (node-postgres puts it on the error, drizzle on its cause). */
export function sqlState(err: unknown): string | undefined {
  return (err as { code?: string }).code ?? (err as { cause?: { code?: string } }).cause?.code;
}

export async function query<R = Row>(db: DbOrTx, q: SQL): Promise<R[]> {
  return ((await db.execute(q)) as unknown as { rows: R[] }).rows;
}

/** Planner settings for this transaction only (set_config(…, true)). */
async function settings(tx: DbOrTx, pairs: Record<string, string>): Promise<void> {
  const list = Object.entries(pairs).map(([k, v]) => sql`set_config(${k}, ${v}, true)`);
  await tx.execute(sql`SELECT ${sql.join(list, sql`, `)}`);
}
/**
 * Only the text index's bitmap may find rows (an exact read). Left a choice, the planner reads a small table
 * sequentially (at 10,000 services: 45 ms, checking a query's thirty hashes against each row's sixty one by one),
 * and a large one through a scan that a LIMIT would stop early if the matches were many (the 19 s of issue 15).
 * The other reads need no settings (a transaction costs three more round trips): a walk's statement has only its
 * order's keys in its WHERE and ORDER BY, and a ranked read names its rows by id. Floats need no setting either:
 * since PostgreSQL 12 a float8's text is the shortest that reads back to the same value (a rank is a cursor's key).
 */
const BITMAP_ONLY = {
  enable_seqscan: 'off',
  enable_indexscan: 'off',
  enable_indexonlyscan: 'off',
  work_mem: '32MB',
};

const CAST: Record<KeyType, SQL> = { int: sql`::int`, float: sql`::float8`, date: sql`::timestamptz` };

/** `(k1, k2, …) < (v1, v2, …)` (or `>` ascending) over the given key expressions. */
export function keyset(exprs: SQL[], order: Order, after: string[] | null): SQL {
  if (!after) return sql`true`;
  const values = after.map((v, i) => sql`${v}${CAST[order.keys[i].type]}`);
  return sql`(${sql.join(exprs, sql`, `)}) ${order.desc ? sql`<` : sql`>`} (${sql.join(values, sql`, `)})`;
}

const list = (parts: SQL[]) => sql.join(parts, sql`, `);
const dir = (order: Order) => (order.desc ? sql` DESC` : sql` ASC`);
/**
 * A key's expression; a float one as float8, so that its text (the cursor's) casts back to the very value compared:
 * a `real` rank (ts_rank) read as 0.030396355 compares as 0.03039635568857193.
 */
const keyExpr = (k: SortKey) => (k.type === 'float' ? sql`(${k.expr})::float8` : k.expr);
export const exprsOf = (order: Order) => order.keys.map(keyExpr);
/** The order's keys as output columns k0, k1… (typed). */
const keyColumns = (order: Order) => list(order.keys.map((k, i) => sql`${keyExpr(k)} AS ${sql.raw(`k${i}`)}`));
const keyNames = (order: Order, prefix: string) => order.keys.map((_, i) => sql.raw(`${prefix}k${i}`));
/** The keys as text c0, c1… (a cursor's values). */
const keyTexts = (order: Order, prefix: string) => list(order.keys.map((_, i) => sql.raw(`${prefix}k${i}::text AS c${i}`)));
export const orderOf = (exprs: SQL[], order: Order) => list(exprs.map((e) => sql`${e}${dir(order)}`));
export const textsOf = (r: Row, order: Order) => order.keys.map((_, i) => String(r[`c${i}`]));
const ids = (values: number[]) => list(values.map((v) => sql`${v}`));

/** The planner's estimate of the rows matching `where` (EXPLAIN plans the statement without running it). */
export async function estimateRows(db: DbOrTx, source: Source, where: SQL): Promise<number> {
  const [row] = await query<Row>(db, sql`EXPLAIN (FORMAT JSON) SELECT 1 FROM ${source.from} WHERE ${where}`);
  const value = row ? Object.values(row)[0] : null;
  const plan = (typeof value === 'string' ? JSON.parse(value) : value) as { Plan: { 'Plan Rows': number } }[] | null;
  return Math.max(0, Math.round(Number(plan?.[0]?.Plan?.['Plan Rows'] ?? 0)));
}

/** The hit columns of the page's rows, in the page's order. */
export async function hydrate(db: DbOrTx, source: Source, page: Row[]): Promise<Row[]> {
  if (page.length === 0) return [];
  const wanted = page.map((r) => Number(r.id));
  const found = await query(
    db,
    sql`SELECT ${source.columns}, ${source.id} AS "__id" FROM ${rowsOf(source)} WHERE ${source.id} IN (${ids(wanted)})`,
  );
  const byId = new Map(found.map((r) => [Number(r.__id), r]));
  return wanted.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const { __id: _, ...rest } = r;
    return [rest];
  });
}

/**
 * Sorts a read set (`m`, with typed keys k0…; its first `cap` rows, the one more read only tells that there are more)
 * and takes the page after the cursor, with the set's size.
 */
function pageOf(order: Order, after: string[] | null, limit: number, cap: number): SQL {
  const names = keyNames(order, 'm.');
  return sql`, p AS (SELECT m.* FROM (SELECT * FROM m LIMIT ${cap}) m WHERE ${keyset(names, order, after)} ORDER BY ${orderOf(names, order)} LIMIT ${limit + 1})
    SELECT c.found, p.id, ${keyTexts(order, 'p.')} FROM (SELECT count(*)::int AS found FROM m) c
    LEFT JOIN p ON true ORDER BY ${orderOf(keyNames(order, 'p.'), order)}`;
}

const pageRows = (found: Row[]) => ({
  page: found.filter((r) => r.id !== null && r.id !== undefined),
  found: Number(found[0]?.found ?? 0),
});

/**
 * The matches read through the text index only (bitmap scans), at most `max + 1`, sorted, and the page after the
 * cursor; `found` is how many were read (more than `max`: there are more than that). With `timeoutMs`, null when
 * the read took longer (PostgreSQL).
 */
export async function exactRead(
  db: DbOrTx,
  r: { source: Source; where: SQL; order: Order; after: string[] | null; limit: number },
  max: number,
  opts: { timeoutMs?: number; through?: 'text' | 'filters' } = {},
): Promise<{ page: Row[]; found: number } | null> {
  const { timeoutMs } = opts;
  const read = async (tx: DbOrTx) =>
    pageRows(
      await query(
        tx,
        sql`WITH m AS MATERIALIZED (SELECT ${r.source.id} AS id, ${keyColumns(r.order)} FROM ${r.source.from} WHERE ${r.where} LIMIT ${max + 1})
          ${pageOf(r.order, r.after, r.limit, max)}`,
      ),
    );
  try {
    return await db.transaction(async (tx) => {
      // Through the filters' indexes (few rows pass them), only the sequential scan is off; else the text index only.
      const base = opts.through === 'filters' ? { enable_seqscan: 'off' } : BITMAP_ONLY;
      await settings(tx, timeoutMs ? { ...base, statement_timeout: String(timeoutMs) } : base);
      return read(tx);
    });
  } catch (err) {
    // A read given a time limit that passed it: no answer (the caller says what that means).
    if (timeoutMs && sqlState(err) === '57014') return null;
    throw err;
  }
}

/**
 * A ranked set: the given candidates with the order's keys (the rank first), read from the source's rows, sorted,
 * and the page after the cursor.
 */
export async function rankedRead(
  db: DbOrTx,
  r: { source: Source; order: Order; after: string[] | null; limit: number },
  candidates: number[],
): Promise<{ page: Row[]; found: number }> {
  if (candidates.length === 0) return { page: [], found: 0 };
  const found = await query(
    db,
    sql`WITH m AS MATERIALIZED (SELECT ${r.source.id} AS id, ${keyColumns(r.order)} FROM ${rowsOf(r.source)} WHERE ${r.source.id} IN (${ids(candidates)}))
      ${pageOf(r.order, r.after, r.limit, candidates.length)}`,
  );
  return pageRows(found);
}

export interface Walked {
  /** The matches found, at most `need`, in the order, with their keys as text (c0…). */
  page: Row[];
  /** The budget was spent before `need` matches were found; `last` holds the keys of the last row read. */
  budgetSpent: boolean;
  last: string[] | null;
}

/**
 * The order's index walked within the scope from `after`, reading at most `budget` rows and checking `check`
 * (filters and text) on each, until `need` matches are found. `seek` holds the filters on the order's first key
 * (a price range under a price sort): the walk starts where they do, in the index. With a partition, each value's index is walked and
 * the walks merged (Merge Append), still `budget` rows in all. Not `budgetSpent`: the matches were found, or there
 * were no more rows.
 */
export async function walk(
  db: DbOrTx,
  r: { source: Source; check: SQL; seek: SQL; order: Order; partition: Partition | null },
  after: string[] | null,
  budget: number,
  need: number,
): Promise<Walked> {
  const { source, order } = r;
  const exprs = exprsOf(order);
  const branch = (where: SQL, by: SQL) =>
    sql`SELECT ${source.id} AS id, ${keyColumns(order)}, (${r.check}) AS hit FROM ${source.from}
      WHERE ${source.scope} AND ${where} AND ${r.seek} ORDER BY ${by} LIMIT ${budget}`;
  // A partition's branch has the partition column in its keyset and order (its index leads with it, in the keys'
  // direction): no other index can take that keyset. Left a choice, the planner walked the global index for a
  // category it rightly thought empty, guessing the keyset cheap there, and read the whole table (20 s at 1M).
  const part = r.partition;
  const within = (v: number): SQL => {
    const col = { expr: part?.column ?? sql`null`, type: 'int' } as const;
    const withCol: Order = { keys: [col, ...order.keys], desc: order.desc };
    const cond = after ? keyset([col.expr, ...exprs], withCol, [String(v), ...after]) : sql`true`;
    return branch(sql`${col.expr} = ${v} AND ${cond}`, orderOf([col.expr, ...exprs], withCol));
  };
  const rows =
    part && part.values.length > 0
      ? sql`SELECT * FROM (${sql.join(
          part.values.map((v) => sql`(${within(v)})`),
          sql` UNION ALL `,
        )}) u ORDER BY ${orderOf(keyNames(order, ''), order)} LIMIT ${budget}`
      : branch(keyset(exprs, order, after), orderOf(exprs, order));
  const found = await query(
    db,
    sql`SELECT x.id, x.hit, x.rn, ${keyTexts(order, 'x.')} FROM (SELECT w.*, row_number() OVER () AS rn FROM (${rows}) w) x
      WHERE x.hit OR x.rn = ${budget} LIMIT ${need + 1}`,
  );
  const page = found.filter((x) => x.hit === true || x.hit === 't').slice(0, need);
  const tail = found.find((x) => Number(x.rn) === budget);
  const budgetSpent = tail !== undefined && page.length < need;
  return { page, budgetSpent, last: budgetSpent && tail ? textsOf(tail, order) : null };
}
