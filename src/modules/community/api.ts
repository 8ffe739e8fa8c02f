import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../platform/container.ts';
import { bearer, errorResponses as errors, Id, IdParams } from '../../platform/http/api-schemas.ts';
import { requireUser } from '../../platform/http/pages.ts';
import { originOf } from '../../platform/http/request.ts';
import { CURSOR_MAX } from '../../platform/search/index.ts';
import {
  CommentBody,
  Created,
  Edited,
  iso,
  Section,
  sectionOut,
  Topic,
  TopicBody,
  TopicList,
  TopicPatch,
  threadOut,
  topicItemOut,
  Votes,
} from './api-shapes.ts';
import {
  COMMENT_MOD_ACTIONS,
  TOPIC_MOD_ACTIONS,
  TOPIC_SORTS,
  type TopicModAction,
  type TopicType,
  topicPath,
  VOTE_TARGETS,
} from './rules.ts';

const REFUSALS =
  'Refusals: field problems (400 `validation.failed` with `errors[]`: `community.title_length`, `community.body_length`, `community.comment_length`, `community.skills_invalid`, `community.section_required`; contact details are `trust.contact_info`, recorded); `community.topic_locked` (409: a locked topic takes no comment, answer or edit), `community.topic_closed` (409: hidden or deleted), `community.forbidden` (403: someone else’s text), `community.section_staff_only` (422), `community.daily_limit_topic` / `community.daily_limit_comment` (429: an account younger than 24 hours or without a verified mail writes 3 topics and 20 comments a day), `trust.sanctioned_posting` (403).';

/**
 * The community's and the question bank's JSON API (API.md "Community and content"): `/api/v1/community/…` for
 * topics, comments, votes, follows and moderation; `/api/v1/questions/…` the same machinery for questions (answers,
 * the accepted answer, the unanswered list).
 */
export function communityApi(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { community } = services;
  const { topics, comments, engagement } = community;

  async function topicOut(req: FastifyRequest, id: number) {
    const viewer = req.user ?? null;
    const t = await topics.get(id, viewer);
    const [thread, sections, following, topicVoted] = await Promise.all([
      comments.thread(viewer, t.id),
      community.allSections(),
      engagement.isFollowing(viewer?.id ?? null, t.id),
      engagement.votedBy(viewer?.id ?? null, 'topic', [t.id]),
    ]);
    const rows = thread.flatMap((th) => [th.comment, ...th.replies]);
    const [people, voted] = await Promise.all([
      community.people([t.authorId, ...rows.map((r) => r.authorId)]),
      engagement.votedBy(
        viewer?.id ?? null,
        'comment',
        rows.map((r) => r.id),
      ),
    ]);
    const base = topicItemOut(t, people, new Map(sections.map((s) => [s.id, s])), req.locale, topicPath(t));
    const list = threadOut(thread, t, people, voted);
    return {
      ...base,
      body: t.body,
      status: t.status,
      voted: topicVoted.has(t.id),
      following,
      editedAt: iso(t.editedAt),
      ...(t.type === 'question' ? { answers: list } : { comments: list }),
    };
  }

  async function listOut(
    req: FastifyRequest,
    q: {
      type: TopicType;
      q?: string;
      section?: string;
      skill?: string;
      unanswered?: boolean;
      sort?: string;
      limit?: number;
      cursor?: string;
    },
  ) {
    const none = { items: [], nextCursor: null, total: { n: 0, capped: false, estimated: false } };
    const sections = await community.allSections();
    let sectionId: number | undefined;
    if (q.section) {
      const s = sections.find((x) => x.slug === q.section || String(x.id) === q.section);
      if (!s) return none;
      sectionId = s.id;
    }
    const r = await community.search({
      type: q.type,
      q: q.q,
      sectionId,
      skill: q.skill,
      unanswered: q.unanswered,
      sort: (q.sort as (typeof TOPIC_SORTS)[number]) ?? 'active',
      limit: q.limit ?? 20,
      cursor: q.cursor,
    });
    const people = await community.people(r.items.map((t) => t.authorId));
    const bySection = new Map(sections.map((s) => [s.id, s]));
    return {
      items: r.items.map((t) => topicItemOut(t, people, bySection, req.locale, topicPath(t))),
      nextCursor: r.nextCursor,
      total: r.total,
    };
  }

  const listQuery = {
    q: Type.Optional(Type.String({ maxLength: 2000 })),
    sort: Type.Optional(
      Type.Union(
        TOPIC_SORTS.map((s) => Type.Literal(s)),
        { description: '`active` (the default: latest comment first), `newest`, `votes`' },
      ),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(Type.String({ maxLength: CURSOR_MAX })),
  };

  api.get(
    '/api/v1/community/sections',
    {
      schema: {
        tags: ['community'],
        summary: 'The community’s sections, in their order',
        response: { 200: Type.Object({ items: Type.Array(Section) }) },
      },
    },
    async (req) => ({ items: (await community.sections.all({ listed: true })).map((s) => sectionOut(s, req.locale)) }),
  );

  api.get(
    '/api/v1/community/topics',
    {
      schema: {
        tags: ['community'],
        summary: 'Search and list visible topics (`type=question`: the question bank)',
        description:
          'Arabic-aware full text as elsewhere (forms, synonyms, typos). `section`: an id or slug. Pages: pass `nextCursor` back as `cursor`.',
        querystring: Type.Object({
          ...listQuery,
          section: Type.Optional(Type.String({ maxLength: 60 })),
          type: Type.Optional(Type.Union([Type.Literal('discussion'), Type.Literal('question')])),
        }),
        response: { 200: TopicList, 400: errors[400] },
      },
    },
    async (req) => listOut(req, { ...req.query, type: req.query.type ?? 'discussion' }),
  );

  api.get(
    '/api/v1/questions',
    {
      schema: {
        tags: ['questions'],
        summary: 'Search and list the question bank; `unanswered=true`: the questions without an answer',
        querystring: Type.Object({
          ...listQuery,
          skill: Type.Optional(Type.String({ maxLength: 200 })),
          unanswered: Type.Optional(Type.Boolean()),
        }),
        response: { 200: TopicList, 400: errors[400] },
      },
    },
    async (req) => listOut(req, { ...req.query, type: 'question' }),
  );

  api.post(
    '/api/v1/community/topics',
    {
      schema: {
        tags: ['community'],
        summary: 'Open a topic in a section (`type: "question"` asks a question; its section is optional)',
        description: REFUSALS,
        security: bearer,
        body: Type.Object({
          ...TopicBody.properties,
          sectionId: Type.Optional(Type.Union([Id(), Type.Null()])),
          type: Type.Optional(Type.Union([Type.Literal('discussion'), Type.Literal('question')])),
        }),
        response: { 201: Created, ...errors },
      },
    },
    async (req, reply) => {
      const t = await topics.create(requireUser(req), req.body, req.body.type ?? 'discussion');
      return reply.status(201).send({ id: t.id });
    },
  );

  api.post(
    '/api/v1/questions',
    {
      schema: {
        tags: ['questions'],
        summary: 'Ask a question (tagged by skills)',
        description: REFUSALS,
        security: bearer,
        body: TopicBody,
        response: { 201: Created, ...errors },
      },
    },
    async (req, reply) => {
      const t = await topics.create(requireUser(req), req.body, 'question');
      return reply.status(201).send({ id: t.id });
    },
  );

  for (const [prefix, tag] of [
    ['/api/v1/community/topics', 'community'],
    ['/api/v1/questions', 'questions'],
  ] as const) {
    api.get(
      `${prefix}/:id`,
      {
        schema: {
          tags: [tag],
          summary: 'One topic or question with its comments (or answers), each with its replies',
          description:
            'A hidden topic is `community.topic_not_found` (404) except for its author and moderators; a deleted one for moderators only.',
          params: IdParams,
          response: { 200: Topic, ...errors },
        },
      },
      async (req) => topicOut(req, req.params.id),
    );

    api.patch(
      `${prefix}/:id`,
      {
        schema: {
          tags: [tag],
          summary: 'Edit your topic or question (fields left out keep their value)',
          description: REFUSALS,
          security: bearer,
          params: IdParams,
          body: TopicPatch,
          response: { 200: Edited, ...errors },
        },
      },
      async (req) => {
        const t = await topics.edit(requireUser(req), req.params.id, req.body);
        return { id: t.id, editedAt: iso(t.editedAt) };
      },
    );

    api.post(
      `${prefix}/:id/${tag === 'questions' ? 'answers' : 'comments'}`,
      {
        schema: {
          tags: [tag],
          summary:
            tag === 'questions'
              ? 'Answer a question, or reply to an answer (`parentId`)'
              : 'Comment on a topic, or reply to a comment (`parentId`)',
          description: REFUSALS,
          security: bearer,
          params: IdParams,
          body: CommentBody,
          response: { 201: Created, ...errors },
        },
      },
      async (req, reply) => {
        const row = await comments.comment(requireUser(req), req.params.id, req.body);
        return reply.status(201).send({ id: row.id });
      },
    );

    api.post(
      `${prefix}/:id/accept`,
      {
        schema: {
          tags: [tag],
          summary: 'Accept an answer of your question (one at a time; accepting another replaces it)',
          description:
            'Refusals: `community.forbidden` (403: not your question), `community.not_question` (422), `community.not_answer` (422: not an answer of this question), `community.accept_own` (422), `community.topic_locked` (409).',
          security: bearer,
          params: IdParams,
          body: Type.Object({ commentId: Id() }),
          response: { 200: Type.Object({ acceptedCommentId: Type.Union([Type.Integer(), Type.Null()]) }), ...errors },
        },
      },
      async (req) => engagement.accept(requireUser(req), req.params.id, req.body.commentId),
    );

    api.delete(
      `${prefix}/:id/accept`,
      {
        schema: {
          tags: [tag],
          summary: 'Take back the acceptance of your question’s answer',
          security: bearer,
          params: IdParams,
          response: { 200: Type.Object({ acceptedCommentId: Type.Null() }), ...errors },
        },
      },
      async (req) => engagement.unaccept(requireUser(req), req.params.id),
    );

    for (const method of ['put', 'delete'] as const) {
      api[method](
        `${prefix}/:id/follow`,
        {
          schema: {
            tags: [tag],
            summary:
              method === 'put'
                ? 'Follow: hear of new comments (in the app; by mail in a digest, per your notification settings)'
                : 'Stop following',
            security: bearer,
            params: IdParams,
            response: { 200: Type.Object({ following: Type.Boolean() }), ...errors },
          },
        },
        async (req) => engagement.follow(requireUser(req), req.params.id, method === 'put'),
      );
    }
  }

  api.patch(
    '/api/v1/community/comments/:id',
    {
      schema: {
        tags: ['community'],
        summary: 'Edit your comment or answer (the page shows “edited”; staff keep the earlier text)',
        description: REFUSALS,
        security: bearer,
        params: IdParams,
        body: Type.Object({ body: CommentBody.properties.body }),
        response: { 200: Edited, ...errors },
      },
    },
    async (req) => {
      const row = await comments.edit(requireUser(req), req.params.id, req.body);
      return { id: row.id, editedAt: iso(row.editedAt) };
    },
  );

  for (const method of ['put', 'delete'] as const) {
    api[method](
      '/api/v1/community/votes/:targetType/:id',
      {
        schema: {
          tags: ['community'],
          summary:
            method === 'put'
              ? 'Up-vote a topic, question, comment or answer (one per person; again changes nothing)'
              : 'Take your vote back',
          description: 'Not on your own: `community.vote_own` (422). An answer is a `comment`.',
          security: bearer,
          params: Type.Object({ targetType: Type.Union(VOTE_TARGETS.map((v) => Type.Literal(v))), id: Id() }),
          response: { 200: Votes, ...errors },
        },
      },
      async (req) =>
        method === 'put'
          ? engagement.vote(requireUser(req), req.params.targetType, req.params.id)
          : engagement.unvote(requireUser(req), req.params.targetType, req.params.id),
    );
  }

  api.post(
    '/api/v1/community/topics/:id/moderate',
    {
      schema: {
        tags: ['community'],
        summary: 'Moderators: hide, unhide, delete (soft), lock, unlock, pin, unpin, or move (`sectionId`) a topic; audited',
        security: bearer,
        params: IdParams,
        body: Type.Object({
          action: Type.Union(TOPIC_MOD_ACTIONS.map((a) => Type.Literal(a))),
          reason: Type.Optional(Type.String({ maxLength: 1000 })),
          sectionId: Type.Optional(Id()),
        }),
        response: {
          200: Type.Object({
            id: Type.Integer(),
            status: Type.String(),
            locked: Type.Boolean(),
            pinned: Type.Boolean(),
            sectionId: Type.Union([Type.Integer(), Type.Null()]),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const t = await topics.moderate(requireUser(req), req.params.id, req.body.action as TopicModAction, req.body, originOf(req).ip);
      return { id: t.id, status: t.status, locked: t.lockedAt !== null, pinned: t.pinnedAt !== null, sectionId: t.sectionId };
    },
  );

  api.post(
    '/api/v1/community/comments/:id/moderate',
    {
      schema: {
        tags: ['community'],
        summary: 'Moderators: hide, unhide or delete (soft) a comment or answer; audited',
        security: bearer,
        params: IdParams,
        body: Type.Object({
          action: Type.Union(COMMENT_MOD_ACTIONS.map((a) => Type.Literal(a))),
          reason: Type.Optional(Type.String({ maxLength: 1000 })),
        }),
        response: { 200: Type.Object({ id: Type.Integer(), status: Type.String() }), ...errors },
      },
    },
    async (req) => {
      const c = await comments.moderate(requireUser(req), req.params.id, req.body.action, req.body, originOf(req).ip);
      return { id: c.id, status: c.status };
    },
  );

  api.get(
    '/api/v1/community/mine',
    {
      schema: {
        tags: ['community'],
        summary: 'Your topics and questions (any status but deleted), newest first',
        security: bearer,
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({ id: Type.Integer(), type: Type.String(), title: Type.String(), status: Type.String(), url: Type.String() }),
            ),
          }),
          401: errors[401],
        },
      },
    },
    async (req) => {
      const rows = await topics.mine(requireUser(req).id);
      return { items: rows.map((t) => ({ id: t.id, type: t.type, title: t.title, status: t.status, url: topicPath(t) })) };
    },
  );
}
