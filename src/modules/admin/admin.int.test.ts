import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type PageClient, signedInPage, signedUpUser, staffUser, type TestApp, testId } from '../../../test/helpers.ts';
import { auditLog } from '../../schema.ts';

// The audit log search; the legal export's tests are in legal-export.int.test.ts.

let t: TestApp;
let admin: Awaited<ReturnType<typeof staffUser>>;
let moderator: Awaited<ReturnType<typeof staffUser>>;
let plain: Awaited<ReturnType<typeof signedUpUser>>;
let adminPage: PageClient;
let modPage: PageClient;

const signedIn = (u: { username: string; password: string }) => signedInPage(t, u);

beforeAll(async () => {
  t = await makeTestApp();
  admin = await staffUser(t, ['admin'], 'boss');
  moderator = await staffUser(t, ['moderator', 'finance', 'support'], 'mod');
  plain = await signedUpUser(t, 'plain');
  adminPage = await signedIn(admin);
  modPage = await signedIn(moderator);
});
afterAll(async () => {
  await t.close();
});

/** The ids of the rows a page of the audit search shows, in order. */
const rowIds = (html: string) => [...html.matchAll(/data-testid="audit-row" data-id="(\d+)"/g)].map((m) => Number(m[1]));

describe('the audit log search', () => {
  // Fixture rows in 2001, so nothing the app writes while the tests run falls in their dates.
  let actorA: Awaited<ReturnType<typeof signedUpUser>>;
  let actorB: Awaited<ReturnType<typeof signedUpUser>>;
  const ids: Record<string, number> = {};
  const year = 'from=2001-01-01&to=2001-12-31';

  beforeAll(async () => {
    actorA = await signedUpUser(t, 'auditora');
    actorB = await signedUpUser(t, 'auditorb');
    const rows = [
      ['freeze', actorA.id, 'wallet.freeze', 'user', '4242', { reason: 'court hold 7781' }, '2001-03-01T10:00:00Z', '203.0.113.5'],
      ['unfreeze', actorB.id, 'wallet.unfreeze', 'user', '4242', { note: 'released after review' }, '2001-03-05T23:30:00Z', null],
      ['read', actorA.id, 'message.read', 'conversation', '55', { reason: 'dispute 12' }, '2001-03-06T00:10:00Z', null],
      ['readAll', actorA.id, 'message.read_all', 'conversation', '56', {}, '2001-04-01T09:00:00Z', null],
      ['cli', null, 'order.read', 'order', '9', {}, '2001-05-01T09:00:00Z', null],
    ] as const;
    for (const [key, actorId, action, targetType, targetId, data, at, ip] of rows) {
      const [r] = await t.deps.db
        .insert(auditLog)
        .values({ actorId, action, targetType, targetId, data, ip, createdAt: new Date(at) })
        .returning({ id: auditLog.id });
      ids[key] = r.id;
    }
  });

  const search = async (qs: string) => {
    const r = await adminPage.get(`/admin/audit?${qs}`);
    expect(r.statusCode, qs).toBe(200);
    return rowIds(r.body);
  };

  it('narrows by actor (username or id), action (exact, family or prefix), target, dates and text in the data', async () => {
    expect(await search(year)).toEqual([ids.cli, ids.readAll, ids.read, ids.unfreeze, ids.freeze]);
    expect(await search(`actor=${actorA.username}&${year}`)).toEqual([ids.readAll, ids.read, ids.freeze]);
    expect(await search(`actor=@${actorA.username.toUpperCase()}`)).toEqual([ids.readAll, ids.read, ids.freeze]);
    expect(await search(`actor=${actorB.id}`)).toEqual([ids.unfreeze]);
    expect(await search('actor=nobody_here')).toEqual([]);
    expect(await search(`action=wallet.&${year}`)).toEqual([ids.unfreeze, ids.freeze]);
    expect(await search(`action=wallet*&${year}`)).toEqual([ids.unfreeze, ids.freeze]);
    expect(await search(`action=message&${year}`)).toEqual([ids.readAll, ids.read]);
    expect(await search(`action=message.read&${year}`)).toEqual([ids.read]);
    expect(await search(`action=message.read_all&${year}`)).toEqual([ids.readAll]);
    expect(await search(`targetType=conversation&targetId=55&${year}`)).toEqual([ids.read]);
    expect(await search(`targetType=user&targetId=4242&${year}`)).toEqual([ids.unfreeze, ids.freeze]);
    // Whole days in UTC, both ends inclusive: 23:30 on the 5th is in, 00:10 on the 6th is not.
    expect(await search('from=2001-03-05&to=2001-03-05')).toEqual([ids.unfreeze]);
    expect(await search('from=2001-03-02&to=2001-03-06')).toEqual([ids.read, ids.unfreeze]);
    expect(await search('to=2001-03-01')).toEqual([ids.freeze]);
    expect(await search(`q=court%20hold&${year}`)).toEqual([ids.freeze]);
    expect(await search(`q=COURT%20HOLD%207781&actor=${actorB.username}`)).toEqual([]);
    expect(await search(`q=100%25&${year}`)).toEqual([]);
  });

  it('shows who (linked), what, the target, when, why and the ip, and keeps the filters in the form', async () => {
    const r = await adminPage.get(`/admin/audit?actor=${actorA.username}&action=wallet.&${year}`);
    expect(rowIds(r.body)).toEqual([ids.freeze]);
    const row = /data-testid="audit-row" data-id="\d+">([\s\S]*?)<\/tr>/.exec(r.body)?.[1] ?? '';
    expect(row).toContain(`href="/admin/users/${actorA.id}"`);
    expect(row).toContain(`@${actorA.username}`);
    expect(row).toContain('wallet.freeze');
    expect(row).toContain('href="/admin/users/4242"');
    expect(row).toContain('court hold 7781');
    expect(row).toContain('203.0.113.5');
    expect(row).toContain('2001');
    expect(r.body).toMatch(new RegExp(`name="actor"[^>]*value="${actorA.username}"`));
    expect(r.body).toMatch(/name="action"[^>]*value="wallet\."/);
    expect(r.body).toMatch(/name="from"[^>]*value="2001-01-01"/);
    const en = await adminPage.get(`/en/admin/audit?actor=${actorA.username}&${year}`);
    expect(en.body).toContain('Audit log');
    expect(en.body).toContain('Mar 1, 2001');
  });

  it('refuses a malformed date or range with a translated field message, keeping what was typed', async () => {
    const r = await adminPage.get('/admin/audit?from=2001-02-30&action=wallet.');
    expect(r.statusCode).toBe(400);
    expect(testId(r.body, 'error-from')).toBe('اكتب تاريخًا صحيحًا بالصيغة YYYY-MM-DD.');
    expect(r.body).toMatch(/name="action"[^>]*value="wallet\."/);
    const back = await adminPage.get('/en/admin/audit?from=2001-03-05&to=2001-03-01');
    expect(back.statusCode).toBe(400);
    expect(testId(back.body, 'error-to')).toBe('The end date cannot be before the start date.');
  });

  it('pages by id, newest first, with the filters kept in the next link', async () => {
    const pager = await signedUpUser(t, 'pager');
    await t.deps.db.insert(auditLog).values(
      Array.from({ length: 55 }, (_, i) => ({
        actorId: pager.id,
        action: 'settings.update',
        targetType: 'setting',
        targetId: String(i),
        data: { n: i },
        createdAt: new Date(Date.UTC(2002, 0, 1, 0, i)),
      })),
    );
    const first = await adminPage.get(`/admin/audit?actor=${pager.username}&action=settings.`);
    const firstIds = rowIds(first.body);
    expect(firstIds).toHaveLength(50);
    expect([...firstIds].sort((a, b) => b - a)).toEqual(firstIds);
    const next = /data-testid="audit-next" href="([^"]+)"|href="([^"]+)" data-testid="audit-next"/.exec(first.body);
    const href = (next?.[1] ?? next?.[2] ?? '').replace(/&amp;/g, '&');
    expect(href).toBe(`/admin/audit?actor=${pager.username}&action=settings.&cursor=${firstIds[49]}`);
    const second = await adminPage.get(href);
    const secondIds = rowIds(second.body);
    expect(secondIds).toHaveLength(5);
    expect(Math.max(...secondIds)).toBeLessThan(Math.min(...firstIds));
    expect(second.body).not.toContain('data-testid="audit-next"');

    // The API pages the same way, with the list shape {items, nextCursor}.
    const seen: number[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const r = await t.app.inject({
        method: 'GET',
        url: `/api/v1/admin/audit?actor=${pager.id}&limit=20${cursor ? `&cursor=${cursor}` : ''}`,
        headers: admin.auth,
      });
      expect(r.statusCode).toBe(200);
      const body = r.json() as { items: { id: number; actor: { id: number; username: string } }[]; nextCursor: string | null };
      seen.push(...body.items.map((i) => i.id));
      expect(body.items.every((i) => i.actor.id === pager.id && i.actor.username === pager.username)).toBe(true);
      cursor = body.nextCursor;
    }
    expect(seen).toEqual([...firstIds, ...secondIds]);
  });

  it('answers the API with the same filters', async () => {
    const r = await t.app.inject({
      method: 'GET',
      url: `/api/v1/admin/audit?actor=${actorA.username}&action=wallet.&${year}`,
      headers: admin.auth,
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({
      items: [
        {
          id: ids.freeze,
          actor: { id: actorA.id, username: actorA.username },
          action: 'wallet.freeze',
          targetType: 'user',
          targetId: '4242',
          why: 'court hold 7781',
          data: { reason: 'court hold 7781' },
          ip: '203.0.113.5',
          createdAt: '2001-03-01T10:00:00.000Z',
        },
      ],
      nextCursor: null,
    });
    const cli = await t.app.inject({ method: 'GET', url: `/api/v1/admin/audit?action=order.read&${year}`, headers: admin.auth });
    expect(cli.json().items.map((i: { id: number; actor: unknown }) => [i.id, i.actor])).toEqual([[ids.cli, null]]);
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/admin/audit?to=yesterday', headers: admin.auth });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: 'to', code: 'admin.audit_date_invalid' })]);
  });

  it('is for admins only: other staff roles and users are refused on the page and the API', async () => {
    expect((await modPage.get('/admin/audit')).statusCode).toBe(403);
    expect((await modPage.get('/admin/users')).body).not.toContain('href="/admin/audit"');
    expect((await adminPage.get('/admin/users')).body).toContain('href="/admin/audit"');
    const userPage = await signedIn(plain);
    expect((await userPage.get('/admin/audit')).statusCode).toBe(403);
    const mod = await t.app.inject({ method: 'GET', url: '/api/v1/admin/audit', headers: moderator.auth });
    expect(mod.statusCode).toBe(403);
    expect(mod.json().code).toBe('auth.forbidden');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/admin/audit', headers: plain.auth })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/admin/audit' })).statusCode).toBe(401);
  });
});
