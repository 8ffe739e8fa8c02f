// The orders case of `npm run bench`: orders placed per second, and the order page's throughput.
//
// Setup (not measured): 400 buyers (200 on PGlite) inserted in bulk as verified users, each with an API session
// and a web session (stored as the app stores them: the SHA-256 of a random token); each buyer funded through the
// sandbox gateway (`services.wallet.createDeposit` + `paySandbox`, the way a person tops up), with enough for every
// order it can be asked to place in the run. The orders are for 5 of the bench's seeded services (published,
// ≤ $100, five different sellers, none of them a buyer).
//
// Measured, at 50 connections with the load generated in a worker thread:
//   - `POST /api/v1/orders {serviceId, quantity: 1, addonIds}` for BENCH_SECONDS, each request with its own
//     Idempotency-Key, the buyers taken in turn (no two requests in flight for one buyer), every other order with
//     the service's first add-on. Shown: 201s per second, p50/p99, and every other answer by status and code.
//     Afterwards the ledger must reconcile, the buyers' escrow must equal the total of the orders placed, and their
//     available + escrow what they deposited.
//   - `GET /orders/:id` (the order page, with the buyer's session cookie) and `GET /api/v1/orders/:id` (Bearer)
//     over 100 of those orders, each read by its buyer.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Services } from '../src/app.ts';
import type { Deps } from '../src/platform/deps.ts';
import { line } from './kit.ts';

const CONNECTIONS = 50;
const SERVICES = 5;
/**
 * Buyers, and the rate they must be able to pay for during the whole run (each order at the dearest service's
 * price). Far more buyers than connections: taken in turn, no two requests in flight are one buyer's.
 */
const PLAN = { postgres: { buyers: 400, rate: 3_000 }, pglite: { buyers: 200, rate: 500 } };
/** The sandbox's largest single deposit (DEFAULT_WALLET_SETTINGS.maxDepositCents). */
const DEPOSIT_CENTS = 1_000_000;
const PAGE_ORDERS = 100;

async function pool<T>(items: T[], n: number, fn: (item: T, i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i], i);
      }
    }),
  );
}

/**
 * The request builder and response counter autocannon's worker thread loads (it takes functions only as files):
 * the buyers in turn, each request with a new Idempotency-Key; answers other than 201 are written to a file.
 */
function writeHooks(
  dir: string,
  d: { tag: string; buyers: string[]; services: { id: number; addonId: number | null }[]; refusals: string },
) {
  const setup = path.join(dir, 'orders-setup-request.cjs');
  const onResponse = path.join(dir, 'orders-on-response.cjs');
  fs.writeFileSync(
    setup,
    `'use strict';
const d = ${JSON.stringify(d)};
let n = 0;
module.exports = (req) => {
  const i = n++;
  const s = d.services[(i + Math.floor(i / d.buyers.length)) % d.services.length];
  const body = JSON.stringify({ serviceId: s.id, quantity: 1, addonIds: s.addonId !== null && i % 2 ? [s.addonId] : [] });
  return {
    ...req,
    method: 'POST',
    path: '/api/v1/orders',
    headers: {
      authorization: 'Bearer ' + d.buyers[i % d.buyers.length],
      'content-type': 'application/json',
      'idempotency-key': d.tag + '-' + i,
    },
    body,
  };
};
`,
  );
  fs.writeFileSync(
    onResponse,
    `'use strict';
const fs = require('node:fs');
module.exports = (status, body) => {
  if (status === 201) return;
  const m = /"code":"([^"]+)"/.exec(String(body));
  fs.appendFileSync(${JSON.stringify(d.refusals)}, status + ' ' + (m ? m[1] : '') + '\\n');
};
`,
  );
  return { setup, onResponse };
}

export async function ordersCase(
  base: string,
  services: Services,
  deps: Deps,
  ids: { first: number; last: number },
  seconds: number,
  idle: () => Promise<void>,
): Promise<void> {
  const { sha256, newToken } = await import('../src/platform/crypto.ts');
  const schema = await import('../src/schema.ts');
  const { users, sessions, orders, ledgerAccounts } = schema;
  const servicesTable = schema.services;
  const db = deps.db;
  if (!services.wallet.sandboxOn) {
    console.log('  (orders case skipped: the buyers are funded through the sandbox gateway, and a real provider is configured)');
    return;
  }
  const { buyers: BUYERS, rate: PLANNED_RATE } = PLAN[deps.database.kind];
  const t0 = performance.now();

  // The services: published, at most $100, each from another seller (their first such), spread over the sellers.
  const candidates = await db
    .selectDistinctOn([servicesTable.sellerId], {
      id: servicesTable.id,
      sellerId: servicesTable.sellerId,
      priceCents: servicesTable.priceCents,
      addons: servicesTable.addons,
    })
    .from(servicesTable)
    .where(
      and(
        eq(servicesTable.status, 'published'),
        sql`${servicesTable.id} BETWEEN ${ids.first} AND ${ids.last}`,
        lte(servicesTable.priceCents, 10_000),
      ),
    )
    .orderBy(asc(servicesTable.sellerId), asc(servicesTable.id));
  const chosen = [...new Set(Array.from({ length: SERVICES }, (_, j) => Math.floor(((j + 0.5) * candidates.length) / SERVICES)))]
    .map((k) => candidates[k])
    .filter(Boolean);
  if (chosen.length === 0) {
    console.log('  (orders case skipped: no published service of $100 or less among the seeded ones)');
    return;
  }
  const targets = chosen.map((s) => ({ id: s.id, addonId: s.addons[0]?.id ?? null }));
  const dearest = Math.max(...chosen.map((s) => s.priceCents + (s.addons[0]?.priceCents ?? 0)));

  // Buyers: one made by the service (for its password hash and policy versions), the rest copied from it in bulk.
  const tag = Array.from(randomBytes(5), (b) => 'abcdefghijklmnopqrstuvwxyz0123456789'[b % 36]).join('');
  const model = await services.accounts.createDemoUser({
    email: `or${tag}@example.com`,
    username: `or${tag}`,
    password: randomBytes(18).toString('base64url'),
  });
  const buyers: { id: number; username: string; api: string; web: string }[] = [];
  const names = Array.from({ length: BUYERS }, (_, i) => `or${tag}b${i}`);
  for (let i = 0; i < names.length; i += 500) {
    const rows = await db
      .insert(users)
      .values(
        names.slice(i, i + 500).map((username) => ({
          email: `${username}@example.com`,
          username,
          passwordHash: model.passwordHash,
          displayName: username,
          emailVerifiedAt: new Date(),
          termsVersion: model.termsVersion,
          privacyVersion: model.privacyVersion,
          searchText: username,
        })),
      )
      .returning({ id: users.id, username: users.username });
    const batch = rows.map((r) => ({ ...r, api: newToken(), web: newToken() }));
    const session = (userId: number, token: string, kind: 'api' | 'web') => ({
      userId,
      tokenHash: sha256(token),
      kind,
      ip: '127.0.0.1',
      userAgent: 'kafiil-bench',
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    await db.insert(sessions).values(batch.flatMap((b) => [session(b.id, b.api, 'api'), session(b.id, b.web, 'web')]));
    buyers.push(...batch);
  }
  const buyerIds = buyers.map((b) => b.id);
  if (chosen.some((s) => buyerIds.includes(s.sellerId))) throw new Error('orders bench: a seller is among the buyers');
  const t1 = performance.now();

  // Funding: sandbox deposits, as a buyer makes them (the deposit, then the gateway's payment).
  const perBuyer = Math.ceil((PLANNED_RATE * seconds) / BUYERS);
  const deposits = Math.ceil((perBuyer * dearest) / DEPOSIT_CENTS);
  let depositedCents = 0;
  await pool(buyers, deps.database.kind === 'postgres' ? 8 : 1, async (b) => {
    const actor = await services.accounts.resolveSession(b.api, 'api');
    if (!actor) throw new Error(`bench session of ${b.username} not found`);
    for (let k = 0; k < deposits; k++) {
      const d = await services.wallet.createDeposit(actor, { amountCents: DEPOSIT_CENTS, method: 'sandbox' }, null);
      const url = new URL(d.checkoutUrl as string);
      await services.wallet.paySandbox(d.id, url.searchParams.get('s') as string, '4242424242424242');
      depositedCents += DEPOSIT_CENTS;
    }
  });
  // The deposits' mails ("your deposit arrived") go out now, not during the measurement.
  await deps.outbox.drain();
  const t2 = performance.now();

  console.log(
    `  orders: ${BUYERS} buyers, each funded with ${deposits} sandbox deposit${deposits > 1 ? 's' : ''} of $${DEPOSIT_CENTS / 100} ` +
      `(room for ${Math.floor((deposits * DEPOSIT_CENTS) / dearest)} orders each); ${chosen.length} services by ${chosen.length} other sellers ` +
      `($${(Math.min(...chosen.map((s) => s.priceCents)) / 100).toFixed(0)}–$${(Math.max(...chosen.map((s) => s.priceCents)) / 100).toFixed(0)}) ` +
      `(users + sessions in ${((t1 - t0) / 1000).toFixed(1)} s, deposits + their mails in ${((t2 - t1) / 1000).toFixed(1)} s); ` +
      `${CONNECTIONS} connections, load from a worker thread`,
  );

  // ——— orders placed per second ———
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafiil-bench-orders-'));
  try {
    const refusalsFile = path.join(dir, 'refusals.txt');
    fs.writeFileSync(refusalsFile, '');
    const hooks = writeHooks(dir, {
      tag: `bench-order-${tag}`,
      buyers: buyers.map((b) => b.api),
      services: targets,
      refusals: refusalsFile,
    });
    const placed = await autocannon({
      url: base,
      connections: CONNECTIONS,
      duration: seconds,
      workers: 1,
      requests: [{ method: 'POST', path: '/api/v1/orders', setupRequest: hooks.setup, onResponse: hooks.onResponse }],
    });
    await idle();
    const created = placed.statusCodeStats?.['201']?.count ?? placed['2xx'];
    const refused = new Map<string, number>();
    for (const l of fs.readFileSync(refusalsFile, 'utf8').split('\n').filter(Boolean)) refused.set(l, (refused.get(l) ?? 0) + 1);
    const refusedText = [...refused].map(([k, n]) => `${n} × ${k}`).join(', ');
    const otherErrors = placed.errors + placed.timeouts;
    console.log(
      `  ${'POST /api/v1/orders (own key; 201s per second)'.padEnd(48)} ${String(Math.round(created / seconds)).padStart(6)} orders/s` +
        `  p50 ${placed.latency.p50} ms  p99 ${placed.latency.p99} ms` +
        `${refusedText ? `  ✗ refused: ${refusedText}` : ''}${otherErrors ? `  ✗ ${placed.errors} errors, ${placed.timeouts} timeouts` : ''}`,
    );
    if (refusedText || otherErrors) process.exitCode = 1;

    // The money: each order's total moved from its buyer's available to escrow, once; the ledger reconciles.
    const [o] = await db
      .select({ n: sql<number>`count(*)::int`, cents: sql<string>`coalesce(sum(${orders.totalCents}), 0)` })
      .from(orders)
      .where(inArray(orders.buyerId, buyerIds));
    const balances = await db
      .select({ kind: ledgerAccounts.kind, cents: sql<string>`coalesce(sum(${ledgerAccounts.balanceCents}), 0)` })
      .from(ledgerAccounts)
      .where(inArray(ledgerAccounts.ownerId, buyerIds))
      .groupBy(ledgerAccounts.kind);
    const bal = (kind: string) => Number(balances.find((b) => b.kind === kind)?.cents ?? 0);
    const check = await services.wallet.reconcile({ id: 0, roles: ['finance'] });
    const ordersCents = Number(o.cents);
    const moneyOk = bal('escrow') === ordersCents && bal('available') + bal('escrow') === depositedCents;
    const countOk = o.n >= created && o.n <= created + CONNECTIONS;
    console.log(
      `    ${o.n} orders placed (${created} answered 201 within ${seconds} s${o.n > created ? `, ${o.n - created} finished after the clock stopped` : ''}) ` +
        `${countOk ? '' : '✗ '}for $${(ordersCents / 100).toFixed(2)}; buyers' escrow $${(bal('escrow') / 100).toFixed(2)} ` +
        `${bal('escrow') === ordersCents ? '= the orders ✓' : '≠ THE ORDERS ✗✗✗'}, available + escrow ${bal('available') + bal('escrow') === depositedCents ? '= deposited ✓' : '≠ DEPOSITED ✗✗✗'}; ` +
        `ledger ${check.ok ? 'reconciles ✓' : 'DOES NOT RECONCILE ✗✗✗'} (${check.transactions} transactions)`,
    );
    if (!moneyOk || !countOk || !check.ok) process.exitCode = 1;
    // The sellers' "new order" mails go out now, not during the page measurements.
    await deps.outbox.drain();
    await idle();

    // ——— the order page ———
    const pageOrders = await db
      .select({ id: orders.id, buyerId: orders.buyerId })
      .from(orders)
      .where(inArray(orders.buyerId, buyerIds.slice(0, PAGE_ORDERS)))
      .orderBy(asc(orders.id));
    const byBuyer = new Map<number, number>();
    for (const p of pageOrders) if (!byBuyer.has(p.buyerId)) byBuyer.set(p.buyerId, p.id);
    const readers = buyers.filter((b) => byBuyer.has(b.id)).map((b) => ({ ...b, orderId: byBuyer.get(b.id) as number }));
    if (readers.length === 0) {
      console.log('  (order page cases skipped: no order was placed)');
      return;
    }
    // A returning browser: its session cookie and the CSRF cookie it was given before.
    const cookie = (b: { web: string }) => `kafiil_session=${b.web}; kafiil_csrf=${newToken()}`;
    const first = await fetch(`${base}/orders/${readers[0].orderId}`, { headers: { cookie: cookie(readers[0]) }, redirect: 'manual' });
    const html = await first.text();
    if (first.status !== 200) {
      console.log(`  (order page /orders/${readers[0].orderId} answered ${first.status}: order page cases skipped)`);
      process.exitCode = 1;
      return;
    }
    console.log(
      `  order pages: ${readers.length} orders, each read by its buyer (~${(Buffer.byteLength(html) / 1024).toFixed(0)} KB of HTML); ${CONNECTIONS} connections, load from a worker thread`,
    );
    const run = async (requests: autocannon.Request[]) => {
      const r = await autocannon({ url: base, connections: CONNECTIONS, duration: seconds, workers: 1, requests });
      await idle();
      return r;
    };
    line(
      'GET /orders/:id (order page, buyer’s cookie)',
      await run(readers.map((b) => ({ method: 'GET', path: `/orders/${b.orderId}`, headers: { cookie: cookie(b) } }))),
    );
    line(
      'GET /api/v1/orders/:id (Bearer)',
      await run(
        readers.map((b) => ({ method: 'GET', path: `/api/v1/orders/${b.orderId}`, headers: { authorization: `Bearer ${b.api}` } })),
      ),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
