import { emptyForm, type FormState, type ViewCtx } from '../../../platform/http/pages.ts';
import { timeAgo } from '../../../platform/i18n/index.ts';
import { RichText } from '../../../web/components/rich-text.tsx';
import { Form, FormAlert, ReportLink } from '../../../web/components.tsx';
import { Icon } from '../../../web/icons.tsx';
import type { CommentThread } from '../comments.ts';
import { mayAccept, mayEditComment } from '../policy.ts';
import { COMMENT_MAX, topicPath } from '../rules.ts';
import type { CommentRow, CommunityPerson, TopicRow } from '../types.ts';
import { BodyField, EditDialog, EditedMark, PersonLine, VoteButton } from './parts.tsx';

export interface ThreadProps {
  c: ViewCtx;
  t: TopicRow;
  thread: CommentThread[];
  people: Map<number, CommunityPerson>;
  voted: Set<number>;
  now: Date;
  moderator: boolean;
  /** The form that was refused (its hidden `form` value) and its state. */
  failed: string | null;
  state: FormState;
  /** A comment whose edit dialog opens at once (`?edit=` or a refused edit). */
  editing: number | null;
}

const stateFor = (p: ThreadProps, form: string) => (p.failed === form ? p.state : emptyForm);

/** A comment's moderator tools: hide, show again or delete, with the reason (audited). */
function CommentModeration(props: { c: ViewCtx; row: CommentRow; state: FormState }) {
  const { c, row } = props;
  const id = `mod-comment-${row.id}`;
  return (
    <details class="text-sm" open={props.state !== emptyForm}>
      <summary class="link link-hover w-fit opacity-80" data-testid={`moderate-comment-${row.id}`}>
        {c.t('community.moderate')}
      </summary>
      <Form c={c} action={`/community/comments/${row.id}/moderate`} class="grid gap-2 mt-1 max-w-md">
        <input type="hidden" name="form" value={id} />
        <FormAlert c={c} state={props.state} />
        <label class="text-xs" for={`${id}-reason`}>
          {c.t('community.mod_reason')}
        </label>
        <input id={`${id}-reason`} name="reason" class="input input-sm w-full" dir="auto" value={props.state.values.reason ?? ''} />
        <div class="flex flex-wrap gap-2">
          {row.status === 'visible' ? (
            <button type="submit" name="action" value="hide" class="btn btn-xs btn-warning" data-testid={`hide-comment-${row.id}`}>
              {c.t('community.mod.hide')}
            </button>
          ) : null}
          {row.status === 'hidden' ? (
            <button type="submit" name="action" value="unhide" class="btn btn-xs">
              {c.t('community.mod.unhide')}
            </button>
          ) : null}
          {row.status !== 'deleted' ? (
            <button type="submit" name="action" value="delete" class="btn btn-xs btn-error">
              {c.t('community.mod.delete')}
            </button>
          ) : null}
        </div>
      </Form>
    </details>
  );
}

/** One comment (or answer, or reply): who and when, "edited", the text, its vote, edit, accept, report, staff tools. */
function Comment(props: ThreadProps & { row: CommentRow; isAnswer: boolean }) {
  const { c, t, row } = props;
  const viewer = c.user;
  const author = props.people.get(row.authorId) ?? null;
  const back = `${topicPath(t)}#comment-${row.id}`;
  const accepted = t.acceptedCommentId === row.id;
  const canEdit = viewer !== null && mayEditComment(viewer, row, t) === 'ok';
  const canAccept = props.isAnswer && viewer !== null && !accepted && mayAccept(viewer, t, row) === 'ok';
  const editForm = `edit-comment-${row.id}`;
  const editState = stateFor(props, editForm);
  const noun = props.isAnswer ? 'answer' : 'comment';
  return (
    <article
      id={`comment-${row.id}`}
      class={`rounded-box p-3 grid gap-2 min-w-0 ${accepted ? 'border-2 border-success bg-success/5' : 'bg-base-100 shadow-sm'}`}
      data-testid={`comment-${row.id}`}
    >
      <header class="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
        <PersonLine c={c} p={author} />
        <time class="opacity-70" datetime={row.createdAt.toISOString()}>
          {timeAgo(c, row.createdAt, props.now)}
        </time>
        <EditedMark c={c} at={row.editedAt} testId={`edited-${row.id}`} />
        {accepted ? (
          <span class="badge badge-success badge-sm gap-1" data-testid={`accepted-${row.id}`}>
            <Icon name="check" /> {c.t('community.accepted_answer')}
          </span>
        ) : null}
      </header>
      {row.status !== 'visible' ? (
        <p class="italic opacity-70 text-sm" data-testid={`removed-${row.id}`}>
          {c.t(row.status === 'hidden' ? 'community.comment_hidden' : 'community.comment_deleted')}
          {row.hiddenReason && (props.moderator || viewer?.id === row.authorId) ? ` — ${row.hiddenReason}` : ''}
        </p>
      ) : null}
      {row.body ? (
        <RichText c={c} source={row.body} ugc={row.ugc} class={row.status !== 'visible' ? 'opacity-60' : ''} testId={`body-${row.id}`} />
      ) : null}
      {row.status === 'visible' ? (
        <footer class="flex flex-wrap items-center gap-2">
          <VoteButton
            c={c}
            type="comment"
            id={row.id}
            votes={row.votesCount}
            voted={props.voted.has(row.id)}
            mode={!viewer ? 'visitor' : viewer.id === row.authorId ? 'own' : 'vote'}
            back={back}
          />
          {canAccept ? (
            <Form c={c} action={`/community/${t.id}/accept`} class="inline">
              <input type="hidden" name="form" value="accept" />
              <input type="hidden" name="commentId" value={String(row.id)} />
              <button type="submit" class="btn btn-xs btn-success btn-outline" data-testid={`accept-${row.id}`}>
                <Icon name="check" /> {c.t(t.acceptedCommentId ? 'community.accept_instead' : 'community.accept')}
              </button>
            </Form>
          ) : null}
          {accepted && viewer?.id === t.authorId && !t.lockedAt ? (
            <Form c={c} action={`/community/${t.id}/unaccept`} class="inline">
              <button type="submit" class="btn btn-xs btn-ghost" data-testid={`unaccept-${row.id}`}>
                {c.t('community.unaccept')}
              </button>
            </Form>
          ) : null}
          {canEdit ? (
            <EditDialog
              c={c}
              id={`edit-${row.id}`}
              title={c.t(`community.edit_${noun}`)}
              action={`/community/comments/${row.id}/edit`}
              open={props.editing === row.id}
              state={editState}
              testId={`edit-comment-${row.id}`}
            >
              <input type="hidden" name="form" value={editForm} />
              <FormAlert c={c} state={editState} />
              <BodyField
                c={c}
                state={editState}
                id={`edit-body-${row.id}`}
                label={c.t(`community.${noun}_label`)}
                value={row.body}
                rows={5}
                max={COMMENT_MAX}
              />
            </EditDialog>
          ) : null}
          {viewer && viewer.id !== row.authorId ? <ReportLink c={c} type="comment" id={row.id} class="ms-auto" /> : null}
        </footer>
      ) : null}
      {props.moderator && row.status !== 'deleted' ? (
        <CommentModeration c={c} row={row} state={stateFor(props, `mod-comment-${row.id}`)} />
      ) : null}
    </article>
  );
}

/** The comment (answer) form, or a reply's under its comment: its errors shown where it was typed. */
export function CommentForm(props: ThreadProps & { parentId?: number }) {
  const { c, t } = props;
  const form = props.parentId ? `reply-${props.parentId}` : 'comment';
  const state = stateFor(props, form);
  const question = t.type === 'question';
  const label = props.parentId ? 'community.reply_label' : question ? 'community.answer_label' : 'community.comment_label';
  return (
    <Form c={c} action={`/community/${t.id}/comments`} class="grid gap-2">
      <input type="hidden" name="form" value={form} />
      {props.parentId ? <input type="hidden" name="parentId" value={String(props.parentId)} /> : null}
      <FormAlert c={c} state={state} />
      <BodyField
        c={c}
        state={state}
        id={props.parentId ? `reply-body-${props.parentId}` : 'comment-body'}
        label={c.t(label)}
        value=""
        rows={props.parentId ? 3 : 5}
        max={COMMENT_MAX}
      />
      <button
        type="submit"
        class="btn btn-primary btn-sm justify-self-start"
        data-testid={props.parentId ? `reply-send-${props.parentId}` : 'comment-send'}
      >
        {c.t(props.parentId ? 'community.reply_send' : question ? 'community.answer_send' : 'community.comment_send')}
      </button>
    </Form>
  );
}

/** How many top-level comments (answers) a page of the thread shows; their replies come with them. */
export const THREAD_PAGE = 50;

/** The thread in its order: comments oldest first; a question's answers the accepted one first, then by votes. */
export function orderThread(thread: CommentThread[], t: Pick<TopicRow, 'type' | 'acceptedCommentId'>): CommentThread[] {
  if (t.type !== 'question') return thread;
  return [...thread].sort(
    (a, b) =>
      Number(b.comment.id === t.acceptedCommentId) - Number(a.comment.id === t.acceptedCommentId) ||
      b.comment.votesCount - a.comment.votesCount ||
      a.comment.id - b.comment.id,
  );
}

/** The page of the thread (1…) that shows this comment or reply, in `orderThread`'s order. */
export function pageOfComment(ordered: CommentThread[], commentId: number): number {
  const i = ordered.findIndex((th) => th.comment.id === commentId || th.replies.some((r) => r.id === commentId));
  return i < 0 ? 1 : Math.floor(i / THREAD_PAGE) + 1;
}

/** The thread's page: each comment (already in `orderThread`'s order) with its replies and the reply form. */
export function Thread(props: ThreadProps & { open: boolean }) {
  const { c, t } = props;
  const question = t.type === 'question';
  const items = props.thread;
  return (
    <ul class="grid gap-3" data-testid="thread">
      {items.map((th) => (
        <li key={th.comment.id} class="grid gap-2 min-w-0">
          <Comment {...props} row={th.comment} isAnswer={question} />
          {th.replies.length ? (
            <ul class="grid gap-2 ms-4 md:ms-8 border-s-2 border-base-300 ps-2 md:ps-3">
              {th.replies.map((r) => (
                <li key={r.id} class="min-w-0">
                  <Comment {...props} row={r} isAnswer={false} />
                </li>
              ))}
            </ul>
          ) : null}
          {props.open && c.user && th.comment.status === 'visible' ? (
            <details class="ms-4 md:ms-8" open={props.failed === `reply-${th.comment.id}`}>
              <summary class="link link-hover text-sm w-fit" data-testid={`reply-${th.comment.id}`}>
                {c.t('community.reply')}
              </summary>
              <CommentForm {...props} parentId={th.comment.id} />
            </details>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
