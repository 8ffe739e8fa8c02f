import { describe, expect, it } from 'vitest';
import { scanContacts } from '../trust/index.ts';
import {
  BEST_LIKE_WEIGHT,
  bestScore,
  blockedHost,
  IMAGES_MAX,
  linkProblem,
  linkText,
  MARKETPLACE_HOSTS,
  MESSAGING_HOSTS,
  OWNER_ACTIONS,
  ownerMay,
  type WorkDraft,
  workProblems,
} from './rules.ts';

const good: WorkDraft = {
  title: 'هوية بصرية لمقهى في جدة',
  description: 'صممت الشعار والألوان والخطوط وأكواب القهوة واللافتة، مع دليل استخدام للهوية.',
  categoryId: 12,
  skills: ['شعار', 'هوية بصرية'],
  imageIds: [1, 2],
  link: 'https://www.behance.net/gallery/123/cafe',
  orderId: null,
};

describe('work rules', () => {
  it.each([
    ['a good work', {}, {}],
    ['a title of 9 characters', { title: 'شعار جميل' }, { title: 'work.title_length' }],
    ['a title of exactly 10', { title: 'شعار مقهى!' }, {}],
    ['a title of 101', { title: 'ش'.repeat(101) }, { title: 'work.title_length' }],
    ['a description of 29', { description: 'و'.repeat(29) }, { description: 'work.description_length' }],
    ['a description of 5001', { description: 'و'.repeat(5001) }, { description: 'work.description_length' }],
    ['no category', { categoryId: null }, { categoryId: 'work.category_required' }],
    ['a top category', { categoryId: 12 }, { categoryId: 'work.category_invalid' }, false],
    ['eleven skills', { skills: Array.from({ length: 11 }, (_, i) => `مهارة ${i}`) }, { skills: 'work.skills_invalid' }],
    ['a skill of 31 characters', { skills: ['م'.repeat(31)] }, { skills: 'work.skills_invalid' }],
    ['no image', { imageIds: [] }, { images: 'work.image_required' }],
    ['a cover and ten more', { imageIds: Array.from({ length: IMAGES_MAX }, (_, i) => i + 1) }, {}],
    ['a cover and eleven more', { imageIds: Array.from({ length: IMAGES_MAX + 1 }, (_, i) => i + 1) }, { images: 'work.too_many_images' }],
    ['a malformed image id', { imageIds: [Number.NaN] }, { images: 'work.image_invalid' }],
    ['a link to WhatsApp', { link: 'https://wa.me/966500000000' }, { link: 'work.link_messaging' }],
    ['a link to another marketplace', { link: 'https://www.fiverr.com/ali' }, { link: 'work.link_marketplace' }],
    ['a malformed order id', { orderId: Number.NaN }, { orderId: 'work.order_not_yours' }],
  ] as [string, Partial<WorkDraft>, Record<string, string>, boolean?][])('%s', (_name, change, expected, leaf = true) => {
    expect(workProblems({ ...good, ...change }, 'publish', leaf)).toEqual(expected);
  });

  it('keeps a draft to what could never be saved: no minimums, but a title and the upper limits', () => {
    const bare = { ...good, title: 'شعار', description: '', categoryId: null, imageIds: [] };
    expect(workProblems(bare, 'draft', false)).toEqual({});
    expect(workProblems({ ...bare, title: '' }, 'draft', false)).toEqual({ title: 'work.title_length' });
    expect(workProblems({ ...bare, imageIds: Array.from({ length: 12 }, (_, i) => i + 1) }, 'draft', false)).toEqual({
      images: 'work.too_many_images',
    });
  });

  it.each([
    ['https://www.behance.net/gallery/123/cafe', null],
    ['http://example.com', null],
    ['https://my-studio.sa/projects/cafe?lang=ar#top', null],
    ['https://github.com/ali/app', null],
    ['https://dribbble.com/shots/1', null],
    ['ftp://example.com/file', 'work.link_scheme'],
    ['javascript:alert(1)', 'work.link_scheme'],
    ['mailto:ali@example.com', 'work.link_scheme'],
    ['tel:+966500000000', 'work.link_scheme'],
    ['example.com/work', 'work.link_invalid'],
    ['https://user:pass@example.com', 'work.link_invalid'],
    ['https://192.168.1.10/work', 'work.link_invalid'],
    ['https://[::1]/work', 'work.link_invalid'],
    ['https://localhost/work', 'work.link_invalid'],
    ['https://example.com/a b', 'work.link_invalid'],
    [`https://example.com/${'a'.repeat(500)}`, 'work.link_invalid'],
    ['https://wa.me/966500000000', 'work.link_messaging'],
    ['https://chat.whatsapp.com/AbCd', 'work.link_messaging'],
    ['https://t.me/ali_design', 'work.link_messaging'],
    ['https://TELEGRAM.ME/ali', 'work.link_messaging'],
    ['https://m.me/ali', 'work.link_messaging'],
    ['https://www.instagram.com/ali.design/', 'work.link_messaging'],
    ['https://discord.gg/abc', 'work.link_messaging'],
    ['https://linktr.ee/ali', 'work.link_messaging'],
    ['https://mostaql.com/u/ali', 'work.link_marketplace'],
    ['https://khamsat.com/user/ali', 'work.link_marketplace'],
    ['https://www.upwork.com/freelancers/~01', 'work.link_marketplace'],
    ['https://ali.etsy.com', 'work.link_marketplace'],
    ['https://paypal.me/ali', 'work.link_marketplace'],
    ['https://ali-store.myshopify.com/', 'work.link_marketplace'],
    ['https://salla.sa/ali', 'work.link_marketplace'],
    // A host that only starts like a listed one is another site.
    ['https://wa.me.example.com/', null],
    ['https://notfiverr.com/', null],
  ] as const)('the link %s: %s', (link, expected) => {
    expect(linkProblem(link)).toBe(expected);
  });

  it('lists each host once and on one list only', () => {
    const all = [...MESSAGING_HOSTS, ...MARKETPLACE_HOSTS];
    expect(new Set(all).size).toBe(all.length);
    for (const h of MESSAGING_HOSTS) expect(blockedHost(h)).toBe('messaging');
    for (const h of MARKETPLACE_HOSTS) expect(blockedHost(h)).toBe('marketplace');
    expect(blockedHost('sub.WA.ME.')).toBe('messaging');
  });

  it('hands the contact guard what follows the host, decoded: a phone or an e-mail there is found', () => {
    expect(linkText('https://example.com/contact/0501234567')).toBe('contact 0501234567');
    expect(linkText('https://example.com/?mail=ali%40example.com')).toBe('mail ali@example.com');
    expect(linkText('https://example.com/%E0%A4%A')).toBe('%E0%A4%A');
    expect(scanContacts(linkText('https://example.com/contact/0501234567')).contact).toBe(true);
    expect(scanContacts(linkText('https://example.com/?mail=ali%40example.com')).contact).toBe(true);
    expect(scanContacts(linkText('https://www.behance.net/gallery/123/cafe-branding')).contact).toBe(false);
    expect(scanContacts(linkText('https://my-studio.sa/projects/2024/logo-design?lang=ar')).contact).toBe(false);
  });

  it.each([
    ['draft', 'publish', true],
    ['draft', 'hide', false],
    ['published', 'hide', true],
    ['published', 'publish', false],
    ['hidden', 'publish', true],
    ['hidden', 'edit', true],
    ['deleted', 'edit', false],
    ['deleted', 'delete', false],
    ['published', 'delete', true],
  ] as const)('a %s work may be asked to %s: %s', (status, action, may) => {
    expect(ownerMay(status, action)).toBe(may);
  });

  it('lets nothing happen to a deleted work and deletes anything else', () => {
    expect(OWNER_ACTIONS.deleted).toEqual([]);
    for (const s of ['draft', 'published', 'hidden'] as const) expect(ownerMay(s, 'delete')).toBe(true);
  });

  it('scores "best" from likes and views, a like worth BEST_LIKE_WEIGHT views', () => {
    expect(bestScore(0, 0)).toBe(0);
    expect(bestScore(1, 0)).toBe(BEST_LIKE_WEIGHT);
    expect(bestScore(2, 10)).toBe(2 * BEST_LIKE_WEIGHT + 10);
    expect(bestScore(1, 0) > bestScore(0, BEST_LIKE_WEIGHT - 1)).toBe(true);
  });
});
