import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  categoryIdsBySlug,
  fundedUser,
  makeTestApp,
  multipart,
  signedUpUser,
  staffUser,
  type TestApp,
  topUp,
} from '../../../test/helpers.ts';

// The contests API (issue 16) over HTTP: the whole journey from publishing to the winners' pay, what each viewer
// may see of the entries, refusals as problem documents, Idempotency-Key on what moves money, the OpenAPI document.

let t: TestApp;
let cat: Record<string, number>;
let mod: Awaited<ReturnType<typeof staffUser>>;
const DAY = 86_400_000;
type User = { id: number; auth: Record<string, string> };
type Json = Record<string, unknown>;

const brief = 'نريد شعارًا بسيطًا وواضحًا لمقهى صغير، يناسب اللافتة والأكواب ووسائل التواصل، بألوان دافئة وخط عربي حديث. '.repeat(2);
const body = (over: Json = {}) => ({
  title: 'شعار لمقهى في جدة',
  description: brief,
  categoryId: cat['logo-design'],
  skills: ['شعارات'],
  prizesCents: [3_000, 1_500],
  entryDays: 7,
  deliveryDays: 3,
  blind: true,
  ...over,
});

async function call(who: User | null, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, headers: Json = {}) {
  const r = await t.app.inject({
    method,
    url,
    headers: { ...(who ? who.auth : {}), ...headers } as Record<string, string>,
    ...(payload === undefined ? {} : { payload: payload as Json }),
  });
  return { status: r.statusCode, json: r.body ? (r.json() as Json & { code?: string; errors?: { field: string; code: string }[] }) : {} };
}
let keys = 0;
const key = () => ({ 'idempotency-key': `contest-test-${++keys}-${Math.random().toString(36).slice(2)}` });

/** An attachment uploaded through POST /api/v1/files, as a client does. */
async function upload(who: User, name = 'entry.pdf') {
  const m = multipart([{ name: 'file', filename: name, type: 'application/pdf', bytes: Buffer.from(`%PDF-1.4 ${name} ${Math.random()}`) }]);
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/v1/files',
    headers: { ...who.auth, 'content-type': m.contentType },
    payload: m.payload,
  });
  expect(r.statusCode, r.body).toBe(201);
  return (r.json() as { id: number }).id;
}
const file = async (who: User) =>
  (await t.services.files.saveAttachment(who.id, { name: 'entry.pdf', bytes: Buffer.from(`%PDF-1.4 ${Math.random()}`) })).id;
const wallet = async (who: User) => (await call(who, 'GET', '/api/v1/wallet')).json as Record<string, number>;

async function openContest(owner: User, over: Json = {}) {
  const r = await call(owner, 'POST', '/api/v1/contests', { ...body(over), publish: true }, key());
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  const id = r.json.id as number;
  await t.services.contests.approve(mod, id);
  return id;
}

beforeAll(async () => {
  t = await makeTestApp();
  cat = await categoryIdsBySlug(t);
  mod = await staffUser(t, ['moderator'], 'camod');
});
afterAll(async () => {
  await t.close();
});

describe('a contest over the API, from publishing to the winners’ pay', () => {
  it('publishes once per key, hides entries while blind, and pays each place less 10% when the owner accepts', async () => {
    const owner = await fundedUser(t, 10_000, 'caown');
    const a = await signedUpUser(t, 'caa');
    const b = await signedUpUser(t, 'cab');

    // Publishing moves money: the key is required, a replay answers as the first time, another body with it is 409.
    const noKey = await call(owner, 'POST', '/api/v1/contests', { ...body(), publish: true });
    expect([noKey.status, noKey.json.code]).toEqual([400, 'idempotency.key_required']);
    const k = key();
    const created = await call(owner, 'POST', '/api/v1/contests', { ...body(), publish: true }, k);
    expect(created.status).toBe(201);
    expect(created.json.status).toBe('pending');
    const id = created.json.id as number;
    const replay = await call(owner, 'POST', '/api/v1/contests', { ...body(), publish: true }, k);
    expect([replay.status, replay.json.id]).toEqual([201, id]);
    const other = await call(owner, 'POST', '/api/v1/contests', { ...body({ title: 'عنوان آخر للمسابقة نفسها' }), publish: true }, k);
    expect([other.status, other.json.code]).toEqual([409, 'idempotency.conflict']);
    expect(await wallet(owner)).toMatchObject({ availableCents: 5_500, escrowCents: 4_500 });

    // In review: the owner sees it, the public does not.
    expect((await call(null, 'GET', `/api/v1/contests/${id}`)).status).toBe(404);
    expect((await call(owner, 'GET', `/api/v1/contests/${id}`)).json).toMatchObject({ status: 'pending', prizeTotalCents: 4_500 });
    await t.services.contests.approve(mod, id);

    const ea = await call(a, 'POST', `/api/v1/contests/${id}/entries`, {
      description: 'شعار بخط الثلث مع فنجان',
      fileIds: [await upload(a)],
    });
    expect(ea.status, JSON.stringify(ea.json)).toBe(201);
    const eb = await call(b, 'POST', `/api/v1/contests/${id}/entries`, { description: 'شعار هندسي بلون القهوة', fileIds: [await file(b)] });
    expect(eb.status).toBe(201);
    const own = await call(owner, 'POST', `/api/v1/contests/${id}/entries`, {
      description: 'مشاركة صاحب المسابقة',
      fileIds: [await file(owner)],
    });
    expect([own.status, own.json.code]).toEqual([422, 'contest.own_contest']);

    // Blind while open: each contestant sees only their own entry; the owner sees both, with their files.
    const seenByB = (await call(b, 'GET', `/api/v1/contests/${id}`)).json;
    expect(seenByB).toMatchObject({ status: 'open', entriesCount: 2, contestantsCount: 2, hiddenEntries: 1, blind: true });
    expect((seenByB.entries as Json[]).map((e) => e.id)).toEqual([eb.json.id]);
    expect(typeof seenByB.endsAt).toBe('string');
    expect(((await call(b, 'GET', `/api/v1/contests/${id}/entries`)).json.items as Json[]).map((e) => e.id)).toEqual([eb.json.id]);
    const anon = (await call(null, 'GET', `/api/v1/contests/${id}`)).json;
    expect([anon.entries, anon.hiddenEntries]).toEqual([[], 2]);
    const seenByOwner = (await call(owner, 'GET', `/api/v1/contests/${id}`)).json.entries as Json[];
    expect(seenByOwner.map((e) => e.id)).toEqual([ea.json.id, eb.json.id]);
    expect((seenByOwner[0].fileIds as number[]).length).toBe(1);

    // The listing shows it as open; the owner rates; someone else may not.
    const listed = (await call(null, 'GET', `/api/v1/contests?category=${cat.design}&sort=prize&limit=100`)).json;
    expect((listed.items as Json[]).some((i) => i.id === id && i.prizeTotalCents === 4_500)).toBe(true);
    expect((listed.total as Json).n).toBeGreaterThanOrEqual(1);
    const rated = await call(owner, 'PATCH', `/api/v1/contests/entries/${ea.json.id}`, { rating: 5, shortlisted: true });
    expect(rated.json).toEqual({ id: ea.json.id, rating: 5, shortlisted: true });
    expect((await call(b, 'PATCH', `/api/v1/contests/entries/${ea.json.id}`, { rating: 1 })).status).toBe(403);

    const picks = {
      picks: [
        { place: 1, entryId: ea.json.id },
        { place: 2, entryId: eb.json.id },
      ],
    };
    const early = await call(owner, 'POST', `/api/v1/contests/${id}/picks`, picks, key());
    expect([early.status, early.json.code]).toEqual([409, 'contest.wrong_state']);

    // The deadline: judging; now everyone sees every entry, but the originals only their author and the owner.
    t.clock.advance(7 * DAY + 1000);
    await t.services.contestEntries.runDue(t.clock.now());
    const judging = (await call(b, 'GET', `/api/v1/contests/${id}`)).json;
    expect([judging.status, judging.hiddenEntries]).toEqual(['judging', 0]);
    const aSeenByB = (judging.entries as Json[]).find((e) => e.id === ea.json.id) as Json;
    expect(aSeenByB).toMatchObject({ filesCount: 1, rating: null });
    expect(aSeenByB.fileIds).toBeUndefined();
    expect(((await call(null, 'GET', `/api/v1/contests/${id}`)).json.entries as Json[]).every((e) => e.fileIds === undefined)).toBe(true);

    const picked = await call(owner, 'POST', `/api/v1/contests/${id}/picks`, picks, key());
    expect(picked.status, JSON.stringify(picked.json)).toBe(200);
    const awards = picked.json.items as Json[];
    expect(awards.map((x) => [x.place, x.entryId, x.prizeCents, x.status])).toEqual([
      [1, ea.json.id, 3_000, 'handover'],
      [2, eb.json.id, 1_500, 'handover'],
    ]);

    // The winners hand over; another person's award is not theirs to deliver.
    const [first, second] = awards.map((x) => x.id as number);
    const wrong = await call(b, 'POST', `/api/v1/contests/awards/${first}/handover`, { note: 'الملفات', fileIds: [await file(b)] });
    expect([wrong.status, wrong.json.code]).toEqual([404, 'contest.award_not_found']);
    const handed = await call(a, 'POST', `/api/v1/contests/awards/${first}/handover`, {
      note: 'الملفات النهائية',
      fileIds: [await upload(a, 'final.pdf')],
    });
    expect(handed.status, JSON.stringify(handed.json)).toBe(200);
    expect(handed.json).toMatchObject({ status: 'delivered', handoverNote: 'الملفات النهائية' });
    expect((await call(b, 'POST', `/api/v1/contests/awards/${second}/handover`, { fileIds: [await file(b)] })).status).toBe(200);

    // The owner accepts: each winner's pending balance gets the prize less the 10% commission, once per key.
    expect((await call(a, 'POST', `/api/v1/contests/awards/${first}/accept`, undefined, key())).status).toBe(403);
    const ak = key();
    const accepted = await call(owner, 'POST', `/api/v1/contests/awards/${first}/accept`, undefined, ak);
    expect([accepted.status, accepted.json.status]).toEqual([200, 'paid']);
    const again = await call(owner, 'POST', `/api/v1/contests/awards/${first}/accept`, undefined, ak);
    expect([again.status, again.json.id, again.json.status]).toEqual([200, first, 'paid']);
    expect(await wallet(a)).toMatchObject({ pendingCents: 2_700, availableCents: 0 });
    expect((await call(owner, 'POST', `/api/v1/contests/awards/${second}/accept`, undefined, key())).status).toBe(200);
    expect((await wallet(b)).pendingCents).toBe(1_350);
    expect(await wallet(owner)).toMatchObject({ availableCents: 5_500, escrowCents: 0 });

    const done = (await call(null, 'GET', `/api/v1/contests/${id}`)).json;
    expect(done.status).toBe('finished');
    expect((done.awards as Json[]).map((x) => [x.status, (x.winner as Json).username])).toEqual([
      ['paid', (a as unknown as Json).username],
      ['paid', (b as unknown as Json).username],
    ]);
    expect((done.awards as Json[])[0].handoverFileIds).toBeUndefined();
    const finished = (await call(null, 'GET', '/api/v1/contests?status=finished&limit=100')).json.items as Json[];
    expect(finished.some((i) => i.id === id)).toBe(true);
  });

  it('edits a draft, keeps the fields left out, and publishes it with its own endpoint', async () => {
    const owner = await fundedUser(t, 5_000, 'cadraft');
    const d = await call(owner, 'POST', '/api/v1/contests', { title: 'مسودة' });
    expect([d.status, d.json.status]).toEqual([201, 'draft']);
    const id = d.json.id as number;
    const edited = await call(owner, 'PATCH', `/api/v1/contests/${id}`, body({ prizesCents: [2_500] }));
    expect([edited.status, edited.json.status]).toEqual([200, 'draft']);
    expect((await call(owner, 'PATCH', `/api/v1/contests/${id}`, { blind: false })).status).toBe(200);
    const mine = (await call(owner, 'GET', '/api/v1/my/contests')).json.items as Json[];
    expect(mine.find((c) => c.id === id)).toMatchObject({
      status: 'draft',
      prizesCents: [2_500],
      blind: false,
      title: 'شعار لمقهى في جدة',
    });
    const published = await call(owner, 'POST', `/api/v1/contests/${id}/publish`, undefined, key());
    expect([published.status, published.json.status]).toEqual([200, 'pending']);
    expect(await wallet(owner)).toMatchObject({ availableCents: 2_500, escrowCents: 2_500 });
    // Past review it is no longer the owner's to edit.
    const late = await call(owner, 'PATCH', `/api/v1/contests/${id}`, { title: 'عنوان جديد بعد النشر' });
    expect([late.status, late.json.code]).toEqual([409, 'contest.wrong_state']);
    // The moderators' queue and decision over the API; others are refused.
    expect((await call(owner, 'GET', '/api/v1/admin/contests')).status).toBe(403);
    expect(((await call(mod, 'GET', '/api/v1/admin/contests')).json.items as Json[]).some((c) => c.id === id)).toBe(true);
    const rejected = await call(mod, 'POST', `/api/v1/admin/contests/${id}/reject`, { reason: 'الوصف لا يكفي لفهم المطلوب' });
    expect([rejected.status, rejected.json.status]).toEqual([200, 'rejected']);
    expect(await wallet(owner)).toMatchObject({ availableCents: 5_000, escrowCents: 0 });
    expect((await call(owner, 'GET', `/api/v1/contests/${id}`)).json.rejectReason).toBe('الوصف لا يكفي لفهم المطلوب');
  });
});

describe('refusals', () => {
  it('answers bad input with problem documents naming the field, never 500', async () => {
    const owner = await fundedUser(t, 1_000, 'cabad');
    const small = await call(owner, 'POST', '/api/v1/contests', { ...body({ prizesCents: [1_000, 900] }), publish: true }, key());
    expect([small.status, small.json.code]).toEqual([400, 'validation.failed']);
    expect(small.json.errors).toContainEqual(expect.objectContaining({ field: 'prizesCents', code: 'contest.prize_total_min' }));
    const typed = await call(owner, 'POST', '/api/v1/contests', { prizesCents: ['abc'], blind: 'maybe' });
    expect(typed.status).toBe(400);
    expect(typed.json.errors?.map((e) => e.field)).toEqual(expect.arrayContaining(['prizesCents.0']));
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/contests?cursor=eyJ4Ijoi', headers: {} });
    expect(r.statusCode).toBe(400);
    expect((r.json() as { errors: Json[] }).errors).toContainEqual(
      expect.objectContaining({ field: 'cursor', code: 'search.cursor_invalid' }),
    );
    expect(r.headers['content-type']).toContain('application/problem+json');
    const sorted = await call(null, 'GET', '/api/v1/contests?sort=cheapest');
    expect(sorted.status).toBe(400);
    expect((await call(null, 'POST', '/api/v1/contests', body())).status).toBe(401);
  });

  it('refuses publishing without the prize in the balance, and frees the key for a retry', async () => {
    const owner = await fundedUser(t, 2_000, 'capoor');
    const k = key();
    const short = await t.app.inject({
      method: 'POST',
      url: '/api/v1/contests',
      headers: { ...owner.auth, ...k, 'accept-language': 'en' },
      payload: { ...body(), publish: true },
    });
    // API.md: 409 with a top-up link and what is missing.
    expect(short.statusCode).toBe(409);
    const problem = short.json() as Json;
    expect(problem.code).toBe('wallet.insufficient_funds');
    expect([problem.topUpUrl, typeof problem.shortfallCents]).toEqual(['/api/v1/wallet/deposits', 'number']);
    expect(problem.title).toMatch(/[a-z]/i);
    expect(((await call(owner, 'GET', '/api/v1/my/contests')).json.items as Json[]).length).toBe(0);
    const cheaper = await call(owner, 'POST', '/api/v1/contests', { ...body({ prizesCents: [2_000] }), publish: true }, k);
    expect([cheaper.status, cheaper.json.status]).toEqual([201, 'pending']);
  });

  it('answers 404 for unknown contests and 403/404 for someone else’s', async () => {
    const owner = await fundedUser(t, 5_000, 'caother');
    const stranger = await signedUpUser(t, 'castr');
    for (const url of ['/api/v1/contests/999999', '/api/v1/contests/abc', '/api/v1/contests/999999/entries']) {
      const r = await call(null, 'GET', url);
      expect(r.status, url).toBe(404);
    }
    expect((await call(null, 'GET', '/api/v1/contests/999999')).json.code).toBe('contest.not_found');
    const draft = await call(owner, 'POST', '/api/v1/contests', body());
    const hidden = await call(stranger, 'PATCH', `/api/v1/contests/${draft.json.id}`, { title: 'ليست مسابقتي لكني أعدلها' });
    expect([hidden.status, hidden.json.code]).toEqual([404, 'contest.not_found']);
    const id = await openContest(owner, { prizesCents: [2_000] });
    const forbidden = await call(stranger, 'PATCH', `/api/v1/contests/${id}`, { title: 'ليست مسابقتي لكني أعدلها' });
    expect([forbidden.status, forbidden.json.code]).toEqual([403, 'contest.forbidden']);
    expect((await call(stranger, 'POST', `/api/v1/contests/${id}/extend`, { days: 3 })).status).toBe(403);
    const extended = await call(owner, 'POST', `/api/v1/contests/${id}/extend`, { days: 3 });
    expect(extended.json).toMatchObject({ status: 'open', extended: true });
    const twice = await call(owner, 'POST', `/api/v1/contests/${id}/extend`, { days: 3 });
    expect([twice.status, twice.json.code]).toEqual([422, 'contest.already_extended']);
    const end = await call(owner, 'POST', `/api/v1/contests/${id}/end`);
    expect([end.status, end.json.code]).toEqual([422, 'contest.too_few_entries']);
    expect((await call(stranger, 'DELETE', '/api/v1/contests/entries/999999')).status).toBe(404);
    expect((await call(null, 'GET', '/api/v1/contests?category=no-such-category')).json).toMatchObject({ items: [], nextCursor: null });
  });
});

it('lists the contests paths in the OpenAPI document', async () => {
  const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Json> };
  for (const p of [
    '/api/v1/contests',
    '/api/v1/contests/{id}',
    '/api/v1/contests/{id}/publish',
    '/api/v1/contests/{id}/entries',
    '/api/v1/contests/entries/{entryId}',
    '/api/v1/contests/{id}/extend',
    '/api/v1/contests/{id}/end',
    '/api/v1/contests/{id}/picks',
    '/api/v1/contests/awards/{awardId}/handover',
    '/api/v1/contests/awards/{awardId}/accept',
    '/api/v1/admin/contests/{id}/approve',
  ])
    expect(doc.paths[p], p).toBeDefined();
  expect(Object.keys(doc.paths['/api/v1/contests/entries/{entryId}'])).toEqual(expect.arrayContaining(['delete', 'patch']));
  expect((doc.paths['/api/v1/contests'].post as Json).summary).toMatch(/Idempotency-Key/);
});

describe('the core contract (API.md "Contests")', () => {
  it('creates a draft with endsAt, publishes it (409 with the shortfall when short), and picks winners one place at a time', async () => {
    const owner = await fundedUser(t, 3_000, 'cmown');
    const a = await signedUpUser(t, 'cma');
    const b = await signedUpUser(t, 'cmb');
    const endsAt = new Date(t.clock.now().getTime() + 10 * DAY).toISOString();
    const { entryDays: _, ...rest } = body({ prizesCents: [3_000, 1_500] });
    const created = await call(owner, 'POST', '/api/v1/contests', { ...rest, endsAt });
    expect([created.status, created.json.status]).toEqual([201, 'draft']);
    const id = created.json.id as number;

    const short = await call(owner, 'POST', `/api/v1/contests/${id}/publish`, undefined, key());
    expect([short.status, short.json.code, short.json.shortfallCents, short.json.topUpUrl]).toEqual([
      409,
      'wallet.insufficient_funds',
      1_500,
      '/api/v1/wallet/deposits',
    ]);
    // The top-up goes through the sandbox gateway, as a person paying would.
    await topUp(t, owner, 1_500);
    const published = await call(owner, 'POST', `/api/v1/contests/${id}/publish`, undefined, key());
    expect([published.status, published.json]).toEqual([200, { id, status: 'pending' }]);
    await t.services.contests.approve(mod, id);
    const got = await call(null, 'GET', `/api/v1/contests/${id}`);
    expect([got.json.status, got.json.prizesCents, got.json.entriesCount]).toEqual(['open', [3_000, 1_500], 0]);
    // Ten days from the approval (whole days, as asked at creation).
    expect(Date.parse(got.json.endsAt as string) - Date.parse(endsAt)).toBeLessThan(DAY);

    const ea = await call(a, 'POST', `/api/v1/contests/${id}/entries`, {
      description: 'شعار بخط الثلث مع فنجان',
      fileIds: [await upload(a)],
    });
    const eb = await call(b, 'POST', `/api/v1/contests/${id}/entries`, {
      description: 'شعار بخط الكوفي وحبة بن',
      fileIds: [await upload(b)],
    });
    expect([ea.status, eb.status]).toEqual([201, 201]);
    const listed = await call(owner, 'GET', `/api/v1/contests/${id}/entries`);
    expect((listed.json.items as Json[]).map((e) => [(e.contestant as Json).username !== undefined, 'previewUrl' in e])).toEqual([
      [true, true],
      [true, true],
    ]);

    const early = await call(owner, 'POST', `/api/v1/contests/${id}/winners`, { place: 1, entryId: ea.json.id }, key());
    expect([early.status, early.json.code]).toEqual([409, 'contest.wrong_state']);
    t.clock.advance(11 * DAY);
    await t.services.contestEntries.runDue(t.clock.now());
    const first = await call(owner, 'POST', `/api/v1/contests/${id}/winners`, { place: 1, entryId: eb.json.id }, key());
    expect([first.status, first.json]).toEqual([200, { place: 1, entryId: eb.json.id }]);
    const again = await call(owner, 'POST', `/api/v1/contests/${id}/winners`, { place: 1, entryId: ea.json.id }, key());
    expect([again.status, again.json.code]).toEqual([409, 'contest.place_taken']);
    const twice = await call(owner, 'POST', `/api/v1/contests/${id}/winners`, { place: 2, entryId: eb.json.id }, key());
    expect([twice.status, twice.json.errors?.[0]?.code]).toEqual([400, 'contest.pick_entry_twice']);
    expect((await call(null, 'GET', `/api/v1/contests/${id}`)).json.status).toBe('judging');
    const second = await call(owner, 'POST', `/api/v1/contests/${id}/winners`, { place: 2, entryId: ea.json.id }, key());
    expect(second.status).toBe(200);
    expect((await call(null, 'GET', `/api/v1/contests/${id}`)).json.status).toBe('awarding');
  });
});
