import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, signedUpUser, staffUser, type TestApp } from '../../../test/helpers.ts';
import { IDEMPOTENCY_LEASE_MS } from '../../platform/idempotency.ts';
import { deposits, ledgerTransactions } from './schema.ts';

/**
 * A deposit whose first request stalls between its two steps (the deposit recorded, the provider's checkout
 * not answered: here the local Stripe fake holds its answer) and is retried with its Idempotency-Key: refused as
 * in progress while the first request's lease runs, then finished by the retry — the same deposit and the same
 * Stripe session (the fake, like Stripe, answers a repeated idempotency key with the first session), never a
 * second one. The kill of a real process between the steps is deposit-crash.int.test.ts (PostgreSQL).
 */
describe('a deposit stalled between its two steps and retried with its key (Stripe fake)', () => {
  const WEBHOOK_SECRET = 'whsec_lease';
  let fake: http.Server;
  let fakeBase: string;
  let t: TestApp;
  let finance: Awaited<ReturnType<typeof staffUser>>;
  /** Sessions by Stripe's Idempotency-Key, as Stripe keeps them. */
  const byKey = new Map<string, string>();
  const posts: string[] = [];
  let sessions = 0;
  /** Answers held back (the first request "stuck" at the provider), released by the test: with a session or a refusal. */
  let holdNext = false;
  const held: ((ok: boolean) => void)[] = [];

  beforeAll(async () => {
    fake = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        if (req.method !== 'POST' || req.url !== '/v1/checkout/sessions') {
          res.writeHead(404, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { type: 'invalid_request_error', message: 'no such route' } }));
          return;
        }
        const key = String(req.headers['idempotency-key']);
        posts.push(key);
        const answer = (ok: boolean) => {
          if (!ok) {
            res.writeHead(400, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ error: { type: 'invalid_request_error', message: 'refused' } }));
            return;
          }
          let id = byKey.get(key);
          if (!id) {
            id = `cs_test_lease${++sessions}`;
            byKey.set(key, id);
          }
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ id, object: 'checkout.session', url: `${fakeBase}/pay/${id}` }));
        };
        if (holdNext) {
          holdNext = false;
          held.push(answer);
        } else answer(true);
      });
    });
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
    fakeBase = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
    t = await makeTestApp({ config: { stripe: { secretKey: 'sk_test_lease', webhookSecret: WEBHOOK_SECRET, apiBase: fakeBase } } });
    finance = await staffUser(t, ['finance'], 'leasefin');
  });
  afterAll(async () => {
    for (const h of held.splice(0)) h(false);
    await t.close();
    await new Promise<void>((resolve) => fake.close(() => resolve()));
  });

  const deposit = (u: { auth: Record<string, string> }, key: string, amountCents = 3000) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/wallet/deposits',
      headers: { ...u.auth, 'idempotency-key': key },
      payload: { amountCents, method: 'stripe' },
    });
  const depositsOf = (userId: number) => t.deps.db.select().from(deposits).where(eq(deposits.userId, userId));
  async function untilHeld(n: number) {
    for (let i = 0; i < 500 && held.length < n; i++) await new Promise((r) => setTimeout(r, 10));
    expect(held).toHaveLength(n);
  }
  async function pay(depositId: number, cents: number) {
    const payload = JSON.stringify({
      id: `evt_lease_${depositId}`,
      object: 'event',
      type: 'checkout.session.completed',
      created: Math.floor(Date.now() / 1000),
      data: {
        object: {
          id: byKey.get(`deposit-${depositId}`),
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
    const r = await t.app.inject({
      method: 'POST',
      url: '/webhooks/stripe',
      headers: {
        'content-type': 'application/json',
        'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET }),
      },
      payload,
    });
    expect(r.statusCode).toBe(200);
  }
  async function reconciled() {
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/admin/ledger/reconcile', headers: finance.auth });
    expect(r.json()).toMatchObject({ ok: true });
  }

  it('refuses the retry during the lease, then finishes the same deposit with the same session; the late first answer agrees', async () => {
    const u = await signedUpUser(t, 'leasest');
    const start = t.clock.now();
    holdNext = true;
    const stuck = deposit(u, 'lease-1');
    await untilHeld(1);
    const [d] = await depositsOf(u.id);
    expect(d).toMatchObject({ status: 'pending', providerRef: null, amountCents: 3000 });

    t.clock.set(new Date(start.getTime() + 30_000));
    const early = await deposit(u, 'lease-1');
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('idempotency.in_progress');

    t.clock.set(new Date(start.getTime() + IDEMPOTENCY_LEASE_MS + 1_000));
    const retry = await deposit(u, 'lease-1');
    expect(retry.statusCode, retry.body).toBe(201);
    const session = byKey.get(`deposit-${d.id}`) as string;
    expect(retry.json()).toEqual({ id: d.id, status: 'pending', checkoutUrl: `${fakeBase}/pay/${session}` });
    // Stripe was asked twice under the deposit's own key, so there is one session.
    expect(posts.filter((k) => k === `deposit-${d.id}`)).toHaveLength(2);
    expect(byKey.get(`deposit-${d.id}`)).toBe(session);
    expect(await depositsOf(u.id)).toMatchObject([{ id: d.id, status: 'pending', providerRef: session }]);

    // The first request's provider answers at last: it gives the same answer and changes nothing.
    held.shift()?.(true);
    const late = await stuck;
    expect(late.statusCode).toBe(201);
    expect(late.json()).toEqual(retry.json());
    expect((await deposit(u, 'lease-1')).json()).toEqual(retry.json());
    expect(await depositsOf(u.id)).toHaveLength(1);

    await pay(d.id, 3000);
    await pay(d.id, 3000);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/wallet', headers: u.auth })).json()).toMatchObject({ availableCents: 3000 });
    expect(
      await t.deps.db
        .select()
        .from(ledgerTransactions)
        .where(eq(ledgerTransactions.reference, `deposit:${d.id}`)),
    ).toHaveLength(1);
    await reconciled();
  });

  it('does not fail the deposit the retry took over when the first request then hears a refusal from the provider', async () => {
    const u = await signedUpUser(t, 'leaseref');
    const start = t.clock.now();
    holdNext = true;
    const stuck = deposit(u, 'lease-2', 2000);
    await untilHeld(1);
    t.clock.set(new Date(start.getTime() + 2 * IDEMPOTENCY_LEASE_MS));
    const retry = await deposit(u, 'lease-2', 2000);
    expect(retry.statusCode, retry.body).toBe(201);

    held.shift()?.(false);
    const late = await stuck;
    expect(late.statusCode).toBe(503);
    expect(late.json().code).toBe('wallet.provider_unavailable');
    // The takeover's deposit and answer stand.
    expect(await depositsOf(u.id)).toMatchObject([{ id: retry.json().id, status: 'pending' }]);
    const again = await deposit(u, 'lease-2', 2000);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(retry.json());
  });
});
