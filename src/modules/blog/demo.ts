import type { Services } from '../../platform/container.ts';
import { DEMO_ARTICLES } from './demo-articles.ts';
import { BLOG_COVER } from './rules.ts';

const DAY_MS = 86_400_000;

/**
 * The demo blog: the seed page's four articles, published through the blog service (audited like any staff write)
 * by the demo admin, each with a generated cover re-encoded by the files service. Idempotent: an article whose slug
 * exists is left as it is, so running it again adds only what is missing. Returns the slugs it added.
 */
export async function seedDemoBlog(
  services: Services,
  opts: { author: { id: number; roles: readonly string[] }; image?: (palette: string, seed: number) => Promise<Buffer>; now: Date },
): Promise<string[]> {
  const { blog, files } = services;
  const existing = await blog.slugsExisting(DEMO_ARTICLES.map((a) => a.slug));
  const added: string[] = [];
  for (const [i, a] of DEMO_ARTICLES.entries()) {
    if (existing.has(a.slug)) continue;
    const cover = opts.image
      ? await files.saveImage(opts.author.id, { name: `${a.slug}.jpg`, bytes: await opts.image(a.coverPalette, 5000 + i) }, BLOG_COVER)
      : null;
    try {
      await blog.create(
        opts.author,
        {
          slug: a.slug,
          category: a.category,
          titleAr: a.titleAr,
          bodyAr: a.bodyAr,
          titleEn: a.titleEn,
          bodyEn: a.bodyEn,
          publishAt: new Date(opts.now.getTime() - a.daysAgo * DAY_MS).toISOString(),
        },
        { publish: true, coverFileId: cover?.id ?? null },
      );
    } catch (err) {
      if (cover) await files.remove(opts.author.id, [cover.id]);
      throw err;
    }
    added.push(a.slug);
  }
  return added;
}
