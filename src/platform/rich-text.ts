/**
 * The site's simple formatting for long texts people write (community topics and comments, questions and answers,
 * blog and help articles): a safe subset of Markdown, parsed into blocks that the view renders as elements — never
 * raw HTML, whatever the text holds (a `<script>` is shown as the characters typed).
 *
 * - Paragraphs: separated by an empty line; a single line break inside one is kept.
 * - Lists: lines starting with "- " or "* " (bullets) or "1. " / "1) " (numbered; Arabic-Indic digits too).
 * - Code: a block between two lines of ``` (kept exactly, shown left to right); `code` inside a line.
 * - Bold: **words**.
 * - Links: [words](/path) to a page of Kafiil only (a path from the site's root). Anything else in the brackets is
 *   kept as the characters typed: no outside address becomes a link.
 * - Headings ("## " and "### "), only where the caller allows them (staff articles: `headings: true`).
 * - Quotes: lines starting with "> ".
 */
export type Inline =
  | { t: 'text'; v: string }
  | { t: 'code'; v: string }
  | { t: 'strong'; v: string }
  | { t: 'link'; href: string; v: string };

export type RichBlock =
  | { t: 'p'; c: Inline[][] }
  | { t: 'h2' | 'h3'; c: Inline[] }
  | { t: 'ul' | 'ol'; items: Inline[][] }
  | { t: 'code'; v: string }
  | { t: 'quote'; c: Inline[][] };

export interface RichTextOptions {
  /** "## " and "### " lines become headings (staff articles); otherwise they stay text. */
  headings?: boolean;
}

/** The longest link target kept as a link (a longer one is text). */
const HREF_MAX = 300;

/** A path of this site: from the root ("/services/12", "/help/withdrawals#fees"), not "//host" nor "/\\host". */
export function isSitePath(href: string): boolean {
  return /^\/(?![/\\])[^\s<>"'`\\]*$/.test(href) && href.length <= HREF_MAX;
}

const BULLET = /^\s*[-*]\s+(.*)$/;
const NUMBERED = /^\s*[0-9\u0660-\u0669]{1,3}[.)]\s+(.*)$/;
const HEADING = /^(#{2,3})\s+(.*)$/;
const QUOTE = /^\s*>\s?(.*)$/;
const FENCE = /^\s*```/;

/** One line's inline parts: `code`, **bold**, [words](/path); the rest is text. */
export function parseInline(line: string): Inline[] {
  const out: Inline[] = [];
  const push = (part: Inline) => {
    const last = out[out.length - 1];
    if (part.t === 'text' && last?.t === 'text') last.v += part.v;
    else if (part.t !== 'text' || part.v) out.push(part);
  };
  const re = /`([^`\n]+)`|\*\*([^*\n]+?)\*\*|\[([^\]\n]{1,200})\]\(([^)\s]{1,400})\)/g;
  let at = 0;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    push({ t: 'text', v: line.slice(at, m.index) });
    if (m[1] !== undefined) push({ t: 'code', v: m[1] });
    else if (m[2] !== undefined) push({ t: 'strong', v: m[2] });
    else if (isSitePath(m[4])) push({ t: 'link', href: m[4], v: m[3] });
    else push({ t: 'text', v: m[0] });
    at = m.index + m[0].length;
  }
  push({ t: 'text', v: line.slice(at) });
  return out;
}

/** The text parsed into blocks (see the file's comment). Line endings of any system; an empty text is no block. */
export function parseRichText(source: string, opts: RichTextOptions = {}): RichBlock[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: RichBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (!line.trim()) {
      i++;
      continue;
    }
    if (FENCE.test(line)) {
      const code: string[] = [];
      i++;
      while (i < lines.length && !FENCE.test(lines[i])) code.push(lines[i++]);
      i++; // the closing fence (or the end of the text)
      blocks.push({ t: 'code', v: code.join('\n') });
      continue;
    }
    const h = opts.headings ? HEADING.exec(line) : null;
    if (h) {
      blocks.push({ t: h[1].length === 2 ? 'h2' : 'h3', c: parseInline(h[2].trim()) });
      i++;
      continue;
    }
    const listKind = BULLET.test(line) ? 'ul' : NUMBERED.test(line) ? 'ol' : null;
    if (listKind) {
      const re = listKind === 'ul' ? BULLET : NUMBERED;
      const items: Inline[][] = [];
      for (let m = re.exec(lines[i] ?? ''); i < lines.length && m; m = re.exec(lines[i] ?? '')) {
        items.push(parseInline(m[1].trim()));
        i++;
      }
      blocks.push({ t: listKind, items });
      continue;
    }
    if (QUOTE.test(line)) {
      const c: Inline[][] = [];
      for (let m = QUOTE.exec(lines[i] ?? ''); i < lines.length && m && lines[i].trim(); m = QUOTE.exec(lines[i] ?? '')) {
        c.push(parseInline(m[1]));
        i++;
      }
      blocks.push({ t: 'quote', c });
      continue;
    }
    // A paragraph: up to an empty line or the start of another kind of block.
    const c: Inline[][] = [];
    while (
      i < lines.length &&
      lines[i].trim() &&
      !FENCE.test(lines[i]) &&
      !BULLET.test(lines[i]) &&
      !NUMBERED.test(lines[i]) &&
      !QUOTE.test(lines[i]) &&
      !(opts.headings && HEADING.test(lines[i]))
    ) {
      c.push(parseInline(lines[i].trim()));
      i++;
    }
    blocks.push({ t: 'p', c });
  }
  return blocks;
}

const inlineText = (parts: Inline[]) => parts.map((p) => p.v).join('');

/**
 * The text without its marks, blocks on lines of their own: for search text, excerpts, feeds, Open Graph
 * descriptions and mails.
 */
export function richTextPlain(source: string, opts: RichTextOptions = {}): string {
  return parseRichText(source, opts)
    .map((b) => {
      switch (b.t) {
        case 'p':
        case 'quote':
          return b.c.map(inlineText).join('\n');
        case 'h2':
        case 'h3':
          return inlineText(b.c);
        case 'ul':
        case 'ol':
          return b.items.map(inlineText).join('\n');
        default:
          // 'code', the last kind: a `default` so the callback returns on every path.
          return b.v;
      }
    })
    .join('\n\n');
}

/** The links the text makes (each a path of the site). */
export function richTextLinks(source: string, opts: RichTextOptions = {}): string[] {
  const out: string[] = [];
  const take = (parts: Inline[]) => {
    for (const p of parts) if (p.t === 'link') out.push(p.href);
  };
  for (const b of parseRichText(source, opts)) {
    if (b.t === 'p' || b.t === 'quote') b.c.forEach(take);
    else if (b.t === 'h2' || b.t === 'h3') take(b.c);
    else if (b.t === 'ul' || b.t === 'ol') b.items.forEach(take);
  }
  return out;
}
