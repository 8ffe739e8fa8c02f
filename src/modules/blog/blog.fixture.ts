// What the blog tests share: one app per file, signed-in browsers, an article's form fields, stored-file counts.
// Not a test file itself.
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll } from 'vitest';
import {
  makeTestApp,
  type PageClient,
  type Part,
  signedInPage,
  type signedUpUser,
  smallPng,
  staffUser,
  type TestApp,
} from '../../../test/helpers.ts';

export type User = Awaited<ReturnType<typeof signedUpUser>>;
export let t: TestApp;
export let png: Buffer;
export let admin: User;

export function useBlogApp(): void {
  beforeAll(async () => {
    t = await makeTestApp();
    png = await smallPng();
    admin = await staffUser(t, ['admin'], 'badmin');
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });
}

export const browserOf = (u: { username: string; password: string }) => signedInPage(t, u);

/** The cookies a multipart post answered with (its one-time notice), kept by the browser as a real one would. */
export function keepCookies(b: PageClient, res: { cookies: { name: string; value: string }[] }): void {
  for (const c of res.cookies) b.cookies.set(c.name, c.value);
}

let n = 0;
/** A unique slug for a test's article. */
export const slug = (prefix = 'post') => `${prefix}-${++n}-${Math.random().toString(36).slice(2, 7)}`;

export const ARABIC_BODY = `مقدمة قصيرة عن العمل الحر على كفيل وكيف تبدأ فيه خطوة بخطوة.

## الخطوة الأولى

أكمل ملفك الشخصي وأضف صورتك ومهاراتك ونبذة عنك، ثم انشر خدمتك الأولى بوصف واضح يجيب عن أسئلة المشتري.

- اختر خدمة محددة
- اكتب عنوانًا واضحًا
- ضع سعرًا عادلًا`;

export const ENGLISH_BODY = `A short introduction to freelancing on Kafiil and how to start, step by step.

## The first step

Complete your profile, add your photo, your skills and a short bio, then publish your first service with a clear description that answers the buyer's questions.`;

/** An article's form fields (both languages, publishing now unless told otherwise). */
export function articleFields(over: Record<string, string> = {}): Part[] {
  return Object.entries({
    slug: slug(),
    category: 'freelancing',
    publishAt: '',
    titleAr: 'كيف تبدأ العمل الحر على كفيل',
    bodyAr: ARABIC_BODY,
    titleEn: 'How to start freelancing on Kafiil',
    bodyEn: ENGLISH_BODY,
    action: 'publish',
    ...over,
  }).map(([name, value]) => ({ name, value }));
}

export const cover = (name = 'cover.png', bytes: Buffer = png, type = 'image/png'): Part => ({
  name: 'cover',
  filename: name,
  type,
  bytes,
});

/** An article written through the service (as staff would), published now unless `publish` is false. */
export async function article(over: Record<string, unknown> = {}, opts: { publish?: boolean; coverFileId?: number | null } = {}) {
  const actor = { id: admin.id, roles: ['admin'] };
  return t.services.blog.create(
    actor,
    {
      slug: slug(),
      category: 'freelancing',
      titleAr: 'كيف تبدأ العمل الحر على كفيل',
      bodyAr: ARABIC_BODY,
      titleEn: 'How to start freelancing on Kafiil',
      bodyEn: ENGLISH_BODY,
      ...over,
    },
    { publish: opts.publish ?? true, coverFileId: opts.coverFileId ?? null },
  );
}

export const filesDir = () => path.join(t.deps.config.dataDir, 'files');
/** How many stored objects (images, thumbnails) the storage holds, and how many file rows the database has. */
export async function stored(): Promise<{ objects: number; rows: number }> {
  const objects = fs.existsSync(filesDir())
    ? fs.readdirSync(filesDir(), { recursive: true }).filter((f) => String(f).length > 20).length
    : 0;
  const r = (await t.deps.db.execute(sql`SELECT count(*)::int AS n FROM files`)) as unknown as { rows: { n: number }[] };
  return { objects, rows: Number(r.rows[0].n) };
}

/** Whether PostgreSQL's own XML parser (libxml2, in PGlite too) reads the text as a well-formed document. */
export async function wellFormedXml(text: string): Promise<boolean> {
  const r = (await t.deps.db.execute(sql`SELECT xml_is_well_formed_document(${text}) AS ok`)) as unknown as { rows: { ok: boolean }[] };
  return r.rows[0].ok === true;
}

/** The texts an XPath finds in an Atom feed (prefix `a:` for the Atom namespace), parsed by PostgreSQL. */
export async function atomXpath(text: string, xpath: string): Promise<string[]> {
  const r = (await t.deps.db.execute(
    sql`SELECT unnest(xpath(${xpath}, ${text}::xml, ARRAY[ARRAY['a', 'http://www.w3.org/2005/Atom']]))::text AS v`,
  )) as unknown as { rows: { v: string }[] };
  return r.rows.map((x) => x.v);
}
