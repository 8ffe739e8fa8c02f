import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../platform/container.ts';
import { bearer, errorResponses as errors } from '../../platform/http/api-schemas.ts';
import { requireUser } from '../../platform/http/pages.ts';
import { richTextPlain } from '../../platform/rich-text.ts';
import { CURSOR_MAX } from '../../platform/search/index.ts';
import { shorten } from '../../platform/text.ts';
import { HELP_TOPICS } from './rules.ts';

const Topic = Type.Union(
  HELP_TOPICS.map((t) => Type.Literal(t)),
  { description: HELP_TOPICS.join(' | ') },
);
const Both = Type.Object({ ar: Type.String(), en: Type.String() });
const Summary = {
  slug: Type.String(),
  topic: Type.String(),
  title: Both,
  excerpt: Both,
  url: Type.String({ description: 'the article’s page (Arabic; English under /en)' }),
  publishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  updatedAt: Type.String({ format: 'date-time' }),
};
const Article = Type.Object({
  ...Summary,
  body: Type.Object(
    { ar: Type.String(), en: Type.String() },
    { description: 'the site’s simple formatting (paragraphs, "## " headings, "- " lists, **bold**, [text](/path) links to Kafiil)' },
  ),
  yourVote: Type.Union([Type.Boolean(), Type.Null()], { description: 'your answer to “was this helpful?” (null: none, or no token)' }),
});
const SlugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 200 }) });

type Row = {
  slug: string;
  topic: string;
  titleAr: string;
  titleEn: string;
  bodyAr: string;
  bodyEn: string;
  publishAt: Date | null;
  updatedAt: Date;
};
const excerpt = (body: string) => shorten(richTextPlain(body, { headings: true }).replace(/\s+/g, ' ').trim(), 200);
const summary = (a: Row) => ({
  slug: a.slug,
  topic: a.topic,
  title: { ar: a.titleAr, en: a.titleEn },
  excerpt: { ar: excerpt(a.bodyAr), en: excerpt(a.bodyEn) },
  url: `/help/articles/${a.slug}`,
  publishedAt: a.publishAt?.toISOString() ?? null,
  updatedAt: a.updatedAt.toISOString(),
});

/** The help centre in the public API (API.md "Community and content": `/api/v1/help`). */
export function helpApi(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { help } = services;

  api.get(
    '/api/v1/help/topics',
    {
      schema: {
        tags: ['help'],
        summary: 'The help centre’s topics in their order, with their published articles’ count',
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({ slug: Type.String(), articlesCount: Type.Integer() })),
          }),
        },
      },
    },
    async () => {
      const groups = await help.byTopic();
      return { items: HELP_TOPICS.map((slug) => ({ slug, articlesCount: groups.find((g) => g.topic === slug)?.articles.length ?? 0 })) };
    },
  );

  api.get(
    '/api/v1/help',
    {
      schema: {
        tags: ['help'],
        summary: 'Published help articles: a topic’s in their order, or those matching `q` by relevance',
        description:
          'The search is the site’s Arabic-aware one: letter forms (أ إ آ ا, ة ه, ى ي) and diacritics do not matter, an Arabic word is found with or without «ال», the admin’s synonyms count, and a query that finds less than a page is widened to the known words closest to its words (typos). Pages: `nextCursor` → `cursor`.',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 2000 })),
          topic: Type.Optional(Topic),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
          cursor: Type.Optional(Type.String({ maxLength: CURSOR_MAX })),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object(Summary)),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
            total: Type.Object({ n: Type.Integer(), capped: Type.Boolean(), estimated: Type.Boolean() }),
          }),
          400: errors[400],
        },
      },
    },
    async (req) => {
      const r = await help.search({ q: req.query.q, topic: req.query.topic, limit: req.query.limit ?? 20, cursor: req.query.cursor });
      return { items: r.items.map(summary), nextCursor: r.nextCursor, total: r.total };
    },
  );

  api.get(
    '/api/v1/help/:slug',
    {
      schema: {
        tags: ['help'],
        summary: 'One help article, in both languages',
        description: 'A draft or a scheduled article is `help.not_found` (404) but for staff with the `content` permission.',
        security: bearer,
        params: SlugParams,
        response: { 200: Article, 404: errors[404] },
      },
    },
    async (req) => {
      const a = await help.article(req.params.slug, req.user ?? null);
      const yourVote = req.user ? await help.voteOf(a.id, `u:${req.user.id}`) : null;
      return { ...summary(a), body: { ar: a.bodyAr, en: a.bodyEn }, yourVote };
    },
  );

  api.put(
    '/api/v1/help/:slug/vote',
    {
      schema: {
        tags: ['help'],
        summary: 'Say whether a published article helped you (again: your answer changes)',
        description:
          'One answer per person and article, however many requests arrive at once; the counts are for staff. When it did not help, `POST /api/v1/tickets` opens a complaint. An article the public does not see: `help.not_found` (404).',
        security: bearer,
        params: SlugParams,
        body: Type.Object({ helpful: Type.Boolean() }),
        response: { 200: Type.Object({ helpful: Type.Boolean() }), ...errors },
      },
    },
    async (req) => {
      const user = requireUser(req);
      return help.vote(req.params.slug, `u:${user.id}`, req.body.helpful);
    },
  );
}
