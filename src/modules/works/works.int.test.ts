import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { workViewDays } from './schema.ts';
import {
  api,
  imageId,
  leafId,
  mod,
  orderOf,
  png,
  publishedWork,
  signedUpUser,
  t,
  topId,
  uploadImage,
  useWorksApp,
  workBody,
} from './works.fixture.ts';

useWorksApp();

const fieldsOf = (r: { json(): unknown }) =>
  Object.fromEntries(((r.json() as { errors?: { field: string; code: string }[] }).errors ?? []).map((e) => [e.field, e.code]));

describe('adding a work (API)', () => {
  it('publishes a work with its images, skills and category, and lists it', async () => {
    const u = await signedUpUser(t, 'wpub');
    const body = await workBody(u, { link: 'https://www.behance.net/gallery/1/cafe' });
    const r = await api(u, 'POST', '/api/v1/works', body);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ status: 'published' });
    const w = (await api(null, 'GET', `/api/v1/works/${r.json().id}`)).json();
    expect(w).toMatchObject({
      title: body.title,
      skills: ['شعار', 'هوية بصرية'],
      categoryId: leafId,
      likesCount: 0,
      viewsCount: 0,
      owner: { username: u.username },
      verifiedOrder: null,
      link: 'https://www.behance.net/gallery/1/cafe',
      liked: false,
    });
    expect(w.images).toHaveLength(1);
    expect(w.imageIds).toBeUndefined();
    // The image is public now that a published work shows it.
    const img = await t.app.inject({ method: 'GET', url: w.images[0].url });
    expect(img.statusCode).toBe(200);
    expect(img.headers['cache-control']).toContain('public');
    const list = (await api(null, 'GET', `/api/v1/works?owner=${u.username}`)).json();
    expect(list.items.map((i: { id: number }) => i.id)).toEqual([r.json().id]);
  });

  it('keeps a draft private, with its images, until it is published', async () => {
    const u = await signedUpUser(t, 'wdraft');
    const id = await imageId(u);
    const r = await api(u, 'POST', '/api/v1/works', { title: 'مسودة عمل', draft: true, imageIds: [id] });
    expect(r.json()).toMatchObject({ status: 'draft' });
    const wid = r.json().id;
    expect((await api(null, 'GET', `/api/v1/works/${wid}`)).statusCode).toBe(404);
    const own = (await api(u, 'GET', `/api/v1/works/${wid}`)).json();
    expect(own.status).toBe('draft');
    expect((await t.app.inject({ method: 'GET', url: own.images[0].url })).statusCode).toBe(404);
    // Publishing it as it stands is refused: what it lacks, by field.
    const p = await api(u, 'POST', `/api/v1/works/${wid}/publish`);
    expect(p.statusCode).toBe(400);
    expect(fieldsOf(p)).toEqual({
      title: 'work.title_length',
      description: 'work.description_length',
      categoryId: 'work.category_required',
    });
    const full = await api(u, 'PUT', `/api/v1/works/${wid}`, { ...(await workBody(u)), imageIds: [id], publish: true });
    expect(full.json()).toMatchObject({ status: 'published' });
  });

  it('refuses too many images, images that are not the owner’s work images, and a non-image upload', async () => {
    const u = await signedUpUser(t, 'wimg');
    const ids = await Promise.all(Array.from({ length: 12 }, () => imageId(u)));
    const r = await api(u, 'POST', '/api/v1/works', await workBody(u, { imageIds: ids }));
    expect(r.statusCode).toBe(400);
    expect(fieldsOf(r)).toEqual({ images: 'work.too_many_images' });
    const other = await signedUpUser(t, 'wimg2');
    const theirs = await imageId(other);
    expect(fieldsOf(await api(u, 'POST', '/api/v1/works', await workBody(u, { imageIds: [theirs] })))).toEqual({
      images: 'work.image_invalid',
    });
    // A service image is not a work image.
    const svc = await t.services.files.saveImage(u.id, { name: 's.png', bytes: png }, 'service_image');
    expect(fieldsOf(await api(u, 'POST', '/api/v1/works', await workBody(u, { imageIds: [svc.id] })))).toEqual({
      images: 'work.image_invalid',
    });
    const pdf = await uploadImage(u, Buffer.from('%PDF-1.4\nnot an image\n%%EOF\n'), 'cv.pdf', 'application/pdf');
    expect(pdf.statusCode).toBe(400);
    expect(fieldsOf(pdf)).toEqual({ file: 'file.not_image' });
    const fake = await uploadImage(u, Buffer.from('GIF89a but not really'), 'x.gif', 'image/gif');
    expect(fieldsOf(fake)).toEqual({ file: 'file.not_image' });
  });

  it('refuses links to messaging apps and other marketplaces, and contact details anywhere (each attempt recorded)', async () => {
    const u = await signedUpUser(t, 'wlink');
    const link = async (l: string) => fieldsOf(await api(u, 'POST', '/api/v1/works', await workBody(u, { link: l })));
    const attempts = async () => (await t.services.trust.attemptsOf(u.id)).length;
    expect(await link('javascript:alert(1)')).toEqual({ link: 'work.link_scheme' });
    expect(await attempts()).toBe(0);
    expect(await link('https://wa.me/966500000000')).toEqual({ link: 'work.link_messaging' });
    expect(await link('https://t.me/ali_design')).toEqual({ link: 'work.link_messaging' });
    expect(await link('https://www.fiverr.com/ali')).toEqual({ link: 'work.link_marketplace' });
    expect(await link('https://ali.etsy.com/listing/1')).toEqual({ link: 'work.link_marketplace' });
    // Each off-platform link is recorded as an attempt, as contact details are.
    expect(await attempts()).toBe(4);
    const before = await attempts();
    const phone = await api(u, 'POST', '/api/v1/works', await workBody(u, { link: 'https://my-site.example.com/call/0501234567' }));
    expect(phone.json().code).toBe('trust.contact_info');
    expect(fieldsOf(phone)).toEqual({ link: 'trust.contact_info' });
    const text = await api(
      u,
      'POST',
      '/api/v1/works',
      await workBody(u, { description: 'للتواصل واتساب 0501234567 أو ali@example.com والمزيد من الأعمال عندي' }),
    );
    expect(text.json().code).toBe('trust.contact_info');
    expect(fieldsOf(text)).toEqual({ description: 'trust.contact_info' });
    expect(await attempts()).toBe(before + 2);
    const rows = await t.services.trust.attemptsOf(u.id);
    expect(new Set(rows.map((r) => r.context))).toEqual(new Set(['portfolio']));
    // Mentioning a platform as work passes.
    const ok = await api(
      u,
      'POST',
      '/api/v1/works',
      await workBody(u, { description: 'تصميم منشورات انستقرام لمطعم، ثلاثون منشورًا بألوان الهوية.' }),
    );
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('refuses a top category, and a skill list that is too long', async () => {
    const u = await signedUpUser(t, 'wcat');
    expect(fieldsOf(await api(u, 'POST', '/api/v1/works', await workBody(u, { categoryId: topId })))).toEqual({
      categoryId: 'work.category_invalid',
    });
    const skills = Array.from({ length: 11 }, (_, i) => `مهارة ${i}`);
    expect(fieldsOf(await api(u, 'POST', '/api/v1/works', await workBody(u, { skills })))).toEqual({ skills: 'work.skills_invalid' });
  });
});

describe('the "delivered on Kafiil" badge', () => {
  it('links a completed sale: the badge with the buyer’s published review', async () => {
    const seller = await signedUpUser(t, 'wsell');
    const { id: orderId, buyer } = await orderOf(seller, 'completed', true);
    const wid = await publishedWork(seller, { orderId });
    const w = (await api(null, 'GET', `/api/v1/works/${wid}`)).json();
    expect(w.verifiedOrder).toMatchObject({
      id: orderId,
      kind: 'service',
      review: { quality: 5, communication: 4, onTime: 5, comment: 'عمل رائع وتسليم في الموعد', author: { username: buyer.username } },
    });
    expect(w.delivered).toBe(true);
    const html = (await t.app.inject({ method: 'GET', url: `/works/${wid}` })).body;
    expect(html).toContain('تم تنفيذه على كفيل');
    expect(html).toContain('عمل رائع وتسليم في الموعد');
    // The same order cannot badge a second work.
    const again = await api(seller, 'POST', '/api/v1/works', await workBody(seller, { orderId }));
    expect(again.statusCode).toBe(422);
    expect(again.json().code).toBe('work.order_used');
  });

  it('shows the badge without a review until the review is published', async () => {
    const seller = await signedUpUser(t, 'wsell2');
    const { id: orderId } = await orderOf(seller, 'completed', false);
    const wid = await publishedWork(seller, { orderId });
    expect((await api(null, 'GET', `/api/v1/works/${wid}`)).json().verifiedOrder).toMatchObject({ id: orderId, review: null });
  });

  it('refuses someone else’s order, an order that does not exist, and one not completed (422, clearly)', async () => {
    const seller = await signedUpUser(t, 'wsell3');
    const { id: theirs, buyer } = await orderOf(seller, 'completed');
    const other = await signedUpUser(t, 'wthief');
    const stolen = await api(other, 'POST', '/api/v1/works', await workBody(other, { orderId: theirs }));
    expect(stolen.statusCode).toBe(422);
    expect(stolen.json()).toMatchObject({ code: 'work.order_not_yours', errors: [{ field: 'orderId', code: 'work.order_not_yours' }] });
    expect(stolen.json().title).toContain('not one you delivered');
    // The buyer of the order was not its seller either.
    expect((await api(buyer, 'POST', '/api/v1/works', await workBody(buyer, { orderId: theirs }))).json().code).toBe(
      'work.order_not_yours',
    );
    expect((await api(other, 'POST', '/api/v1/works', await workBody(other, { orderId: 2_000_000_000 }))).json().code).toBe(
      'work.order_not_yours',
    );
    const { id: open } = await orderOf(seller, 'in_progress');
    const early = await api(seller, 'POST', '/api/v1/works', await workBody(seller, { orderId: open }));
    expect(early.statusCode).toBe(422);
    expect(early.json().code).toBe('work.order_not_completed');
    // With other problems, the same refusal is one field of the form's 400.
    const both = await api(seller, 'POST', '/api/v1/works', await workBody(seller, { orderId: open, title: 'قصير' }));
    expect(both.statusCode).toBe(400);
    expect(fieldsOf(both)).toEqual({ title: 'work.title_length', orderId: 'work.order_not_completed' });
  });
});

describe('editing, hiding, deleting', () => {
  it('edits, hides (only the owner sees it), publishes again and deletes (soft: staff still read it)', async () => {
    const u = await signedUpUser(t, 'wedit');
    const wid = await publishedWork(u);
    const other = await signedUpUser(t, 'wother');
    expect((await api(other, 'PUT', `/api/v1/works/${wid}`, { title: 'عنوان ليس لي أبدًا' })).json().code).toBe('work.forbidden');
    expect((await api(u, 'PUT', `/api/v1/works/${wid}`, { title: 'هوية بصرية جديدة لمقهى' })).json()).toMatchObject({
      status: 'published',
    });
    // A published work stays published, so an edit must meet every rule.
    expect(fieldsOf(await api(u, 'PUT', `/api/v1/works/${wid}`, { imageIds: [] }))).toEqual({ images: 'work.image_required' });
    expect((await api(u, 'POST', `/api/v1/works/${wid}/hide`)).json()).toMatchObject({ status: 'hidden' });
    expect((await api(u, 'POST', `/api/v1/works/${wid}/hide`)).statusCode).toBe(409);
    expect((await api(null, 'GET', `/api/v1/works/${wid}`)).statusCode).toBe(404);
    expect((await api(u, 'GET', `/api/v1/works/${wid}`)).json().title).toBe('هوية بصرية جديدة لمقهى');
    expect((await api(u, 'POST', `/api/v1/works/${wid}/publish`)).json()).toMatchObject({ status: 'published' });
    expect((await api(other, 'DELETE', `/api/v1/works/${wid}`)).statusCode).toBe(403);
    expect((await api(u, 'DELETE', `/api/v1/works/${wid}`)).json()).toMatchObject({ status: 'deleted' });
    expect((await api(u, 'GET', `/api/v1/works/${wid}`)).statusCode).toBe(404);
    expect((await api(u, 'DELETE', `/api/v1/works/${wid}`)).statusCode).toBe(404);
    expect((await api(mod, 'GET', `/api/v1/works/${wid}`)).json()).toMatchObject({ status: 'deleted' });
    const mine = (await api(u, 'GET', '/api/v1/my/works')).json();
    expect(mine.items.map((i: { id: number }) => i.id)).not.toContain(wid);
  });

  it('removes the images an edit drops (no orphan), keeping those another work shows', async () => {
    const u = await signedUpUser(t, 'wdrop');
    const a = await imageId(u);
    const b = await imageId(u);
    const wid = await publishedWork(u, { imageIds: [a, b] });
    await publishedWork(u, { imageIds: [b] });
    expect((await api(u, 'PUT', `/api/v1/works/${wid}`, { imageIds: [], publish: false })).statusCode).toBe(400);
    await api(u, 'PUT', `/api/v1/works/${wid}`, { imageIds: [b] });
    const left = await t.services.files.byIds([a, b]);
    expect(left.map((f) => f.id)).toEqual([b]);
  });
});

describe('likes', () => {
  it('likes once however often, unlikes, refuses the owner (422), and tells the owner once a day', async () => {
    const owner = await signedUpUser(t, 'wlikeo');
    const wid = await publishedWork(owner);
    const fan = await signedUpUser(t, 'wfan');
    const fan2 = await signedUpUser(t, 'wfan2');
    expect((await api(fan, 'PUT', `/api/v1/works/${wid}/like`)).json()).toEqual({ likesCount: 1, liked: true });
    expect((await api(fan, 'PUT', `/api/v1/works/${wid}/like`)).json()).toEqual({ likesCount: 1, liked: true });
    expect((await api(fan2, 'PUT', `/api/v1/works/${wid}/like`)).json()).toEqual({ likesCount: 2, liked: true });
    expect((await api(fan, 'GET', `/api/v1/works/${wid}`)).json().liked).toBe(true);
    const own = await api(owner, 'PUT', `/api/v1/works/${wid}/like`);
    expect(own.statusCode).toBe(422);
    expect(own.json()).toMatchObject({ code: 'work.like_own', title: 'You cannot like your own work.' });
    expect((await api(null, 'PUT', `/api/v1/works/${wid}/like`)).statusCode).toBe(401);
    expect((await api(fan, 'DELETE', `/api/v1/works/${wid}/like`)).json()).toEqual({ likesCount: 1, liked: false });
    expect((await api(fan, 'DELETE', `/api/v1/works/${wid}/like`)).json()).toEqual({ likesCount: 1, liked: false });
    // One notice for the first like; the next ones the same day add none.
    const notes = (await api(owner, 'GET', '/api/v1/notifications')).json().items.filter((n: { type: string }) => n.type === 'work.liked');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ url: `/works/${wid}` });
    await t.deps.outbox.drain();
    expect(t.mails.filter((m) => m.to === owner.email && m.subject.includes('إعجاب')).length).toBe(1);
    t.clock.advance(25 * 3_600_000);
    await api(fan, 'PUT', `/api/v1/works/${wid}/like`);
    expect(
      (await api(owner, 'GET', '/api/v1/notifications')).json().items.filter((n: { type: string }) => n.type === 'work.liked'),
    ).toHaveLength(2);
  });

  it('sends no mail for likes when the owner switched the works topic off', async () => {
    const owner = await signedUpUser(t, 'wquiet');
    await t.services.notifications.saveSettings(owner.id, { works: false });
    const wid = await publishedWork(owner);
    await api(await signedUpUser(t, 'wfan3'), 'PUT', `/api/v1/works/${wid}/like`);
    await t.deps.outbox.drain();
    expect(t.mails.filter((m) => m.to === owner.email && m.subject.includes('إعجاب'))).toHaveLength(0);
    expect((await api(owner, 'GET', '/api/v1/notifications')).json().items.some((n: { type: string }) => n.type === 'work.liked')).toBe(
      true,
    );
  });

  it('refuses likes on works that are not published', async () => {
    const u = await signedUpUser(t, 'wlikeh');
    const wid = await publishedWork(u);
    await api(u, 'POST', `/api/v1/works/${wid}/hide`);
    expect((await api(await signedUpUser(t, 'wfan4'), 'PUT', `/api/v1/works/${wid}/like`)).statusCode).toBe(404);
  });
});

describe('views', () => {
  it('counts a viewer once a day, writes nothing on the request, and a flush of the same views twice counts once', async () => {
    const owner = await signedUpUser(t, 'wview');
    const wid = await publishedWork(owner);
    const viewer = await signedUpUser(t, 'wviewer');
    const count = async () => (await t.services.works.get(wid, null)).viewsCount;
    await t.services.workEngagement.flushViews();
    for (let i = 0; i < 3; i++) expect((await api(viewer, 'GET', `/api/v1/works/${wid}`)).statusCode).toBe(200);
    await t.app.inject({ method: 'GET', url: `/works/${wid}`, headers: { 'user-agent': 'phone A' }, remoteAddress: '10.0.0.1' });
    await t.app.inject({ method: 'GET', url: `/works/${wid}`, headers: { 'user-agent': 'phone A' }, remoteAddress: '10.0.0.1' });
    await t.app.inject({ method: 'GET', url: `/works/${wid}`, headers: { 'user-agent': 'phone B' }, remoteAddress: '10.0.0.1' });
    // The owner's own views never count.
    await api(owner, 'GET', `/api/v1/works/${wid}`);
    expect(await count()).toBe(0);
    await t.services.workEngagement.flushViews();
    expect(await count()).toBe(3);
    // The same views again (a retried flush, another instance's buffer): nothing more.
    const { countViews } = await import('../../platform/views.ts');
    const { WORK_VIEWS } = await import('./engagement.ts');
    const day = t.clock.now().toISOString().slice(0, 10);
    expect(await countViews(t.deps.db, [{ targetId: wid, viewer: `u:${viewer.id}`, day }], WORK_VIEWS)).toBe(0);
    await api(viewer, 'GET', `/api/v1/works/${wid}`);
    await t.services.workEngagement.flushViews();
    expect(await count()).toBe(3);
    // The next day the same viewer counts again; the dedupe rows of two days before are forgotten.
    t.clock.advance(86_400_000);
    await api(viewer, 'GET', `/api/v1/works/${wid}`);
    await t.services.workEngagement.flushViews();
    expect(await count()).toBe(4);
    const kept = () => t.deps.db.$count(workViewDays, and(eq(workViewDays.workId, wid), eq(workViewDays.day, day)));
    expect(await kept()).toBe(3);
    t.clock.advance(2 * 86_400_000);
    await t.services.workEngagement.flushViews();
    expect(await kept()).toBe(0);
  });

  it('is flushed by the worker’s sweep (runDue)', async () => {
    const owner = await signedUpUser(t, 'wviewd');
    const wid = await publishedWork(owner);
    await t.app.inject({ method: 'GET', url: `/works/${wid}`, remoteAddress: '10.0.0.9' });
    const { runDue } = await import('../../worker.ts');
    const r = await runDue(t.services, t.deps, t.clock.now());
    expect(r.workViews).toBeGreaterThanOrEqual(1);
    expect((await t.services.works.get(wid, null)).viewsCount).toBe(1);
  });
});

describe('reports', () => {
  it('a report on a work: the moderator hides it (back to its owner with the reason), then deletes it', async () => {
    const owner = await signedUpUser(t, 'wrep');
    const wid = await publishedWork(owner);
    const reporter = await signedUpUser(t, 'wreporter');
    const rep = await api(reporter, 'POST', '/api/v1/reports', { targetType: 'portfolio', targetId: wid, reason: 'intellectual_property' });
    expect(rep.statusCode, rep.body).toBe(201);
    expect((await api(owner, 'POST', '/api/v1/reports', { targetType: 'portfolio', targetId: wid, reason: 'spam' })).json().code).toBe(
      'report.own',
    );
    const moderator = await t.services.accounts.resolveSession(mod.token, 'api');
    if (!moderator) throw new Error('no session');
    await t.services.moderation.decide(
      moderator,
      { targetType: 'portfolio', targetId: wid, decision: 'hide', reason: 'صور منسوخة من عمل غيره' },
      null,
    );
    const hidden = await t.services.works.get(wid, { id: owner.id, roles: [] });
    expect(hidden).toMatchObject({ status: 'hidden', hiddenReason: 'صور منسوخة من عمل غيره' });
    expect((await api(null, 'GET', `/api/v1/works/${wid}`)).statusCode).toBe(404);
    const page = (await t.app.inject({ method: 'GET', url: `/works/${wid}`, headers: { authorization: '' } })).statusCode;
    expect(page).toBe(404);
    // The owner republishes it; a second report ends in its deletion.
    expect((await api(owner, 'POST', `/api/v1/works/${wid}/publish`)).json().status).toBe('published');
    expect((await t.services.works.get(wid, null)).hiddenReason).toBeNull();
    const second = await api(await signedUpUser(t, 'wreporter2'), 'POST', '/api/v1/reports', {
      targetType: 'portfolio',
      targetId: wid,
      reason: 'intellectual_property',
    });
    expect(second.statusCode, second.body).toBe(201);
    await t.services.moderation.decide(
      moderator,
      { targetType: 'portfolio', targetId: wid, decision: 'delete', reason: 'نسخ متكرر لأعمال الآخرين' },
      null,
    );
    expect((await t.services.works.get(wid, moderator)).status).toBe('deleted');
    expect((await api(owner, 'POST', `/api/v1/works/${wid}/publish`)).statusCode).toBe(404);
  });
});
