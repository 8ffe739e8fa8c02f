import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../platform/container.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { queryOne } from '../../platform/http/listing.ts';
import { emptyForm, type FormState, form, page, redirectTo, requireUser, sendHtml, viewCtx } from '../../platform/http/pages.ts';
import { redirect } from '../../platform/http/redirect.ts';
import { originOf, parseId } from '../../platform/http/request.ts';
import { localePath } from '../../platform/i18n/index.ts';
import { mayModerateCommunity, maySeeRevisions } from './policy.ts';
import { type CommentModAction, type TopicModAction, topicPath } from './rules.ts';
import { HistoryPage } from './views/admin.tsx';
import { orderThread, pageOfComment, THREAD_PAGE } from './views/thread.tsx';
import { TopicPage } from './views/topic-page.tsx';

/** The id at the start of a topic's address part ("12" or "12-its-title"), else not found. */
export function topicIdOf(raw: unknown): number {
  const m = /^(\d{1,10})(?:-.*)?$/.exec(String(raw ?? ''));
  const id = m ? parseId(m[1]) : null;
  if (id === null) throw new AppError('community.topic_not_found');
  return id;
}

const paramId = (req: FastifyRequest, name = 'id') => topicIdOf((req.params as Record<string, string>)[name]);
const commentIdOf = (req: FastifyRequest) => {
  const id = parseId((req.params as { id: string }).id);
  if (id === null) throw new AppError('community.comment_not_found');
  return id;
};

/**
 * A topic's page and its forms: comment, reply, answer, edit (the dialogs), accept, follow, the moderators' tools,
 * and the staff's page of earlier versions. Each refused form comes back on the page with what was typed (its hidden
 * `form` field says which).
 */
export function communityTopicPages(app: FastifyInstance, services: Services, deps: Deps): void {
  const { community } = services;
  const { topics, comments, engagement } = community;

  async function topicNode(req: FastifyRequest, id: number, failed: string | null = null, state: FormState = emptyForm) {
    const viewer = req.user;
    const t = await topics.get(id, viewer);
    const [thread, sections, following, topicVoted] = await Promise.all([
      comments.thread(viewer, t.id),
      community.allSections(),
      engagement.isFollowing(viewer?.id ?? null, t.id),
      engagement.votedBy(viewer?.id ?? null, 'topic', [t.id]).then((s) => s.has(t.id)),
    ]);
    // One page of the thread: THREAD_PAGE top-level comments with their replies (a long thread stays light to render).
    const ordered = orderThread(thread, t);
    const edit = queryOne((req.query as Record<string, unknown>)?.edit);
    const editing = failed?.startsWith('edit-comment-') ? Number(failed.slice(13)) : parseId(edit);
    const pages = Math.max(1, Math.ceil(ordered.length / THREAD_PAGE));
    const asked = parseId(queryOne((req.query as Record<string, unknown>)?.page)) ?? 1;
    const page = editing ? pageOfComment(ordered, editing) : Math.min(asked, pages);
    const shown = ordered.slice((page - 1) * THREAD_PAGE, page * THREAD_PAGE);
    const ids = shown.flatMap((th) => [th.comment, ...th.replies]);
    const [people, voted] = await Promise.all([
      community.people([t.authorId, ...ids.map((r) => r.authorId)]),
      engagement.votedBy(
        viewer?.id ?? null,
        'comment',
        ids.map((r) => r.id),
      ),
    ]);
    return {
      t,
      node: (
        <TopicPage
          c={viewCtx(req)}
          t={t}
          author={people.get(t.authorId) ?? null}
          section={sections.find((s) => s.id === t.sectionId) ?? null}
          sections={sections}
          thread={shown}
          page={page}
          pages={pages}
          people={people}
          voted={voted}
          topicVoted={topicVoted}
          following={following}
          now={deps.clock()}
          moderator={mayModerateCommunity(viewer)}
          failed={failed}
          state={state}
          editing={editing}
          editingTopic={failed === 'edit-topic' || edit === 'topic'}
        />
      ),
    };
  }
  /** A comment's address: its topic's page of the thread that shows it, and its anchor. */
  async function commentPath(req: FastifyRequest, topicId: number, commentId: number) {
    const t = await topics.get(topicId, req.user);
    const page = pageOfComment(orderThread(await comments.thread(req.user, t.id), t), commentId);
    return { t, path: `${topicPath(t)}${page > 1 ? `?page=${page}` : ''}#comment-${commentId}` };
  }
  const render = (req: FastifyRequest, state: FormState, id = paramId(req)) =>
    topicNode(req, id, state.values.form ?? null, state).then((r) => r.node);

  // A topic (/community/12-its-title) or a question (/questions/12-…); each under the other's prefix is sent home.
  for (const prefix of ['/community', '/questions'] as const) {
    page(app, 'GET', `${prefix}/:id`, async (req, reply) => {
      const { t, node } = await topicNode(req, paramId(req));
      if ((t.type === 'question') !== (prefix === '/questions')) return redirect(reply, localePath(req.locale, topicPath(t)), 301);
      return sendHtml(reply, node);
    });
  }

  // The no-popover way into a comment's edit dialog: the page with it open.
  page(app, 'GET', '/community/comments/:id/edit', async (req, reply) => {
    const row = await comments.byId(commentIdOf(req));
    if (!row) throw new AppError('community.comment_not_found');
    const t = await topics.get(row.topicId, req.user);
    return redirect(reply, `${localePath(req.locale, topicPath(t))}?edit=${row.id}#comment-${row.id}`, 302);
  });

  form(app, '/community/:id/comments', {
    auth: true,
    render: (req, state) => render(req, state),
    handle: async (req, v, reply) => {
      const row = await comments.comment(requireUser(req), paramId(req), { body: v.body, parentId: v.parentId || undefined });
      const { t, path } = await commentPath(req, row.topicId, row.id);
      return redirectTo(reply, path, t.type === 'question' && !row.parentId ? 'community.answered_flash' : 'community.commented_flash');
    },
  });

  form(app, '/community/:id/edit', {
    auth: true,
    render: (req, state) => render(req, { ...state, values: { ...state.values, form: 'edit-topic' } }),
    handle: async (req, v, reply) => {
      const t = await topics.edit(requireUser(req), paramId(req), { title: v.title, body: v.body, skills: v.skills });
      return redirectTo(reply, topicPath(t), 'community.edited_flash');
    },
  });

  form(app, '/community/comments/:id/edit', {
    auth: true,
    render: async (req, state) => {
      const row = await comments.byId(commentIdOf(req));
      if (!row) throw new AppError('community.comment_not_found');
      return render(req, { ...state, values: { ...state.values, form: `edit-comment-${row.id}` } }, row.topicId);
    },
    handle: async (req, v, reply) => {
      const row = await comments.edit(requireUser(req), commentIdOf(req), { body: v.body });
      return redirectTo(reply, (await commentPath(req, row.topicId, row.id)).path, 'community.edited_flash');
    },
  });

  form(app, '/community/:id/accept', {
    auth: true,
    render: (req, state) => render(req, { ...state, values: { ...state.values, form: 'accept' } }),
    handle: async (req, v, reply) => {
      const r = await engagement.accept(requireUser(req), paramId(req), v.commentId);
      return redirectTo(reply, (await commentPath(req, paramId(req), r.acceptedCommentId)).path, 'community.accepted_flash');
    },
  });

  form(app, '/community/:id/unaccept', {
    auth: true,
    render: (req, state) => render(req, { ...state, values: { ...state.values, form: 'accept' } }),
    handle: async (req, _v, reply) => {
      await engagement.unaccept(requireUser(req), paramId(req));
      const t = await topics.get(paramId(req), req.user);
      return redirectTo(reply, topicPath(t), 'community.unaccepted_flash');
    },
  });

  form(app, '/community/:id/follow', {
    auth: true,
    render: (req, state) => render(req, state),
    handle: async (req, v, reply) => {
      const r = await engagement.follow(requireUser(req), paramId(req), v.do !== 'unfollow');
      const t = await topics.get(paramId(req), req.user);
      return redirectTo(reply, topicPath(t), r.following ? 'community.followed_flash' : 'community.unfollowed_flash');
    },
  });

  form(app, '/community/:id/moderate', {
    auth: true,
    render: (req, state) => render(req, { ...state, values: { ...state.values, form: 'moderate' } }),
    handle: async (req, v, reply) => {
      const t = await topics.moderate(requireUser(req), paramId(req), v.action as TopicModAction, v, originOf(req).ip);
      return redirectTo(reply, topicPath(t), 'community.moderated_flash');
    },
  });

  form(app, '/community/comments/:id/moderate', {
    auth: true,
    render: async (req, state) => {
      const row = await comments.byId(commentIdOf(req));
      if (!row) throw new AppError('community.comment_not_found');
      return render(req, { ...state, values: { ...state.values, form: `mod-comment-${row.id}` } }, row.topicId);
    },
    handle: async (req, v, reply) => {
      const row = await comments.moderate(requireUser(req), commentIdOf(req), v.action as CommentModAction, v, originOf(req).ip);
      return redirectTo(reply, (await commentPath(req, row.topicId, row.id)).path, 'community.moderated_flash');
    },
  });

  // Every earlier version of the topic and its comments: staff only (others: not found).
  page(app, 'GET', '/community/:id/history', async (req, reply) => {
    const user = requireUser(req);
    if (!maySeeRevisions(user)) throw new AppError('community.topic_not_found');
    const t = await topics.get(paramId(req), user);
    const [revisions, thread] = await Promise.all([topics.revisions(t.id), comments.thread(user, t.id)]);
    const byId = new Map(thread.flatMap((th) => [th.comment, ...th.replies]).map((r) => [r.id, r]));
    return sendHtml(reply, <HistoryPage c={viewCtx(req)} t={t} revisions={revisions} comments={byId} />);
  });
}
