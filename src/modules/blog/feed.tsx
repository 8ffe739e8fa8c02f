import { renderToString } from 'preact-render-to-string';
import { imageUrl } from '../../platform/files.ts';
import type { ViewCtx } from '../../platform/http/pages.ts';
import { RichText } from '../../web/components/rich-text.tsx';
import { excerptOf, versionOf } from './rules.ts';
import type { BlogArticleRow } from './schema.ts';

/** Text as XML character data or an attribute value: markup escaped, and characters XML 1.0 forbids dropped. */
export function xmlEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    // XML 1.0 allows tab, line feed and carriage return below U+0020, and neither U+FFFE nor U+FFFF.
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0xfffe || code === 0xffff) continue;
    out += ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : ch === '"' ? '&quot;' : ch === "'" ? '&apos;' : ch;
  }
  return out;
}

interface FeedInput {
  c: ViewCtx;
  baseUrl: string;
  items: BlogArticleRow[];
  covers: Map<number, string>;
  /** The newest change among the items (or now when there is none). */
  updated: Date;
}

const articleUrl = (f: FeedInput, slug: string) => `${f.baseUrl}${f.c.href(`/blog/${slug}`)}`;

/**
 * The blog's Atom feed (RFC 4287) in the page's language: each public article with its title, address, dates,
 * category, the first words as the summary, and the body as HTML made by the site's own formatting (RichText:
 * nothing typed becomes markup) and then escaped once more as the feed's text.
 */
export function atomFeed(f: FeedInput): string {
  const { c } = f;
  const self = `${f.baseUrl}${c.href('/blog/feed.xml')}`;
  const site = `${f.baseUrl}${c.href('/blog')}`;
  const entries = f.items.map((a) => {
    const v = versionOf(a, c.locale);
    const url = articleUrl(f, a.slug);
    const html = renderToString(<RichText c={c} source={v.body} headings />);
    const cover = a.coverFileId ? f.covers.get(a.coverFileId) : undefined;
    return [
      '  <entry>',
      `    <id>${xmlEscape(url)}</id>`,
      `    <title type="text">${xmlEscape(v.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${xmlEscape(url)}"/>`,
      cover ? `    <link rel="enclosure" type="image/webp" href="${xmlEscape(`${f.baseUrl}${imageUrl(cover)}`)}"/>` : null,
      `    <published>${(a.publishAt ?? a.createdAt).toISOString()}</published>`,
      `    <updated>${a.updatedAt.toISOString()}</updated>`,
      `    <author><name>${xmlEscape(c.t('site.name'))}</name></author>`,
      `    <category term="${xmlEscape(a.category)}" label="${xmlEscape(c.t(`blog.category.${a.category}`))}"/>`,
      `    <summary type="text">${xmlEscape(excerptOf(v.body, 300))}</summary>`,
      `    <content type="html" xml:base="${xmlEscape(f.baseUrl)}">${xmlEscape(html)}</content>`,
      '  </entry>',
    ]
      .filter((l) => l !== null)
      .join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${c.locale}">`,
    `  <id>${xmlEscape(site)}</id>`,
    `  <title type="text">${xmlEscape(c.t('blog.feed_title'))}</title>`,
    `  <subtitle type="text">${xmlEscape(c.t('blog.intro'))}</subtitle>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlEscape(self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlEscape(site)}"/>`,
    `  <updated>${f.updated.toISOString()}</updated>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}

/** The same articles as RSS 2.0 (title, link, date, category and the first words), for readers that want RSS. */
export function rssFeed(f: FeedInput): string {
  const { c } = f;
  const site = `${f.baseUrl}${c.href('/blog')}`;
  const items = f.items.map((a) => {
    const v = versionOf(a, c.locale);
    const url = articleUrl(f, a.slug);
    return [
      '    <item>',
      `      <title>${xmlEscape(v.title)}</title>`,
      `      <link>${xmlEscape(url)}</link>`,
      `      <guid isPermaLink="true">${xmlEscape(url)}</guid>`,
      `      <pubDate>${(a.publishAt ?? a.createdAt).toUTCString()}</pubDate>`,
      `      <category>${xmlEscape(c.t(`blog.category.${a.category}`))}</category>`,
      `      <description>${xmlEscape(excerptOf(v.body, 300))}</description>`,
      '    </item>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '  <channel>',
    `    <title>${xmlEscape(c.t('blog.feed_title'))}</title>`,
    `    <link>${xmlEscape(site)}</link>`,
    `    <description>${xmlEscape(c.t('blog.intro'))}</description>`,
    `    <language>${c.locale}</language>`,
    `    <atom:link rel="self" type="application/rss+xml" href="${xmlEscape(`${f.baseUrl}${c.href('/blog/rss.xml')}`)}"/>`,
    `    <lastBuildDate>${f.updated.toUTCString()}</lastBuildDate>`,
    ...items,
    '  </channel>',
    '</rss>',
    '',
  ].join('\n');
}
