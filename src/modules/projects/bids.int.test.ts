import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fundedUser, makeTestApp, PageClient, signedUpUser, staffUser, type TestApp, testId } from '../../../test/helpers.ts';
import { queryRows } from '../../platform/db/index.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { runDue } from '../../worker.ts';

let t: TestApp;
let mod: Awaited<ReturnType<typeof staffUser>>;
let finance: AuthUser;
beforeAll(async () => {
  t = await makeTestApp();
  mod = await staffUser(t, ['moderator'], 'pmod');
  const f = await staffUser(t, ['finance'], 'pfin');
  finance = (await t.services.accounts.resolveSession(f.token, 'api'))!;
});
afterAll(async () => {
  await t.close();
});

type U = { auth: Record<string, string>; token: string; username: string; id: number; password: string };
const api = (u: { auth: Record<string, string> } | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, headers = {}) =>
  t.app.inject({ method, url, headers: { ...(u?.auth ?? {}), ...headers }, payload });
const code = (r: { json(): unknown }) => (r.json() as { code: string }).code;
const actor = async (u: { token: string }) => (await t.services.accounts.resolveSession(u.token, 'api'))!;
const proposal = 'أستطيع تنفيذ هذا المشروع بجودة عالية، لدي خبرة خمس سنوات في المجال نفسه وأعمال سابقة مشابهة.';
const bid = (u: U, projectId: number, amountCents = 20_000, days = 5, text = proposal) =>
  api(u, 'POST', `/api/v1/projects/${projectId}/bids`, { amountCents, days, proposal: text });
const hire = (u: U, projectId: number, bidId: number, key = `hire-${Math.random()}`) =>
  api(u, 'POST', `/api/v1/projects/${projectId}/hire`, { bidId }, { 'idempotency-key': key });
const wallet = async (u: U) => (await api(u, 'GET', '/api/v1/wallet')).json();
const reconciled = async () => expect((await t.services.wallet.reconcile(finance)).ok).toBe(true);

/** An open project of `owner` (posted and approved through the services). */
async function openProject(owner: U, title = 'تصميم هوية بصرية كاملة لمتجر إلكتروني') {
  const [top] = await t.services.catalog.categoryTree();
  const p = await t.services.projects.create(
    await actor(owner),
    {
      title,
      description:
        'نحتاج إلى تصميم هوية بصرية كاملة لمتجر إلكتروني جديد: شعار وألوان وخطوط ونماذج لمنشورات التواصل الاجتماعي وبطاقات العمل، مع دليل استخدام واضح للهوية.',
      categoryId: top.children[0].id,
      skills: ['تصميم شعارات'],
      budgetMinCents: 10_000,
      budgetMaxCents: 25_000,
      expectedDays: 10,
    },
    { submit: true },
  );
  await t.services.projects.approve(await actor(mod), p.id);
  return p.id;
}

describe('bids', () => {
  it('are refused outside the rules: amount range, proposal, own project, twice, contact details, closed project', async () => {
    const owner = (await signedUpUser(t, 'powner')) as U;
    const f = (await signedUpUser(t, 'pfree')) as U;
    const id = await openProject(owner);
    expect((await bid(f, id, 900)).json().errors).toEqual([expect.objectContaining({ field: 'amountCents', code: 'bid.amount_invalid' })]);
    expect((await bid(f, id, 1_000_100)).json().errors).toEqual([
      expect.objectContaining({ field: 'amountCents', code: 'bid.amount_invalid' }),
    ]);
    expect((await bid(f, id, 20_000, 5, 'قصير')).json().errors).toEqual([
      expect.objectContaining({ field: 'proposal', code: 'bid.proposal_length' }),
    ]);
    const contact = await bid(f, id, 20_000, 5, `${proposal} تواصل معي على واتساب ٠١٠٠٢٣٤٥٦٧٨ لنتفق`);
    expect(contact.json().errors).toEqual([expect.objectContaining({ field: 'proposal', code: 'trust.contact_info' })]);
    expect((await t.services.trust.attemptsOf(f.id)).map((a) => a.context)).toEqual(['bid']);
    expect(code(await bid(owner, id))).toBe('bid.own_project');
    const ok = await bid(f, id);
    expect(ok.statusCode).toBe(201);
    expect(code(await bid(f, id, 30_000))).toBe('bid.already');
    // Editing is the way to change it; the project's numbers follow.
    const edited = await api(f, 'PATCH', `/api/v1/bids/${ok.json().id}`, { amountCents: 15_000, days: 4, proposal });
    expect(edited.json()).toMatchObject({ amountCents: 15_000, days: 4, status: 'active' });
    const detail = (await api(null, 'GET', `/api/v1/projects/${id}`)).json();
    expect(detail).toMatchObject({ bidsCount: 1, averageBidCents: 15_000 });
    expect((await api(owner, 'POST', `/api/v1/projects/${id}/close`)).json()).toEqual({ id, status: 'closed' });
    const g = (await signedUpUser(t, 'plate')) as U;
    expect(code(await bid(g, id))).toBe('bid.project_not_open');
    expect(code(await api(f, 'PATCH', `/api/v1/bids/${ok.json().id}`, { amountCents: 16_000, days: 4, proposal }))).toBe(
      'bid.not_editable',
    );
  });

  it('are visible as bidders to everyone, in full only to the owner and each bidder', async () => {
    const owner = (await signedUpUser(t, 'vowner')) as U;
    const [a, b] = [(await signedUpUser(t, 'va')) as U, (await signedUpUser(t, 'vb')) as U];
    const id = await openProject(owner);
    await bid(a, id, 12_000);
    await bid(b, id, 18_000);
    const asOwner = (await api(owner, 'GET', `/api/v1/projects/${id}/bids`)).json().items;
    expect(asOwner.map((x: { amountCents: number }) => x.amountCents)).toEqual([12_000, 18_000]);
    const asA = (await api(a, 'GET', `/api/v1/projects/${id}/bids`)).json().items;
    expect(
      asA.map((x: { freelancer: { username: string }; amountCents: number | null }) => [x.freelancer.username, x.amountCents]),
    ).toEqual([
      [a.username, 12_000],
      [b.username, null],
    ]);
    const anon = (await api(null, 'GET', `/api/v1/projects/${id}/bids`)).json().items;
    expect(anon.every((x: { proposal: string | null; amountCents: number | null }) => x.proposal === null && x.amountCents === null)).toBe(
      true,
    );
    expect(anon).toHaveLength(2);
    // The page: the owner sees the proposals and the hire buttons; a visitor sees neither.
    const ob = new PageClient(t.app);
    await ob.get('/login');
    await ob.post('/login', { login: owner.username, password: owner.password });
    const page = await ob.get(`/projects/${id}`);
    expect(page.body).toContain(proposal);
    expect(page.body).toContain('data-testid="hire-');
    const visitor = await new PageClient(t.app).get(`/projects/${id}`);
    expect(visitor.statusCode).toBe(200);
    expect(visitor.body).not.toContain(proposal);
    expect(visitor.body).not.toContain('data-testid="hire-');
  });

  it('are limited by level; a project closed without hiring frees the slot at once', async () => {
    const owner = (await signedUpUser(t, 'lowner')) as U;
    const f = (await signedUpUser(t, 'lfree')) as U;
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) ids.push(await openProject(owner, `مشروع رقم ${i + 1} لتصميم هوية متجر`));
    for (const id of ids.slice(0, 5)) expect((await bid(f, id)).statusCode).toBe(201);
    const over = await bid(f, ids[5]);
    expect([over.statusCode, code(over)]).toEqual([422, 'bid.limit_reached']);
    expect((await api(f, 'GET', '/api/v1/my/bids')).json()).toMatchObject({ active: 5, limit: 5 });
    await api(owner, 'POST', `/api/v1/projects/${ids[0]}/close`);
    expect((await bid(f, ids[5])).statusCode).toBe(201);
    const mine = (await api(f, 'GET', '/api/v1/my/bids')).json();
    expect(mine.active).toBe(5);
    expect(mine.items.find((i: { project: { id: number } }) => i.project.id === ids[0]).bid.status).toBe('closed');
    // Withdrawing frees one too.
    const withdrawn = await api(f, 'POST', `/api/v1/bids/${mine.items[0].bid.id}/withdraw`);
    expect(withdrawn.json().status).toBe('withdrawn');
    expect((await api(f, 'GET', '/api/v1/my/bids')).json().active).toBe(4);
  });

  it('through the page: a refused bid keeps what was typed; a sent bid shows in "my bids"', async () => {
    const owner = (await signedUpUser(t, 'fowner')) as U;
    const f = (await signedUpUser(t, 'ffree')) as U;
    const id = await openProject(owner);
    const b = new PageClient(t.app);
    await b.get('/login');
    await b.post('/login', { login: f.username, password: f.password });
    await b.get(`/projects/${id}`);
    const bad = await b.post(`/projects/${id}/bids`, { amount: '5', days: '3', proposal: 'عرض قصير جدا' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('عرض قصير جدا');
    expect(testId(bad.body, 'error-amount')).toBe('قيمة العرض من 10 إلى 10,000 دولار.');
    const ok = await b.post(`/projects/${id}/bids`, { amount: '150', days: '3', proposal });
    expect(ok.statusCode).toBe(303);
    const mine = await b.get('/my/bids');
    expect(mine.body).toContain('تصميم هوية بصرية كاملة');
    expect(testId(mine.body, 'active-bids')).toContain('1');
  });
});

describe('the open-projects list (kept 15 s per instance)', () => {
  it('shows a new bid, a close and an approval at once on this instance', async () => {
    const owner = (await signedUpUser(t, 'cowner')) as U;
    const f = (await signedUpUser(t, 'cfree')) as U;
    const id = await openProject(owner, 'مشروع قائمة مخزنة لاختبار الذاكرة المؤقتة');
    const listed = async () =>
      (await api(null, 'GET', `/api/v1/projects?q=${encodeURIComponent('الذاكرة المؤقتة')}`))
        .json()
        .items.find((p: { id: number }) => p.id === id);
    expect(await listed()).toMatchObject({ bidsCount: 0 });
    await bid(f, id, 30_000);
    expect(await listed()).toMatchObject({ bidsCount: 1, averageBidCents: 30_000 });
    // The page visitors get (kept whole for 15 s) shows the project, then no longer once it closes.
    const page = async () => {
      const first = await t.app.inject({ method: 'GET', url: `/projects?q=${encodeURIComponent('الذاكرة المؤقتة')}` });
      return first.statusCode === 200 ? first.body : (await t.app.inject({ method: 'GET', url: first.headers.location as string })).body;
    };
    expect(await page()).toContain(`/projects/${id}`);
    await api(owner, 'POST', `/api/v1/projects/${id}/close`);
    expect(await listed()).toBeUndefined();
    expect(await page()).not.toContain(`/projects/${id}`);
  });
});

describe('the state table', () => {
  it('each project state allows exactly its actions, for each role', async () => {
    const owner = (await fundedUser(t, 200_000, 'towner')) as U;
    const other = (await signedUpUser(t, 'tother')) as U;
    const setStatus = (id: number, status: string) => t.deps.db.execute(sql`UPDATE projects SET status = ${status} WHERE id = ${id}`);
    const outcome = async (r: Promise<{ statusCode: number; json(): unknown }>) => {
      const res = await r;
      return res.statusCode < 300 ? 'ok' : code(res);
    };
    const table: Record<string, Record<string, string>> = {};
    for (const status of ['open', 'draft', 'pending', 'rejected', 'hired', 'closed', 'expired']) {
      // Fresh freelancers per state: a bid left active by a forced state still counts against their level.
      const [f, g] = [(await signedUpUser(t, 'tf')) as U, (await signedUpUser(t, 'tg')) as U];
      const id = await openProject(owner, `مشروع حالة ${status} لتصميم هوية متجر`);
      const fBid = (await bid(f, id)).json().id as number;
      if (status !== 'open') await setStatus(id, status);
      const row: Record<string, string> = {};
      row['bid by another freelancer'] = await outcome(bid(g, id));
      row['edit own bid'] = await outcome(api(f, 'PATCH', `/api/v1/bids/${fBid}`, { amountCents: 21_000, days: 5, proposal }));
      row['hire by a stranger'] = await outcome(hire(other, id, fBid));
      row['close by a stranger'] = await outcome(api(other, 'POST', `/api/v1/projects/${id}/close`));
      row['withdraw own bid'] = await outcome(api(f, 'POST', `/api/v1/bids/${fBid}/withdraw`));
      // Hire and close by the owner, each on its own copy of the state (the first would end the second).
      const id2 = await openProject(owner, `نسخة ثانية لحالة ${status} لتصميم هوية`);
      const b2 = (await bid(g, id2)).json().id as number;
      if (status !== 'open') await setStatus(id2, status);
      row['close by owner'] = await outcome(api(owner, 'POST', `/api/v1/projects/${id2}/close`));
      const id3 = await openProject(owner, `نسخة ثالثة لحالة ${status} لتصميم هوية`);
      const b3 = (await bid(g, id3)).json().id as number;
      if (status !== 'open') await setStatus(id3, status);
      row['hire by owner'] = await outcome(hire(owner, id3, b3));
      expect(b2).toBeGreaterThan(0);
      table[status] = row;
    }
    const closedRow = {
      'bid by another freelancer': 'bid.project_not_open',
      'edit own bid': 'bid.not_editable',
      'hire by a stranger': 'project.not_found',
      'close by a stranger': 'project.not_found',
      'withdraw own bid': 'bid.not_editable',
      'close by owner': 'project.not_open',
      'hire by owner': 'project.not_open',
    };
    expect(table).toEqual({
      open: {
        'bid by another freelancer': 'ok',
        'edit own bid': 'ok',
        'hire by a stranger': 'project.not_found',
        'close by a stranger': 'project.not_found',
        'withdraw own bid': 'ok',
        'close by owner': 'ok',
        'hire by owner': 'ok',
      },
      draft: closedRow,
      pending: closedRow,
      rejected: closedRow,
      hired: closedRow,
      closed: closedRow,
      expired: closedRow,
    });
    await reconciled();
  });
});

describe('hiring', () => {
  it('moves the bid to escrow and starts an order; the other bids end; the order runs on the orders machinery (7-day auto-complete)', async () => {
    const owner = (await fundedUser(t, 50_000, 'howner')) as U;
    const [a, b] = [(await signedUpUser(t, 'ha')) as U, (await signedUpUser(t, 'hb')) as U];
    const id = await openProject(owner);
    const bidA = (await bid(a, id, 20_000, 5)).json().id;
    await bid(b, id, 15_000, 4);
    const key = 'hire-once';
    const r = await hire(owner, id, bidA, key);
    expect(r.statusCode).toBe(201);
    const { orderId } = r.json();
    // A replay with the same key answers the same; another bid now finds the project taken.
    expect((await hire(owner, id, bidA, key)).json()).toEqual({ orderId });
    expect(code(await hire(owner, id, bidA))).toBe('project.not_open');
    expect(await wallet(owner)).toMatchObject({ availableCents: 30_000, escrowCents: 20_000 });
    const order = (await api(a, 'GET', `/api/v1/orders/${orderId}`)).json();
    expect(order).toMatchObject({ kind: 'project', projectId: id, status: 'in_progress', totalCents: 20_000 });
    const project = (await api(owner, 'GET', `/api/v1/projects/${id}`)).json();
    expect(project).toMatchObject({ status: 'hired', orderId });
    const theirs = (await api(b, 'GET', '/api/v1/my/bids')).json();
    expect(theirs.items[0].bid.status).toBe('not_chosen');
    expect(theirs.active).toBe(0);
    expect((await api(b, 'GET', '/api/v1/notifications')).json().items[0].type).toBe('project.not_chosen');
    expect((await api(a, 'GET', '/api/v1/notifications')).json().items[0].type).toBe('order.hired');
    await reconciled();
    // Delivery; with no answer the order completes after 7 days, not 3.
    const delivered = await api(a, 'POST', `/api/v1/orders/${orderId}/deliver`, { message: 'هذا هو التسليم النهائي للهوية', fileIds: [] });
    expect(delivered.json().status).toBe('delivered');
    await runDue(t.services, t.deps, new Date(t.clock.now().getTime() + 4 * 86_400_000));
    expect((await api(a, 'GET', `/api/v1/orders/${orderId}`)).json().status).toBe('delivered');
    await runDue(t.services, t.deps, new Date(t.clock.now().getTime() + 7 * 86_400_000 + 60_000));
    expect((await api(a, 'GET', `/api/v1/orders/${orderId}`)).json().status).toBe('completed');
    expect(await wallet(a)).toMatchObject({ pendingCents: 18_000 });
    expect(await wallet(owner)).toMatchObject({ escrowCents: 0, availableCents: 30_000 });
    await reconciled();
    // Both sides review, as with service orders.
    const scores = { quality: 5, communication: 5, onTime: 4, comment: 'عمل رائع والتزام بالمواعيد' };
    expect((await api(owner, 'POST', `/api/v1/orders/${orderId}/review`, scores)).statusCode).toBe(201);
    expect((await api(a, 'POST', `/api/v1/orders/${orderId}/review`, { ...scores, comment: 'صاحب مشروع واضح ومتعاون' })).statusCode).toBe(
      201,
    );
  });

  it('without enough balance is refused and moves nothing', async () => {
    const owner = (await fundedUser(t, 1_000, 'powner')) as U;
    const f = (await signedUpUser(t, 'pf')) as U;
    const id = await openProject(owner);
    const bidId = (await bid(f, id, 20_000)).json().id;
    const r = await hire(owner, id, bidId);
    expect([r.statusCode, code(r)]).toEqual([422, 'wallet.insufficient_funds']);
    expect(await wallet(owner)).toMatchObject({ availableCents: 1_000, escrowCents: 0 });
    expect((await api(owner, 'GET', `/api/v1/projects/${id}`)).json().status).toBe('open');
    expect((await api(f, 'GET', '/api/v1/my/bids')).json().items[0].bid.status).toBe('active');
    expect(code(await hire(f, id, bidId))).toBe('project.not_found');
    await reconciled();
  });

  it('two hires at once (two tabs), or a hire against a close: exactly one wins, money moves once', async () => {
    const owner = (await fundedUser(t, 100_000, 'rowner')) as U;
    const [a, b] = [(await signedUpUser(t, 'ra')) as U, (await signedUpUser(t, 'rb')) as U];
    const id = await openProject(owner);
    const [ba, bb] = [(await bid(a, id, 20_000)).json().id, (await bid(b, id, 30_000)).json().id];
    const [r1, r2] = await Promise.all([hire(owner, id, ba), hire(owner, id, bb)]);
    expect([r1.statusCode, r2.statusCode].sort()).toEqual([201, 422]);
    const won = r1.statusCode === 201 ? 20_000 : 30_000;
    expect(await wallet(owner)).toMatchObject({ escrowCents: won, availableCents: 100_000 - won });
    const orders = await queryRows<{ n: number }>(t.deps.db, sql`SELECT count(*)::int AS n FROM orders WHERE project_id = ${id}`);
    expect(orders[0].n).toBe(1);
    // Hire against close.
    const id2 = await openProject(owner, 'مشروع ثان لتصميم هوية متجر إلكتروني');
    const bc = (await bid(a, id2, 10_000)).json().id;
    const [h, c] = await Promise.all([hire(owner, id2, bc), api(owner, 'POST', `/api/v1/projects/${id2}/close`)]);
    // Exactly one of them went through; the other found the project no longer open.
    const pair = h.statusCode === 201 ? [h.statusCode, c.statusCode, code(c)] : [c.statusCode, h.statusCode, code(h)];
    expect(pair).toEqual(h.statusCode === 201 ? [201, 422, 'project.not_open'] : [200, 422, 'project.not_open']);
    const status = (await api(owner, 'GET', `/api/v1/projects/${id2}`)).json().status;
    expect(status).toBe(h.statusCode === 201 ? 'hired' : 'closed');
    await reconciled();
  });
});

describe('hiring through the page', () => {
  it('short of balance: the refusal offers a top-up of the difference; once paid, the hire goes through', async () => {
    const owner = (await fundedUser(t, 2_000, 'tpowner')) as U;
    const f = (await signedUpUser(t, 'tpfree')) as U;
    const id = await openProject(owner);
    const bidId = (await bid(f, id, 12_000)).json().id;
    const b = new PageClient(t.app);
    await b.get('/login');
    await b.post('/login', { login: owner.username, password: owner.password });
    await b.get(`/projects/${id}`);
    const refused = await b.post(`/projects/${id}/hire`, { bidId: String(bidId) });
    expect(refused.statusCode).toBe(422);
    expect(testId(refused.body, 'bid-error')).toContain('رصيدك المتاح لا يكفي');
    const top = await b.post(`/projects/${id}/topup`, { bidId: String(bidId) });
    expect(top.statusCode).toBe(303);
    const checkout = new URL(top.headers.location as string, 'http://kafiil.test');
    const depositId = Number(checkout.pathname.split('/').pop());
    // The gateway's way back is the project with the hire to finish.
    expect(checkout.searchParams.get('r')).toBe(`/projects/${id}?hire=${bidId}#bid-${bidId}`);
    expect((await t.services.wallet.paySandbox(depositId, checkout.searchParams.get('s') as string, '4242424242424242')).status).toBe(
      'paid',
    );
    expect(await wallet(owner)).toMatchObject({ availableCents: 12_000 });
    const back = await b.get(`/projects/${id}?hire=${bidId}`);
    expect(testId(back.body, 'finish-hire')).toContain('أكمل توظيف');
    expect(back.body).toContain('data-testid="finish-hire-button-confirm"');
    // Only the owner is offered it, and only for an active bid of this project.
    expect(testId((await b.get(`/projects/${id}?hire=${bidId + 1000}`)).body, 'finish-hire')).toBeNull();
    await b.get(`/projects/${id}`);
    const hired = await b.post(`/projects/${id}/hire`, { bidId: String(bidId) });
    expect(hired.statusCode).toBe(303);
    expect(hired.headers.location).toMatch(/^\/orders\/\d+$/);
    expect(await wallet(owner)).toMatchObject({ availableCents: 0, escrowCents: 12_000 });
    await reconciled();
  });
});

describe('open projects', () => {
  it('expire after 30 days without a hire (worker); their bids end and the owner is told', async () => {
    const owner = (await signedUpUser(t, 'eowner')) as U;
    const f = (await signedUpUser(t, 'efree')) as U;
    const id = await openProject(owner);
    await bid(f, id);
    await runDue(t.services, t.deps, new Date(t.clock.now().getTime() + 29 * 86_400_000));
    expect((await api(owner, 'GET', `/api/v1/projects/${id}`)).json().status).toBe('open');
    // (The sweep runs 31 days ahead without moving the test clock: sessions, which last 30 days, stay valid.)
    const r = await runDue(t.services, t.deps, new Date(t.clock.now().getTime() + 31 * 86_400_000));
    expect(r.projectsExpired).toBeGreaterThanOrEqual(1);
    expect((await api(null, 'GET', `/api/v1/projects/${id}`)).json().status).toBe('expired');
    expect(await t.services.bids.mine(f.id)).toMatchObject({
      active: 0,
      items: [expect.objectContaining({ bid: expect.objectContaining({ status: 'closed' }) })],
    });
    const notes = await queryRows<{ type: string }>(
      t.deps.db,
      sql`SELECT type FROM notifications WHERE user_id = ${owner.id} ORDER BY id DESC LIMIT 1`,
    );
    expect(notes[0].type).toBe('project.expired');
  });
});
