import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fundedUser, makeTestApp, signedInPage, staffUser, type TestApp } from '../../../test/helpers.ts';
import { formatDate, stripIsolates } from '../../platform/i18n/index.ts';
import { runDue } from '../../worker.ts';
import { walletModule } from './index.ts';
import type { PayoutProvider } from './payouts.ts';
import { ledgerTransactions } from './schema.ts';

type Who = { auth: Record<string, string>; email: string; username: string; password: string };
let seq = 0;
const key = () => `pay-${Date.now()}-${++seq}`;
const WED = '2026-11-25T10:00:00.000Z';

function helpers(t: TestApp) {
  const call = (u: Who | null, method: 'GET' | 'POST', url: string, payload?: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url, headers: { ...(u?.auth ?? {}), ...headers }, ...(payload ? { payload } : {}) });
  return {
    call,
    withdraw: async (u: Who, body: object) => {
      const r = await call(u, 'POST', '/api/v1/wallet/withdrawals', body, { 'idempotency-key': key() });
      expect(r.statusCode).toBe(201);
      return r.json().id as number;
    },
    mine: async (u: Who, id: number) =>
      ((await call(u, 'GET', '/api/v1/wallet/withdrawals')).json().items as Record<string, unknown>[]).find((w) => w.id === id),
    balances: async (u: Who) => (await call(u, 'GET', '/api/v1/wallet')).json(),
    ledgerTypes: async (id: number) =>
      (
        await t.deps.db
          .select()
          .from(ledgerTransactions)
          .where(eq(ledgerTransactions.reference, `withdrawal:${id}`))
      )
        .map((x) => x.type)
        .sort(),
    reconciled: async (fin: Who) => {
      const r = await call(fin, 'GET', '/api/v1/admin/ledger/reconcile');
      expect(r.json()).toMatchObject({ ok: true, unbalancedTransactions: [], negativeBalances: [], mismatchedBalances: [] });
    },
  };
}

/** The text of the element that opens with data-testid=`id`, up to its closing `tag`, tags and isolates stripped. */
function block(html: string, id: string, tag: string): string {
  const start = html.indexOf(`data-testid="${id}"`);
  if (start < 0) return '';
  const end = html.indexOf(`</${tag}>`, start);
  return stripIsolates(
    html
      .slice(start, end)
      .replace(/^[^>]*>/, '')
      .replace(/<[^>]+>/g, ' '),
  )
    .replace(/\s+/g, ' ')
    .trim();
}

describe('a withdrawal people can follow (manual payouts, the default)', () => {
  let t: TestApp;
  let h: ReturnType<typeof helpers>;
  let fin: Who;
  beforeAll(async () => {
    t = await makeTestApp();
    h = helpers(t);
    fin = await staffUser(t, ['finance'], 'payfin');
  });
  afterAll(async () => {
    await t.close();
  });

  it('promises a date by method, then shows requested → accepted → sent with the reference, moving the money as before', async () => {
    t.clock.set(WED);
    const u = await fundedUser(t, 5000, 'payu');
    const b = await signedInPage(t, u);
    // The form says what each method promises, from now (Wednesday): PayPal 2 business days skip Friday and Saturday.
    const page = await b.get('/wallet');
    expect(block(page.body, 'promise-paypal', 'p')).toContain(`يُحوَّل خلال يومي عمل، أي قبل ${formatDate('ar', '2026-11-29T10:00:00Z')}.`);
    expect(block(page.body, 'promise-bank_transfer', 'p')).toContain('5 أيام عمل');
    const methods = (await t.app.inject({ method: 'GET', url: '/withdrawal-methods' })).body;
    expect(block(methods, 'method-egypt_post', 'li')).toBe('البريد المصري — يُحوَّل خلال 7 أيام عمل');
    expect(block((await t.app.inject({ method: 'GET', url: '/en/withdrawal-methods' })).body, 'method-paypal', 'li')).toBe(
      'PayPal — sent within 2 business days',
    );

    const id = await h.withdraw(u, { amountCents: 2000, method: 'paypal', details: { email: 'me@example.com' } });
    expect(await h.mine(u, id)).toMatchObject({
      status: 'requested',
      createdAt: WED,
      promisedBy: '2026-11-29T10:00:00.000Z',
      approvedAt: null,
      decidedAt: null,
      reference: null,
      late: false,
    });
    expect(await h.balances(u)).toMatchObject({ availableCents: 3000, withdrawingCents: 2000 });

    t.clock.set('2026-11-26T08:00:00Z');
    const p = await h.call(fin, 'POST', `/api/v1/admin/withdrawals/${id}/process`);
    expect(p.statusCode).toBe(200);
    expect(p.json()).toMatchObject({ id, status: 'approved', provider: 'manual', providerRef: null, reference: null });
    // Accepted, not sent: the money is still held as withdrawing, and nothing left the platform.
    expect(await h.balances(u)).toMatchObject({ availableCents: 3000, withdrawingCents: 2000 });
    expect(await h.ledgerTypes(id)).toEqual(['withdrawal']);
    const twice = await h.call(fin, 'POST', `/api/v1/admin/withdrawals/${id}/process`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('wallet.withdrawal_decided');
    expect(await h.mine(u, id)).toMatchObject({ status: 'approved', approvedAt: '2026-11-26T08:00:00.000Z' });

    t.clock.set('2026-11-26T09:30:00Z');
    const paid = await h.call(fin, 'POST', `/api/v1/admin/withdrawals/${id}/approve`, { reference: 'PAYPAL-TX-88' });
    expect(paid.json()).toEqual({ id, status: 'paid' });
    expect(await h.mine(u, id)).toMatchObject({
      status: 'paid',
      approvedAt: '2026-11-26T08:00:00.000Z',
      decidedAt: '2026-11-26T09:30:00.000Z',
      reference: 'PAYPAL-TX-88',
      late: false,
    });
    expect(await h.balances(u)).toMatchObject({ availableCents: 3000, withdrawingCents: 0 });
    expect(await h.ledgerTypes(id)).toEqual(['withdrawal', 'withdrawal_paid']);
    const again = await h.call(fin, 'POST', `/api/v1/admin/withdrawals/${id}/reject`, { reason: 'too late to change' });
    expect(again.json().code).toBe('wallet.withdrawal_decided');

    // The wallet page shows the timeline in Arabic, and in English.
    const ar = block((await b.get('/wallet')).body, `timeline-${id}`, 'ol');
    expect(ar).toContain('طُلب');
    expect(ar).toContain('قبلته المالية وبدأ التحويل');
    expect(ar).toContain('حُوِّل');
    expect(ar).toContain('المرجع: PAYPAL-TX-88');
    expect(ar).toContain('موعد التحويل: قبل');
    const en = block((await b.get('/en/wallet')).body, `timeline-${id}`, 'ol');
    expect(en).toMatch(/Requested: .*Accepted by finance, being sent: .*Sent: .* Reference: PAYPAL-TX-88 .*Promised by /);
    await h.reconciled(fin);
  });

  it('marks paid straight from requested, and rejects from requested or accepted with the money back to available', async () => {
    t.clock.set(WED);
    const u = await fundedUser(t, 6000, 'payr');
    const direct = await h.withdraw(u, {
      amountCents: 1000,
      method: 'bank_transfer',
      details: { iban: 'EG380019000500000000263180002', name: 'Salma', bank: 'CIB' },
    });
    expect((await h.call(fin, 'POST', `/api/v1/admin/withdrawals/${direct}/approve`, { reference: 'CIB-1' })).json()).toEqual({
      id: direct,
      status: 'paid',
    });
    expect(await h.mine(u, direct)).toMatchObject({ status: 'paid', approvedAt: WED, decidedAt: WED, reference: 'CIB-1' });

    const accepted = await h.withdraw(u, { amountCents: 2000, method: 'vodafone_cash', details: { phone: '01012345678' } });
    await h.call(fin, 'POST', `/api/v1/admin/withdrawals/${accepted}/process`);
    const r = await h.call(fin, 'POST', `/api/v1/admin/withdrawals/${accepted}/reject`, { reason: 'the number is not a wallet' });
    expect(r.json()).toEqual({ id: accepted, status: 'rejected' });
    expect(await h.mine(u, accepted)).toMatchObject({ status: 'rejected', reason: 'the number is not a wallet', reference: null });
    expect(await h.balances(u)).toMatchObject({ availableCents: 5000, withdrawingCents: 0 });
    expect(await h.ledgerTypes(accepted)).toEqual(['withdrawal', 'withdrawal_rejected']);
    expect((await h.call(fin, 'POST', `/api/v1/admin/withdrawals/${accepted}/process`)).statusCode).toBe(409);
    const someone = await fundedUser(t, 1000, 'payo');
    expect((await h.call(someone, 'POST', `/api/v1/admin/withdrawals/${direct}/process`)).statusCode).toBe(403);
    expect((await h.call(fin, 'POST', '/api/v1/admin/withdrawals/999999/process')).json().code).toBe('wallet.withdrawal_not_found');
    await h.reconciled(fin);
  });

  it('flags a withdrawal late once past its promise: the user is told (in-app and mail), finance sees it first with a badge', async () => {
    t.clock.set(WED);
    const u = await fundedUser(t, 5000, 'payl');
    const onTime = await h.withdraw(u, { amountCents: 1000, method: 'paypal', details: { email: 'me@example.com' } });
    const late = await h.withdraw(u, { amountCents: 1500, method: 'vodafone_cash', details: { phone: '01012345678' } });
    await h.call(fin, 'POST', `/api/v1/admin/withdrawals/${late}/process`);
    expect(await h.mine(u, late)).toMatchObject({ promisedBy: '2026-11-26T10:00:00.000Z', late: false });

    // Thursday before ten: nothing is late yet.
    await runDue(t.services, t.deps, new Date('2026-11-26T09:59:00Z'));
    expect(await h.mine(u, late)).toMatchObject({ late: false, lateAt: null });
    const r = await runDue(t.services, t.deps, new Date('2026-11-26T10:01:00Z'));
    expect(r.withdrawalsLate).toBeGreaterThanOrEqual(1);
    expect(await h.mine(u, late)).toMatchObject({ status: 'approved', late: true, lateAt: '2026-11-26T10:01:00.000Z' });
    expect(await h.mine(u, onTime)).toMatchObject({ late: false, lateAt: null });
    const mail = await t.mailTo(u.email);
    expect(mail.subject).toContain('تأخر تحويل طلب السحب');
    expect(stripIsolates(mail.text)).toContain('$15');
    expect(mail.text).toContain(formatDate('ar', '2026-11-26T10:00:00Z'));
    const notes = (await h.call(u, 'GET', '/api/v1/notifications')).json().items as { type: string; title: string }[];
    expect(notes.filter((n) => n.type === 'wallet.withdrawal_late')).toHaveLength(1);
    // Once: the next sweeps tell nobody again.
    await runDue(t.services, t.deps, new Date('2026-11-27T10:00:00Z'));
    const again = (await h.call(u, 'GET', '/api/v1/notifications')).json().items as { type: string }[];
    expect(again.filter((n) => n.type === 'wallet.withdrawal_late')).toHaveLength(1);
    expect(await h.mine(u, late)).toMatchObject({ lateAt: '2026-11-26T10:01:00.000Z' });

    // The user's wallet shows the badge; finance's queue lists the late one before older ones, with its badge.
    const b = await signedInPage(t, u);
    const w = (await b.get('/wallet')).body;
    expect(block(w, `late-${late}`, 'span')).toBe('متأخر');
    expect(w).not.toContain(`data-testid="late-${onTime}"`);
    const f = await signedInPage(t, fin);
    const q = (await f.get('/admin/finance/queue')).body;
    expect(block(q, `late-w${late}`, 'span')).toBe('متأخر');
    expect(q.indexOf(`data-testid="queue-w${late}"`)).toBeLessThan(q.indexOf(`data-testid="queue-w${onTime}"`));
    expect(q).toContain(`/admin/finance/withdrawals/${onTime}/process`);
    expect(q).not.toContain(`/admin/finance/withdrawals/${late}/process`);
    // Sent: no longer late anywhere.
    await h.call(fin, 'POST', `/api/v1/admin/withdrawals/${late}/approve`, { reference: 'VC-5512' });
    expect(await h.mine(u, late)).toMatchObject({ status: 'paid', late: false });
    expect((await b.get('/wallet')).body).not.toContain(`data-testid="late-${late}"`);
  });

  it('works the queue from the pages: process, then mark paid; the admin tab counts accepted ones too', async () => {
    t.clock.set(WED);
    const u = await fundedUser(t, 3000, 'payp');
    const id = await h.withdraw(u, { amountCents: 1000, method: 'paypal', details: { email: 'me@example.com' } });
    const f = await signedInPage(t, fin);
    const processed = await f.post(`/admin/finance/withdrawals/${id}/process`, { target: `w${id}` });
    expect(processed.statusCode).toBe(303);
    const q = (await f.get('/admin/finance/queue')).body;
    expect(block(q, `provider-w${id}`, 'p')).toBe('مقبول: حوّله بنفسك ثم اكتب مرجعه.');
    expect(q).toContain(`/admin/finance/withdrawals/${id}/approve`);
    expect(q).toContain(`/admin/finance/withdrawals/${id}/reject`);
    // The admin tab's queue count still holds it once accepted (it is not sent yet), and lets it go once paid.
    const count = () => walletModule.adminTabs?.[0].queue?.count(t.deps.db) as Promise<number>;
    const waiting = await count();
    expect(waiting).toBeGreaterThanOrEqual(1);
    const ok = await f.post(`/admin/finance/withdrawals/${id}/approve`, { target: `w${id}`, reference: 'PP-77' });
    expect(ok.statusCode).toBe(303);
    expect(await h.mine(u, id)).toMatchObject({ status: 'paid', reference: 'PP-77' });
    expect(await count()).toBe(waiting - 1);
    expect((await f.get('/admin/finance/queue')).body).not.toContain(`data-testid="queue-w${id}"`);
  });
});

/**
 * A payout provider as one file would write it: it calls a wallet operator's HTTP API (a tiny server this test
 * starts) and answers what the operator said.
 */
function httpWalletProvider(baseUrl: string): PayoutProvider {
  return {
    id: 'testwallet',
    methods: ['orange_cash'],
    async send(w) {
      const r = await fetch(`${baseUrl}/payouts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `kafiil-withdrawal-${w.withdrawalId}` },
        body: JSON.stringify({ amountCents: w.amountCents, phone: w.details.phone }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!r.ok) throw new Error(`wallet API answered ${r.status}`);
      const body = (await r.json()) as { status: 'sent' | 'queued'; id: string };
      return body.status === 'sent' ? { reference: body.id } : { pending: body.id };
    },
  };
}

describe('a payout provider registered for a method', () => {
  let t: TestApp;
  let h: ReturnType<typeof helpers>;
  let fin: Who;
  let server: http.Server;
  const received: { key: string | undefined; body: { amountCents: number; phone: string } }[] = [];
  /** What the operator answers next: sent, queued, or a failure. */
  let mode: 'sent' | 'queued' | 'down' = 'sent';
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => {
        raw += c;
      });
      req.on('end', () => {
        const body = JSON.parse(raw);
        received.push({ key: req.headers['idempotency-key'] as string | undefined, body });
        if (mode === 'down') {
          res.writeHead(503).end('{}');
          return;
        }
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ status: mode, id: `OW-${received.length}-${body.amountCents}` }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    t = await makeTestApp();
    h = helpers(t);
    fin = await staffUser(t, ['finance'], 'provfin');
    t.services.wallet.registerPayoutProvider(httpWalletProvider(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => server.close(resolve));
  });
  const orange = { method: 'orange_cash', details: { phone: '01234567890' } };

  it('sends on process: the operator says sent, the withdrawal is paid with its reference, the ledger posts once', async () => {
    mode = 'sent';
    const u = await fundedUser(t, 4000, 'provu');
    const id = await h.withdraw(u, { amountCents: 2500, ...orange });
    const before = received.length;
    const r = await h.call(fin, 'POST', `/api/v1/admin/withdrawals/${id}/process`);
    expect(r.statusCode).toBe(200);
    const ref = `OW-${before + 1}-2500`;
    expect(r.json()).toMatchObject({ id, status: 'paid', provider: 'testwallet', reference: ref });
    expect(received.slice(before)).toEqual([{ key: `kafiil-withdrawal-${id}`, body: { amountCents: 2500, phone: '01234567890' } }]);
    expect(await h.mine(u, id)).toMatchObject({ status: 'paid', reference: ref });
    expect(await h.balances(u)).toMatchObject({ availableCents: 1500, withdrawingCents: 0 });
    expect(await h.ledgerTypes(id)).toEqual(['withdrawal', 'withdrawal_paid']);
    expect((await t.mailTo(u.email)).text).toContain(ref);
    expect((await h.call(fin, 'POST', `/api/v1/admin/withdrawals/${id}/process`)).statusCode).toBe(409);
    await h.reconciled(fin);
  });

  it('keeps a queued payout approved with the operator’s id: not rejectable while in flight, marked paid when it lands', async () => {
    mode = 'queued';
    const u = await fundedUser(t, 3000, 'provq');
    const id = await h.withdraw(u, { amountCents: 1000, ...orange });
    const r = (await h.call(fin, 'POST', `/api/v1/admin/withdrawals/${id}/process`)).json();
    expect(r).toMatchObject({ status: 'approved', provider: 'testwallet', reference: null });
    expect(r.providerRef).toMatch(/^OW-\d+-1000$/);
    const refused = await h.call(fin, 'POST', `/api/v1/admin/withdrawals/${id}/reject`, { reason: 'changed my mind' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('wallet.payout_in_flight');
    expect(await h.balances(u)).toMatchObject({ availableCents: 2000, withdrawingCents: 1000 });
    const f = await signedInPage(t, fin);
    const q = (await f.get('/admin/finance/queue')).body;
    expect(block(q, `provider-w${id}`, 'p')).toContain(r.providerRef);
    expect(q).not.toContain(`/admin/finance/withdrawals/${id}/reject`);
    expect((await h.call(fin, 'POST', `/api/v1/admin/withdrawals/${id}/approve`, { reference: r.providerRef })).json()).toEqual({
      id,
      status: 'paid',
    });
    expect(await h.ledgerTypes(id)).toEqual(['withdrawal', 'withdrawal_paid']);
  });

  it('keeps the failure when the operator is down; finance may then reject it, the money back to available', async () => {
    mode = 'down';
    const u = await fundedUser(t, 3000, 'provd');
    const id = await h.withdraw(u, { amountCents: 1200, ...orange });
    const r = (await h.call(fin, 'POST', `/api/v1/admin/withdrawals/${id}/process`)).json();
    expect(r).toMatchObject({ status: 'approved', provider: 'testwallet', providerError: 'wallet API answered 503' });
    const rej = await h.call(fin, 'POST', `/api/v1/admin/withdrawals/${id}/reject`, { reason: 'the operator refused it' });
    expect(rej.json()).toEqual({ id, status: 'rejected' });
    expect(await h.balances(u)).toMatchObject({ availableCents: 3000, withdrawingCents: 0 });
    await h.reconciled(fin);
  });

  it('leaves the other methods manual: process only accepts them, nobody is called', async () => {
    mode = 'sent';
    const u = await fundedUser(t, 3000, 'provm');
    const id = await h.withdraw(u, { amountCents: 1000, method: 'paypal', details: { email: 'me@example.com' } });
    const before = received.length;
    const r = (await h.call(fin, 'POST', `/api/v1/admin/withdrawals/${id}/process`)).json();
    expect(r).toMatchObject({ status: 'approved', provider: 'manual', providerRef: null, reference: null });
    expect(received.length).toBe(before);
    const f = await signedInPage(t, fin);
    const q = (await f.get('/admin/finance/queue')).body;
    expect(block(q, `provider-w${id}`, 'p')).toBe('مقبول: حوّله بنفسك ثم اكتب مرجعه.');
  });
});
