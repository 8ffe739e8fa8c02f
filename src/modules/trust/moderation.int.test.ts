import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fundedUser,
  makeTestApp,
  PageClient,
  publishedService,
  signedUpUser,
  staffUser,
  type TestApp,
  testId,
} from '../../../test/helpers.ts';
import { queryRows } from '../../platform/db/index.ts';
import { runDue } from '../../worker.ts';

let t: TestApp;
let mod: Awaited<ReturnType<typeof staffUser>>;
let admin: Awaited<ReturnType<typeof staffUser>>;
beforeAll(async () => {
  t = await makeTestApp();
  mod = await staffUser(t, ['moderator'], 'mod');
  admin = await staffUser(t, ['admin'], 'admin');
});
afterAll(async () => {
  await t.close();
});

type U = { auth: Record<string, string>; username: string; id: number; password: string };
const api = (u: { auth: Record<string, string> } | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, headers = {}) =>
  t.app.inject({ method, url, headers: { ...(u?.auth ?? {}), ...headers }, payload });
const report = (u: U, targetType: string, targetId: number, reason = 'fraud', details?: string) =>
  api(u, 'POST', '/api/v1/reports', { targetType, targetId, reason, details });
const sanction = (by: U, userId: number, body: object) => api(by, 'POST', `/api/v1/admin/users/${userId}/sanctions`, body);
const code = (r: { json(): unknown }) => (r.json() as { code: string }).code;

async function signIn(u: { username: string; password: string }) {
  const b = new PageClient(t.app);
  await b.get('/login');
  await b.post('/login', { login: u.username, password: u.password });
  return b;
}

async function auditRows(action: string) {
  return queryRows<{ actor_id: number; target_id: string; data: Record<string, unknown> }>(
    t.deps.db,
    sql`SELECT actor_id, target_id, data FROM audit_log WHERE action = ${action} ORDER BY id`,
  );
}

describe('reports (إبلاغ)', () => {
  it('are filed once per reporter and target, with a reason from the list, on content the reporter can see', async () => {
    const seller = await signedUpUser(t, 'rseller');
    const a = await signedUpUser(t, 'ra');
    const s = await publishedService(t, seller, mod);
    const ok = await report(a, 'service', s.id, 'fraud', 'يطلب الدفع خارج المنصة');
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toEqual({ id: expect.any(Number) });
    const again = await report(a, 'service', s.id, 'spam');
    expect([again.statusCode, code(again)]).toEqual([409, 'report.duplicate']);
    const own = await report(seller, 'service', s.id);
    expect([own.statusCode, code(own)]).toEqual([422, 'report.own']);
    const missing = await report(a, 'service', 999_999);
    expect([missing.statusCode, code(missing)]).toEqual([404, 'report.target_not_found']);
    const noReason = await report(a, 'user', seller.id, '');
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors).toEqual([expect.objectContaining({ field: 'reason', code: 'report.reason_required' })]);
    const other = await report(a, 'user', seller.id, 'other');
    expect(other.json().errors).toEqual([expect.objectContaining({ field: 'details', code: 'report.details_required' })]);
    const kind = await report(a, 'planet', 1);
    expect(kind.json().errors).toEqual([expect.objectContaining({ field: 'targetType', code: 'report.target_type_invalid' })]);
    // A kind API.md lists but that has no content yet (projects arrive later) is simply not found.
    expect((await report(a, 'project', 1)).statusCode).toBe(404);
    // A message can be reported only by the members of its conversation.
    const c = await api(seller, 'POST', '/api/v1/conversations', { withUsername: a.username, body: 'أهلا بك، كيف أساعدك؟' });
    const messageId = c.json().message.id as number;
    const outsider = await signedUpUser(t, 'rout');
    expect((await report(outsider, 'message', messageId)).statusCode).toBe(404);
    expect((await report(a, 'message', messageId, 'contact_info')).statusCode).toBe(201);
    expect((await api(null, 'POST', '/api/v1/reports', { targetType: 'user', targetId: seller.id, reason: 'spam' })).statusCode).toBe(401);
  });

  it('in bulk are refused (20 an hour)', async () => {
    const spammer = await signedUpUser(t, 'bulk');
    const people = await Promise.all([0, 1, 2].map(() => signedUpUser(t, 'target')));
    // Messages from three people give the reporter 21 distinct things to report.
    const ids: number[] = [];
    for (let i = 0; i < 21; i++) {
      const from = people[i % 3];
      const r = await api(from, 'POST', '/api/v1/conversations', { withUsername: spammer.username, body: `رسالة رقم ${i + 1} للتجربة` });
      ids.push(r.json().message.id);
    }
    const codes: number[] = [];
    for (const id of ids) codes.push((await report(spammer, 'message', id, 'spam')).statusCode);
    expect(codes.slice(0, 20).every((c) => c === 201)).toBe(true);
    expect(codes[20]).toBe(429);
  });

  it('through the page: the form keeps the details when the reason is missing; then thanks and back', async () => {
    const seller = await signedUpUser(t, 'pseller');
    const s = await publishedService(t, seller, mod);
    const u = await signedUpUser(t, 'preporter');
    const anon = new PageClient(t.app);
    const login = await anon.get(`/report?type=service&id=${s.id}`);
    expect(login.statusCode).toBe(303);
    expect(login.headers.location).toContain('/login?next=');
    const b = await signIn(u);
    const page = await b.get(`/report?type=service&id=${s.id}`);
    expect(page.statusCode).toBe(200);
    expect(testId(page.body, 'report-about')).toContain('تصميم شعار');
    const bad = await b.post('/report', { type: 'service', id: String(s.id), details: 'نسخ أعمال مصمم آخر' });
    expect(bad.statusCode).toBe(400);
    expect(testId(bad.body, 'error-reason')).toBe('اختر سبب الإبلاغ من القائمة.');
    expect(bad.body).toContain('نسخ أعمال مصمم آخر');
    const ok = await b.post('/report', {
      type: 'service',
      id: String(s.id),
      reason: 'intellectual_property',
      details: 'نسخ أعمال مصمم آخر',
    });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`/services/${s.id}`);
    expect(testId((await b.get(`/report?type=service&id=${s.id}`)).body, 'report-already')).toBeTruthy();
    // The service page carries the report button for others, not for its seller.
    const pageOf = async (client: PageClient) => {
      const first = await client.get(`/services/${s.id}`);
      return first.statusCode === 200 ? first : client.get(first.headers.location as string);
    };
    expect((await pageOf(b)).body).toContain(`data-testid="report-service-${s.id}"`);
    const own = await pageOf(await signIn(seller));
    expect(own.statusCode).toBe(200);
    expect(own.body).not.toContain(`report-service-${s.id}`);
  });
});

describe('moderation decisions', () => {
  it('group reports by target; hiding a service takes it offline, tells the seller why and the reporters, and is audited', async () => {
    const seller = await signedUpUser(t, 'hseller');
    const s = await publishedService(t, seller, mod);
    const [r1, r2] = [await signedUpUser(t, 'h1'), await signedUpUser(t, 'h2')];
    await report(r1, 'service', s.id, 'fraud', 'عرض مضلل');
    await report(r2, 'service', s.id, 'spam');
    const queue = await api(mod, 'GET', '/api/v1/admin/reports');
    const group = queue
      .json()
      .items.find((i: { targetType: string; targetId: number }) => i.targetType === 'service' && i.targetId === s.id);
    expect(group).toMatchObject({
      count: 2,
      authorId: seller.id,
      reasons: { fraud: 1, spam: 1 },
      decisions: ['dismiss', 'hide', 'delete', 'warn'],
    });
    expect((await api(r1, 'GET', '/api/v1/admin/reports')).statusCode).toBe(403);
    const noReason = await api(mod, 'POST', '/api/v1/admin/reports/decide', {
      targetType: 'service',
      targetId: s.id,
      decision: 'hide',
      reason: '',
    });
    expect(noReason.json().errors).toEqual([expect.objectContaining({ field: 'reason', code: 'trust.reason_required' })]);
    const why = 'وصف الخدمة مضلل ولا يطابق ما يُسلَّم فعلًا';
    const hide = await api(mod, 'POST', '/api/v1/admin/reports/decide', {
      targetType: 'service',
      targetId: s.id,
      decision: 'hide',
      reason: why,
    });
    expect(hide.statusCode).toBe(200);
    expect((await api(null, 'GET', `/api/v1/services/${s.id}`)).statusCode).toBe(404);
    expect((await api(null, 'GET', '/api/v1/services?q=شعار')).json().items.map((i: { id: number }) => i.id)).not.toContain(s.id);
    const mine = await t.services.catalog.get(s.id, { id: seller.id, roles: [] });
    expect([mine.status, mine.rejectReason]).toEqual(['hidden', why]);
    const mail = await t.mailTo(seller.email);
    expect(mail.text).toContain(why);
    const notes = await api(seller, 'GET', '/api/v1/notifications');
    expect(notes.json().items[0]).toMatchObject({ type: 'trust.content_hidden', url: '/account/sanctions' });
    for (const r of [r1, r2]) expect((await api(r, 'GET', '/api/v1/notifications')).json().items[0].type).toBe('trust.report_reviewed');
    expect((await auditRows('report.hide')).at(-1)).toMatchObject({ actor_id: mod.id, target_id: String(s.id), data: { reason: why } });
    const again = await api(mod, 'POST', '/api/v1/admin/reports/decide', {
      targetType: 'service',
      targetId: s.id,
      decision: 'delete',
      reason: why,
    });
    expect(code(again)).toBe('report.already_decided');
    // The seller sees why on their page, may fix the service and send it for review again.
    const sb = await signIn(seller);
    expect((await sb.get('/account/sanctions')).body).toContain(why);
    const edited = await t.services.catalog.update(
      { id: seller.id, roles: [] } as never,
      s.id,
      { ...mine, description: `${mine.description} وصف أدق لما يحصل عليه المشتري بالتفصيل.` } as never,
      { submit: true },
    );
    expect(edited.status).toBe('pending');
  });

  it('two moderators deciding the same reports at once: exactly one decision is applied', async () => {
    const seller = await signedUpUser(t, 'raceseller');
    const s = await publishedService(t, seller, mod);
    const r = await signedUpUser(t, 'racer');
    await report(r, 'service', s.id, 'spam');
    const mod2 = await staffUser(t, ['moderator'], 'mod2');
    const decide = (who: { auth: Record<string, string> }, decision: string) =>
      api(who, 'POST', '/api/v1/admin/reports/decide', {
        targetType: 'service',
        targetId: s.id,
        decision,
        reason: 'قرار المشرف بعد مراجعة المحتوى',
      });
    const [a, b] = await Promise.all([decide(mod, 'hide'), decide(mod2, 'dismiss')]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 422]);
    const rows = await auditRows('report.hide');
    const dismissed = await auditRows('report.dismiss');
    expect([...rows, ...dismissed].filter((x) => x.target_id === String(s.id))).toHaveLength(1);
    const status = (await t.services.catalog.get(s.id, { id: seller.id, roles: [] })).status;
    expect(status).toBe(a.statusCode === 200 ? 'hidden' : 'published');
  });

  it('deleting a message removes it for the members; staff keep a snapshot; a warning reaches the author', async () => {
    const a = await signedUpUser(t, 'da');
    const b = await signedUpUser(t, 'db');
    const c = await api(a, 'POST', '/api/v1/conversations', { withUsername: b.username, body: 'أنت شخص غبي ولا تفهم شيئًا' });
    const { conversationId, message } = c.json();
    expect((await report(b, 'message', message.id, 'offensive')).statusCode).toBe(201);
    const reason = 'ألفاظ مسيئة للطرف الآخر في المحادثة';
    expect(
      (
        await api(mod, 'POST', '/api/v1/admin/reports/decide', { targetType: 'message', targetId: message.id, decision: 'hide', reason })
      ).json().errors,
    ).toEqual([expect.objectContaining({ field: 'decision' })]);
    expect(
      (await api(mod, 'POST', '/api/v1/admin/reports/decide', { targetType: 'message', targetId: message.id, decision: 'delete', reason }))
        .statusCode,
    ).toBe(200);
    const thread = await api(b, 'GET', `/api/v1/conversations/${conversationId}/messages`);
    expect(thread.json().items.find((m: { id: number }) => m.id === message.id)).toMatchObject({ removed: true, body: '' });
    const record = await t.services.moderation.takenDown('message', message.id);
    expect(record).toEqual([
      expect.objectContaining({
        action: 'delete',
        reason,
        authorId: a.id,
        snapshot: expect.objectContaining({ text: 'أنت شخص غبي ولا تفهم شيئًا' }),
      }),
    ]);
    // A warning on a profile report: a warning row the user sees in their list.
    await report(b, 'user', a.id, 'offensive');
    const warn = 'تنبيه: التزم بأسلوب محترم في التواصل';
    expect(
      (await api(mod, 'POST', '/api/v1/admin/reports/decide', { targetType: 'user', targetId: a.id, decision: 'warn', reason: warn }))
        .statusCode,
    ).toBe(200);
    const list = await api(a, 'GET', '/api/v1/me/sanctions');
    expect(list.json().items).toEqual([expect.objectContaining({ kind: 'warning', reason: warn, scopes: [], active: false })]);
    // A warning restricts nothing.
    expect((await api(a, 'POST', `/api/v1/conversations/${conversationId}/messages`, { body: 'أعتذر عن أسلوبي' })).statusCode).toBe(201);
  });
});

describe('sanctions', () => {
  let bioRound = 0;
  /** Each action of a scope, tried by `u`; true when it went through. */
  async function attempt(u: U, other: U, serviceId: number) {
    const okStatus = async (r: Promise<{ statusCode: number; body: string }>, ok: number) => {
      const res = await r;
      if (res.statusCode === ok) return true;
      if (res.statusCode === 403) return false;
      throw new Error(`unexpected ${res.statusCode}: ${res.body}`);
    };
    const key = () => ({ 'idempotency-key': `k-${Math.random()}` });
    return {
      selling: await okStatus(
        api(u, 'POST', '/api/v1/services', {
          title: 'كتابة محتوى تسويقي لمتجرك',
          categoryId: (await t.services.catalog.categoryTree())[0].children[0].id,
          description:
            'اكتب لك محتوى تسويقيًا جذابًا لصفحات متجرك الإلكتروني مع مراعاة الكلمات المفتاحية ومحركات البحث وبأسلوب يناسب جمهورك.',
          priceCents: 1000,
          deliveryDays: 2,
          instructions: '',
          skills: [],
          addons: [],
          draft: true,
        }),
        201,
      ),
      buying: await okStatus(api(u, 'POST', '/api/v1/orders', { serviceId, quantity: 1, addonIds: [] }, key()), 201),
      messaging: await okStatus(
        api(u, 'POST', '/api/v1/conversations', { withUsername: other.username, body: 'سؤال عن الخدمة من فضلك' }),
        201,
      ),
      withdrawing: await okStatus(
        api(u, 'POST', '/api/v1/wallet/withdrawals', { amountCents: 1000, method: 'paypal', details: { email: 'me@example.com' } }, key()),
        201,
      ),
      // A changed text each time (an unchanged profile is not a new post).
      posting: await okStatus(api(u, 'PATCH', '/api/v1/me', { bio: `مصمم ومطور واجهات منذ ${++bioRound} سنوات` }), 200),
    };
  }

  it('each scope blocks exactly its own actions; lifting restores them; staff only, with a reason', async () => {
    const seller = await signedUpUser(t, 'sseller');
    const { id: serviceId } = await publishedService(t, seller, mod);
    const u = (await fundedUser(t, 50_000, 'scoped')) as U;
    const all = { selling: true, buying: true, messaging: true, withdrawing: true, posting: true };
    expect(await attempt(u, seller as U, serviceId)).toEqual(all);
    for (const scope of ['selling', 'buying', 'messaging', 'withdrawing', 'posting', 'full']) {
      const r = await sanction(mod as U, u.id, { scopes: [scope], reason: `اختبار نطاق ${scope} بسبب مخالفة`, endsAt: '2027-01-01' });
      expect(r.statusCode).toBe(201);
      const got = await attempt(u, seller as U, serviceId);
      const expected = Object.fromEntries(Object.keys(all).map((k) => [k, !(scope === 'full' || scope === k)]));
      expect(got, scope).toEqual(expected);
      const lift = await api(mod, 'POST', `/api/v1/admin/sanctions/${r.json().id}/lift`, { reason: 'رُفعت بعد المراجعة والاعتراض' });
      expect(lift.json()).toMatchObject({ active: false, liftedAt: expect.any(String) });
    }
    expect(await attempt(u, seller as U, serviceId)).toEqual(all);
    // The refusal names the scope, as a 403 problem in the user's language.
    const s = await sanction(mod as U, u.id, { scopes: ['messaging'], reason: 'إزعاج متكرر للبائعين بالرسائل', endsAt: '2027-01-01' });
    const refused = await api(
      u,
      'POST',
      '/api/v1/conversations',
      { withUsername: seller.username, body: 'مرحبا' },
      { 'accept-language': 'en' },
    );
    expect([refused.statusCode, code(refused)]).toEqual([403, 'trust.sanctioned_messaging']);
    expect(refused.json().title).toContain('may not send messages');
    await api(mod, 'POST', `/api/v1/admin/sanctions/${s.json().id}/lift`, { reason: 'انتهت المراجعة بلا مخالفة أخرى' });
    // Bad input and non-staff.
    const noReason = await sanction(mod as U, u.id, { scopes: ['buying'], reason: '' });
    expect(noReason.json().errors).toEqual([expect.objectContaining({ field: 'reason', code: 'trust.reason_required' })]);
    const past = await sanction(mod as U, u.id, { scopes: ['buying'], reason: 'سبب واضح ومفصل للعقوبة', endsAt: '2020-01-01' });
    expect(past.json().errors).toEqual([expect.objectContaining({ field: 'endsAt', code: 'sanction.end_past' })]);
    const noScope = await sanction(mod as U, u.id, { scopes: [], reason: 'سبب واضح ومفصل للعقوبة' });
    expect(noScope.json().errors).toEqual([expect.objectContaining({ field: 'scopes', code: 'sanction.scopes_required' })]);
    expect((await sanction(u, seller.id, { scopes: ['full'], reason: 'سبب واضح ومفصل للعقوبة' })).statusCode).toBe(403);
    expect((await sanction(mod as U, admin.id, { scopes: ['full'], reason: 'سبب واضح ومفصل للعقوبة' })).statusCode).toBe(403);
    const audits = await auditRows('sanction.create');
    expect(audits.filter((a) => a.target_id === String(u.id))).toHaveLength(7);
  });

  it('a selling sanction takes the services offline until it ends; the worker lifts it at its end', async () => {
    const seller = await signedUpUser(t, 'tseller');
    const { id } = await publishedService(t, seller, mod);
    const buyer = await fundedUser(t, 10_000, 'tbuyer');
    const endsAt = new Date(t.clock.now().getTime() + 2 * 86_400_000).toISOString();
    expect((await sanction(mod as U, seller.id, { scopes: ['selling'], reason: 'بيع خدمات مخالفة للشروط', endsAt })).statusCode).toBe(201);
    expect((await api(null, 'GET', `/api/v1/services/${id}`)).statusCode).toBe(404);
    const order = await api(buyer, 'POST', '/api/v1/orders', { serviceId: id, quantity: 1, addonIds: [] }, { 'idempotency-key': 'ts-1' });
    expect(code(order)).toBe('order.service_unavailable');
    const sb = await signIn(seller as U);
    const page = await sb.get('/account/sanctions');
    expect(page.body).toContain('بيع خدمات مخالفة للشروط');
    expect(testId(page.body, `scope-${(await t.services.trust.activeSanctions(seller.id))[0].id}-selling`)).toBe('البيع');
    // A day later it still holds; after its end the worker lifts it and the service is back.
    await runDue(t.services, t.deps, new Date(t.clock.now().getTime() + 86_400_000));
    expect((await api(null, 'GET', `/api/v1/services/${id}`)).statusCode).toBe(404);
    t.clock.advance(2 * 86_400_000 + 1000);
    const r = await runDue(t.services, t.deps, t.clock.now());
    expect(r.sanctionsEnded).toBe(1);
    expect((await api(null, 'GET', `/api/v1/services/${id}`)).statusCode).toBe(200);
    expect((await t.services.trust.activeSanctions(seller.id)).length).toBe(0);
    expect((await auditRows('sanction.expire')).at(-1)?.target_id).toBe(String(seller.id));
    const again = await api(buyer, 'POST', '/api/v1/orders', { serviceId: id, quantity: 1, addonIds: [] }, { 'idempotency-key': 'ts-2' });
    expect(again.statusCode).toBe(201);
  });

  it('a permanent full ban freezes the whole balance; the ledger still reconciles; finance releases it', async () => {
    const u = await fundedUser(t, 7_500, 'banned');
    const finance = await staffUser(t, ['finance'], 'fin');
    const r = await sanction(mod as U, u.id, { scopes: ['full'], reason: 'احتيال مثبت على المشترين عبر حسابات متعددة' });
    expect(r.json()).toMatchObject({ scopes: ['full'], endsAt: null, active: true });
    const w = await api(u, 'GET', '/api/v1/wallet');
    expect(w.json()).toMatchObject({ availableCents: 0, frozenCents: 7_500 });
    const financeActor = (await t.services.accounts.resolveSession(finance.token, 'api'))!;
    expect((await t.services.wallet.reconcile(financeActor)).ok).toBe(true);
    const page = await (await signIn(u as U)).get('/account/sanctions');
    expect(testId(page.body, 'frozen')).toBeTruthy();
    expect(page.body).toContain(`/support/new?category=appeal&amp;sanction=${r.json().id}`);
    // A temporary full sanction does not freeze money.
    const v = await fundedUser(t, 2_000, 'tempban');
    await sanction(mod as U, v.id, { scopes: ['full'], reason: 'مخالفات متكررة خلال أسبوع واحد', endsAt: '2027-06-01' });
    expect((await api(v, 'GET', '/api/v1/wallet')).json()).toMatchObject({ availableCents: 2_000, frozenCents: 0 });
    // After review, finance pays proven damages to a harmed buyer out of the frozen money, then releases the rest,
    // on the finance page of the user (each step audited by the wallet).
    const harmed = await signedUpUser(t, 'harmed');
    const fb = await signIn(finance as U);
    const ledger = await fb.get(`/admin/finance/users/${u.id}`);
    expect(testId(ledger.body, 'frozen-card')).toBeTruthy();
    // Its rows say what each movement was, with the reference as written beside the words.
    expect(ledger.body).toMatch(/عملية الشحن <bdi dir="ltr">#\d+<\/bdi>|عملية الشحن \u2066#\d+\u2069/);
    expect(ledger.body).toMatch(/<span dir="ltr" class="font-mono text-xs">\(deposit:\d+\)<\/span>/);
    const tooMuch = await fb.post(`/admin/finance/users/${u.id}/deduct-frozen`, {
      toUserId: String(harmed.id),
      amount: '80',
      reason: 'تعويض مشتر متضرر',
    });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.body).toContain('تعويض مشتر متضرر');
    const paid = await fb.post(`/admin/finance/users/${u.id}/deduct-frozen`, {
      toUserId: String(harmed.id),
      amount: '25',
      reason: 'تعويض مشتر متضرر',
    });
    expect(paid.statusCode).toBe(303);
    expect((await api(harmed, 'GET', '/api/v1/wallet')).json()).toMatchObject({ availableCents: 2_500 });
    expect((await fb.post(`/admin/finance/users/${u.id}/release-frozen`, {})).statusCode).toBe(303);
    expect((await api(u, 'GET', '/api/v1/wallet')).json()).toMatchObject({ availableCents: 5_000, frozenCents: 0 });
    expect((await auditRows('wallet.deduct_frozen')).at(-1)).toMatchObject({ actor_id: finance.id, target_id: String(u.id) });
    expect((await auditRows('wallet.unfreeze')).at(-1)).toMatchObject({ actor_id: finance.id, target_id: String(u.id) });
    // Other staff roles may not.
    const mb = await signIn(mod as U);
    expect((await mb.post(`/admin/finance/users/${u.id}/release-frozen`, {})).statusCode).toBe(403);
    expect((await t.services.wallet.reconcile(financeActor)).ok).toBe(true);
  });

  it('moderators use the pages: the queue, a decision, the sanction form keeps what was typed; users get 403', async () => {
    const seller = await signedUpUser(t, 'pgseller');
    const s = await publishedService(t, seller, mod);
    const r = await signedUpUser(t, 'pgrep');
    await report(r, 'service', s.id, 'contact_info', 'رقم واتساب في الصور');
    const userB = await signIn(r as U);
    expect((await userB.get('/admin/reports')).statusCode).toBe(403);
    expect((await userB.get(`/admin/users/${seller.id}/sanctions`)).statusCode).toBe(403);
    const mb = await signIn(mod as U);
    const q = await mb.get('/admin/reports');
    expect(q.statusCode).toBe(200);
    expect(q.body).toContain(`data-testid="group-service-${s.id}"`);
    expect(q.body).toContain('رقم واتساب في الصور');
    const bad = await mb.post(`/admin/reports/service/${s.id}`, { decision: 'delete', reason: 'قصير' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('value="قصير"');
    const ok = await mb.post(`/admin/reports/service/${s.id}`, { decision: 'delete', reason: 'وسائل تواصل داخل صور الخدمة' });
    expect(ok.statusCode).toBe(303);
    expect((await t.services.catalog.get(s.id, { id: seller.id, roles: [] })).status).toBe('removed');
    const form = await mb.get(`/admin/users/${seller.id}/sanctions?source=service:${s.id}`);
    expect(form.statusCode).toBe(200);
    // The deleted service stays readable for staff, as it was, with the reason.
    const staffList = form.body.slice(form.body.indexOf('data-testid="taken-down-staff"'));
    expect(staffList).toContain('أصمم لك شعارًا احترافيًا');
    expect(form.body).toContain('وسائل تواصل داخل صور الخدمة');
    const refused = await mb.post(`/admin/users/${seller.id}/sanctions`, {
      scopes: ['selling', 'messaging'],
      reason: 'قصير',
      endsAt: '2027-02-01',
      source: `service:${s.id}`,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toMatch(/value="selling"[^>]*checked|checked[^>]*value="selling"/);
    expect(refused.body).toContain('2027-02-01');
    const made = await mb.post(`/admin/users/${seller.id}/sanctions`, {
      scopes: ['selling', 'messaging'],
      reason: 'نشر وسائل تواصل في صور الخدمة بعد تنبيه سابق',
      endsAt: '2027-02-01',
      source: `service:${s.id}`,
    });
    expect(made.statusCode).toBe(303);
    const [active] = await t.services.trust.activeSanctions(seller.id);
    expect(active).toMatchObject({ scopes: ['selling', 'messaging'], source: `service:${s.id}` });
    const lifted = await mb.post(`/admin/sanctions/${active.id}/lift`, { reason: '' });
    expect(lifted.statusCode).toBe(400);
    expect((await mb.post(`/admin/sanctions/${active.id}/lift`, { reason: 'قُبل الاعتراض بعد المراجعة' })).statusCode).toBe(303);
    expect(await t.services.trust.activeSanctions(seller.id)).toEqual([]);
  });
});
