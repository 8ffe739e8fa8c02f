import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/index.ts';
import { fromRoot } from '../../platform/paths.ts';
import { policyVersions } from './schema.ts';

const dir = fromRoot('src/modules/content/seed');
const read = (f: string) => fs.readFileSync(path.join(dir, f), 'utf8').replace(/\r\n/g, '\n').trim();

/**
 * The privacy policy as the platform publishes it: the lines of its page between "أخر تحديث" and the
 * footer ("المساعدة و الدعم"), word for word.
 */
export function privacyArabicFromPage(pageText: string): { lastUpdated: string; body: string } {
  const lines = pageText.replace(/\r\n/g, '\n').split('\n');
  const start = lines.findIndex((l) => l.startsWith('أخر تحديث'));
  const end = lines.findIndex((l, i) => i > start && l.trim() === 'المساعدة و الدعم');
  if (start < 0 || end < 0) throw new Error('privacy page: markers not found');
  const lastUpdated = /(\d{4}-\d{2}-\d{2})/.exec(lines[start])?.[1];
  if (!lastUpdated) throw new Error('privacy page: no date');
  return {
    lastUpdated,
    body: lines
      .slice(start + 1, end)
      .join('\n')
      .trim(),
  };
}

/** Version 1 of the privacy policy and the terms, on a new database. */
export async function seedPolicies(tx: DbOrTx): Promise<void> {
  const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(policyVersions);
  if (n > 0) return;
  const privacy = privacyArabicFromPage(read('kafiil-privacy-page.txt'));
  await tx.insert(policyVersions).values([
    {
      policy: 'privacy',
      version: 1,
      lastUpdated: privacy.lastUpdated,
      titleAr: 'سياسة الخصوصية',
      titleEn: 'Privacy policy',
      bodyAr: privacy.body,
      bodyEn: read('privacy-en.txt'),
    },
    {
      policy: 'terms',
      version: 1,
      lastUpdated: privacy.lastUpdated,
      titleAr: 'شروط الخدمة',
      titleEn: 'Terms of service',
      bodyAr: read('terms-ar.txt'),
      bodyEn: read('terms-en.txt'),
    },
  ]);
}
