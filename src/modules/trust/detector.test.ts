import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type ContactKind, scanContacts } from './detector.ts';

/** The labelled corpus (test/fixtures/contact-corpus.json): messages without contact details, and [kind, message] pairs with. */
const corpusFile = JSON.parse(readFileSync(new URL('../../../test/fixtures/contact-corpus.json', import.meta.url), 'utf8')) as {
  negatives: Record<string, string[]>;
  positives: Record<string, [kind: ContactKind, text: string][]>;
};
/** A positive's `kind` is the kind the detector must report among its matches. */
const CORPUS: { text: string; contact: boolean; kind?: ContactKind }[] = [
  ...Object.values(corpusFile.negatives)
    .flat()
    .map((text) => ({ text, contact: false })),
  ...Object.values(corpusFile.positives)
    .flat()
    .map(([kind, text]) => ({ text, contact: true, kind })),
];

function found(text: string): { kind: ContactKind; text: string }[] {
  return scanContacts(text).matches;
}

describe('contact detector: corpus', () => {
  it('has a large, balanced corpus', () => {
    const positives = CORPUS.filter((e) => e.contact).length;
    // Exact counts, so a case lost in an edit of the fixture fails here.
    expect(CORPUS.length).toBe(369);
    expect(positives).toBe(183);
    expect(new Set(CORPUS.map((e) => e.text)).size).toBe(CORPUS.length);
    expect(CORPUS.filter((e) => e.contact).every((e) => ['phone', 'email', 'url', 'handle'].includes(e.kind as string))).toBe(true);
    expect(CORPUS.length).toBeGreaterThanOrEqual(300);
    expect(positives / CORPUS.length).toBeGreaterThan(0.4);
    expect(positives / CORPUS.length).toBeLessThan(0.6);
  });

  it('reaches precision and recall ≥ 0.97 and reports the expected kind', () => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const misses: string[] = [];
    for (const e of CORPUS) {
      const r = scanContacts(e.text);
      if (r.contact && e.contact) {
        tp++;
        if (e.kind && !r.matches.some((m) => m.kind === e.kind)) misses.push(`kind ${e.kind}: ${e.text}`);
      } else if (r.contact) {
        fp++;
        misses.push(`false positive: ${e.text} → ${JSON.stringify(r.matches)}`);
      } else if (e.contact) {
        fn++;
        misses.push(`missed: ${e.text}`);
      }
    }
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    console.log(
      `contact detector on ${CORPUS.length} messages (${tp + fn} with contact details): precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}; ${misses.length ? `misses:\n  ${misses.join('\n  ')}` : 'no misses'}`,
    );
    expect(precision).toBeGreaterThanOrEqual(0.97);
    expect(recall).toBeGreaterThanOrEqual(0.97);
    expect(misses.filter((m) => m.startsWith('kind'))).toEqual([]);
  });

  it('is fast', () => {
    const start = performance.now();
    for (const e of CORPUS) scanContacts(e.text);
    expect((performance.now() - start) / CORPUS.length).toBeLessThan(5);
    const long = `${'تصميم منشورات انستقرام بسعر 150 ريال '.repeat(300)}${' a1'.repeat(3000)}`;
    const t = performance.now();
    scanContacts(long);
    expect(performance.now() - t).toBeLessThan(500);
  });
});

describe('contact detector: phones', () => {
  it.each([
    ['رقمي 0501234567 كلمني عليه', '0501234567'],
    ['جوالي ٠٥٥٩٨٧٦٥٤٣', '٠٥٥٩٨٧٦٥٤٣'],
    ['اتصل على ۰۵۰۱۲۳۴۵۶۷ بعد العصر', '۰۵۰۱۲۳۴۵۶۷'],
    ['call me 050 123 4567', '050 123 4567'],
    ['رقمي 050-123-4567', '050-123-4567'],
    ['Phone: 050.123.4567', '050.123.4567'],
    ['اتصل +966 50 123 4567', '+966 50 123 4567'],
    ['ده رقمي 00201001234567', '00201001234567'],
    ['reach me at (050) 123-4567', '(050) 123-4567'],
    ['O5O1234567 my number', 'O5O1234567'],
    ['صفر خمسة صفر واحد اثنين ثلاثة اربعة خمسة ستة سبعة', 'صفر خمسة صفر واحد اثنين ثلاثة اربعة خمسة ستة سبعة'],
    ['my number is zero five zero one two three four five six seven', 'zero five zero one two three four five six seven'],
    ['05 واحد 234 567 هذا الرقم', '05 واحد 234 567'],
    ['رقمي 05\u200b01\u200b23\u200c45\u200d67', '05\u200b01\u200b23\u200c45\u200d67'],
  ])('%s', (text, match) => {
    expect(found(text)).toContainEqual({ kind: 'phone', text: match });
  });

  it.each([
    'السعر $25 أو 150 دولار',
    'التسليم 2026-11-30 أو 30/11/2026',
    'تاريخ آخر تحديث 2026/11/29 14:45',
    'المقاس 1920x1080 بدقة 300 DPI',
    'Upgrade from v2.3.1 to Node 20.20',
    'بخصوص الطلب #12345 — طلب رقم 4521',
    'الميزانية بين 1500-2000 ريال',
    'المبلغ ١٬٢٥٠٬٠٠٠ ريال',
    'الخادم على 192.168.1.10',
    'رقم الفاتورة INV-2026-0042',
    'قرأت كتاب ISBN 978-3-16-148410-0',
    'I worked on it from 2019 2020 2021 and 2022',
    'أحتاج خمس صور وثلاث فيديوهات',
    'الكود `timeout = 86400000` يجعل الجلسة يوما كاملا',
  ])('passes %s', (text) => {
    expect(scanContacts(text)).toEqual({ contact: false, matches: [] });
  });

  it('refuses a phone-shaped number even inside code', () => {
    expect(found('`0501234567` هذا رقمي')).toEqual([{ kind: 'phone', text: '0501234567' }]);
  });
});

describe('contact detector: e-mails', () => {
  it.each([
    ['ايميلي ali.designer@gmail.com', 'ali.designer@gmail.com'],
    ['ali at gmail dot com', 'ali at gmail dot com'],
    ['ali99 [at] hotmail (dot) com', 'ali99 [at] hotmail (dot) com'],
    ['ali＠gmail．com', 'ali＠gmail．com'],
    ['علي آت جيميل دوت كوم', 'علي آت جيميل دوت كوم'],
    ['ahmed @ gmail . com', 'ahmed @ gmail . com'],
    ['ارسل الملفات على mohamed[@]gmail[.]com', 'mohamed[@]gmail[.]com'],
  ])('%s', (text, match) => {
    expect(found(text)).toContainEqual({ kind: 'email', text: match });
  });

  it('passes user@host in code and form-field talk', () => {
    expect(scanContacts('جرب `user@host` في أمر ssh').contact).toBe(false);
    expect(scanContacts('The form needs email and phone fields with validation').contact).toBe(false);
    expect(scanContacts('I am good at Photoshop and Illustrator').contact).toBe(false);
  });
});

describe('contact detector: links', () => {
  it.each([
    ['شوف أعمالي على https://behance.net/ali', 'https://behance.net/ali'],
    ['portfolio: www.alidesign.com', 'www.alidesign.com'],
    ['visit example.com for samples', 'example.com'],
    ['تلقاني في t.me/ali_design', 't.me/ali_design'],
    ['wa.me/966501234567', 'wa.me/966501234567'],
    ['الرابط bit.ly/3xYzAb', 'bit.ly/3xYzAb'],
    ['موقعي alistudio دوت كوم', 'alistudio دوت كوم'],
    ['mysite(dot)com', 'mysite(dot)com'],
  ])('%s', (text, match) => {
    expect(found(text)).toContainEqual({ kind: 'url', text: match });
  });

  it.each([
    'ملف الشعار بصيغة logo.ai و logo.png',
    'Built with ASP.NET Core 8 and Vue.js',
    'Use `obj.info` instead of reading the file again',
    'انتهيت من الشغل. سأرفع الملفات الآن',
  ])('passes %s', (text) => {
    expect(scanContacts(text).contact).toBe(false);
  });
});

describe('contact detector: handles', () => {
  it.each([
    ['كلمني واتساب', 'كلمني واتساب'],
    ['my telegram is @x', 'my telegram is @x'],
    ['add me on snap: abc', 'add me on snap: abc'],
    ['تواصل معي على الانستا ali_99', 'تواصل معي على الانستا ali_99'],
    ['سنابي ali2020', 'سنابي ali2020'],
    ['تابعني @noura_art', '@noura_art'],
    ['skype: ahmed.k.live', 'skype: ahmed.k.live'],
    ['خلينا نكمل على الواتساب أسهل', 'نكمل على الواتساب'],
    ['ممكن الواتس حقك؟', 'الواتس حقك'],
  ])('%s', (text, match) => {
    expect(found(text)).toContainEqual({ kind: 'handle', text: match });
  });

  it.each([
    'تصميم منشورات انستقرام',
    'WhatsApp API integration',
    'إدارة حسابات تويتر',
    'تواصل مع العملاء عبر واتساب بزنس',
    "let's talk about your instagram strategy",
    'ننشر المحتوى على وسائل تواصل اجتماعي مثل سناب وتيك توك',
    'The decorator `@Component` is missing the selector',
    '@media (max-width: 768px) لا تعمل على الجوال',
    'ثبت الحزمة @types/node ثم أعد البناء',
  ])('passes %s', (text) => {
    expect(scanContacts(text).contact).toBe(false);
  });

  it('names every detail in a message, in order', () => {
    expect(found('كلمني واتساب 0501234567 أو ali@gmail.com')).toEqual([
      { kind: 'handle', text: 'كلمني واتساب' },
      { kind: 'phone', text: '0501234567' },
      { kind: 'email', text: 'ali@gmail.com' },
    ]);
  });
});

describe('contact-scan command', () => {
  it('reads JSON strings line by line without opening the database', () => {
    const input = ['"رقمي ٠٥٠ ١٢٣ ٤٥٦٧"', '"تصميم منشورات انستقرام"', 'not json', '42', '', '"visit example.com"'].join('\n');
    // DATA_DIR points nowhere usable: the command must not touch the database.
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: '/nonexistent/kafiil', DATABASE_URL: '', BASE_URL: '' };
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'contact-scan'], { env, encoding: 'utf8', input });
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(6);
    expect(lines[0]).toEqual({ contact: true, matches: [{ kind: 'phone', text: '٠٥٠ ١٢٣ ٤٥٦٧' }] });
    expect(lines[1]).toEqual({ contact: false, matches: [] });
    expect(lines[2]).toHaveProperty('error');
    expect(lines[3]).toHaveProperty('error');
    expect(lines[4]).toHaveProperty('error');
    expect(lines[5]).toEqual({ contact: true, matches: [{ kind: 'url', text: 'example.com' }] });
  }, 60_000);
});
