import { emptyForm, type ViewCtx } from '../../../platform/http/pages.ts';
import { formatDateTime, formatNumber, plural } from '../../../platform/i18n/index.ts';
import { RichText } from '../../../web/components/rich-text.tsx';
import { Field, Form, FormAlert, ReportLink, SkillBadges } from '../../../web/components.tsx';
import { Layout } from '../../../web/layout.tsx';
import { HtmxHead } from '../../../web/listing.tsx';
import { mayComment, mayEditTopic } from '../policy.ts';
import { BODY_MAX, TITLE_MAX, topicPath } from '../rules.ts';
import type { CommunityPerson, SectionRow, TopicRow } from '../types.ts';
import { sectionName } from './list.tsx';
import { BodyField, EditDialog, EditedMark, PersonLine, VoteButton } from './parts.tsx';
import { CommentForm, Thread, type ThreadProps } from './thread.tsx';

export interface TopicPageProps extends ThreadProps {
  author: CommunityPerson | null;
  section: SectionRow | null;
  sections: SectionRow[];
  topicVoted: boolean;
  following: boolean;
  /** The topic's own edit dialog opens at once (`?edit=topic` or a refused edit). */
  editingTopic: boolean;
  /** The thread's page shown and how many there are (THREAD_PAGE top-level comments a page). */
  page: number;
  pages: number;
}

/** Links to the thread's pages (none when it fits on one). */
function ThreadPager(props: { c: ViewCtx; path: string; page: number; pages: number }) {
  const { c } = props;
  if (props.pages < 2) return null;
  return (
    <nav aria-label={c.t('community.thread_pages')} class="flex flex-wrap gap-1" data-testid="thread-pages">
      {Array.from({ length: props.pages }, (_, i) => i + 1).map((n) => (
        <a
          key={n}
          class={`btn btn-sm ${n === props.page ? 'btn-active' : 'btn-ghost'}`}
          href={`${c.href(props.path)}${n === 1 ? '' : `?page=${n}`}#thread-h`}
          aria-current={n === props.page ? 'page' : undefined}
        >
          {formatNumber(c.locale, n)}
        </a>
      ))}
    </nav>
  );
}

/** The follow button: follow to hear of new comments (in the app, and by mail in the digest), or stop. */
function FollowButton(props: { c: ViewCtx; t: TopicRow; following: boolean }) {
  const { c, t } = props;
  return (
    <Form c={c} action={`/community/${t.id}/follow`} class="inline">
      <input type="hidden" name="do" value={props.following ? 'unfollow' : 'follow'} />
      <button
        type="submit"
        class={`btn btn-xs ${props.following ? 'btn-ghost' : 'btn-outline'}`}
        aria-pressed={props.following ? 'true' : 'false'}
        data-testid="follow"
      >
        {c.t(props.following ? 'community.unfollow' : 'community.follow')}
      </button>
    </Form>
  );
}

/** The moderators' tools on a topic: hide or show, delete, lock or unlock, pin or unpin, move (each audited). */
function TopicModeration(props: TopicPageProps) {
  const { c, t } = props;
  const state = props.failed === 'moderate' ? props.state : emptyForm;
  const btn = (action: string, cls = 'btn-outline') => (
    <button type="submit" name="action" value={action} class={`btn btn-xs ${cls}`} data-testid={`mod-${action}`}>
      {c.t(`community.mod.${action}`)}
    </button>
  );
  return (
    <details class="card bg-base-200 mt-3" open={state !== emptyForm}>
      <summary class="card-body p-3 cursor-pointer font-bold" data-testid="moderate-topic">
        {c.t('community.moderate')}
      </summary>
      <Form c={c} action={`/community/${t.id}/moderate`} class="grid gap-2 px-3 pb-3">
        <input type="hidden" name="form" value="moderate" />
        <FormAlert c={c} state={state} />
        <Field c={c} state={state} name="reason" id="mod-reason" label={c.t('community.mod_reason')} />
        <div class="flex flex-wrap gap-2">
          {t.status === 'visible' ? btn('hide', 'btn-warning') : null}
          {t.status === 'hidden' ? btn('unhide') : null}
          {t.status !== 'deleted' ? btn('delete', 'btn-error') : null}
          {t.status !== 'deleted' ? btn(t.lockedAt ? 'unlock' : 'lock') : null}
          {t.status !== 'deleted' ? btn(t.pinnedAt ? 'unpin' : 'pin') : null}
        </div>
        {t.status !== 'deleted' ? (
          <div class="flex flex-wrap items-end gap-2">
            <label class="text-sm grid gap-1">
              {c.t('community.move_to')}
              <select name="sectionId" class="select select-sm">
                {props.sections.map((s) => (
                  <option key={s.id} value={String(s.id)} selected={s.id === t.sectionId}>
                    {sectionName(c, s)}
                  </option>
                ))}
              </select>
            </label>
            {btn('move')}
          </div>
        ) : null}
        <a class="link text-sm" href={c.href(`/community/${t.id}/history`)} data-testid="history-link">
          {c.t('community.history')}
        </a>
      </Form>
    </details>
  );
}

/** A topic's (or a question's) page: the text, its author, votes, follow, ⚑, the author's edit, the thread, the forms. */
export function TopicPage(props: TopicPageProps) {
  const { c, t } = props;
  const question = t.type === 'question';
  const viewer = c.user;
  const path = topicPath(t);
  // Whether the topic takes comments at all (a visitor is asked to sign in; a locked or removed topic says why).
  const open = mayComment(viewer ?? { id: 0, roles: [] }, t) === 'ok';
  const canEdit = viewer !== null && mayEditTopic(viewer, t) === 'ok';
  const editState = props.failed === 'edit-topic' ? props.state : emptyForm;
  const list = question ? '/questions' : '/community';
  return (
    <Layout c={c} title={t.title} description={t.body.replace(/\s+/g, ' ').slice(0, 155)}>
      <HtmxHead />
      <nav aria-label={c.t('community.breadcrumb')} class="text-sm mb-2 flex flex-wrap gap-1">
        <a href={c.href(list)} class="link link-hover opacity-80">
          {c.t(question ? 'community.question_bank' : 'community.title')}
        </a>
        {props.section && !question ? (
          <>
            <span aria-hidden="true" class="opacity-80">
              {c.dir === 'rtl' ? '‹' : '›'}
            </span>
            <a href={c.href(`/community?section=${props.section.slug}`)} class="link link-hover opacity-80">
              {sectionName(c, props.section)}
            </a>
          </>
        ) : null}
      </nav>
      {t.status !== 'visible' ? (
        <div role="status" class="alert alert-warning mb-3 flex flex-wrap" data-testid="status-note">
          <span>{c.t(`community.status_note.${t.status}`)}</span>
          {t.hiddenReason ? <span data-testid="hidden-reason">{c.t('community.because', { reason: t.hiddenReason })}</span> : null}
        </div>
      ) : null}
      {t.lockedAt ? (
        <div role="status" class="alert mb-3" data-testid="locked-note">
          {c.t('community.locked_note')}
        </div>
      ) : null}
      <article class="card bg-base-100 shadow-sm" data-testid="topic">
        <div class="card-body p-4 md:p-6 gap-3 min-w-0">
          <div class="flex items-start justify-between gap-2">
            <h1 class="text-2xl md:text-3xl font-bold break-words min-w-0" dir="auto" data-testid="topic-title">
              {t.title}
            </h1>
            {viewer && viewer.id !== t.authorId ? <ReportLink c={c} type="topic" id={t.id} class="shrink-0 mt-2" /> : null}
          </div>
          <div class="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
            <PersonLine c={c} p={props.author} testId="topic-author" />
            <time class="opacity-70" datetime={t.createdAt.toISOString()}>
              {formatDateTime(c.locale, t.createdAt)}
            </time>
            <EditedMark c={c} at={t.editedAt} testId="topic-edited" />
            {t.pinnedAt ? <span class="badge badge-primary badge-sm">{c.t('community.pinned')}</span> : null}
          </div>
          <RichText c={c} source={t.body} ugc={t.ugc} testId="topic-body" />
          {t.skills.length ? (
            <div class="flex flex-wrap items-center gap-2 text-sm">
              <span class="opacity-70">{c.t('community.skills')}:</span>
              <SkillBadges skills={t.skills} />
            </div>
          ) : null}
          <div class="flex flex-wrap items-center gap-2">
            <VoteButton
              c={c}
              type="topic"
              id={t.id}
              votes={t.votesCount}
              voted={props.topicVoted}
              mode={!viewer ? 'visitor' : viewer.id === t.authorId ? 'own' : 'vote'}
              back={path}
            />
            {viewer && t.status !== 'deleted' ? <FollowButton c={c} t={t} following={props.following} /> : null}
            {canEdit ? (
              <EditDialog
                c={c}
                id="edit-topic"
                title={c.t(question ? 'community.edit_question' : 'community.edit_topic')}
                action={`/community/${t.id}/edit`}
                open={props.editingTopic}
                state={editState}
                testId="edit-topic"
              >
                <input type="hidden" name="form" value="edit-topic" />
                <FormAlert c={c} state={editState} />
                <Field
                  c={c}
                  state={editState}
                  name="title"
                  id="edit-title"
                  label={c.t('community.title_label')}
                  value={t.title}
                  maxLength={TITLE_MAX}
                  dir="auto"
                />
                <BodyField
                  c={c}
                  state={editState}
                  id="edit-topic-body"
                  label={c.t('community.body_label')}
                  value={t.body}
                  rows={8}
                  max={BODY_MAX}
                />
                <Field
                  c={c}
                  state={editState}
                  name="skills"
                  id="edit-skills"
                  label={c.t('community.skills_label')}
                  value={t.skills.join('، ')}
                  dir="auto"
                />
              </EditDialog>
            ) : null}
          </div>
        </div>
      </article>
      {props.moderator ? <TopicModeration {...props} /> : null}
      <section class="mt-6 grid gap-3" aria-labelledby="thread-h">
        <h2 id="thread-h" class="text-lg font-bold" data-testid="thread-heading">
          {props.thread.length > 0 && (question ? t.answersCount : t.commentsCount) === 0
            ? // Only staff-hidden ones left (their notes shown): not "no comments" above them.
              c.t(question ? 'community.thread_answers' : 'community.thread_comments')
            : question
              ? plural(c.locale, 'community.answers', t.answersCount)
              : plural(c.locale, 'community.comments', t.commentsCount)}
        </h2>
        {props.thread.length === 0 ? <p class="opacity-70">{c.t(question ? 'community.no_answers' : 'community.no_comments')}</p> : null}
        <ThreadPager c={c} path={path} page={props.page} pages={props.pages} />
        <Thread {...props} open={open} />
        <ThreadPager c={c} path={path} page={props.page} pages={props.pages} />
        {open ? (
          viewer ? (
            <div class="card bg-base-100 shadow-sm">
              <div class="card-body p-4">
                <CommentForm {...props} />
              </div>
            </div>
          ) : (
            <p class="text-sm">
              <a class="link" href={c.href(`/login?next=${encodeURIComponent(path)}`)} data-testid="sign-in-to-comment">
                {c.t(question ? 'community.sign_in_to_answer' : 'community.sign_in_to_comment')}
              </a>
            </p>
          )
        ) : (
          <>
            <p class="alert" data-testid="closed-note">
              {c.t(t.lockedAt ? 'community.topic_locked' : 'community.topic_closed')}
            </p>
            {/* A comment refused because the topic closed meanwhile: what was typed stays, to copy. */}
            {props.failed && /^(comment|reply-\d+)$/.test(props.failed) && props.state.values.body ? (
              <label class="grid gap-1 text-sm">
                {c.t('community.your_text')}
                <textarea readonly rows={4} dir="auto" class="textarea w-full" data-testid="kept-text">
                  {props.state.values.body}
                </textarea>
              </label>
            ) : null}
          </>
        )}
      </section>
    </Layout>
  );
}
