import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import type { ViewCtx } from '../../platform/http/pages.ts';
import { isSitePath, parseRichText, richTextLinks, richTextPlain } from '../../platform/rich-text.ts';
import { RichText } from './rich-text.tsx';

const ctx = (locale: 'ar' | 'en'): ViewCtx =>
  ({
    locale,
    dir: locale === 'ar' ? 'rtl' : 'ltr',
    href: (p: string) => (locale === 'en' ? `/en${p}` : p),
    t: (k: string) => k,
  }) as ViewCtx;
const html = (source: string, o: { ugc?: boolean; headings?: boolean; locale?: 'ar' | 'en' } = {}) =>
  renderToString(<RichText c={ctx(o.locale ?? 'ar')} source={source} ugc={o.ugc} headings={o.headings} />);

describe('the simple formatting (platform/rich-text.ts, web/components/rich-text.tsx)', () => {
  it('makes paragraphs, line breaks, lists, code, quotes and bold', () => {
    const src =
      'سطر أول\nسطر ثانٍ\n\n- بند\n- بند **مهم**\n\n١. أولًا\n2) ثانيًا\n\n```\nconst x = 1;\n```\n\n> اقتباس\n\nاستخدم `npm test` هنا';
    expect(parseRichText(src).map((b) => b.t)).toEqual(['p', 'ul', 'ol', 'code', 'quote', 'p']);
    const out = html(src);
    expect(out).toContain('<p>سطر أول<br/>سطر ثانٍ</p>');
    expect(out).toContain('<li>بند <strong>مهم</strong></li>');
    expect(out).toMatch(/<ol[^>]*><li>أولًا<\/li><li>ثانيًا<\/li><\/ol>/);
    expect(out).toContain('<pre class="bg-base-200 rounded-box p-3 overflow-x-auto text-sm" dir="ltr"><code>const x = 1;</code></pre>');
    expect(out).toContain('اقتباس</blockquote>');
    expect(out).toContain('<code class="bg-base-200 rounded px-1 text-sm" dir="ltr">npm test</code>');
  });

  it('shows raw HTML and script as the characters typed, in text, code and link words alike', () => {
    const src = '<script>alert(1)</script> <img src=x onerror=alert(1)>\n\n```\n<b>x</b>\n```\n\n[<i>x</i>](/help) `<svg onload=alert(1)>`';
    const out = html(src);
    expect(out).not.toMatch(/<script|<img|<b>|<i>|<svg/);
    expect(out).toContain('&lt;script>alert(1)&lt;/script> &lt;img src=x onerror=alert(1)>');
    expect(out).toContain('<a class="link link-primary" href="/help">&lt;i>x&lt;/i></a>');
  });

  it('links only to the site’s own pages, in the page’s language, nofollow ugc when the writer is new', () => {
    expect(html('[المساعدة](/help/withdrawals#fees)', { locale: 'en' })).toContain('href="/en/help/withdrawals#fees"');
    expect(html('[x](/services)', { ugc: true })).toContain('href="/services" rel="nofollow ugc"');
    for (const bad of ['https://evil.example', '//evil.example', '/\\evil.example', 'javascript:alert(1)', '/a"onmouseover="x']) {
      expect(isSitePath(bad), bad).toBe(false);
      expect(html(`[اضغط](${bad})`), bad).not.toContain('<a');
    }
    expect(richTextLinks('[a](/x) و [b](https://y.example) و [c](/z)')).toEqual(['/x', '/z']);
  });

  it('makes headings only where allowed, and gives the plain text for search and excerpts', () => {
    expect(parseRichText('## عنوان\nنص').map((b) => b.t)).toEqual(['p']);
    expect(parseRichText('## عنوان\nنص', { headings: true }).map((b) => b.t)).toEqual(['h2', 'p']);
    expect(html('### فرعي', { headings: true })).toContain('<h3 class="text-lg font-bold mt-3">فرعي</h3>');
    expect(richTextPlain('**سحب** الرصيد\n\n- عبر [PayPal](/help/paypal)')).toBe('سحب الرصيد\n\nعبر PayPal');
    expect(parseRichText('  \n\n ')).toEqual([]);
  });
});
