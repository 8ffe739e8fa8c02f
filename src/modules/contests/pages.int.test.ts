import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  categoryIdsBySlug,
  fundedUser,
  makeTestApp,
  PageClient,
  postMultipart,
  signedUpUser,
  smallPng,
  staffUser,
  type TestApp,
  testId,
  topUp,
} from '../../../test/helpers.ts';
import type { AuthUser } from '../../platform/http/auth.ts';

// The contests' public pages (issue 16): the list and a contest's page, in Arabic and English.

let t: TestApp;
let cat: Record<string, number>;
let owner: AuthUser;
let a: AuthUser;
let b: AuthUser;
let contestId: number;
let modUser: AuthUser;
const passwords: Record<number, string> = {};

const actor = async (u: { token: string; password?: string }) => {
  const x = await t.services.accounts.resolveSession(u.token, 'api');
  if (!x) throw new Error('no session');
  passwords[x.id] = u.password ?? '';
  return x;
};
/** A page as a visitor, or as a user signed in through the login form. */
async function signedIn(who?: AuthUser) {
  const client = new PageClient(t.app);
  if (who) {
    await client.get('/login');
    await client.post('/login', { login: who.username, password: passwords[who.id] });
  }
  return client;
}
const get = async (url: string, who?: AuthUser) => (await signedIn(who)).get(url);

beforeAll(async () => {
  t = await makeTestApp();
  cat = await categoryIdsBySlug(t);
  const mod = await actor(await staffUser(t, ['moderator'], 'pmod'));
  modUser = mod;
  owner = await actor(await fundedUser(t, 10_000, 'powner'));
  a = await actor(await signedUpUser(t, 'pa'));
  b = await actor(await signedUpUser(t, 'pb'));
  const brief = 'نريد شعارًا بسيطًا وواضحًا لمقهى صغير، يناسب اللافتة والأكواب ووسائل التواصل، بألوان دافئة وخط عربي حديث. '.repeat(2);
  const c = await t.services.contests.create(
    owner,
    {
      title: 'شعار لمقهى في الرياض',
      description: brief,
      categoryId: cat['logo-design'],
      prizesCents: [3_000, 1_500],
      entryDays: 7,
      deliveryDays: 3,
      blind: true,
    },
    { publish: true },
  );
  await t.services.contests.approve(mod, c.id);
  contestId = c.id;
  for (const who of [a, b]) {
    const f = await t.services.files.saveAttachment(who.id, { name: `entry-${who.id}.pdf`, bytes: Buffer.from(`%PDF-1.4 ${who.id}`) });
    await t.services.contestEntries.enter(who, c.id, { description: `مشاركة ${who.username} بخط الثلث`, fileIds: [f.id] });
  }
  await t.services.contestComments.comment(a, c.id, { body: 'هل الألوان محددة؟' });
});
afterAll(async () => {
  await t.close();
});

describe('the contests pages', () => {
  it('lists open contests with their prize, deadline and entries, in both languages', async () => {
    const ar = await get('/contests');
    expect(ar.statusCode).toBe(200);
    const card = ar.body.slice(ar.body.indexOf(`data-testid="contest-${contestId}"`));
    expect(card).toContain('شعار لمقهى في الرياض');
    expect(testId(card, 'card-prize')).toContain('$45');
    expect(testId(card, 'card-entries')).toBe('مشاركتان');
    expect(testId(card, 'card-deadline')).toBe('متبقٍ 7 أيام');
    const en = await get('/en/contests?sort=prize');
    expect(en.statusCode).toBe(200);
    expect(testId(en.body.slice(en.body.indexOf(`data-testid="contest-${contestId}"`)), 'card-entries')).toBe('2 entries');
    // Nothing matches: said so.
    expect(testId((await get('/contests?q=zeppelin')).body, 'contests-empty')).not.toBeNull();
    // The default filters are left out of the address.
    expect((await get('/contests?status=open&sort=newest')).statusCode).toBe(302);
  });

  it('shows a blind contest’s entries only to their authors and the owner until the end, and its thread', async () => {
    const page = (who?: AuthUser) => get(`/contests/${contestId}`, who).then((r) => r.body);
    const anon = await page();
    const prizes = anon.slice(
      anon.indexOf('data-testid="contest-prizes"'),
      anon.indexOf('</ol>', anon.indexOf('data-testid="contest-prizes"')),
    );
    expect(prizes.replace(/<[^>]+>|[\u2066-\u2069]/g, ' ').replace(/\s+/g, ' ')).toContain('المركز 1 $30 المركز 2 $15');
    expect(anon).toContain('هل الألوان محددة؟');
    expect(anon).not.toContain(`مشاركة ${a.username}`);
    expect(testId(anon, 'entries-hidden')).toContain('مشاركتان');
    const seenByA = await page(a);
    expect(seenByA).toContain(`مشاركة ${a.username}`);
    expect(seenByA).not.toContain(`مشاركة ${b.username}`);
    const seenByOwner = await page(owner);
    expect(seenByOwner).toContain(`مشاركة ${a.username}`);
    expect(seenByOwner).toContain(`مشاركة ${b.username}`);
    expect((await get('/contests/999999')).statusCode).toBe(404);
  });

  it('takes a comment and a reply through the page, and keeps what was typed when it refuses one', async () => {
    const client = await signedIn(b);
    await client.get(`/contests/${contestId}`);
    const sent = await client.post(`/contests/${contestId}/comments`, { body: 'هل يمكن إرسال أكثر من فكرة؟' });
    expect(sent.statusCode).toBe(303);
    const refused = await client.post(`/contests/${contestId}/comments`, { body: 'راسلني على واتساب 0501234567' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('راسلني على واتساب 0501234567');
    expect(refused.body).toContain('لا يُسمح بتبادل وسائل التواصل');
    const [first] = await t.services.contestComments.thread(null, contestId);
    const reply = await client.post(`/contests/${contestId}/comments`, {
      body: 'وأنا أسأل عن الشيء نفسه',
      parentId: String(first.comment.id),
    });
    expect(reply.statusCode).toBe(303);
    const page = (await get(`/contests/${contestId}`)).body;
    expect(page).toContain('هل يمكن إرسال أكثر من فكرة؟');
    expect((await t.services.contestComments.thread(null, contestId))[0].replies.map((r) => r.body)).toContain('وأنا أسأل عن الشيء نفسه');
    // A visitor is asked to sign in instead of a form.
    expect(page).toContain('سجّل الدخول لتعلّق');
  });

  it('writes a contest: a draft is kept, publishing holds the prize, a short balance keeps what was typed', async () => {
    const raw = await fundedUser(t, 1_000, 'pform');
    const poor = await actor(raw);
    const client = await signedIn(poor);
    const form = await client.get('/contests/new');
    expect(form.statusCode).toBe(200);
    const typed = {
      title: 'شعار لمخبز في جدة',
      categoryId: String(cat['logo-design']),
      description: 'نريد شعارًا دافئًا لمخبز عائلي صغير، يظهر على الأكياس واللافتة ووسائل التواصل، بخط عربي واضح. '.repeat(2),
      prize1: '٢٥',
      prize2: '',
      prize3: '',
      entryDays: '10',
      deliveryDays: '3',
      blind: 'on',
    };
    // Short of the prize: the draft is kept with what was typed, and its form offers the top-up of the difference.
    const short = await client.post('/contests/new', { ...typed, action: 'publish' });
    expect(short.statusCode).toBe(303);
    const [mine] = await t.services.contests.byOwner(poor.id);
    expect([mine.status, mine.prizesCents, mine.blind]).toEqual(['draft', [2_500], true]);
    expect(short.headers.location).toBe(`/contests/${mine.id}/edit?topup=1#topup`);
    const offer = await client.get(`/contests/${mine.id}/edit?topup=1`);
    expect(offer.body).toContain('شعار لمخبز في جدة');
    expect(testId(offer.body, 'topup-text')).toContain('$15');
    const draft = await client.post(`/contests/${mine.id}/edit`, { ...typed, action: 'draft' });
    expect(draft.statusCode).toBe(303);
    expect(draft.headers.location).toContain(`/contests/${mine.id}/edit`);
    expect(await t.services.contests.byOwner(poor.id)).toHaveLength(1);
    // Topped up, the same draft is published from its form: the prize is held.
    await topUp(t, raw, 2_000);
    const edit = await client.get(`/contests/${mine.id}/edit`);
    expect(edit.body).toContain('شعار لمخبز في جدة');
    const published = await client.post(`/contests/${mine.id}/edit`, { ...typed, action: 'publish' });
    expect([published.statusCode, published.headers.location]).toEqual([303, `/contests/${mine.id}`]);
    expect((await t.services.contests.get(mine.id, poor)).status).toBe('pending');
    expect(await t.services.wallet.balances(poor.id)).toMatchObject({ availableCents: 500, escrowCents: 2_500 });
    // The wallet's statement names the prize held by the contest's title, linked to its page.
    const wallet = await client.get('/wallet');
    expect(wallet.body).toContain(`href="/contests/${mine.id}"`);
    expect(wallet.body).toContain('شعار لمخبز في جدة');
    // Published: no longer editable.
    expect((await client.get(`/contests/${mine.id}/edit`)).statusCode).toBe(409);
  });

  it('takes an entry through the page: files saved, a refusal keeps the description and leaves no file behind', async () => {
    const c2 = await signedIn(b);
    await c2.get(`/contests/${contestId}`);
    const none = await postMultipart(c2, t.app, `/contests/${contestId}/entries`, [
      { name: 'description', value: 'فكرة بلا ملفات حتى الآن' },
    ]);
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('فكرة بلا ملفات حتى الآن');
    const filesBefore = (await t.deps.db.execute(sql`SELECT count(*)::int AS n FROM files WHERE owner_id = ${b.id}`)) as unknown as {
      rows: { n: number }[];
    };
    const contact = await postMultipart(c2, t.app, `/contests/${contestId}/entries`, [
      { name: 'description', value: 'راسلني على 0501234567 للتفاصيل' },
      { name: 'files', filename: 'idea.png', type: 'image/png', bytes: await smallPng() },
    ]);
    expect(contact.statusCode).toBe(400);
    expect(contact.body).toContain('لا يُسمح بتبادل وسائل التواصل');
    const filesAfter = (await t.deps.db.execute(sql`SELECT count(*)::int AS n FROM files WHERE owner_id = ${b.id}`)) as unknown as {
      rows: { n: number }[];
    };
    expect(Number(filesAfter.rows[0].n)).toBe(Number(filesBefore.rows[0].n));
    const ok = await postMultipart(c2, t.app, `/contests/${contestId}/entries`, [
      { name: 'description', value: 'فكرتي الثانية: فنجان بخط الكوفي' },
      { name: 'files', filename: 'idea.png', type: 'image/png', bytes: await smallPng() },
    ]);
    expect(ok.statusCode).toBe(303);
    expect((await t.services.contests.get(contestId, null)).entriesCount).toBe(3);
    // The owner has no entry form on their own contest.
    expect((await get(`/contests/${contestId}`, owner)).body).not.toContain('data-testid="enter-send"');
    expect((await get(`/contests/${contestId}`, b)).body).toContain('data-testid="enter-send"');
  });

  it('after the deadline: the owner picks each place on the page, the winner hands over, the owner accepts and the prize is paid', async () => {
    t.clock.advance(8 * 86_400_000);
    await t.services.contestEntries.runDue(t.clock.now());
    // Entries closed: everyone sees the images as their watermarked previews, never their names (not checked for contact details).
    const visitor = (await get(`/contests/${contestId}`)).body;
    expect(visitor).toMatch(/<img src="\/files\/[^"/]+\/preview"/);
    expect(visitor).not.toContain('idea.png');
    expect(visitor).not.toContain('/contests/entries/');
    const entries = await t.services.contestEntries.entriesOf(contestId);
    const ofA = entries.find((e) => e.userId === a.id);
    const ofB = entries.find((e) => e.userId === b.id);
    const o = await signedIn(owner);
    const page = await o.get(`/contests/${contestId}`);
    expect(page.body).toContain('data-testid="pick-1"');
    expect((await o.post(`/contests/${contestId}/winners`, { place: '1', entryId: String(ofA?.id) })).statusCode).toBe(303);
    const twice = await o.post(`/contests/${contestId}/winners`, { place: '2', entryId: String(ofA?.id) });
    expect(twice.statusCode).toBe(400);
    expect((await o.post(`/contests/${contestId}/winners`, { place: '2', entryId: String(ofB?.id) })).statusCode).toBe(303);
    const [first] = await t.services.contestEntries.awardsOf(contestId);

    const w = await signedIn(a);
    expect((await w.get(`/contests/${contestId}`)).body).toContain('data-testid="handover-1"');
    const handed = await postMultipart(w, t.app, `/contests/awards/${first.id}/handover`, [
      { name: 'note', value: 'الملفات النهائية بصيغتين' },
      { name: 'files', filename: 'final.pdf', type: 'application/pdf', bytes: Buffer.from('%PDF-1.4 final') },
    ]);
    expect(handed.statusCode).toBe(303);
    // The owner sees the note and opens the final file from the page; anyone else neither sees nor opens it.
    const review = (await o.get(`/contests/${contestId}`)).body;
    const handover = review.slice(review.indexOf('data-testid="handover-files-1"'), review.indexOf('data-testid="award-2"'));
    expect(handover).toContain('الملفات النهائية بصيغتين');
    const [finalId] = (await t.services.contestEntries.awardById(first.id))?.handoverFileIds ?? [];
    const href = `/contests/awards/${first.id}/files/${finalId}`;
    expect(handover).toContain(`href="${href}"`);
    expect(handover).toContain('final.pdf');
    const file = await o.get(href);
    expect([file.statusCode, file.rawPayload.toString()]).toEqual([200, '%PDF-1.4 final']);
    expect((await (await signedIn(b)).get(href)).statusCode).toBe(404);
    expect((await get(href)).statusCode).toBe(404);
    expect((await get(`/contests/${contestId}`, b)).body).not.toContain('الملفات النهائية بصيغتين');
    expect((await o.post(`/contests/awards/${first.id}/accept`, {})).statusCode).toBe(303);
    expect((await t.services.wallet.balances(a.id)).pendingCents).toBe(2_700);
    const after = (await get(`/contests/${contestId}`)).body;
    const award1 = after.slice(after.indexOf('data-testid="award-1"'), after.indexOf('data-testid="award-2"'));
    expect(award1).toContain('دُفعت الجائزة');
  });

  it('lets a moderator open or reject a published contest from /admin/contests', async () => {
    const raw = await fundedUser(t, 5_000, 'padm');
    const who = await actor(raw);
    const brief = 'نريد غلافًا لكتاب أطفال عن البحر، بألوان زاهية ورسوم بسيطة، يناسب الطباعة والعرض على الإنترنت. '.repeat(2);
    const k = await t.services.contests.create(
      who,
      {
        title: 'غلاف كتاب أطفال عن البحر',
        description: brief,
        categoryId: cat['logo-design'],
        prizesCents: [2_000],
        entryDays: 7,
        deliveryDays: 3,
      },
      { publish: true },
    );
    expect((await get('/admin/contests', who)).statusCode).toBe(403);
    const m = await signedIn(modUser);
    const queue = await m.get('/admin/contests');
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain(`data-testid="queue-${k.id}"`);
    const short = await m.post(`/admin/contests/${k.id}/reject`, { reason: 'x', target: String(k.id) });
    expect(short.statusCode).toBe(400);
    expect((await m.post(`/admin/contests/${k.id}/approve`, { target: String(k.id) })).statusCode).toBe(303);
    expect((await t.services.contests.get(k.id, null)).status).toBe('open');
  });
});
