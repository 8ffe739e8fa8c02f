import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import { createStripeProvider, parseStripeWebhook, type StripeConfig, stripeReturnUrl } from './stripe.ts';

/** A local stand-in for the Stripe API: only what Checkout needs. Nothing here talks to the network. */
interface Recorded {
  method: string;
  path: string;
  body: Record<string, string>;
  idempotencyKey: string | undefined;
  authorization: string | undefined;
}

const SECRET_KEY = 'sk_test_kafiilFake123';
const WEBHOOK_SECRET = 'whsec_kafiilTestSecret';
const recorded: Recorded[] = [];
let server: http.Server;
let base: string;
let sessionSeq = 0;
/** Like Stripe: a repeated Idempotency-Key gets the first answer again, and a reused key with other parameters is refused. */
const byIdempotencyKey = new Map<string, { raw: string; status: number; body: unknown }>();

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function reply(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_fake_${recorded.length}` });
  res.end(JSON.stringify(body));
}

beforeAll(async () => {
  server = http.createServer(async (req, res) => {
    const raw = await readBody(req);
    const body = Object.fromEntries(new URLSearchParams(raw));
    const header = (name: string) => {
      const v = req.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    recorded.push({
      method: req.method ?? '',
      path: req.url ?? '',
      body,
      idempotencyKey: header('idempotency-key'),
      authorization: header('authorization'),
    });
    const idem = header('idempotency-key');
    const seen = idem ? byIdempotencyKey.get(idem) : undefined;
    if (seen) {
      if (seen.raw === raw) reply(res, seen.status, seen.body);
      else
        reply(res, 400, {
          error: { type: 'idempotency_error', message: 'Keys for idempotent requests can only be used with the same parameters' },
        });
      return;
    }
    const remember = (status: number, answer: unknown) => {
      if (idem) byIdempotencyKey.set(idem, { raw, status, body: answer });
      reply(res, status, answer);
    };
    if (body.customer_email === 'refuse@example.com') {
      reply(res, 400, { error: { type: 'invalid_request_error', code: 'email_invalid', message: 'Invalid email address' } });
      return;
    }
    if (req.method === 'POST' && req.url === '/v1/checkout/sessions') {
      const id = `cs_test_fake${++sessionSeq}`;
      const port = (server.address() as AddressInfo).port;
      const metadata: Record<string, string> = {};
      for (const [k, v] of Object.entries(body)) {
        const m = /^metadata\[(.+)\]$/.exec(k);
        if (m) metadata[m[1]] = v;
      }
      remember(200, {
        id,
        object: 'checkout.session',
        url: `http://127.0.0.1:${port}/pay/${id}`,
        amount_total: Number(body['line_items[0][price_data][unit_amount]']),
        currency: body['line_items[0][price_data][currency]'],
        client_reference_id: body.client_reference_id ?? null,
        customer_email: body.customer_email ?? null,
        metadata,
        mode: body.mode,
        payment_status: 'unpaid',
        status: 'open',
      });
      return;
    }
    reply(res, 404, { error: { type: 'invalid_request_error', message: `Unrecognized request URL (${req.method}: ${req.url})` } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
});

afterEach(() => {
  vi.restoreAllMocks();
});

function cfg(): StripeConfig {
  return { secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET, apiBase: base };
}

const FAST = { maxNetworkRetries: 0, timeoutMs: 2000 };

describe('Stripe Checkout provider (against a local fake)', () => {
  it('creates a payment session for the deposit and returns its url and id', async () => {
    // Nothing may go over TLS (that would be real Stripe), and plain HTTP only to the fake.
    const httpsSpy = vi.spyOn(https, 'request');
    const httpSpy = vi.spyOn(http, 'request');
    const before = recorded.length;
    const provider = createStripeProvider(cfg(), FAST);
    expect(provider.id).toBe('stripe');

    const out = await provider.createCheckout({
      depositId: 42,
      amountCents: 12_345,
      email: 'sara@example.com',
      locale: 'ar',
      returnUrl: 'http://localhost:3000/wallet',
      secret: 'sandbox-only-secret',
    });

    expect(httpsSpy).not.toHaveBeenCalled();
    expect(httpSpy).toHaveBeenCalled();
    for (const [opts] of httpSpy.mock.calls) expect((opts as http.RequestOptions).host).toBe('127.0.0.1');

    expect(recorded.length).toBe(before + 1);
    const r = recorded[recorded.length - 1];
    expect(r.method).toBe('POST');
    expect(r.path).toBe('/v1/checkout/sessions');
    expect(r.authorization).toBe(`Bearer ${SECRET_KEY}`);
    expect(r.idempotencyKey).toBe('deposit-42');
    expect(r.body).toMatchObject({
      mode: 'payment',
      'line_items[0][quantity]': '1',
      'line_items[0][price_data][currency]': 'usd',
      'line_items[0][price_data][unit_amount]': '12345',
      'line_items[0][price_data][product_data][name]': 'Kafiil wallet top-up #42',
      customer_email: 'sara@example.com',
      client_reference_id: '42',
      'metadata[depositId]': '42',
      locale: 'ar',
      success_url: 'http://localhost:3000/wallet/deposits/42?result=success',
      cancel_url: 'http://localhost:3000/wallet/deposits/42?result=cancel',
    });
    // The sandbox secret is never sent to Stripe.
    expect(JSON.stringify(r.body)).not.toContain('sandbox-only-secret');

    expect(out.providerRef).toMatch(/^cs_test_fake\d+$/);
    expect(out.checkoutUrl).toBe(`${base}/pay/${out.providerRef}`);
  });

  it('keeps the English return path and sends the English locale', async () => {
    const provider = createStripeProvider(cfg(), FAST);
    await provider.createCheckout({
      depositId: 7,
      amountCents: 500,
      email: 'omar@example.com',
      locale: 'en',
      returnUrl: 'http://localhost:3000/en/wallet',
      secret: 'x',
    });
    const r = recorded[recorded.length - 1];
    expect(r.idempotencyKey).toBe('deposit-7');
    expect(r.body.locale).toBe('en');
    expect(r.body['line_items[0][price_data][unit_amount]']).toBe('500');
    expect(r.body.success_url).toBe('http://localhost:3000/en/wallet/deposits/7?result=success');
    expect(r.body.cancel_url).toBe('http://localhost:3000/en/wallet/deposits/7?result=cancel');
  });

  it('asks again for a deposit under the same idempotency key with the same parameters, so Stripe answers with the same session', async () => {
    // A retry that finishes a deposit whose first request died after asking Stripe (the deposit's key lease ran out).
    const provider = createStripeProvider(cfg(), FAST);
    const req = {
      depositId: 77,
      amountCents: 2_000,
      email: 'hala@example.com',
      locale: 'ar' as const,
      returnUrl: 'http://localhost:3000/my/purchases',
      secret: 'sandbox-only',
    };
    const before = recorded.length;
    const first = await provider.createCheckout(req);
    const again = await createStripeProvider(cfg(), FAST).createCheckout(req);
    expect(again).toEqual(first);
    const [a, b] = recorded.slice(before);
    expect([a.idempotencyKey, b.idempotencyKey]).toEqual(['deposit-77', 'deposit-77']);
    expect(b.body).toEqual(a.body);
  });

  it('rejects when Stripe refuses the session (no retry against the fake)', async () => {
    const provider = createStripeProvider({ ...cfg(), apiBase: `${base}/` }, FAST);
    const before = recorded.length;
    await expect(
      provider.createCheckout({
        depositId: 9,
        amountCents: 100,
        email: 'refuse@example.com',
        locale: 'ar',
        returnUrl: 'http://x/wallet',
        secret: 's',
      }),
    ).rejects.toMatchObject({ type: 'StripeInvalidRequestError', statusCode: 400 });
    expect(recorded.length).toBe(before + 1);
  });
});

function session(overrides: Record<string, unknown> = {}) {
  return {
    id: 'cs_test_paid1',
    object: 'checkout.session',
    amount_total: 12_345,
    currency: 'usd',
    client_reference_id: '42',
    metadata: { depositId: '42' },
    mode: 'payment',
    payment_status: 'paid',
    status: 'complete',
    ...overrides,
  };
}

function event(type: string, object: unknown, id = 'evt_test_1') {
  return JSON.stringify({ id, object: 'event', type, api_version: Stripe.API_VERSION, created: 1_700_000_000, data: { object } });
}

function signed(payload: string, opts: { secret?: string; timestamp?: number } = {}) {
  return Stripe.webhooks.generateTestHeaderString({ payload, secret: opts.secret ?? WEBHOOK_SECRET, timestamp: opts.timestamp });
}

function signatureError(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('wallet.webhook_signature');
    expect((e as AppError).status).toBe(400);
    return e as AppError;
  }
  throw new Error('expected wallet.webhook_signature');
}

describe('Stripe return addresses', () => {
  it('bring the payer to the wallet page of the top-up, carrying what they were doing (its language kept)', () => {
    expect(stripeReturnUrl('https://kafiil.example/projects/12?hire=3#bid-3', 5, 'success')).toBe(
      'https://kafiil.example/wallet/deposits/5?result=success&r=%2Fprojects%2F12%3Fhire%3D3%23bid-3',
    );
    expect(stripeReturnUrl('https://kafiil.example/en/my/purchases?deposit=9', 9, 'cancel')).toBe(
      'https://kafiil.example/en/wallet/deposits/9?result=cancel&r=%2Fen%2Fmy%2Fpurchases%3Fdeposit%3D9',
    );
    // The wallet itself needs no way back.
    expect(stripeReturnUrl('https://kafiil.example/en/wallet', 2, 'cancel')).toBe(
      'https://kafiil.example/en/wallet/deposits/2?result=cancel',
    );
  });
});

describe('Stripe webhook', () => {
  it('confirms a paid checkout.session.completed', () => {
    const payload = event('checkout.session.completed', session(), 'evt_test_paid');
    expect(parseStripeWebhook(cfg(), payload, signed(payload))).toEqual({
      provider: 'stripe',
      eventId: 'evt_test_paid',
      depositId: 42,
      amountCents: 12_345,
    });
    // The raw body as a Buffer (what the route receives) works the same.
    expect(parseStripeWebhook(cfg(), Buffer.from(payload), signed(payload))?.depositId).toBe(42);
  });

  it('confirms a delayed payment that succeeded, falling back to client_reference_id', () => {
    const payload = event('checkout.session.async_payment_succeeded', session({ metadata: {}, client_reference_id: '77' }), 'evt_async');
    expect(parseStripeWebhook(cfg(), payload, signed(payload))).toEqual({
      provider: 'stripe',
      eventId: 'evt_async',
      depositId: 77,
      amountCents: 12_345,
    });
  });

  it('gives null for an unpaid session and for other event types', () => {
    const unpaid = event('checkout.session.completed', session({ payment_status: 'unpaid' }));
    expect(parseStripeWebhook(cfg(), unpaid, signed(unpaid))).toBeNull();
    const expired = event('checkout.session.expired', session({ payment_status: 'unpaid', status: 'expired' }));
    expect(parseStripeWebhook(cfg(), expired, signed(expired))).toBeNull();
    const failed = event('checkout.session.async_payment_failed', session({ payment_status: 'unpaid' }));
    expect(parseStripeWebhook(cfg(), failed, signed(failed))).toBeNull();
    const other = event('payment_intent.succeeded', {
      id: 'pi_1',
      object: 'payment_intent',
      amount: 12_345,
      metadata: { depositId: '42' },
    });
    expect(parseStripeWebhook(cfg(), other, signed(other))).toBeNull();
  });

  it('gives null for a paid session that is not a Kafiil deposit', () => {
    const foreign = event('checkout.session.completed', session({ metadata: {}, client_reference_id: null }));
    expect(parseStripeWebhook(cfg(), foreign, signed(foreign))).toBeNull();
  });

  it('refuses a missing, forged, foreign or stale signature', () => {
    const payload = event('checkout.session.completed', session());
    signatureError(() => parseStripeWebhook(cfg(), payload, undefined));
    signatureError(() => parseStripeWebhook(cfg(), payload, ''));
    signatureError(() => parseStripeWebhook(cfg(), payload, `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}`));
    signatureError(() => parseStripeWebhook(cfg(), payload, 'garbage'));
    signatureError(() => parseStripeWebhook(cfg(), payload, signed(payload, { secret: 'whsec_someoneElse' })));
    // Older than the 300 s tolerance.
    const stale = signed(payload, { timestamp: Math.floor(Date.now() / 1000) - 600 });
    signatureError(() => parseStripeWebhook(cfg(), payload, stale));
    // A body changed after signing.
    const header = signed(payload);
    const tampered = payload.replace('12345', '99999');
    signatureError(() => parseStripeWebhook(cfg(), tampered, header));
  });
});
