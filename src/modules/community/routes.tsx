import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../platform/container.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { isHtmxRequest, queryOne as one, sendFragment, untidyQuery } from '../../platform/http/listing.ts';
import {
  csrfValid,
  emptyForm,
  type FormState,
  form,
  formValues,
  page,
  redirectTo,
  requireUser,
  sendHtml,
  viewCtx,
} from '../../platform/http/pages.ts';
import { redirect, safeNextPath } from '../../platform/http/redirect.ts';
import { parseId } from '../../platform/http/request.ts';
import { CURSOR_PATTERN } from '../../platform/search/index.ts';
import { communityAdminPages } from './admin-routes.tsx';
import { SKILL_MAX_CHARS, TOPIC_SORTS, type TopicSort, type TopicType, topicPath, type VoteTarget } from './rules.ts';
import { communityTopicPages } from './topic-routes.tsx';
import { MyTopicsPage, NewTopicPage } from './views/forms.tsx';
import { CommunityPage, listHref, QuestionsPage, TOPIC_FILTER_KEYS, type TopicFilters, TopicResults } from './views/list.tsx';
import { VoteButton } from './views/parts.tsx';

const PAGE_SIZE = 20;

/** A list's filters from a URL: anything malformed is dropped (never an error page). */
export function readTopicFilters(query: Record<string, unknown>): TopicFilters {
  const sort = one(query.sort);
  const section = one(query.section).trim();
  const cursor = one(query.cursor);
  return {
    q: one(query.q).replace(/\s+/g, ' ').trim().slice(0, 200),
    section: /^[a-z0-9-]{1,40}$/.test(section) ? section : '',
    skill: one(query.skill).replace(/\s+/g, ' ').trim().slice(0, SKILL_MAX_CHARS),
    sort: (TOPIC_SORTS as readonly string[]).includes(sort) ? (sort as TopicSort) : 'active',
    cursor: CURSOR_PATTERN.test(cursor) ? cursor : '',
  };
}

/**
 * The community's and the question bank's pages: the front page (/community: sections, pinned, search, sorts; htmx
 * swaps the results, without it a GET form), the question bank (/questions and /questions/unanswered), writing a topic
 * or a question, "my topics", the vote button; a topic's own pages are topic-routes.tsx's, staff's admin-routes.tsx's.
 */
export function communityPages(app: FastifyInstance, services: Services, deps: Deps): void {
  const { community } = services;

  async function list(req: FastifyRequest, reply: FastifyReply, kind: 'community' | 'questions' | 'unanswered') {
    const query = (req.query ?? {}) as Record<string, unknown>;
    const f = readTopicFilters(query);
    if (kind !== 'community') f.section = '';
    else f.skill = '';
    const c = viewCtx(req);
    const base = kind === 'community' ? '/community' : kind === 'questions' ? '/questions' : '/questions/unanswered';
    const hx = isHtmxRequest(req);
    if (!hx && untidyQuery(query, f, TOPIC_FILTER_KEYS, 'active')) return redirect(reply, listHref(c, base, f), 302);
    reply.header('vary', 'HX-Request');
    const type: TopicType = kind === 'community' ? 'discussion' : 'question';
    const [sectionCounts, sections] = await Promise.all([community.sectionsWithCounts(), community.allSections()]);
    const section = f.section ? sections.find((s) => s.slug === f.section && !s.hidden) : undefined;
    const search = () =>
      community.search({
        type,
        q: f.q || undefined,
        sectionId: f.section ? (section?.id ?? Number.NaN) : undefined,
        skill: f.skill || undefined,
        unanswered: kind === 'unanswered',
        sort: f.sort,
        limit: PAGE_SIZE,
        cursor: f.cursor || undefined,
      });
    let result: Awaited<ReturnType<typeof search>>;
    try {
      result = await search();
    } catch (err) {
      // A tampered cursor starts from the first page.
      if (!(err instanceof AppError) || !f.cursor) throw err;
      f.cursor = '';
      result = await search();
    }
    const pinned = kind === 'community' && !f.q && !f.cursor ? await community.pinned('discussion', section?.id) : [];
    const people = await community.people([...result.items, ...pinned].map((t) => t.authorId));
    const props = {
      c,
      kind,
      filters: f,
      items: result.items,
      people,
      sections,
      nextCursor: result.nextCursor,
      total: result.total,
      now: deps.clock(),
    };
    if (!hx) {
      if (kind === 'community') return sendHtml(reply, <CommunityPage {...props} sectionCounts={sectionCounts} pinned={pinned} />);
      return sendHtml(reply, <QuestionsPage {...props} />);
    }
    if (req.headers['hx-target'] === 'more') return sendFragment(reply, <TopicResults {...props} onlyItems />);
    reply.header('hx-push-url', listHref(c, base, { ...f, cursor: '' }));
    return sendFragment(reply, <TopicResults {...props} withTitle />);
  }

  page(app, 'GET', '/community', (req, reply) => list(req, reply, 'community'));
  page(app, 'GET', '/questions', (req, reply) => list(req, reply, 'questions'));
  page(app, 'GET', '/questions/unanswered', (req, reply) => list(req, reply, 'unanswered'));

  // Writing a topic, or asking a question: the form, and its POST (what was typed comes back on a refusal).
  for (const [path, type] of [
    ['/community/new', 'discussion'],
    ['/questions/new', 'question'],
  ] as const) {
    const render = async (req: FastifyRequest, state: FormState) => {
      const user = requireUser(req);
      const [sections, isNew] = await Promise.all([community.sections.all({ listed: true }), community.isNewAccount(user)]);
      return <NewTopicPage c={viewCtx(req)} type={type} sections={sections} state={state} newAccount={isNew} />;
    };
    page(app, 'GET', path, async (req, reply) => {
      const state = { ...emptyForm, values: { sectionId: String(parseId(one((req.query as Record<string, unknown>).section)) ?? '') } };
      return sendHtml(reply, await render(req, state));
    });
    form(app, path, {
      auth: true,
      render,
      handle: async (req, v, reply) => {
        const t = await community.topics.create(requireUser(req), { ...v, type }, type);
        return redirectTo(reply, topicPath(t), type === 'question' ? 'community.asked_flash' : 'community.created_flash');
      },
    });
  }

  page(app, 'GET', '/community/mine', async (req, reply) => {
    const user = requireUser(req);
    return sendHtml(reply, <MyTopicsPage c={viewCtx(req)} items={await community.topics.mine(user.id)} now={deps.clock()} />);
  });

  // The vote button: toggles the viewer's vote; htmx swaps the button, without it the page comes back.
  page(app, 'POST', '/community/vote', async (req, reply) => {
    const v = formValues(req.body);
    if (!csrfValid(req, v._csrf)) throw new AppError('http.csrf');
    const user = requireUser(req);
    const id = parseId(v.id);
    const type = v.targetType as VoteTarget;
    if (id === null || (type !== 'topic' && type !== 'comment')) throw new AppError('http.not_found');
    const back = safeNextPath(v.back ?? '/community');
    try {
      const r = v.do === 'unvote' ? await community.engagement.unvote(user, type, id) : await community.engagement.vote(user, type, id);
      if (isHtmxRequest(req))
        return sendFragment(
          reply,
          <VoteButton c={viewCtx(req)} type={type} id={id} votes={r.votes} voted={r.voted} mode="vote" back={back} />,
        );
      return redirectTo(reply, back);
    } catch (err) {
      if (!(err instanceof AppError) || err.status === 404) throw err;
      // A refused vote (one's own) says why, back on the page it came from.
      return redirectTo(reply, back, err.code === 'community.vote_own' ? 'community.vote_own' : undefined);
    }
  });

  communityTopicPages(app, services, deps);
  communityAdminPages(app, services);
}
