import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq, like } from 'drizzle-orm';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fundedUser, makeTestApp, signedUpUser, staffUser, type TestApp } from '../../../test/helpers.ts';
import { auditLog } from '../../platform/db/tables.ts';
import { AppError } from '../../platform/errors.ts';
import { ledgerTransactions } from './schema.ts';

/**
 * Real parallel HTTP requests against a listening server (PGlite by default; PostgreSQL with
 * KAFIIL_TEST_DB=postgres, where the requests really run at the same time on separate connections).
 * Every count is exact.
 */

type Who = { auth: Record<string, string> };
type Answer = { status: number; contentType: string; body: Record<string, unknown> };

let keySeq = 0;
const key = (tag: string) => `${tag}-${process.pid}-${Date.now()}-${++keySeq}`;
const paypal = { method: 'paypal', details: { email: 'payee@example.com' } };

async function call(base: string, method: string, url: string, who: Who | null, body?: unknown, headers: Record<string, string> = {}) {
  const r = await fetch(`${base}${url}`, {
    method,
    headers: { ...(who?.auth ?? {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, contentType: r.headers.get('content-type') ?? '', body: text ? JSON.parse(text) : {} } as Answer;
}

/** Answers counted by status, e.g. { 201: 10, 422: 40 }. */
function byStatus(answers: Answer[]): Record<number, number> {
  const out: Record<number, number> = {};
  for (const a of answers) out[a.status] = (out[a.status] ?? 0) + 1;
  return out;
}

/** Counts the requests the server is working on at once, to show the answers really came from overlapping requests. */
function watchOverlap(t: TestApp) {
  let now = 0;
  const seen = { peak: 0 };
  t.app.server.on('request', (_req: http.IncomingMessage, res: http.ServerResponse) => {
    now++;
    seen.peak = Math.max(seen.peak, now);
    res.on('close', () => now--);
  });
  return seen;
}

function baseOf(t: TestApp) {
  const a = t.app.server.address() as AddressInfo;
  return `http://127.0.0.1:${a.port}`;
}

async function expectReconciled(base: string, finance: Who) {
  const r = await call(base, 'GET', '/api/v1/admin/ledger/reconcile', finance);
  expect(r.status).toBe(200);
  expect(r.body).toMatchObject({ ok: true, unbalancedTransactions: [], negativeBalances: [], mismatchedBalances: [] });
}

async function ledgerTxs(t: TestApp, reference: string) {
  return t.deps.db.select().from(ledgerTransactions).where(eq(ledgerTransactions.reference, reference));
}

describe('the wallet under simultaneous requests (sandbox gateway)', () => {
  let t: TestApp;
  let base: string;
  let finance: Awaited<ReturnType<typeof staffUser>>;
  let overlap: { peak: number };

  beforeAll(async () => {
    t = await makeTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = baseOf(t);
    overlap = watchOverlap(t);
    finance = await staffUser(t, ['finance'], 'concfin');
  });
  afterAll(async () => {
    await t.close();
  });

  const balances = async (u: Who) => (await call(base, 'GET', '/api/v1/wallet', u)).body;
  const withdraw = (u: Who, body: object, k: string) => call(base, 'POST', '/api/v1/wallet/withdrawals', u, body, { 'idempotency-key': k });

  it('lets exactly 10 of 50 simultaneous $10 withdrawals through from a $100 balance and refuses the other 40 as insufficient funds', async () => {
    const u = await fundedUser(t, 10_000, 'race');
    overlap.peak = 0;
    const answers = await Promise.all(Array.from({ length: 50 }, () => withdraw(u, { amountCents: 1000, ...paypal }, key('w50'))));

    expect(byStatus(answers)).toEqual({ 201: 10, 422: 40 });
    // On PostgreSQL the requests overlap on separate connections (over 40 at once here). On embedded PGlite
    // the server ends up answering them one after another: the same counts must hold, with less of a race.
    if (t.dbKind === 'postgres') expect(overlap.peak).toBeGreaterThan(10);
    for (const a of answers.filter((x) => x.status === 422)) {
      expect(a.contentType).toMatch(/^application\/problem\+json/);
      expect(a.body).toMatchObject({ status: 422, code: 'wallet.insufficient_funds' });
    }
    const ids = answers.filter((x) => x.status === 201).map((x) => x.body.id);
    expect(new Set(ids).size).toBe(10);
    expect(await balances(u)).toEqual({ availableCents: 0, pendingCents: 0, escrowCents: 0, withdrawingCents: 10_000, frozenCents: 0 });
    const mine = await call(base, 'GET', '/api/v1/wallet/withdrawals', u);
    expect((mine.body.items as { amountCents: number; status: string }[]).map((w) => [w.amountCents, w.status])).toEqual(
      Array.from({ length: 10 }, () => [1000, 'requested']),
    );
    await expectReconciled(base, finance);
  });

  it('answers 20 simultaneous requests with one Idempotency-Key with the same withdrawal, moving the money once', async () => {
    const u = await fundedUser(t, 5000, 'idem');
    const k = key('same');
    const body = { amountCents: 1500, ...paypal };
    const answers = await Promise.all(Array.from({ length: 20 }, () => withdraw(u, body, k)));

    expect(byStatus(answers)).toEqual({ 201: 20 });
    const first = answers[0].body;
    expect(first).toMatchObject({ status: 'requested' });
    for (const a of answers) expect(a.body).toEqual(first);
    const mine = (await call(base, 'GET', '/api/v1/wallet/withdrawals', u)).body.items as { id: number }[];
    expect(mine.map((w) => w.id)).toEqual([first.id]);
    expect(await balances(u)).toMatchObject({ availableCents: 3500, withdrawingCents: 1500 });
    expect(await ledgerTxs(t, `withdrawal:${first.id}`)).toHaveLength(1);

    // The same key with another request is refused and moves nothing.
    const other = await withdraw(u, { amountCents: 2000, ...paypal }, k);
    expect(other.status).toBe(409);
    expect(other.contentType).toMatch(/^application\/problem\+json/);
    expect(other.body).toMatchObject({ code: 'idempotency.conflict' });
    expect(await balances(u)).toMatchObject({ availableCents: 3500, withdrawingCents: 1500 });
    await expectReconciled(base, finance);
  });

  it('credits a sandbox card payment once when the same deposit is paid 10 times at once', async () => {
    const u = await signedUpUser(t, 'paytwice');
    const d = await call(
      base,
      'POST',
      '/api/v1/wallet/deposits',
      u,
      { amountCents: 2500, method: 'sandbox' },
      { 'idempotency-key': key('dep') },
    );
    expect(d.status).toBe(201);
    const url = new URL(d.body.checkoutUrl as string);
    const secret = url.searchParams.get('s') as string;
    const id = d.body.id as number;

    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, () => t.services.wallet.paySandbox(id, secret, '4242 4242 4242 4242')),
    );
    // Each attempt either saw the payment go through or was told the deposit is settled already; none failed otherwise.
    for (const o of outcomes) {
      if (o.status === 'rejected') expect(o.reason instanceof AppError && o.reason.code).toBe('wallet.deposit_settled');
      else expect(o.value.status).toBe('paid');
    }
    expect(outcomes.some((o) => o.status === 'fulfilled')).toBe(true);
    expect(await balances(u)).toMatchObject({ availableCents: 2500 });
    const credits = await ledgerTxs(t, `deposit:${id}`);
    expect(credits.map((c) => c.type)).toEqual(['deposit']);
    await expectReconciled(base, finance);
  });

  it('lets exactly one of 30 simultaneous approvals of a withdrawal through; the rest are told it is decided', async () => {
    const u = await fundedUser(t, 5000, 'appr');
    const w = await withdraw(u, { amountCents: 2000, ...paypal }, key('appr'));
    expect(w.status).toBe(201);
    const id = w.body.id as number;
    const answers = await Promise.all(
      Array.from({ length: 30 }, () =>
        call(base, 'POST', `/api/v1/admin/withdrawals/${id}/approve`, finance, { reference: 'PAYPAL-7781' }),
      ),
    );

    expect(byStatus(answers)).toEqual({ 200: 1, 409: 29 });
    expect(answers.find((a) => a.status === 200)?.body).toEqual({ id, status: 'paid' });
    for (const a of answers.filter((x) => x.status === 409)) expect(a.body).toMatchObject({ code: 'wallet.withdrawal_decided' });
    expect(await balances(u)).toMatchObject({ availableCents: 3000, withdrawingCents: 0 });
    expect((await ledgerTxs(t, `withdrawal:${id}`)).map((x) => x.type).sort()).toEqual(['withdrawal', 'withdrawal_paid']);
    await expectReconciled(base, finance);
  });

  it('decides a withdrawal once when approvals and rejections race, and the money goes one way only', async () => {
    const u = await fundedUser(t, 5000, 'mixed');
    const w = await withdraw(u, { amountCents: 2000, ...paypal }, key('mixed'));
    const id = w.body.id as number;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2
          ? call(base, 'POST', `/api/v1/admin/withdrawals/${id}/approve`, finance, { reference: 'PAYPAL-7782' })
          : call(base, 'POST', `/api/v1/admin/withdrawals/${id}/reject`, finance, { reason: 'the account name does not match' }),
      ),
    );

    expect(byStatus(answers)).toEqual({ 200: 1, 409: 19 });
    const winner = answers.find((a) => a.status === 200)?.body as { status: string };
    const after = await balances(u);
    if (winner.status === 'paid') expect(after).toMatchObject({ availableCents: 3000, withdrawingCents: 0 });
    else expect(after).toMatchObject({ availableCents: 5000, withdrawingCents: 0 });
    expect(await ledgerTxs(t, `withdrawal:${id}`)).toHaveLength(2);
    await expectReconciled(base, finance);
  });

  it('accepts a withdrawal once when 30 finance clicks on "process" arrive together; the money does not move', async () => {
    const u = await fundedUser(t, 5000, 'proc');
    const id = (await withdraw(u, { amountCents: 2000, ...paypal }, key('proc'))).body.id as number;
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => call(base, 'POST', `/api/v1/admin/withdrawals/${id}/process`, finance)),
    );
    expect(byStatus(answers)).toEqual({ 200: 1, 409: 29 });
    expect(answers.find((a) => a.status === 200)?.body).toMatchObject({ id, status: 'approved', provider: 'manual' });
    for (const a of answers.filter((x) => x.status === 409)) expect(a.body).toMatchObject({ code: 'wallet.withdrawal_decided' });
    expect(await balances(u)).toMatchObject({ availableCents: 3000, withdrawingCents: 2000 });
    expect((await ledgerTxs(t, `withdrawal:${id}`)).map((x) => x.type)).toEqual(['withdrawal']);
    const audits = await t.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'withdrawal.process'), eq(auditLog.targetId, String(id))));
    expect(audits).toHaveLength(1);
  });

  it('rejects once when "process" and "reject" race: a reject may follow an acceptance by hand, the money returns once', async () => {
    const u = await fundedUser(t, 5000, 'procrej');
    const id = (await withdraw(u, { amountCents: 2000, ...paypal }, key('procrej'))).body.id as number;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2
          ? call(base, 'POST', `/api/v1/admin/withdrawals/${id}/process`, finance)
          : call(base, 'POST', `/api/v1/admin/withdrawals/${id}/reject`, finance, { reason: 'the account name does not match' }),
      ),
    );
    const rejects = answers.filter((_, i) => i % 2 === 0);
    const processes = answers.filter((_, i) => i % 2 === 1);
    expect(byStatus(rejects)).toEqual({ 200: 1, 409: 9 });
    // Accepted first (then rejected from approved) or rejected first (then nothing to accept): at most one acceptance.
    expect(byStatus(processes)[200] ?? 0).toBeLessThanOrEqual(1);
    expect((byStatus(processes)[200] ?? 0) + (byStatus(processes)[409] ?? 0)).toBe(10);
    const mine = (await call(base, 'GET', '/api/v1/wallet/withdrawals', u)).body.items as { id: number; status: string }[];
    expect(mine.find((w) => w.id === id)?.status).toBe('rejected');
    expect(await balances(u)).toMatchObject({ availableCents: 5000, withdrawingCents: 0 });
    expect((await ledgerTxs(t, `withdrawal:${id}`)).map((x) => x.type).sort()).toEqual(['withdrawal', 'withdrawal_rejected']);
    await expectReconciled(base, finance);
  });

  it('pays an accepted withdrawal once when 30 "mark paid" arrive together', async () => {
    const u = await fundedUser(t, 5000, 'accpaid');
    const id = (await withdraw(u, { amountCents: 2000, ...paypal }, key('accpaid'))).body.id as number;
    expect((await call(base, 'POST', `/api/v1/admin/withdrawals/${id}/process`, finance)).status).toBe(200);
    const answers = await Promise.all(
      Array.from({ length: 30 }, () =>
        call(base, 'POST', `/api/v1/admin/withdrawals/${id}/approve`, finance, { reference: 'PAYPAL-7790' }),
      ),
    );
    expect(byStatus(answers)).toEqual({ 200: 1, 409: 29 });
    expect(await balances(u)).toMatchObject({ availableCents: 3000, withdrawingCents: 0 });
    expect((await ledgerTxs(t, `withdrawal:${id}`)).map((x) => x.type).sort()).toEqual(['withdrawal', 'withdrawal_paid']);
    await expectReconciled(base, finance);
  });
});

describe('the Stripe webhook under simultaneous deliveries (against a local fake of the Stripe API)', () => {
  const WEBHOOK_SECRET = 'whsec_test';
  let fake: http.Server;
  let fakeBase: string;
  let sessions = 0;
  let t: TestApp;
  let base: string;
  let finance: Awaited<ReturnType<typeof staffUser>>;

  beforeAll(async () => {
    fake = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        if (req.method === 'POST' && req.url === '/v1/checkout/sessions') {
          const id = `cs_test_${++sessions}`;
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ id, object: 'checkout.session', url: `${fakeBase}/pay/${id}` }));
          return;
        }
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { type: 'invalid_request_error', message: `no ${req.method} ${req.url}` } }));
      });
    });
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
    fakeBase = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
    t = await makeTestApp({ config: { stripe: { secretKey: 'sk_test_x', webhookSecret: WEBHOOK_SECRET, apiBase: fakeBase } } });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = baseOf(t);
    finance = await staffUser(t, ['finance'], 'stripefin');
  });
  afterAll(async () => {
    await t.close();
    await new Promise<void>((resolve) => fake.close(() => resolve()));
  });

  async function stripeDeposit(u: Who, cents: number) {
    const d = await call(
      base,
      'POST',
      '/api/v1/wallet/deposits',
      u,
      { amountCents: cents, method: 'stripe' },
      { 'idempotency-key': key('sdep') },
    );
    expect(d.status).toBe(201);
    expect(d.body.checkoutUrl).toMatch(new RegExp(`^${fakeBase}/pay/cs_test_\\d+$`));
    return d.body.id as number;
  }

  function paidEvent(eventId: string, depositId: number, cents: number, type = 'checkout.session.completed') {
    const payload = JSON.stringify({
      id: eventId,
      object: 'event',
      type,
      created: Math.floor(Date.now() / 1000),
      data: {
        object: {
          id: `cs_test_for_${depositId}`,
          object: 'checkout.session',
          payment_status: 'paid',
          status: 'complete',
          amount_total: cents,
          currency: 'usd',
          client_reference_id: String(depositId),
          metadata: { depositId: String(depositId) },
        },
      },
    });
    return { payload, signature: Stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET }) };
  }

  const deliver = (e: { payload: string; signature: string }) =>
    call(base, 'POST', '/webhooks/stripe', null, e.payload, { 'stripe-signature': e.signature });

  it('credits a deposit once when the same signed confirmation arrives 20 times at once', async () => {
    const u = await signedUpUser(t, 'stripe20');
    const id = await stripeDeposit(u, 4200);
    const event = paidEvent(`evt_test_same_${id}`, id, 4200);
    const answers = await Promise.all(Array.from({ length: 20 }, () => deliver(event)));

    expect(byStatus(answers)).toEqual({ 200: 20 });
    for (const a of answers) expect(a.body).toEqual({ received: true });
    expect((await call(base, 'GET', '/api/v1/wallet', u)).body).toMatchObject({ availableCents: 4200 });
    expect((await ledgerTxs(t, `deposit:${id}`)).map((x) => x.type)).toEqual(['deposit']);
    expect((await call(base, 'GET', `/api/v1/wallet/deposits/${id}`, u)).body).toMatchObject({ status: 'paid' });
    await expectReconciled(base, finance);
  });

  it('credits a deposit once when different events confirming the same payment arrive at once', async () => {
    const u = await signedUpUser(t, 'stripemix');
    const id = await stripeDeposit(u, 1500);
    const events = Array.from({ length: 10 }, (_, i) =>
      paidEvent(`evt_test_mix_${id}_${i}`, id, 1500, i % 2 ? 'checkout.session.async_payment_succeeded' : 'checkout.session.completed'),
    );
    const answers = await Promise.all(events.map(deliver));

    // Each is acknowledged (Stripe must not retry), and the deposit's state lets only one of them credit.
    expect(byStatus(answers)).toEqual({ 200: 10 });
    expect((await call(base, 'GET', '/api/v1/wallet', u)).body).toMatchObject({ availableCents: 1500 });
    expect(await ledgerTxs(t, `deposit:${id}`)).toHaveLength(1);
    await expectReconciled(base, finance);
  });

  it('refuses a forged signature and moves nothing', async () => {
    const u = await signedUpUser(t, 'forged');
    const id = await stripeDeposit(u, 900);
    const event = paidEvent(`evt_test_forged_${id}`, id, 900);
    const forged = Stripe.webhooks.generateTestHeaderString({ payload: event.payload, secret: 'whsec_not_ours' });
    const answers = await Promise.all(Array.from({ length: 5 }, () => deliver({ payload: event.payload, signature: forged })));
    expect(byStatus(answers)).toEqual({ 400: 5 });
    for (const a of answers) expect(a.body).toMatchObject({ code: 'wallet.webhook_signature' });
    expect(
      await t.deps.db
        .select()
        .from(ledgerTransactions)
        .where(like(ledgerTransactions.reference, `deposit:${id}`)),
    ).toHaveLength(0);
  });
});
