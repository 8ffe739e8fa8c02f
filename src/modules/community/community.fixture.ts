// What the community tests share: one app per file, members past the new accounts' limits, topics and questions made
// through the API. Not a test file itself.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect } from 'vitest';
import { makeTestApp, signedInPage, signedUpUser, staffUser, type TestApp } from '../../../test/helpers.ts';

export type User = Awaited<ReturnType<typeof signedUpUser>>;
export let t: TestApp;
export let mod: Awaited<ReturnType<typeof staffUser>>;
export let sections: Record<string, number>;

const DAY = 86_400_000;

/** Registers the app the community tests share (made before, closed after the file). */
export function useCommunityApp(opts: { listen?: boolean } = {}): void {
  beforeAll(async () => {
    t = await makeTestApp();
    if (opts.listen) await t.app.listen({ port: 0, host: '127.0.0.1' });
    mod = await staffUser(t, ['moderator'], 'cmod');
    await madeAt(mod.id, new Date(t.clock.now().getTime() - 2 * DAY));
    sections = Object.fromEntries((await t.services.community.sections.all()).map((s) => [s.slug, s.id]));
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });
}

/** Sets when an account was made, against the tests' clock (the database's own default is the real time). */
const madeAt = (id: number, at: Date) => t.deps.db.execute(sql`UPDATE users SET created_at = ${at} WHERE id = ${id}`);

/** A member whose account is older than a day and whose mail is confirmed (no new-account limits). */
export async function member(prefix: string): Promise<User> {
  const u = await signedUpUser(t, prefix);
  await madeAt(u.id, new Date(t.clock.now().getTime() - 2 * DAY));
  return u;
}

/** A member who signed up just now (the new accounts' limits and nofollow links apply). */
export async function newcomer(prefix: string): Promise<User> {
  const u = await signedUpUser(t, prefix);
  await madeAt(u.id, t.clock.now());
  return u;
}

export const api = (
  u: { auth: Record<string, string> } | null,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  payload?: unknown,
  lang: 'ar' | 'en' = 'en',
) => t.app.inject({ method, url, headers: { ...(u?.auth ?? {}), 'accept-language': lang }, payload: payload as object });

export const TOPIC = {
  title: 'كيف أكتب عرضًا مقنعًا لأول مشروع؟',
  body: 'قدمت على عدة مشاريع ولم يقبل أي عرض حتى الآن، ما الذي يجعل العرض مقنعًا لصاحب المشروع؟',
};

/** A discussion in the general section by `u`: its id. */
export async function topicBy(u: User, over: Record<string, unknown> = {}): Promise<number> {
  const r = await api(u, 'POST', '/api/v1/community/topics', { sectionId: sections.general, ...TOPIC, ...over });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as number;
}

/** A question by `u`: its id. */
export async function questionBy(u: User, over: Record<string, unknown> = {}): Promise<number> {
  const r = await api(u, 'POST', '/api/v1/questions', {
    title: 'ما الفرق بين ملف SVG و PNG للشعار؟',
    body: 'استلمت الشعار بصيغتين ولا أعرف أيهما أرسل للمطبعة وأيهما أضع في الموقع.',
    skills: ['تصميم شعارات'],
    ...over,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as number;
}

/** A comment (or an answer) by `u` on a topic: its id. */
export async function commentBy(u: User, topicId: number, body = 'تعليق مفيد جدًا، شكرًا لك', parentId?: number): Promise<number> {
  const r = await api(u, 'POST', `/api/v1/community/topics/${topicId}/comments`, { body, parentId });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as number;
}

/** A signed-in browser for the pages (cookies and CSRF), through the login form. */
export const browserOf = (u: { username: string; password: string }) => signedInPage(t, u);
