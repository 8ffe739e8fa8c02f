import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../platform/container.ts';
import type { Deps } from '../../platform/deps.ts';
import { imageUrl } from '../../platform/files.ts';
import { errorResponses as errors } from '../../platform/http/api-schemas.ts';
import { BLOG_CATEGORIES, excerptOf, languagesOf, PAGE_SIZE, SLUG_MAX } from './rules.ts';
import type { BlogArticleRow } from './schema.ts';

const Lang = Type.Union([Type.Literal('ar'), Type.Literal('en')]);
const Cover = Type.Union([Type.Object({ url: Type.String(), thumbUrl: Type.String() }), Type.Null()]);
const Summary = {
  slug: Type.String(),
  category: Type.String({ description: BLOG_CATEGORIES.join(' | ') }),
  languages: Type.Array(Lang, { description: 'the languages the article is written in' }),
  titleAr: Type.Union([Type.String(), Type.Null()]),
  titleEn: Type.Union([Type.String(), Type.Null()]),
  excerptAr: Type.Union([Type.String(), Type.Null()], { description: 'the first words of the Arabic body, plain text' }),
  excerptEn: Type.Union([Type.String(), Type.Null()]),
  cover: Cover,
  url: Type.String({ description: 'the article’s page (the Arabic address; `/en/…` for English)' }),
  publishedAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
};
const Article = Type.Object({
  ...Summary,
  bodyAr: Type.Union([Type.String(), Type.Null()], {
    description: 'the Arabic body in the site’s simple formatting (paragraphs, "## " headings, lists, **bold**, [links](/path))',
  }),
  bodyEn: Type.Union([Type.String(), Type.Null()]),
});

/** The blog's part of the public API (API.md "Community and content"): public reads only; staff write on the pages. */
export function blogApi(app: FastifyInstance, services: Services, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { blog } = services;

  const summaries = async (rows: BlogArticleRow[]) => {
    const covers = await blog.coversOf(rows);
    return rows.map((a) => summaryOf(a, a.coverFileId ? (covers.get(a.coverFileId) ?? null) : null));
  };
  const summaryOf = (a: BlogArticleRow, cover: string | null) => {
    const langs = languagesOf(a);
    return {
      slug: a.slug,
      category: a.category,
      languages: langs,
      titleAr: langs.includes('ar') ? a.titleAr : null,
      titleEn: langs.includes('en') ? a.titleEn : null,
      excerptAr: langs.includes('ar') ? excerptOf(a.bodyAr) : null,
      excerptEn: langs.includes('en') ? excerptOf(a.bodyEn) : null,
      cover: cover
        ? { url: `${deps.config.baseUrl}${imageUrl(cover)}`, thumbUrl: `${deps.config.baseUrl}${imageUrl(cover, 'thumb')}` }
        : null,
      url: `${deps.config.baseUrl}/blog/${a.slug}`,
      publishedAt: (a.publishAt ?? a.createdAt).toISOString(),
      updatedAt: a.updatedAt.toISOString(),
    };
  };

  api.get(
    '/api/v1/blog',
    {
      schema: {
        tags: ['blog'],
        summary: 'List the published blog articles, newest first',
        description:
          '`lang`: the articles written in that language (by default the `Accept-Language` one: `ar` unless it starts with `en`); an article written in one language only is listed in that one. `category`: one of ' +
          `${BLOG_CATEGORIES.map((k) => `\`${k}\``).join(', ')}. \`q\`: words that must all appear (titles and bodies, compared as normalised Arabic: hamza, ta marbuta and diacritics do not matter). Pages: pass \`nextCursor\` back as \`cursor\`. Drafts and articles scheduled for later are never listed.`,
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 200 })),
          category: Type.Optional(Type.Union(BLOG_CATEGORIES.map((k) => Type.Literal(k)))),
          lang: Type.Optional(Lang),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: PAGE_SIZE })),
          cursor: Type.Optional(Type.String({ pattern: '^\\d{1,15}\\.\\d{1,15}$', maxLength: 40 })),
        }),
        response: {
          200: Type.Object({ items: Type.Array(Type.Object(Summary)), nextCursor: Type.Union([Type.String(), Type.Null()]) }),
          ...errors,
        },
      },
    },
    async (req) => {
      const q = req.query;
      const r = await blog.list({ lang: q.lang ?? req.locale, category: q.category, q: q.q, cursor: q.cursor, limit: q.limit });
      return { items: await summaries(r.items), nextCursor: r.nextCursor };
    },
  );

  api.get(
    '/api/v1/blog/:slug',
    {
      schema: {
        tags: ['blog'],
        summary: 'One published blog article by its slug, with its bodies',
        description: 'A draft, an article scheduled for later, or an unknown slug: `blog.not_found` (404).',
        params: Type.Object({ slug: Type.String({ maxLength: SLUG_MAX }) }),
        response: { 200: Article, ...errors },
      },
    },
    async (req) => {
      // The API reads no cookie: staff previews are on the pages, so the API shows public articles only.
      const a = await blog.bySlug(req.params.slug, null);
      const covers = await blog.coversOf([a]);
      const langs = languagesOf(a);
      return {
        ...summaryOf(a, a.coverFileId ? (covers.get(a.coverFileId) ?? null) : null),
        bodyAr: langs.includes('ar') ? a.bodyAr : null,
        bodyEn: langs.includes('en') ? a.bodyEn : null,
      };
    },
  );
}
