/**
 * Contact-details detector (trust & safety): finds phone numbers, e-mail addresses, links and messaging/social
 * handles in user text, in the forms people use to slip them past a filter: Arabic-Indic / Persian / full-width
 * digits, digits split by spaces, dashes and dots, digits written as Arabic or English words, "at"/"dot" spelled
 * out (also آت / دوت), invisible characters, and platform names in Arabic and Latin spellings.
 *
 * Decisions (see detector.test.ts and its corpus, test/fixtures/contact-corpus.json, for the measured behaviour):
 * - A phone is a run of ≥ 8 digits after normalising separators, digit systems, number words and O/l look-alikes.
 *   Dates (2026-11-30, 30/11/2026), times, IPv4 addresses, dimensions (1920x1080), ascending ranges (1500-2000),
 *   dotted thousands (12.500.000), lists of years and numbers after "ISBN" are not phones. Commas break a run.
 * - A platform name is a contact only when used as one: next to a contact verb ("كلمني واتساب", "add me on snap"),
 *   followed by a handle ("insta: ali_99", "telegram @x"), or possessive ("واتسابي", "my whatsapp is …").
 *   Mentioning a platform as work ("تصميم منشورات انستقرام", "WhatsApp API integration") passes.
 * - Code in backticks: phones shaped like a phone (leading 0, + or 00), full e-mails with a domain and explicit links
 *   (scheme or www.) are still refused; bare domains (obj.name), @decorators, handles and number words inside code
 *   are ignored, so `user@host` or `@Component` in a snippet passes.
 * - Numbers after "ISBN" pass; an unlabelled 13-digit ISBN is treated as a phone (it is indistinguishable).
 */

export type ContactKind = 'phone' | 'email' | 'url' | 'handle';
export interface ContactMatch {
  kind: ContactKind;
  text: string;
}

interface Normalised {
  /** normalised text: NFKC, no diacritics/tatweel/invisibles, unified alef/ya/ta marbuta, ASCII digits, lower case */
  s: string;
  /** for each char of s: start and end offsets in the original text */
  from: number[];
  to: number[];
}

const DROP = /[\u064B-\u065F\u0670\u06D6-\u06ED\u0640\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]|\uFE0E|\uFE0F|\u20E3/;

function normalise(text: string): Normalised {
  let s = '';
  const from: number[] = [];
  const to: number[] = [];
  let i = 0;
  for (const ch of text) {
    const start = i;
    i += ch.length;
    if (DROP.test(ch)) continue;
    let out = ch.normalize('NFKC');
    out = out
      .replace(/[أإآٱ]/g, 'ا')
      .replace(/ى/g, 'ي')
      .replace(/ة/g, 'ه')
      .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
      .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
      .replace(/[٬،]/g, ',')
      .replace(/٫/g, '.')
      .replace(/\s/g, ' ')
      .toLowerCase();
    for (const c of out) {
      if (DROP.test(c)) continue;
      s += c;
      from.push(start);
      to.push(i);
    }
  }
  return { s, from, to };
}

/** Masks code spans (``` blocks and `inline`) with spaces, keeping offsets. */
function maskCode(s: string): string {
  return s.replace(/```[\s\S]*?```|`[^`\n]+`/g, (m) => ' '.repeat(m.length));
}

const blank = (m: string) => '§'.repeat(m.length);

// ---------------------------------------------------------------- phones

const EN_DIGITS: Record<string, string> = {
  zero: '0',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
};
const AR_DIGITS: Record<string, string> = {};
for (const [d, words] of [
  ['0', 'صفر زيرو'],
  ['1', 'واحد واحده'],
  ['2', 'اثنين اثنان اتنين اثنتين تنين ثنين'],
  ['3', 'ثلاثه ثلاث تلاته تلات تلاتة'],
  ['4', 'اربعه اربع'],
  ['5', 'خمسه خمس'],
  ['6', 'سته ست'],
  ['7', 'سبعه سبع'],
  ['8', 'ثمانيه ثماني ثمان تمانيه تمنيه ثمنيه تمانية'],
  ['9', 'تسعه تسع'],
] as const) {
  for (const w of words.split(' ')) AR_DIGITS[w] = d;
}

function wordDigit(word: string): string | undefined {
  if (EN_DIGITS[word]) return EN_DIGITS[word];
  if (AR_DIGITS[word]) return AR_DIGITS[word];
  if (word.startsWith('و') && AR_DIGITS[word.slice(1)]) return AR_DIGITS[word.slice(1)];
  return undefined;
}

function validDate(a: number, b: number): boolean {
  return (a >= 1 && a <= 31 && b >= 1 && b <= 12) || (a >= 1 && a <= 12 && b >= 1 && b <= 31);
}

/** Replaces number shapes that are not phones with breakers. */
function maskNonPhones(s: string): string {
  return s
    .replace(/isbn[\s:-]*[\d-\s]{10,17}\d/g, blank)
    .replace(/(?<![\d+][-/.]?)(19|20)\d{2}([-/.])(\d{1,2})\2(\d{1,2})(?![-/.]?\d)/g, (m, _y, _sep, a, b) =>
      validDate(+a, +b) ? blank(m) : m,
    )
    .replace(/(?<![\d+][-/.]?)(\d{1,2})([-/.])(\d{1,2})\2((?:19|20)?\d{2})(?![-/.]?\d)/g, (m, a, _sep, b) =>
      validDate(+a, +b) ? blank(m) : m,
    )
    .replace(/(?<![\d.])([1-9]\d{0,2})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?![\d.])/g, (m, ...g) =>
      g.slice(0, 4).every((x) => +x <= 255) ? blank(m) : m,
    )
    .replace(/(?<![\d.])[1-9]\d{0,2}(?:\.\d{3}){2,}(?![\d.])/g, blank)
    .replace(/(?<!\d)(\d{2,5}) ?[x×*] ?(\d{2,5})(?!\d)/g, blank)
    .replace(/(?<![\d+(][-. )]?)([1-9]\d{2,5}) ?[-–—] ?([1-9]\d{2,5})(?![-. ]?\d)/g, (m, a, b) => (+b > +a && +b <= 5 * +a ? blank(m) : m));
}

const SEP = /^[\s\-–—._/\\()+*|~[\]{}'"]+$/;
const PHONE_SHAPE = /^(?:\+|00|0[1-9]|9665|9715|971|966|965|974|973|968|962|201[0125])/;

interface Unit {
  start: number;
  end: number;
  digits: string;
  plus: number;
}

function findPhones(s: string, code: boolean[], out: Found[]): void {
  const masked = maskNonPhones(s);
  const tokens = masked.matchAll(/[a-z0-9\u0621-\u064A]+|[^a-z0-9\u0621-\u064A]+/g);
  let run: Unit[] = [];
  // digits glued to a word by - _ # (INV-2026-0042, PO_55821123) are a reference code: a phone only if shaped like one
  let identRun = false;
  let afterWord = false;
  let groups: string[] = [];
  const flush = () => {
    const digits = run.map((u) => u.digits).join('');
    if (digits.length >= 8) {
      let start = run[0].plus >= 0 ? run[0].plus : run[0].start;
      if (s[start - 1] === '(') start--;
      const end = run[run.length - 1].end;
      const shaped = run[0].plus >= 0 || PHONE_SHAPE.test(digits);
      const allYears = groups.length > 1 && groups.every((g) => /^(19|20)\d\d$/.test(g));
      const roundList = groups.length > 2 && groups.every((g) => /^[1-9]\d*0$/.test(g)); // "100 200 300 400 قطعة"
      const inCode = code[start] || identRun;
      if (!allYears && !roundList && (!inCode || shaped)) out.push({ kind: 'phone', start, end });
    }
    run = [];
    groups = [];
    identRun = false;
  };
  let pendingPlus = -1;
  for (const t of tokens) {
    const tok = t[0];
    const at = t.index ?? 0;
    if (!/[a-z0-9\u0621-\u064A]/.test(tok[0])) {
      if (afterWord && run.length === 0 && /^[-_#]$/.test(tok)) identRun = true;
      afterWord = false;
      if (!SEP.test(tok)) {
        flush();
        pendingPlus = -1;
      } else if (tok.includes('+')) pendingPlus = at + tok.lastIndexOf('+');
      continue;
    }
    // Split a word into digit and letter segments; letters continue a run only as number words or O/l look-alikes.
    const hasDigit = /\d/.test(tok);
    let segments: [string, number][] = [];
    if (/^\d(?:[a-z]\d){4,}[a-z]?$/.test(tok)) {
      segments = [[tok.replace(/[a-z]/g, ''), at]];
    } else {
      for (const m of tok.matchAll(/\d+|[^\d]+/g)) segments.push([m[0], at + (m.index ?? 0)]);
    }
    for (const [seg, segAt] of segments) {
      let digits: string | undefined;
      if (/^\d+$/.test(seg)) digits = seg;
      else if (hasDigit && /^[oil]+$/.test(seg) && tok.length > seg.length) digits = seg.replace(/o/g, '0').replace(/[il]/g, '1');
      else digits = wordDigit(seg);
      if (digits === undefined) {
        flush();
        pendingPlus = -1;
        afterWord = true;
        continue;
      }
      afterWord = false;
      run.push({ start: segAt, end: segAt + seg.length, digits, plus: run.length === 0 ? pendingPlus : -1 });
      groups.push(digits);
      pendingPlus = -1;
    }
  }
  flush();
}

// ---------------------------------------------------------------- e-mails and links

const TLD =
  'com|net|org|info|biz|io|co|me|ly|gl|gg|tv|cc|xyz|online|site|store|shop|tech|dev|app|link|page|live|email|sa|eg|ae|kw|qa|bh|om|jo|lb|ma|tn|dz|iq|sy|sd|ye|uk|us|de|fr|tr|in|ru|edu|gov|ws|to';
const PROVIDERS = 'gmail|googlemail|hotmail|yahoo|ymail|outlook|icloud|protonmail|proton|aol|yandex|live';
const AR_TLD = 'كوم|نت|اورج|اورغ';
const AT = String.raw`(?:\s*@\s*|\s*[[({<]\s*(?:at|@|ات)\s*[\])}>]\s*|\s+(?:at|ات)\s+)`;
const DOT = String.raw`(?:\s*\.\s*|\s*[[({<]\s*(?:dot|\.|دوت|نقطه)\s*[\])}>]\s*|\s+(?:dot|دوت|نقطه)\s+)`;
const L = String.raw`(?<![\p{L}\p{N}_])`;
const R = String.raw`(?![\p{L}\p{N}_])`;

const EMAIL_STRICT = new RegExp(String.raw`[a-z0-9][a-z0-9._%+-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}${R}`, 'gu');
const EMAIL_LOOSE = new RegExp(
  String.raw`${L}[a-z0-9\u0621-\u064A][a-z0-9\u0621-\u064A._%+-]*${AT}(?:[a-z0-9-]+${DOT})*(?:(?:${PROVIDERS}|جيميل|جي ميل|هوتميل|ياهو|اوتلوك)(?:${DOT}(?:${TLD}|${AR_TLD}))?|[a-z0-9-]+${DOT}(?:${TLD}|${AR_TLD}))${R}`,
  'gu',
);
const EMAIL_SAID = new RegExp(
  String.raw`${L}(?:ايميلي|بريدي|الايميل حقي|my e-?mail|e-?mail me at)\s*(?:is|هو|:)?\s*[a-z][a-z0-9._-]{2,}(?:\s*(?:on|في|علي|ع)?\s*(?:${PROVIDERS}|جيميل|هوتميل|ياهو))?${R}`,
  'gu',
);

/** "see my work at site.com" is a link, not an e-mail: an English word before a spelled-out "at" */
const STOP_LOCAL =
  /^(?:me|us|it|work|works|samples|portfolio|look|here|them|site|this|that|profile|page|examples|live|based|available|good|best|fine)\s+at\s/;
const URL_EXPLICIT = /(?:https?:\/\/|hxxps?:\/\/|www\s*\.)[^\s<>"'`]+/g;
const TECH_NAMES = /^(?:asp\.net|vb\.net|ado\.net|socket\.io|chart\.js|e\.g|i\.e)$/;
const URL_BARE = new RegExp(
  String.raw`${L}(?<!@)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9-]+)*(?:\.(?:${TLD})|\s\.\s?(?:com|net|org))${R}(?:[/?#:][^\s<>"'\x60]*)?`,
  'gu',
);
const URL_OBFUSCATED = new RegExp(
  String.raw`${L}[a-z0-9][a-z0-9-]*\s*(?:[[({<]\s*(?:dot|\.|دوت|نقطه)\s*[\])}>]|\s(?:dot|دوت|نقطه)\s)\s*(?:${TLD}|${AR_TLD})${R}`,
  'gu',
);
const SHORT_LINK = /(?<![a-z0-9])(?:t|wa|m|fb|bit|tiktok|snapchat|instagram|discord)\s*\.\s*(?:me|ly|gg|com|co)\s*\/\s*[a-z0-9_+]+/g;

// ---------------------------------------------------------------- handles

const AR_PLATFORMS = [
  'واتساب',
  'واتس اب',
  'واتس',
  'وتساب',
  'واتسب',
  'وتس',
  'واتسآب',
  'تليجرام',
  'تلغرام',
  'تيليجرام',
  'تلجرام',
  'تيليغرام',
  'تلقرام',
  'تيلي',
  'تلي',
  'سناب شات',
  'سنابشات',
  'سناب',
  'انستقرام',
  'انستجرام',
  'انستغرام',
  'انستاغرام',
  'انستاجرام',
  'انستا',
  'انستى',
  'سكايب',
  'سكايبي',
  'ديسكورد',
  'دسكورد',
  'فيسبوك',
  'فيس بوك',
  'فيس',
  'تويتر',
  'لينكد ان',
  'لينكدان',
  'لينكدين',
  'تيك توك',
  'تيكتوك',
  'بوتيم',
  'ايمو',
  'فايبر',
  'سيجنال',
  'ماسنجر',
].map((w) => w.replace(/ /g, '\\s?'));
const LA_PLATFORMS =
  'whats\\s?app|watsapp|whatsap|wa|telegram|telegarm|tg|snap\\s?chat|snap|instagram|insta|ig|skype|discord|facebook|fb|messenger|twitter|linked\\s?in|tiktok|signal|viber|wechat|botim';
const AR_P = `(?:و?(?:بال|لل|عال|عل|ال|ب|ع|ل)?(?:${AR_PLATFORMS.join('|')}))`;
const P = `(?:${L}${AR_P}(?:ي|ك)?${R}|${L}(?:${LA_PLATFORMS})${R})`;

const AR_VERBS =
  'كلمني|كلمنا|كلميني|تواصل(?!\\s*اجتماعي)|تواصلي|تواصلو|تواصلوا|نتواصل|اتواصل|راسلني|راسلنا|راسليني|نتراسل|اراسلك|ابعتلي|ابعت لي|ابعثلي|ابعث لي|ارسل لي|ارسلي|ارسللي|اضفني|ضيفني|ضفني|اضيفني|اضيفك|ضيفك|تابعني|تابعوني|ابحث عني|دور علي|تلاقيني|هتلاقيني|حتلاقيني|ستجدني|تجدني|اتصل|كلمك|اكلمك|خاطبني|نكمل|نتكلم|نحكي|نتفاهم|نتفق|حسابي|حسابك|يوزري|يوزرك|معرفي|معرفك|رقمي|رقمك|موجود|متواجد|ابعتلك|ارسلك|اكلمك';
const EN_VERBS =
  "contact me|reach me|reach out|message me|msg me|dm me|pm me|text me|ping me|add me|hit me up|hit me|find me|call me|follow me|talk|chat|continue|move|switch|contact|reach|i'?m|i am";
const VERB = `(?:${L}(?:${AR_VERBS})${R}|${L}(?:${EN_VERBS})${R})`;
// Between a contact verb and the platform: only "me/with me/directly" words and a preposition ("تواصل معي على الانستا",
// "add me on snap"), so "تواصل مع العملاء عبر واتساب" or "continue the facebook campaign" are work, not contact.
const GAP = String.raw`(?:\s+(?:معي|معاي|معانا|معنا|لي|me|us|with me|up|directly|مباشره|بس|فقط|دايما|دائما|انا|اكثر|more|please))*\s+(?:(?:علي|ع|عبر|في|من|on|via|through|over|at|using|to)\s+)?`;
const HANDLE_TOKEN = `(?:@[a-z0-9_][a-z0-9_.]*|[a-z_][a-z0-9_.]*[a-z0-9_])`;
const FILLER = String.raw`(?:\s*(?::|-|=|is|هو|id|ايدي|اي دي|username|user|handle|يوزري|يوزر|اليوزر|حسابي|الحساب|اسمي|باسم|معرفي|account|number|no\.?)\s*)*`;

const HANDLE_VERB_PLATFORM = new RegExp(`${VERB}${GAP}${P}`, 'gu');
const HANDLE_PLATFORM_VERB = new RegExp(String.raw`${P}\s+(?:me|me on|بيك)${R}`, 'gu');
const HANDLE_PLATFORM_TOKEN = new RegExp(String.raw`${P}(?:\s+(?:is|هو))?\s*(?::\s*|\s+)${FILLER}(${HANDLE_TOKEN})${R}`, 'gu');
const HANDLE_POSSESSIVE = new RegExp(
  String.raw`${L}(?:my|your|ur)\s+${P}(?:\s+(?:is|id|handle|username|number|no|:)|\?)|${P}\s*(?:حقي|حقك|تبعي|تبعك|بتاعي|بتاعك|الخاص بي)${R}|${L}(?:${AR_PLATFORMS.join('|')})(?:ي|ك)${R}`,
  'gu',
);
const AT_HANDLE = /(?<![a-z0-9._%+\-/@])@([a-z_][a-z0-9_.]{2,29})(?![a-z0-9_/@])/g;
const AT_RULES = new Set(
  'media import keyframes font-face supports page charset namespace layer container tailwind apply use forward mixin include extend override component injectable input output viewchild hostlistener deprecated param returns return throws type types angular babel vue nestjs ngmodule pipe directive entity column test before after property published ready'.split(
    ' ',
  ),
);

// ---------------------------------------------------------------- scan

interface Found {
  kind: ContactKind;
  start: number;
  end: number;
}

function collect(re: RegExp, s: string, kind: ContactKind, out: Found[], keep?: (m: RegExpMatchArray) => boolean): void {
  for (const m of s.matchAll(re)) {
    if (keep && !keep(m)) continue;
    const start = m.index ?? 0;
    let end = start + m[0].length;
    while (end > start && /[\s.,;:!?)\]}'"؟،]/.test(s[end - 1])) end--;
    out.push({ kind, start, end });
  }
}

export function scanContacts(text: string): { contact: boolean; matches: ContactMatch[] } {
  const n = normalise(text);
  const prose = maskCode(n.s);
  const code = [...prose].map((c, i) => c === ' ' && n.s[i] !== ' ');
  const found: Found[] = [];

  // e-mails first (their domains are not separate links)
  collect(EMAIL_STRICT, n.s, 'email', found, (m) => !/^git@/.test(m[0]));
  collect(
    EMAIL_LOOSE,
    prose,
    'email',
    found,
    (m) => !STOP_LOCAL.test(m[0]) && (/[@[({<]|\bat\b|[0-9._]|ات\s/.test(m[0]) || /\s(?:dot|دوت|نقطه)\s|\.\s*\w/.test(m[0])),
  );
  collect(EMAIL_SAID, prose, 'email', found);
  collect(URL_EXPLICIT, n.s, 'url', found);
  collect(SHORT_LINK, prose, 'url', found);
  collect(HANDLE_PLATFORM_TOKEN, prose, 'handle', found, (m) => {
    const tok = m[1] ?? '';
    const direct = m[0].includes(':') || tok.startsWith('@');
    return direct || /[0-9_.]/.test(tok);
  });
  collect(URL_BARE, prose, 'url', found, (m) => !TECH_NAMES.test(m[0]) && !/^\d+(\.\d+)*$/.test(m[0].split('.')[0]));
  collect(URL_OBFUSCATED, prose, 'url', found);
  collect(HANDLE_POSSESSIVE, prose, 'handle', found);
  collect(HANDLE_VERB_PLATFORM, prose, 'handle', found);
  collect(HANDLE_PLATFORM_VERB, prose, 'handle', found);
  collect(AT_HANDLE, prose, 'handle', found, (m) => !AT_RULES.has(m[1]));
  findPhones(n.s, code, found);

  // keep the first of overlapping matches (e-mails before links before handles before phones), in text order
  // (overlapping handle matches are joined: "add me on snap: abc" is one handle)
  const kept: Found[] = [];
  for (const f of found) {
    if (f.end <= f.start) continue;
    const same = kept.find((k) => k.kind === 'handle' && f.kind === 'handle' && f.start < k.end && k.start < f.end);
    if (same) {
      same.start = Math.min(same.start, f.start);
      same.end = Math.max(same.end, f.end);
      continue;
    }
    if (kept.some((k) => f.start < k.end && k.start < f.end)) continue;
    kept.push(f);
  }
  kept.sort((a, b) => a.start - b.start);
  const matches = kept.map((f) => ({ kind: f.kind, text: text.slice(n.from[f.start], n.to[f.end - 1]) }));
  return { contact: matches.length > 0, matches };
}
