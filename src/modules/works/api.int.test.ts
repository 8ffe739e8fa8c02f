import { describe, expect, it } from 'vitest';
import { api, leafId, publishedWork, signedUpUser, t, topId, useWorksApp } from './works.fixture.ts';

useWorksApp();

describe('the works API', () => {
  it('is documented in OpenAPI: the works, one work, likes, edit and delete, my works', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(doc.paths['/api/v1/works'])).toEqual(expect.arrayContaining(['get', 'post']));
    expect(Object.keys(doc.paths['/api/v1/works/{id}'])).toEqual(expect.arrayContaining(['get', 'put', 'delete']));
    expect(Object.keys(doc.paths['/api/v1/works/{id}/like'])).toEqual(expect.arrayContaining(['put', 'delete']));
    expect(doc.paths['/api/v1/my/works']).toBeDefined();
    expect(JSON.stringify(doc.paths['/api/v1/files'])).toContain('work_image');
  });

  it('answers problem+json: 400 validation.failed, 401 without a token, 404, 409 for a state, 422 for a business refusal', async () => {
    const u = await signedUpUser(t, 'aprob');
    const bad = await api(u, 'POST', '/api/v1/works', { title: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json()).toMatchObject({ code: 'validation.failed', status: 400 });
    const typed = await api(u, 'POST', '/api/v1/works', { title: 42 });
    expect(typed.statusCode).toBe(400);
    expect((await api(null, 'POST', '/api/v1/works', { title: 'عنوان عمل طويل' })).statusCode).toBe(401);
    expect((await api(null, 'GET', '/api/v1/works/2147483647')).json()).toMatchObject({ status: 404, code: 'work.not_found' });
    const wid = await publishedWork(u);
    const state = await api(u, 'POST', `/api/v1/works/${wid}/publish`);
    expect(state.statusCode).toBe(409);
    expect(state.json().code).toBe('work.wrong_state');
    const own = await api(u, 'PUT', `/api/v1/works/${wid}/like`, undefined, { 'accept-language': 'ar' });
    expect(own.statusCode).toBe(422);
    expect(own.json().title).toBe('لا يمكنك الإعجاب بعملك.');
  });

  it('lists with search, category, skill, owner, the four sorts and pages by cursor', async () => {
    const u = await signedUpUser(t, 'alist');
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) {
      t.clock.advance(60_000);
      ids.push(await publishedWork(u, { title: `تصميم واجهة تطبيق توصيل رقم ${i + 1}`, skills: i % 2 ? ['فيجما'] : ['تصميم واجهات'] }));
    }
    // Likes on the third, views on the fourth.
    for (const p of ['alfan1', 'alfan2']) await api(await signedUpUser(t, p), 'PUT', `/api/v1/works/${ids[2]}/like`);
    for (let i = 0; i < 3; i++) await t.app.inject({ method: 'GET', url: `/api/v1/works/${ids[3]}`, remoteAddress: `10.1.0.${i + 1}` });
    await t.services.workEngagement.flushViews();
    const list = async (qs: string) => (await api(null, 'GET', `/api/v1/works?owner=${u.username}&${qs}`)).json();
    const order = async (qs: string) => (await list(qs)).items.map((w: { id: number }) => w.id);
    expect(await order('sort=newest')).toEqual([...ids].reverse());
    expect((await order('sort=likes'))[0]).toBe(ids[2]);
    expect((await order('sort=views'))[0]).toBe(ids[3]);
    // best: 2 likes (10) beat 3 views (3).
    expect((await order(''))[0]).toBe(ids[2]);
    expect(await order(`skill=${encodeURIComponent('فيجما')}&sort=newest`)).toEqual([ids[3], ids[1]]);
    expect(await order(`q=${encodeURIComponent('واجهه تطبيق')}&sort=newest`)).toHaveLength(5);
    expect(await order(`category=${leafId}`)).toHaveLength(5);
    expect(await order(`category=${topId}`)).toHaveLength(5);
    expect((await list('category=no-such-slug')).items).toEqual([]);
    const first = await list('sort=newest&limit=2');
    expect(first.items).toHaveLength(2);
    expect(first.total).toEqual({ n: 5, capped: false, estimated: false });
    const second = await list(`sort=newest&limit=2&cursor=${encodeURIComponent(first.nextCursor)}`);
    expect(second.items.map((w: { id: number }) => w.id)).toEqual([ids[2], ids[1]]);
    const item = first.items[0];
    expect(item).toMatchObject({ owner: { username: u.username }, delivered: false, likesCount: 0 });
    expect(item.cover.url).toMatch(/^\/files\/[A-Za-z0-9_-]+$/);
    expect((await api(null, 'GET', '/api/v1/works?cursor=garbage')).statusCode).toBe(400);
    expect((await api(null, 'GET', '/api/v1/works?sort=random')).statusCode).toBe(400);
    expect((await api(null, 'GET', '/api/v1/works?owner=nobody_here')).json().items).toEqual([]);
  });

  it('lists the caller’s own works by status', async () => {
    const u = await signedUpUser(t, 'amine');
    await publishedWork(u);
    await api(u, 'POST', '/api/v1/works', { title: 'مسودة لاحقة', draft: true });
    const all = (await api(u, 'GET', '/api/v1/my/works')).json();
    expect(all.counts).toEqual({ published: 1, draft: 1 });
    const drafts = (await api(u, 'GET', '/api/v1/my/works?status=draft')).json();
    expect(drafts.items.map((w: { status: string }) => w.status)).toEqual(['draft']);
    expect((await api(null, 'GET', '/api/v1/my/works')).statusCode).toBe(401);
  });
});
