import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fundedUser, makeTestApp, PageClient, signedUpUser, staffUser, type TestApp, testId } from '../../../test/helpers.ts';
import { formatMoney } from '../../platform/i18n/index.ts';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(async () => {
  await t.close();
});

type Auth = { auth: Record<string, string> };
let keySeq = 0;
const key = () => `k-${Date.now()}-${++keySeq}`;
const balances = async (u: Auth) => (await t.app.inject({ method: 'GET', url: '/api/v1/wallet', headers: u.auth })).json();
const withdraw = (u: Auth, body: object, k: string | null = key()) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/wallet/withdrawals',
    headers: { ...u.auth, ...(k ? { 'idempotency-key': k } : {}) },
    payload: body,
  });
const deposit = (u: Auth, body: object, k: string | null = key()) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/wallet/deposits',
    headers: { ...u.auth, ...(k ? { 'idempotency-key': k } : {}) },
    payload: body,
  });
async function reconciled() {
  const fin = await staffUser(t, ['finance'], 'recon');
  const r = await t.app.inject({ method: 'GET', url: '/api/v1/admin/ledger/reconcile', headers: fin.auth });
  expect(r.json()).toMatchObject({ ok: true, unbalancedTransactions: [], negativeBalances: [], mismatchedBalances: [] });
}
const paypal = { method: 'paypal', details: { email: 'me@example.com' } };

describe('deposits through the sandbox gateway', () => {
  it('opens a checkout page without signing in; 4242… pays once and the money reaches available', async () => {
    const u = await signedUpUser(t, 'dep');
    const r = await deposit(u, { amountCents: 2500, method: 'sandbox' });
    expect(r.statusCode).toBe(201);
    const body = r.json();
    expect(body).toMatchObject({ status: 'pending' });
    expect(body.checkoutUrl).toMatch(/^http:\/\/kafiil\.test\/pay\/sandbox\/\d+\?s=/);
    expect((await balances(u)).availableCents).toBe(0);

    const url = new URL(body.checkoutUrl);
    const anon = new PageClient(t.app);
    const page = await anon.get(url.pathname + url.search);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('وضع الاختبار');
    const paid = await anon.post(url.pathname, { s: url.searchParams.get('s') as string, card: '4242 4242 4242 4242' });
    expect(testId(paid.body, 'sandbox-result')).toBe('تم الدفع وأضيف المبلغ إلى رصيدك.');
    expect(await balances(u)).toEqual({ availableCents: 2500, pendingCents: 0, escrowCents: 0, withdrawingCents: 0, frozenCents: 0 });
    const again = await anon.post(url.pathname, { s: url.searchParams.get('s') as string, card: '4242424242424242' });
    expect(again.statusCode).toBe(409);
    expect(testId(again.body, 'sandbox-result')).toBe('تم الدفع وأضيف المبلغ إلى رصيدك.');
    expect((await balances(u)).availableCents).toBe(2500);
    expect((await t.mailTo(u.email)).subject).toContain('أضيف');
    const wrongSecret = await anon.get(`${url.pathname}?s=nope`);
    expect(wrongSecret.statusCode).toBe(404);
    await reconciled();
  });

  it('declines 4000…0002 and moves nothing', async () => {
    const u = await signedUpUser(t, 'decl');
    const body = (await deposit(u, { amountCents: 1000 })).json();
    const url = new URL(body.checkoutUrl);
    const anon = new PageClient(t.app);
    await anon.get(url.pathname + url.search);
    const r = await anon.post(url.pathname, { s: url.searchParams.get('s') as string, card: '4000000000000002' });
    expect(r.statusCode).toBe(422);
    expect(testId(r.body, 'sandbox-result')).toBe('رُفضت البطاقة. لم يُخصم أي مبلغ.');
    const d = await t.app.inject({ method: 'GET', url: `/api/v1/wallet/deposits/${body.id}`, headers: u.auth });
    expect(d.json().status).toBe('failed');
    expect((await balances(u)).availableCents).toBe(0);
  });

  it('refuses bad amounts, unknown methods and a missing idempotency key, each with its own code', async () => {
    const u = await signedUpUser(t, 'bad');
    const codes = async (body: object, k?: string | null) => {
      const r = await deposit(u, body, k === undefined ? key() : k);
      return { status: r.statusCode, code: r.json().code, fields: (r.json().errors ?? []).map((e: { code: string }) => e.code) };
    };
    expect(await codes({ amountCents: 499 })).toEqual({ status: 400, code: 'validation.failed', fields: ['wallet.below_min_deposit'] });
    expect(await codes({ amountCents: 0 })).toMatchObject({ fields: ['wallet.amount_invalid'] });
    expect(await codes({ amountCents: -500 })).toMatchObject({ fields: ['wallet.amount_invalid'] });
    expect((await codes({ amountCents: 10.5 })).status).toBe(400);
    expect(await codes({ amountCents: 1000, method: 'bitcoin' })).toMatchObject({ fields: ['wallet.method_unknown'] });
    expect(await codes({ amountCents: 1000, method: 'vodafone_cash' })).toMatchObject({ fields: ['wallet.reference_required'] });
    expect(await codes({ amountCents: 1000 }, null)).toEqual({ status: 400, code: 'idempotency.key_required', fields: [] });
    expect((await balances(u)).availableCents).toBe(0);
  });

  it('confirms a manual transfer only when finance says so, and can reject it with a reason', async () => {
    const u = await signedUpUser(t, 'manual');
    const fin = await staffUser(t, ['finance'], 'fin');
    const r = await deposit(u, { amountCents: 3000, method: 'vodafone_cash', reference: 'VF-123456' });
    expect(r.json()).toMatchObject({ status: 'pending', checkoutUrl: null });
    expect((await balances(u)).availableCents).toBe(0);
    const notFinance = await t.app.inject({ method: 'POST', url: `/api/v1/admin/deposits/${r.json().id}/confirm`, headers: u.auth });
    expect(notFinance.statusCode).toBe(403);
    const ok = await t.app.inject({ method: 'POST', url: `/api/v1/admin/deposits/${r.json().id}/confirm`, headers: fin.auth });
    expect(ok.json()).toEqual({ id: r.json().id, status: 'paid' });
    expect((await balances(u)).availableCents).toBe(3000);
    const twice = await t.app.inject({ method: 'POST', url: `/api/v1/admin/deposits/${r.json().id}/confirm`, headers: fin.auth });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('wallet.deposit_settled');

    const r2 = await deposit(u, { amountCents: 2000, method: 'bank_transfer', reference: 'TRX-998877' });
    const rej = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/deposits/${r2.json().id}/reject`,
      headers: fin.auth,
      payload: { reason: 'لم يصل التحويل' },
    });
    expect(rej.json().status).toBe('rejected');
    expect((await balances(u)).availableCents).toBe(3000);
    expect((await t.mailTo(u.email)).text).toContain('لم يصل التحويل');
    await reconciled();
  });
});

describe('withdrawals', () => {
  it('takes the amount out of available at once; finance pays it with a reference', async () => {
    const u = await fundedUser(t, 5000, 'wd');
    const fin = await staffUser(t, ['finance'], 'fin');
    const r = await withdraw(u, { amountCents: 2000, ...paypal });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ status: 'requested' });
    expect(await balances(u)).toMatchObject({ availableCents: 3000, withdrawingCents: 2000 });
    const approve = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/withdrawals/${r.json().id}/approve`,
      headers: fin.auth,
      payload: { reference: 'PAYPAL-7781' },
    });
    expect(approve.json()).toEqual({ id: r.json().id, status: 'paid' });
    expect(await balances(u)).toMatchObject({ availableCents: 3000, withdrawingCents: 0 });
    expect((await t.mailTo(u.email)).text).toContain('PAYPAL-7781');
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/withdrawals/${r.json().id}/reject`,
      headers: fin.auth,
      payload: { reason: 'late' },
    });
    expect(again.json().code).toBe('wallet.withdrawal_decided');
    await reconciled();
  });

  it('returns the money to available when finance rejects, and tells the user why', async () => {
    const u = await fundedUser(t, 2000, 'wdr');
    const fin = await staffUser(t, ['finance'], 'fin');
    const r = await withdraw(u, { amountCents: 1500, method: 'vodafone_cash', details: { phone: '01012345678' } });
    const rej = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/withdrawals/${r.json().id}/reject`,
      headers: fin.auth,
      payload: { reason: 'الرقم غير مسجل في فودافون كاش' },
    });
    expect(rej.json().status).toBe('rejected');
    expect(await balances(u)).toMatchObject({ availableCents: 2000, withdrawingCents: 0 });
    expect((await t.mailTo(u.email)).text).toContain('الرقم غير مسجل');
  });

  it('refuses below the minimum, above the balance, bad details and unknown methods, moving nothing', async () => {
    const u = await fundedUser(t, 1500, 'wdbad');
    const code = async (body: object) => {
      const r = await withdraw(u, body);
      return [r.statusCode, r.json().code, (r.json().errors ?? []).map((e: { field: string; code: string }) => `${e.field}:${e.code}`)];
    };
    expect(await code({ amountCents: 999, ...paypal })).toEqual([400, 'validation.failed', ['amountCents:wallet.below_min_withdrawal']]);
    expect(await code({ amountCents: 1600, ...paypal })).toEqual([422, 'wallet.insufficient_funds', []]);
    expect(await code({ amountCents: 1000, method: 'paypal', details: { email: 'nope' } })).toEqual([
      400,
      'validation.failed',
      ['email:account.email_invalid'],
    ]);
    expect(await code({ amountCents: 1000, method: 'western_union', details: {} })).toEqual([
      400,
      'validation.failed',
      ['method:wallet.method_unknown'],
    ]);
    expect(await code({ amountCents: 1000, method: 'bank_transfer', details: { iban: 'EG38' } })).toEqual([
      400,
      'validation.failed',
      ['iban:wallet.iban_invalid', 'name:wallet.detail_required', 'bank:wallet.detail_required'],
    ]);
    expect(await balances(u)).toMatchObject({ availableCents: 1500, withdrawingCents: 0 });
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/wallet/withdrawals', headers: u.auth })).json();
    expect(list.items).toEqual([]);
  });

  it('replays the first answer for the same Idempotency-Key and refuses the key with another body', async () => {
    const u = await fundedUser(t, 5000, 'idem');
    const k = key();
    const first = await withdraw(u, { amountCents: 1000, ...paypal }, k);
    const replay = await withdraw(u, { amountCents: 1000, ...paypal }, k);
    expect(replay.statusCode).toBe(201);
    expect(replay.json()).toEqual(first.json());
    expect((await balances(u)).availableCents).toBe(4000);
    const other = await withdraw(u, { amountCents: 2000, ...paypal }, k);
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe('idempotency.conflict');
    expect((await balances(u)).availableCents).toBe(4000);
  });

  it('refuses a withdrawal from a frozen balance', async () => {
    const u = await fundedUser(t, 3000, 'frz');
    const admin = await staffUser(t, ['admin'], 'adm');
    await t.deps.db.transaction((tx) =>
      t.services.wallet.freezeBalance(tx, { userId: u.id, reason: 'تبادل بيانات تواصل', actorId: admin.id }),
    );
    expect(await balances(u)).toMatchObject({ availableCents: 0, frozenCents: 3000 });
    const r = await withdraw(u, { amountCents: 1000, ...paypal });
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('wallet.account_frozen');
    const b = new PageClient(t.app);
    await b.get('/login');
    await b.post('/login', { login: u.username, password: u.password });
    const page = await b.get('/wallet');
    expect(testId(page.body, 'frozen-notice')).toContain('تبادل بيانات تواصل');
    await t.deps.db.transaction((tx) => t.services.wallet.releaseFrozen(tx, { userId: u.id, actorId: admin.id }));
    expect(await balances(u)).toMatchObject({ availableCents: 3000, frozenCents: 0 });
    expect((await withdraw(u, { amountCents: 1000, ...paypal })).statusCode).toBe(201);
    await reconciled();
  });
});

describe('escrow for other modules', () => {
  it('holds, releases with 10% commission into pending, and clears to available after the clearance days', async () => {
    const buyer = await fundedUser(t, 10_000, 'esb');
    const seller = await signedUpUser(t, 'ess');
    const w = t.services.wallet;
    await t.deps.db.transaction((tx) => w.holdEscrow(tx, { buyerId: buyer.id, amountCents: 5050, reference: 'order:1' }));
    expect(await balances(buyer)).toMatchObject({ availableCents: 4950, escrowCents: 5050 });
    const rel = await t.deps.db.transaction((tx) =>
      w.releaseEscrow(tx, {
        buyerId: buyer.id,
        sellerId: seller.id,
        amountCents: 5050,
        commissionBp: 1000,
        clearanceDays: 8,
        reference: 'order:1',
      }),
    );
    expect(rel).toMatchObject({ feeCents: 505, netCents: 4545 });
    expect(await balances(buyer)).toMatchObject({ availableCents: 4950, escrowCents: 0 });
    expect(await balances(seller)).toMatchObject({ availableCents: 0, pendingCents: 4545 });
    const pending = (await t.app.inject({ method: 'GET', url: '/api/v1/wallet/pending', headers: seller.auth })).json().items;
    expect(pending).toEqual([{ amountCents: 4545, clearsAt: '2026-12-03T10:00:00.000Z', held: false }]);

    const st = (await t.app.inject({ method: 'GET', url: '/api/v1/wallet/statement', headers: seller.auth })).json();
    expect(st.items[0]).toMatchObject({
      type: 'escrow_release',
      grossCents: 5050,
      feeCents: 505,
      netCents: 4545,
      availableAt: '2026-12-03T10:00:00.000Z',
      reference: 'order:1',
    });

    expect(await w.runClearances(new Date('2026-12-03T09:59:00Z'))).toBe(0);
    expect(await w.runClearances(new Date('2026-12-03T10:00:00Z'))).toBe(1);
    expect(await w.runClearances(new Date('2026-12-04T10:00:00Z'))).toBe(0);
    expect(await balances(seller)).toMatchObject({ availableCents: 4545, pendingCents: 0 });
    await reconciled();
  });

  it('refunds and splits, and refuses to release more than is in escrow', async () => {
    const buyer = await fundedUser(t, 10_000, 'spb');
    const seller = await signedUpUser(t, 'sps');
    const w = t.services.wallet;
    await t.deps.db.transaction((tx) => w.holdEscrow(tx, { buyerId: buyer.id, amountCents: 4000, reference: 'order:2' }));
    await expect(
      t.deps.db.transaction((tx) =>
        w.releaseEscrow(tx, {
          buyerId: buyer.id,
          sellerId: seller.id,
          amountCents: 4001,
          commissionBp: 1000,
          clearanceDays: 0,
          reference: 'order:2',
        }),
      ),
    ).rejects.toMatchObject({ code: 'wallet.insufficient_funds' });
    await t.deps.db.transaction((tx) =>
      w.splitEscrow(tx, {
        buyerId: buyer.id,
        sellerId: seller.id,
        amountCents: 3001,
        buyerCents: 1001,
        commissionBp: 1000,
        clearanceDays: 2,
        reference: 'order:2',
      }),
    );
    expect(await balances(buyer)).toMatchObject({ availableCents: 7001, escrowCents: 999 });
    expect(await balances(seller)).toMatchObject({ pendingCents: 1800 });
    await t.deps.db.transaction((tx) => w.refundEscrow(tx, { buyerId: buyer.id, amountCents: 999, reference: 'order:2' }));
    expect(await balances(buyer)).toMatchObject({ availableCents: 8000, escrowCents: 0 });
    const fin = await staffUser(t, ['finance'], 'rev');
    const rev = (await t.services.wallet.revenue(fin)).revenueCents;
    expect(rev).toBeGreaterThanOrEqual(200);
    await reconciled();
  });

  it('clears pending earnings through the run-due sweep the worker and CLI use', async () => {
    const buyer = await fundedUser(t, 2000, 'rdb');
    const seller = await signedUpUser(t, 'rds');
    await t.deps.db.transaction(async (tx) => {
      await t.services.wallet.holdEscrow(tx, { buyerId: buyer.id, amountCents: 2000, reference: 'order:3' });
      await t.services.wallet.releaseEscrow(tx, {
        buyerId: buyer.id,
        sellerId: seller.id,
        amountCents: 2000,
        commissionBp: 1000,
        clearanceDays: 4,
        reference: 'order:3',
      });
    });
    const { runDue } = await import('../../worker.ts');
    const summary = await runDue(t.services, t.deps, new Date('2026-12-01T00:00:00Z'));
    expect(summary.cleared).toBeGreaterThanOrEqual(1);
    expect(await balances(seller)).toMatchObject({ availableCents: 1800, pendingCents: 0 });
  });
});

describe('statement', () => {
  it('lists every movement with gross, fee, net and date, filters by type and date, and exports CSV', async () => {
    const u = await fundedUser(t, 4000, 'stm');
    await withdraw(u, { amountCents: 1500, ...paypal });
    const all = (await t.app.inject({ method: 'GET', url: '/api/v1/wallet/statement', headers: u.auth })).json();
    expect(all.items.map((i: { type: string; netCents: number }) => [i.type, i.netCents])).toEqual([
      ['withdrawal', 0],
      ['deposit', 4000],
    ]);
    const deposits = (await t.app.inject({ method: 'GET', url: '/api/v1/wallet/statement?type=deposit', headers: u.auth })).json();
    expect(deposits.items).toHaveLength(1);
    const future = (await t.app.inject({ method: 'GET', url: '/api/v1/wallet/statement?from=2030-01-01', headers: u.auth })).json();
    expect(future.items).toEqual([]);
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/wallet/statement?from=yesterday', headers: u.auth });
    expect(bad.statusCode).toBe(400);

    const b = new PageClient(t.app);
    await b.get('/login');
    await b.post('/login', { login: u.username, password: u.password });
    const csv = await b.get('/wallet/statement.csv?type=deposit');
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('id,created_at,type,gross_usd,fee_usd,net_usd,escrow_usd,available_at,reference');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/,deposit,40\.00,0\.00,40\.00,0\.00,/);
  });
});

describe('wallet pages', () => {
  it('shows the balances, and the deposit form keeps what was typed on a bad amount', async () => {
    const u = await fundedUser(t, 1234, 'wpage');
    const b = new PageClient(t.app);
    await b.get('/login');
    await b.post('/login', { login: u.username, password: u.password });
    const page = await b.get('/wallet');
    expect(page.statusCode).toBe(200);
    expect(testId(page.body, 'wallet.available')).toBe(formatMoney('ar', 1234));
    expect(page.body).toContain('data-testid="test-mode"');
    const bad = await b.post('/wallet/deposits', { amount: '3', method: 'sandbox', idempotencyKey: 'form-a' });
    expect(bad.statusCode).toBe(400);
    expect(testId(bad.body, 'error-amount')).toBe(`أقل مبلغ للشحن ${formatMoney('ar', 500)}.`);
    expect(bad.body).toMatch(/name="amount"[^>]*value="3"/);
    const ok = await b.post('/wallet/deposits', { amount: '٢٠', method: 'sandbox', idempotencyKey: 'form-b' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toMatch(/^http:\/\/kafiil\.test\/pay\/sandbox\/\d+\?s=/);
    const wd = await b.post('/wallet/withdrawals', { amount: '10', method: 'paypal', email: 'me@example.com', idempotencyKey: 'form-c' });
    expect(wd.statusCode).toBe(303);
    expect(await balances(u)).toMatchObject({ availableCents: 234, withdrawingCents: 1000 });
    const tooMuch = await b.post('/wallet/withdrawals', {
      amount: '10',
      method: 'paypal',
      email: 'me@example.com',
      idempotencyKey: 'form-d',
    });
    expect(testId(tooMuch.body, 'form-error')).toBe('رصيدك المتاح لا يكفي.');
  });

  it('lets finance staff work the queue from the admin area, and keeps others out', async () => {
    const u = await fundedUser(t, 3000, 'qpage');
    const w = (await withdraw(u, { amountCents: 1000, ...paypal })).json();
    const fin = await staffUser(t, ['finance'], 'qfin');
    const b = new PageClient(t.app);
    await b.get('/login');
    await b.post('/login', { login: fin.username, password: fin.password });
    const q = await b.get('/admin/finance/queue');
    expect(q.body).toContain(`/admin/finance/withdrawals/${w.id}/approve`);
    const noRef = await b.post(`/admin/finance/withdrawals/${w.id}/approve`, { target: `w${w.id}`, reference: '' });
    expect(noRef.statusCode).toBe(400);
    const ok = await b.post(`/admin/finance/withdrawals/${w.id}/approve`, { target: `w${w.id}`, reference: 'PP-1' });
    expect(ok.statusCode).toBe(303);
    const ledger = await b.get('/admin/finance/ledger');
    expect(testId(ledger.body, 'reconcile')).toContain('الدفتر متوازن');
    const mod = await staffUser(t, ['moderator'], 'qmod');
    const m = new PageClient(t.app);
    await m.get('/login');
    await m.post('/login', { login: mod.username, password: mod.password });
    expect((await m.get('/admin/finance/queue')).statusCode).toBe(403);
  });

  it('lists the payment and withdrawal methods from the settings in force', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/withdrawal-methods' });
    for (const m of ['PayPal', 'فودافون كاش', 'أورنج كاش', 'اتصالات كاش', 'البريد المصري', 'تحويل بنكي']) expect(r.body).toContain(m);
    const en = await t.app.inject({ method: 'GET', url: '/en/payment-methods' });
    expect(en.body).toContain('Card (test gateway)');
  });
});

describe('wallet settings', () => {
  it('lets an admin change the minimums, commission and methods, audited, and the rules follow at once', async () => {
    const admin = await staffUser(t, ['admin'], 'setadm');
    const b = new PageClient(t.app);
    await b.get('/login');
    await b.post('/login', { login: admin.username, password: admin.password });
    await b.get('/admin/settings');
    const base = { minDeposit: '5', maxDeposit: '10000', minWithdrawal: '10', commissionPercent: '10', freezeReleaseBusinessDays: '30' };
    const bad = await b.post('/admin/settings', {
      ...base,
      commissionPercent: '80',
      withdrawalMethods: ['', 'paypal'],
      manualDepositMethods: [''],
    });
    expect(bad.statusCode).toBe(400);
    expect(testId(bad.body, 'error-commissionPercent')).toBe('نسبة من 0 إلى 50.');
    expect(bad.body).toMatch(/name="commissionPercent"[^>]*value="80"/);
    const ok = await b.post('/admin/settings', {
      ...base,
      minWithdrawal: '20',
      withdrawalMethods: ['', 'paypal', 'vodafone_cash'],
      manualDepositMethods: [''],
    });
    expect(ok.statusCode).toBe(303);
    const u = await fundedUser(t, 5000, 'setu');
    const below = await withdraw(u, { amountCents: 1500, ...paypal });
    expect(below.json().errors[0].code).toBe('wallet.below_min_withdrawal');
    const gone = await withdraw(u, { amountCents: 2000, method: 'egypt_post', details: { name: 'x', nationalId: '12345678901234' } });
    expect(gone.json().errors[0].code).toBe('wallet.method_unknown');
    const manual = await deposit(u, { amountCents: 1000, method: 'vodafone_cash', reference: 'VF-1' });
    expect(manual.json().errors[0].code).toBe('wallet.method_unknown');
    const trail = await t.services.admin.auditTrail(
      { ...admin, displayName: '', email: '', emailVerified: true, locale: 'ar', sessionId: 0 },
      {},
    );
    expect(trail.items.find((a) => a.action === 'settings.update')?.data).toMatchObject({
      after: { minWithdrawalCents: 2000, withdrawalMethods: ['paypal', 'vodafone_cash'] },
    });
    const mod = await staffUser(t, ['finance'], 'setfin');
    const m = new PageClient(t.app);
    await m.get('/login');
    await m.post('/login', { login: mod.username, password: mod.password });
    expect((await m.get('/admin/settings')).statusCode).toBe(403);
    // Back to the defaults for the other tests in this file.
    await b.get('/admin/settings');
    await b.post('/admin/settings', {
      ...base,
      withdrawalMethods: ['', 'paypal', 'bank_transfer', 'vodafone_cash', 'orange_cash', 'etisalat_cash', 'egypt_post'],
      manualDepositMethods: ['', 'bank_transfer', 'vodafone_cash', 'orange_cash', 'etisalat_cash'],
    });
  });
});

describe('guards for other modules and freezes', () => {
  it('refuses non-positive or fractional escrow amounts with a code, moving nothing', async () => {
    const buyer = await fundedUser(t, 2000, 'neg');
    const seller = await signedUpUser(t, 'negs');
    const w = t.services.wallet;
    for (const amountCents of [-1000, 0, 10.5]) {
      await expect(
        t.deps.db.transaction((tx) => w.holdEscrow(tx, { buyerId: buyer.id, amountCents, reference: 'order:9' })),
      ).rejects.toMatchObject({
        code: 'wallet.amount_invalid',
      });
      await expect(
        t.deps.db.transaction((tx) => w.refundEscrow(tx, { buyerId: buyer.id, amountCents, reference: 'order:9' })),
      ).rejects.toMatchObject({
        code: 'wallet.amount_invalid',
      });
      await expect(
        t.deps.db.transaction((tx) =>
          w.releaseEscrow(tx, {
            buyerId: buyer.id,
            sellerId: seller.id,
            amountCents,
            commissionBp: 1000,
            clearanceDays: 0,
            reference: 'order:9',
          }),
        ),
      ).rejects.toMatchObject({ code: 'wallet.amount_invalid' });
    }
    expect(await balances(buyer)).toMatchObject({ availableCents: 2000, escrowCents: 0 });
  });

  it('does not pay out a withdrawal asked for before a freeze while the freeze lasts', async () => {
    const u = await fundedUser(t, 3000, 'prefrz');
    const fin = await staffUser(t, ['finance', 'admin'], 'finfrz');
    const wd = (await withdraw(u, { amountCents: 1000, ...paypal })).json();
    await t.deps.db.transaction((tx) => t.services.wallet.freezeBalance(tx, { userId: u.id, reason: 'حظر دائم', actorId: fin.id }));
    const r = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/withdrawals/${wd.id}/approve`,
      headers: fin.auth,
      payload: { reference: 'X-1' },
    });
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('wallet.account_frozen');
    expect(await balances(u)).toMatchObject({ withdrawingCents: 1000, frozenCents: 2000, availableCents: 0 });
    await reconciled();
  });
});

describe('a payment provider that cannot be reached', () => {
  it('answers 503, marks the deposit failed, holds no lock meanwhile, and lets the same key be retried', async () => {
    const s = await makeTestApp({
      config: { stripe: { secretKey: 'sk_test_unreachable', webhookSecret: 'whsec_x', apiBase: 'http://127.0.0.1:9' } },
    });
    try {
      const u = await signedUpUser(s, 'noprov');
      const send = () =>
        s.app.inject({
          method: 'POST',
          url: '/api/v1/wallet/deposits',
          headers: { ...u.auth, 'idempotency-key': 'same-key' },
          payload: { amountCents: 1000, method: 'stripe' },
        });
      const r = await send();
      expect(r.statusCode).toBe(503);
      expect(r.json().code).toBe('wallet.provider_unavailable');
      const again = await send();
      expect(again.statusCode).toBe(503);
      const mine = await s.services.wallet.myDeposits(u.id);
      expect(mine.map((d) => [d.status, d.reason])).toEqual([
        ['failed', 'provider_unavailable'],
        ['failed', 'provider_unavailable'],
      ]);
      expect((await s.app.inject({ method: 'GET', url: '/api/v1/wallet', headers: u.auth })).json().availableCents).toBe(0);
    } finally {
      await s.close();
    }
  }, 30_000);
});
