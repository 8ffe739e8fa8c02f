import type { ComponentChildren } from 'preact';
import type { FormState, ViewCtx } from '../../../platform/http/pages.ts';
import { formatNumber, plural } from '../../../platform/i18n/index.ts';
import { Username } from '../../../web/components/bidi.tsx';
import { Avatar, FieldError, Form } from '../../../web/components.tsx';
import { Icon } from '../../../web/icons.tsx';
import type { VoteTarget } from '../rules.ts';
import type { CommunityPerson } from '../types.ts';

/** A person named on a topic or a comment: picture, name (isolated) linking to the profile, @username. */
export function PersonLine(props: { c: ViewCtx; p: CommunityPerson | null; testId?: string }) {
  const { c, p } = props;
  if (!p) return <span class="opacity-70">{c.t('community.someone')}</span>;
  return (
    <span class="inline-flex items-center gap-2 min-w-0" data-testid={props.testId}>
      <Avatar name={p.displayName} url={p.avatarUrl} size="w-7 text-sm" />
      <a href={c.href(`/u/${p.username}`)} class="link link-hover font-bold truncate">
        <bdi>{p.displayName}</bdi>
      </a>
      <Username username={p.username} class="text-xs opacity-70 hidden sm:inline" />
    </span>
  );
}

/**
 * The up-vote button: a form that toggles the viewer's vote (htmx swaps the button in place; without JavaScript the
 * page comes back). A visitor is sent to sign in; the author sees the count only (no vote on one's own).
 */
export function VoteButton(props: {
  c: ViewCtx;
  type: VoteTarget;
  id: number;
  votes: number;
  voted: boolean;
  mode: 'vote' | 'own' | 'visitor';
  /** Where the page comes back to without JavaScript. */
  back: string;
}) {
  const { c, type, id, votes, voted } = props;
  const domId = `vote-${type}-${id}`;
  const label = plural(c.locale, 'community.votes', votes);
  if (props.mode === 'own')
    return (
      <span id={domId} class="inline-flex items-center gap-1 text-sm opacity-80" data-testid={`votes-${type}-${id}`}>
        <Icon name="thumbsUp" /> {label}
      </span>
    );
  if (props.mode === 'visitor')
    return (
      <a
        id={domId}
        href={c.href(`/login?next=${encodeURIComponent(props.back)}`)}
        class="btn btn-xs btn-ghost"
        rel="nofollow"
        data-testid={`votes-${type}-${id}`}
      >
        <Icon name="thumbsUp" /> <span class="sr-only">{c.t('community.vote')}</span>
        {formatNumber(c.locale, votes)}
      </a>
    );
  return (
    <form
      id={domId}
      method="post"
      action={c.href('/community/vote')}
      hx-post={c.href('/community/vote')}
      hx-swap="outerHTML"
      class="inline"
    >
      <input type="hidden" name="_csrf" value={c.csrf} />
      <input type="hidden" name="targetType" value={type} />
      <input type="hidden" name="id" value={String(id)} />
      <input type="hidden" name="do" value={voted ? 'unvote' : 'vote'} />
      <input type="hidden" name="back" value={props.back} />
      <button
        type="submit"
        class={`btn btn-xs ${voted ? 'btn-primary' : 'btn-outline'}`}
        aria-pressed={voted ? 'true' : 'false'}
        aria-label={`${c.t(voted ? 'community.voted' : 'community.vote')} · ${label}`}
        data-testid={`vote-${type}-${id}`}
      >
        <Icon name="thumbsUp" class={voted ? 'fill-current' : ''} />
        <span data-testid={`votes-${type}-${id}`}>{formatNumber(c.locale, votes)}</span>
      </button>
    </form>
  );
}

/**
 * The edit dialog (تعديل تعليق, تعديل الموضوع): a `<dialog>` opened by its button through the HTML popover (no
 * JavaScript; Escape or a click outside closes it). A refused edit comes back with the dialog open in place (`open`)
 * and what was typed, the field's error under it; `/…/edit` addresses open it the same way for any browser.
 */
export function EditDialog(props: {
  c: ViewCtx;
  /** Unique on the page, e.g. `edit-comment-12`. */
  id: string;
  title: string;
  action: string;
  /** Open at once, in the page (a refused edit, or the `/edit` address). */
  open: boolean;
  state: FormState;
  children: ComponentChildren;
  testId: string;
}) {
  const { c } = props;
  const headingId = `${props.id}-h`;
  const box = 'w-[min(36rem,calc(100vw-1.5rem))] rounded-box border border-base-300 bg-base-100 p-4 text-base-content shadow-xl';
  return (
    <>
      {props.open ? null : (
        <button type="button" popovertarget={props.id} class="btn btn-xs btn-ghost" aria-haspopup="dialog" data-testid={props.testId}>
          {c.t('community.edit')}
        </button>
      )}
      <dialog
        id={props.id}
        popover={props.open ? undefined : 'auto'}
        open={props.open || undefined}
        aria-labelledby={headingId}
        class={props.open ? `static m-0 mt-2 ${box}` : `m-auto backdrop:bg-black/40 ${box}`}
        data-testid={`${props.testId}-dialog`}
      >
        <h3 id={headingId} class="font-bold mb-2">
          {props.title}
        </h3>
        <Form c={c} action={props.action} class="grid gap-2">
          {props.children}
          <div class="flex flex-wrap justify-end gap-2">
            {props.open ? null : (
              <button type="button" popovertarget={props.id} popovertargetaction="hide" class="btn btn-sm btn-ghost">
                {c.t('confirm.cancel')}
              </button>
            )}
            <button type="submit" class="btn btn-sm btn-primary" data-testid={`${props.testId}-save`}>
              {c.t('community.save')}
            </button>
          </div>
        </Form>
      </dialog>
    </>
  );
}

/** A body's text box in a form: what was typed kept, the error under it, the formatting explained. */
export function BodyField(props: {
  c: ViewCtx;
  state: FormState;
  id: string;
  name?: string;
  label: string;
  value: string;
  rows?: number;
  max: number;
}) {
  const { c, state } = props;
  const name = props.name ?? 'body';
  const err = state.errors[name];
  return (
    <div class="fieldset">
      <label class="fieldset-legend" for={props.id}>
        {props.label}
      </label>
      <textarea
        id={props.id}
        name={name}
        rows={props.rows ?? 4}
        maxLength={props.max}
        dir="auto"
        aria-invalid={err ? 'true' : undefined}
        aria-describedby={`${props.id}-hint${err ? ` ${props.id}-err` : ''}`}
        class={`textarea w-full ${err ? 'textarea-error' : ''}`}
      >
        {state.values[name] ?? props.value}
      </textarea>
      <p id={`${props.id}-hint`} class="label text-xs whitespace-normal">
        {c.t('community.format_hint')}
      </p>
      <FieldError c={c} state={state} name={name} id={props.id} params={{ found: String(state.params.found ?? '') }} />
    </div>
  );
}

/** "edited" (معدّل) beside a text its author changed, with the time in the tooltip. */
export function EditedMark(props: { c: ViewCtx; at: Date | null; testId: string }) {
  if (!props.at) return null;
  return (
    <span class="badge badge-ghost badge-sm" title={props.at.toISOString()} data-testid={props.testId}>
      {props.c.t('community.edited')}
    </span>
  );
}
