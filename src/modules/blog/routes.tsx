import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../platform/container.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { queryOne as one } from '../../platform/http/listing.ts';
import { page, sendHtml, viewCtx } from '../../platform/http/pages.ts';
import { blogAdminPages } from './admin-routes.tsx';
import { atomFeed, rssFeed } from './feed.tsx';
import { mayWriteArticles } from './policy.ts';
import { articleState, CURSOR_RE, isBlogCategory, SLUG_MAX } from './rules.ts';
import { ArticlePage, BlogListPage } from './views.tsx';

/** How many articles a feed carries (the newest). */
const FEED_SIZE = 20;

/**
 * The blog's public pages: the list (`/blog`, newest first, by category, by words, a keyset page at a time), an
 * article (`/blog/{slug}`: public once published and its time reached; a draft or a scheduled article is a 404 for
 * everyone but its writers, who see it as a preview), and the Atom and RSS feeds of each language
 * (`/blog/feed.xml`, `/blog/rss.xml`, and under /en). Staff pages: admin-routes.tsx.
 */
export function blogPages(app: FastifyInstance, services: Services, deps: Deps): void {
  const { blog } = services;
  const baseUrl = deps.config.baseUrl;

  page(app, 'GET', '/blog', async (req, reply) => {
    const query = (req.query ?? {}) as Record<string, unknown>;
    const cat = one(query.category);
    const category = isBlogCategory(cat) ? cat : null;
    const q = one(query.q).replace(/\s+/g, ' ').trim().slice(0, 200);
    const raw = one(query.cursor);
    const cursor = CURSOR_RE.test(raw) ? raw : undefined;
    const [list, counts] = await Promise.all([
      blog.list({ lang: req.locale, category: category ?? undefined, q: q || undefined, cursor }),
      blog.categoryCounts(req.locale),
    ]);
    const covers = await blog.coversOf(list.items);
    return sendHtml(
      reply,
      <BlogListPage
        c={viewCtx(req)}
        baseUrl={baseUrl}
        category={category}
        q={q}
        counts={counts}
        items={list.items}
        covers={covers}
        nextCursor={list.nextCursor}
      />,
    );
  });

  const feed = async (req: FastifyRequest) => {
    const { items } = await blog.list({ lang: req.locale, limit: FEED_SIZE });
    const updated = items.length ? new Date(Math.max(...items.map((a) => a.updatedAt.getTime()))) : deps.clock();
    return { c: viewCtx(req), baseUrl, items, covers: await blog.coversOf(items), updated };
  };
  page(app, 'GET', '/blog/feed.xml', async (req, reply) =>
    reply
      .header('content-type', 'application/atom+xml; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(atomFeed(await feed(req))),
  );
  page(app, 'GET', '/blog/rss.xml', async (req, reply) =>
    reply
      .header('content-type', 'application/rss+xml; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(rssFeed(await feed(req))),
  );

  page(app, 'GET', '/blog/:slug', async (req, reply) => {
    const slug = (req.params as { slug: string }).slug;
    if (slug.length > SLUG_MAX) throw new AppError('blog.not_found');
    const a = await blog.bySlug(slug, req.user);
    const [related, covers] = await Promise.all([blog.related(a, req.locale), blog.coversOf([a])]);
    const relatedCovers = await blog.coversOf(related);
    return sendHtml(
      reply,
      <ArticlePage
        c={viewCtx(req)}
        baseUrl={baseUrl}
        a={a}
        state={articleState(a, deps.clock())}
        cover={a.coverFileId ? (covers.get(a.coverFileId) ?? null) : null}
        related={related}
        covers={relatedCovers}
        canWrite={mayWriteArticles(req.user)}
      />,
    );
  });

  blogAdminPages(app, services, deps);
}
