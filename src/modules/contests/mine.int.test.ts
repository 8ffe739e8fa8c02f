import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  categoryIdsBySlug,
  fundedUser,
  makeTestApp,
  PageClient,
  signedUpUser,
  staffUser,
  type TestApp,
  testId,
} from '../../../test/helpers.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { formatDate, stripIsolates } from '../../platform/i18n/index.ts';
import type { ContestRow } from './service.ts';

// "My contests" and "my entries" (issue 16): the owner's contests in every state with the next step, the
// contestant's entries and places won with the handover's dates, through the pages and the API.

const DAY = 86_400_000;
let t: TestApp;
let cat: Record<string, number>;
let mod: AuthUser;
let owner: AuthUser;
let a: AuthUser;
let b: AuthUser;
let stranger: AuthUser;
const raw: Record<number, { password: string; auth: Record<string, string> }> = {};
/** The owner's contests, by what they show. */
let judging: ContestRow;
/** Entered, and its owner never picks: staff decide. */
let late: ContestRow;
let open: ContestRow;
let draft: ContestRow;
let pending: ContestRow;
let rejected: ContestRow;

const actor = async (u: { token: string; password: string; auth: Record<string, string> }) => {
  const x = await t.services.accounts.resolveSession(u.token, 'api');
  if (!x) throw new Error('no session');
  raw[x.id] = { password: u.password, auth: u.auth };
  return x;
};
async function client(who: AuthUser) {
  const c = new PageClient(t.app);
  await c.get('/login');
  await c.post('/login', { login: who.username, password: raw[who.id].password });
  return c;
}
const page = async (who: AuthUser, url: string) => (await client(who)).get(url);
const api = async (who: AuthUser | null, url: string) => {
  const r = await t.app.inject({ method: 'GET', url, headers: who ? raw[who.id].auth : {} });
  return { status: r.statusCode, json: r.json() as { items: Record<string, unknown>[]; nextCursor: string | null } };
};
/** One row of a list, from its opening tag to the next row's (rows are cards: `<li class="card`). */
function row(html: string, id: string): string {
  const at = html.indexOf(`data-testid="${id}"`);
  if (at < 0) return '';
  const next = html.indexOf('<li class="card', at);
  return html.slice(at, next < 0 ? undefined : next);
}
const text = (html: string) =>
  stripIsolates(html.replace(/<[^>]+>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
const nextOf = (html: string, id: number) => new RegExp(`data-testid="next-${id}" data-next="([a-z_]+)"`).exec(html)?.[1] ?? null;

const brief = 'نريد شعارًا بسيطًا وواضحًا لمقهى صغير، يناسب اللافتة والأكواب ووسائل التواصل، بألوان دافئة وخط عربي حديث. '.repeat(2);
const contest = (title: string, over: Record<string, unknown> = {}) => ({
  title,
  description: brief,
  categoryId: cat['logo-design'],
  prizesCents: [3_000, 1_500],
  entryDays: 7,
  deliveryDays: 3,
  ...over,
});
async function enter(who: AuthUser, contestId: number, n: number) {
  const f = await t.services.files.saveAttachment(who.id, {
    name: `entry-${who.id}-${n}.pdf`,
    bytes: Buffer.from(`%PDF-1.4 ${who.id} ${n}`),
  });
  return t.services.contestEntries.enter(who, contestId, { description: `فكرة رقم ${n} من ${who.username}`, fileIds: [f.id] });
}
async function finalFile(who: AuthUser) {
  return (await t.services.files.saveAttachment(who.id, { name: 'final.pdf', bytes: Buffer.from(`%PDF-1.4 final ${who.id}`) })).id;
}

beforeAll(async () => {
  t = await makeTestApp();
  cat = await categoryIdsBySlug(t);
  mod = await actor(await staffUser(t, ['moderator'], 'mmod'));
  owner = await actor(await fundedUser(t, 20_000, 'mowner'));
  a = await actor(await signedUpUser(t, 'mca'));
  b = await actor(await signedUpUser(t, 'mcb'));
  stranger = await actor(await signedUpUser(t, 'mstr'));
  const { contests } = t.services;
  late = await contests.create(owner, contest('شعار لفريق كرة قدم', { prizesCents: [2_000] }), { publish: true });
  await contests.approve(mod, late.id);
  await enter(b, late.id, 1);
  // Entered by a (twice, one taken back) and b, then past its deadline: the owner picks.
  judging = await contests.create(owner, contest('شعار لمقهى في الرياض'), { publish: true });
  await contests.approve(mod, judging.id);
  const first = await enter(a, judging.id, 1);
  await enter(a, judging.id, 2);
  await t.services.contestEntries.withdraw(a, first.id);
  await enter(b, judging.id, 1);
  t.clock.advance(7 * DAY + 60_000);
  await t.services.contestEntries.runDue(t.clock.now());
  judging = await contests.get(judging.id, owner);
  late = await contests.get(late.id, owner);
  // Then one open for entries, one waiting for review, one rejected and a draft.
  open = await contests.create(owner, contest('غلاف كتاب عن البحر', { prizesCents: [2_500] }), { publish: true });
  open = await contests.approve(mod, open.id);
  pending = await contests.create(owner, contest('هوية بصرية لمخبز'), { publish: true });
  rejected = await contests.create(owner, contest('لافتة لمحل ورد', { prizesCents: [2_000] }), { publish: true });
  rejected = await contests.reject(mod, rejected.id, 'الوصف لا يكفي لفهم المطلوب');
  draft = await contests.create(owner, { title: 'مسودة شعار لمكتبة' }, { publish: false });
});
afterAll(async () => {
  await t.close();
});

describe('/my/contests (the owner)', () => {
  it('lists every contest of the owner with its state, prize, entries, dates and the next step', async () => {
    const r = await page(owner, '/my/contests');
    expect(r.statusCode).toBe(200);
    const html = r.body;
    expect(testId(html, 'new-contest')).toBe('أنشئ مسابقة');
    expect(html).toContain('href="/contests/new"');
    // Newest first.
    const order = [draft, rejected, pending, open, judging, late].map((k) => html.indexOf(`data-testid="my-contest-${k.id}"`));
    expect(order.every((x) => x > 0)).toBe(true);
    expect([...order].sort((x, y) => x - y)).toEqual(order);

    const j = row(html, `my-contest-${judging.id}`);
    expect(testId(j, `status-${judging.id}`)).toBe('يختار صاحبها الفائزين');
    expect(j).toContain(`href="/contests/${judging.id}"`);
    // The prize through the money formatter, isolated.
    expect(j).toMatch(/<bdi dir="ltr"[^>]*data-testid="prize-\d+">\u2066\$45\u2069<\/bdi>/);
    expect(testId(j, `entries-${judging.id}`)).toBe('مشاركتان');
    const pickBy = new Date((judging.endsAt as Date).getTime() + 14 * DAY);
    expect(testId(j, `when-${judging.id}`)).toBe(`اختر الفائزين قبل ${formatDate('ar', pickBy)}`);
    expect(nextOf(j, judging.id)).toBe('pick_winners');
    expect(j).toContain(`href="/contests/${judging.id}#awards"`);
    expect(testId(j, `do-${judging.id}`)).toBe('اختر الفائزين');

    const o = row(html, `my-contest-${open.id}`);
    expect(testId(o, `when-${open.id}`)).toBe('متبقٍ 7 أيام');
    expect(testId(o, `entries-${open.id}`)).toBe('لا مشاركات');
    expect(nextOf(o, open.id)).toBe('await_entries');
    expect(o).not.toContain(`data-testid="do-${open.id}"`);

    expect(nextOf(row(html, `my-contest-${pending.id}`), pending.id)).toBe('await_review');

    // A draft and a rejected contest link to their form; the rejected one says why.
    const d = row(html, `my-contest-${draft.id}`);
    expect(d).toContain(`href="/contests/${draft.id}/edit"`);
    expect(testId(d, `status-${draft.id}`)).toBe('مسودة');
    expect(nextOf(d, draft.id)).toBe('publish');
    const x = row(html, `my-contest-${rejected.id}`);
    expect(x).toContain(`href="/contests/${rejected.id}/edit"`);
    expect(testId(x, `reason-${rejected.id}`)).toBe('سبب الرفض: الوصف لا يكفي لفهم المطلوب');
    expect(nextOf(x, rejected.id)).toBe('fix_and_publish');

    // In English, the same through the English formatters.
    const en = (await page(owner, '/en/my/contests')).body;
    expect(testId(row(en, `my-contest-${judging.id}`), `when-${judging.id}`)).toBe(`Pick the winners by ${formatDate('en', pickBy)}`);
    expect(testId(row(en, `my-contest-${judging.id}`), `entries-${judging.id}`)).toBe('2 entries');
    expect(en).toContain('href="/en/contests/new"');
  });

  it('filters by state (judging includes staff’s decision; rejected and refunded together), with counts', async () => {
    const c = await client(owner);
    const ids = (html: string) => [...html.matchAll(/data-testid="my-contest-(\d+)"/g)].map((m) => Number(m[1]));
    const all = await c.get('/my/contests');
    const tab = (f: string) => text(new RegExp(`data-testid="tab-${f}"[^>]*>([\\s\\S]*?)</a>`).exec(all.body)?.[1] ?? '');
    expect([tab('all'), tab('draft'), tab('judging'), tab('closed'), tab('finished')]).toEqual([
      'الكل 6',
      'المسودات 1',
      'اختيار الفائزين 2',
      'مرفوضة أو مستردة 1',
      'منتهية 0',
    ]);
    expect(ids((await c.get('/my/contests?status=judging')).body)).toEqual([judging.id, late.id]);
    expect(ids((await c.get('/my/contests?status=draft')).body)).toEqual([draft.id]);
    expect(ids((await c.get('/my/contests?status=pending')).body)).toEqual([pending.id]);
    expect(ids((await c.get('/my/contests?status=open')).body)).toEqual([open.id]);
    expect(ids((await c.get('/my/contests?status=closed')).body)).toEqual([rejected.id]);
    const none = await c.get('/my/contests?status=finished');
    expect(ids(none.body)).toEqual([]);
    expect(testId(none.body, 'no-my-contests')).toBe('لا مسابقات لك في هذه الحالة.');
    expect(none.body).toMatch(/data-testid="tab-finished"[^>]*aria-current="page"|aria-current="page"[^>]*data-testid="tab-finished"/);
    // A made-up filter is all of them, never an error page.
    expect(ids((await c.get('/my/contests?status=bogus')).body)).toHaveLength(6);
    // Older than a given one: the page after it.
    expect(ids((await c.get(`/my/contests?before=${open.id}`)).body)).toEqual([judging.id, late.id]);
  });

  it('shows nothing of theirs to another user, who gets the empty state with the button', async () => {
    const r = await page(stranger, '/my/contests');
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('data-testid="no-my-contests"');
    expect(r.body).toContain('لم تنشئ أي مسابقة بعد');
    expect(testId(r.body, 'new-contest-empty')).toBe('أنشئ مسابقة');
    for (const k of [judging, late, open, draft, pending, rejected]) expect(r.body).not.toContain(k.title);
    expect(r.body).not.toContain('data-testid="my-contest-tabs"');
  });

  it('sends a visitor to sign in, and links both pages from the user menu', async () => {
    for (const [url, to] of [
      ['/my/contests', '/login?next=%2Fmy%2Fcontests'],
      ['/my/contest-entries', '/login?next=%2Fmy%2Fcontest-entries'],
      ['/en/my/contests', '/en/login?next=%2Fmy%2Fcontests'],
    ]) {
      const r = await t.app.inject({ method: 'GET', url });
      expect([r.statusCode, r.headers.location]).toEqual([303, to]);
    }
    const home = (await page(stranger, '/en/')).body;
    expect(home).toContain('href="/en/my/contests"');
    expect(home).toContain('href="/en/my/contest-entries"');
    const menu = (await page(stranger, '/my/purchases')).body;
    expect(menu).toContain('>مسابقاتي</a>');
    expect(menu).toContain('>مشاركاتي في المسابقات</a>');
  });
});

describe('/my/contest-entries (the contestant) and the handover, from both sides', () => {
  it('lists the contests entered with their entries counted, and nothing for others', async () => {
    const html = (await page(a, '/my/contest-entries')).body;
    const r = row(html, `entered-${judging.id}`);
    expect(r).toContain(`href="/contests/${judging.id}"`);
    expect(testId(r, `status-${judging.id}`)).toBe('يختار صاحبها الفائزين');
    expect(testId(r, `mine-${judging.id}`)).toBe('لك مشاركة واحدة');
    expect(testId(r, `withdrawn-${judging.id}`)).toBe('سحبت مشاركة واحدة');
    expect(text(r)).toContain('وفي المسابقة كلها مشاركتان');
    expect(r).not.toContain('data-testid="awards-');
    expect(html).not.toContain(open.title);
    const none = (await page(stranger, '/my/contest-entries')).body;
    expect(none).toContain('data-testid="no-my-entries"');
    expect(none).toContain('href="/contests"');
    expect(none).not.toContain(judging.title);
  });

  it('follows a place from the pick to the pay: hand over by, delivered, paid; late and disputed', async () => {
    const entries = await t.services.contestEntries.entriesOf(judging.id);
    const ofA = entries.find((e) => e.userId === a.id);
    const ofB = entries.find((e) => e.userId === b.id);
    await t.services.contestEntries.pickPlace(owner, judging.id, 1, ofA?.id as number);
    // One place picked, one to go: still the owner's move.
    let mine = (await page(owner, '/my/contests')).body;
    expect(nextOf(row(mine, `my-contest-${judging.id}`), judging.id)).toBe('pick_winners');
    await t.services.contestEntries.pickPlace(owner, judging.id, 2, ofB?.id as number);
    const [first, second] = await t.services.contestEntries.awardsOf(judging.id);
    mine = (await page(owner, '/my/contests')).body;
    expect(testId(row(mine, `my-contest-${judging.id}`), `status-${judging.id}`)).toBe('تسليم الملفات النهائية');
    expect(nextOf(row(mine, `my-contest-${judging.id}`), judging.id)).toBe('await_handover');

    // The winner: the place, its prize and the date to hand over by (awarded + the contest's 3 delivery days).
    const handoverBy = new Date(first.awardedAt.getTime() + 3 * DAY);
    let html = (await page(a, '/my/contest-entries')).body;
    let r = row(html, `entered-${judging.id}`);
    expect(r).toContain(`data-testid="award-${first.id}" data-status="handover"`);
    expect(testId(r, `award-prize-${first.id}`)).toBe('\u2066$30\u2069');
    expect(text(r)).toContain('فزت بالمركز 1');
    expect(testId(r, `award-when-${first.id}`)).toBe(`سلّم الملفات النهائية قبل ${formatDate('ar', handoverBy)}`);
    expect(r).toContain(`href="/contests/${judging.id}#awards"`);
    expect(testId(html, 'handover-due')).toBe('لك جائزة بانتظار ملفاتك النهائية');
    expect(r).not.toContain(`award-${second.id}`);
    const en = (await page(a, '/en/my/contest-entries')).body;
    expect(testId(row(en, `entered-${judging.id}`), `award-when-${first.id}`)).toBe(
      `Hand over the final files by ${formatDate('en', handoverBy)}`,
    );

    // Delivered: the owner is asked to accept; the winner sees when it is accepted on its own.
    await t.services.contestEntries.deliver(a, first.id, { note: 'الملفات النهائية', fileIds: [await finalFile(a)] });
    mine = (await page(owner, '/my/contests')).body;
    const k = row(mine, `my-contest-${judging.id}`);
    expect(nextOf(k, judging.id)).toBe('accept_handover');
    expect(text(k)).toContain('سلّم فائز الملفات النهائية: راجعها واقبلها.');
    expect(testId(k, `do-${judging.id}`)).toBe('راجع الملفات واقبلها');
    const now = t.clock.now();
    r = row((await page(a, '/my/contest-entries')).body, `entered-${judging.id}`);
    expect(testId(r, `award-when-${first.id}`)).toBe(
      `سلّمت الملفات في ${formatDate('ar', now)}، وتُقبل تلقائيًا في ${formatDate('ar', new Date(now.getTime() + 3 * DAY))} إن لم يقبلها صاحب المسابقة قبل ذلك.`,
    );
    await t.services.contestEntries.accept(owner, first.id);
    r = row((await page(a, '/my/contest-entries')).body, `entered-${judging.id}`);
    expect(r).toContain(`data-testid="award-${first.id}" data-status="paid"`);
    expect(testId(r, `award-when-${first.id}`)).toContain('أضيفت الجائزة إلى رصيدك المعلّق');

    // The second winner is late past the date, then disputed (as the handover dispute leaves the row).
    t.clock.advance(4 * DAY);
    html = (await page(b, '/my/contest-entries')).body;
    r = row(html, `entered-${judging.id}`);
    expect(testId(r, `award-when-${second.id}`)).toBe(
      `تأخرت في تسليم الملفات النهائية: كان الموعد ${formatDate('ar', new Date(second.awardedAt.getTime() + 3 * DAY))}`,
    );
    await t.deps.db.execute(sql`UPDATE contest_awards SET status = 'disputed', disputed_at = ${t.clock.now()} WHERE id = ${second.id}`);
    r = row((await page(b, '/my/contest-entries')).body, `entered-${judging.id}`);
    expect(r).toContain(`data-testid="award-${second.id}" data-status="disputed"`);
    expect(testId(r, `award-when-${second.id}`)).toBe(`فُتح نزاع على التسليم في ${formatDate('ar', t.clock.now())}: يقرر فريق كفيل.`);
    expect(nextOf(row((await page(owner, '/my/contests')).body, `my-contest-${judging.id}`), judging.id)).toBe('dispute_open');
  });
});

describe('the API: /api/v1/my/contests and /api/v1/my/contest-entries', () => {
  it('lists what the pages list, with the next step and the handover dates', async () => {
    const mine = await api(owner, '/api/v1/my/contests');
    expect(mine.status).toBe(200);
    expect(mine.json.nextCursor).toBeNull();
    expect(mine.json.items.map((i) => i.id)).toEqual([draft, rejected, pending, open, judging, late].map((k) => k.id));
    const byId = new Map(mine.json.items.map((i) => [i.id, i]));
    expect(byId.get(draft.id)).toMatchObject({ status: 'draft', nextStep: { code: 'publish', action: true } });
    expect(byId.get(rejected.id)).toMatchObject({ rejectReason: 'الوصف لا يكفي لفهم المطلوب', nextStep: { code: 'fix_and_publish' } });
    expect(byId.get(open.id)).toMatchObject({
      status: 'open',
      prizeTotalCents: 2_500,
      nextStep: { code: 'await_entries', action: false, dueAt: open.endsAt?.toISOString() },
    });
    expect(byId.get(judging.id)).toMatchObject({
      status: 'awarding',
      entriesCount: 2,
      awards: { handover: 0, delivered: 0, disputed: 1, paid: 1, all: 2 },
      nextStep: { code: 'dispute_open', count: 1 },
    });
    expect((await api(owner, '/api/v1/my/contests?status=closed')).json.items.map((i) => i.id)).toEqual([rejected.id]);
    expect((await api(owner, `/api/v1/my/contests?cursor=${open.id}`)).json.items.map((i) => i.id)).toEqual([judging.id, late.id]);
    expect((await api(owner, '/api/v1/my/contests?status=bogus')).status).toBe(400);
    expect((await api(stranger, '/api/v1/my/contests')).json.items).toEqual([]);
    expect((await api(null, '/api/v1/my/contests')).status).toBe(401);

    const entered = await api(a, '/api/v1/my/contest-entries');
    expect(entered.status).toBe(200);
    expect(entered.json.items).toHaveLength(1);
    const [it0] = entered.json.items as {
      contest: { id: number; status: string };
      activeEntries: number;
      withdrawnEntries: number;
      awards: Record<string, unknown>[];
    }[];
    expect([it0.contest.id, it0.contest.status, it0.activeEntries, it0.withdrawnEntries]).toEqual([judging.id, 'awarding', 1, 1]);
    const [award] = await t.services.contestEntries.awardsForWinner(a.id);
    expect(it0.awards).toEqual([
      expect.objectContaining({
        id: award.id,
        place: 1,
        prizeCents: 3_000,
        status: 'paid',
        handoverBy: new Date(award.awardedAt.getTime() + 3 * DAY).toISOString(),
        paidAt: award.paidAt?.toISOString(),
        url: `/contests/${judging.id}#awards`,
      }),
    ]);
    expect((await api(stranger, '/api/v1/my/contest-entries')).json.items).toEqual([]);
    expect((await api(null, '/api/v1/my/contest-entries')).status).toBe(401);

    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(doc.paths['/api/v1/my/contests'])).toContain('get');
    expect(Object.keys(doc.paths['/api/v1/my/contest-entries'])).toContain('get');
  });
});

describe('past the owner’s 14 days', () => {
  it('files a contest whose winners staff decide under judging, with staff’s decision as what it waits for', async () => {
    let r = row((await page(owner, '/my/contests?status=judging')).body, `my-contest-${late.id}`);
    expect(nextOf(r, late.id)).toBe('pick_winners');
    // The owner's window: 14 days from the deadline.
    t.clock.set(new Date((late.endsAt as Date).getTime() + 14 * DAY + 60_000));
    expect((await t.services.contestEntries.runDue(t.clock.now())).toStaff).toBe(1);
    r = row((await page(owner, '/my/contests?status=judging')).body, `my-contest-${late.id}`);
    expect(testId(r, `status-${late.id}`)).toBe('يقرر فريق كفيل الفائزين');
    expect(nextOf(r, late.id)).toBe('staff_deciding');
    expect(r).not.toContain(`data-testid="do-${late.id}"`);
    const b2 = (await page(b, '/my/contest-entries')).body;
    expect(testId(row(b2, `entered-${late.id}`), `status-${late.id}`)).toBe('يقرر فريق كفيل الفائزين');
    expect(b2.indexOf(`data-testid="entered-${late.id}"`)).toBeGreaterThan(b2.indexOf(`data-testid="entered-${judging.id}"`));
  });
});
