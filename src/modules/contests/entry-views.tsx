import type { FormState, ViewCtx } from '../../platform/http/pages.ts';
import { plural, timeAgo } from '../../platform/i18n/index.ts';
import { Money, Ref, Username } from '../../web/components/bidi.tsx';
import { Field, Form, FormAlert, ReportLink } from '../../web/components.tsx';
import type { EntryFileCard } from './entry-files.ts';
import type { EntryNoteRow } from './entry-notes.ts';
import { EARLY_END_ENTRIES, EXTEND_DAYS_MAX } from './rules.ts';
import type { ContestRow } from './service.ts';

export interface Person {
  username: string;
  displayName: string;
}

/** An entry as this viewer may see it: its author, text, files (previews or cards) and, for the two sides, its notes. */
export interface EntryView {
  id: number;
  authorId: number;
  author: Person | null;
  description: string;
  files: EntryFileCard[];
  createdAt: Date;
  mine: boolean;
  /** The owner's rating (1–5) and shortlist: shown to the owner and the entry's author. */
  rating: number | null;
  shortlisted: boolean;
  /** The private thread between the owner and the author (null: the viewer may not read it). */
  notes: EntryNoteRow[] | null;
}

const blank: FormState = { values: {}, errors: {}, formError: null, params: {} };

/** The refused form that belongs here (its hidden `form` and `entryId` say which), else an empty one. */
export function stateFor(state: FormState, form: string, entryId?: number): FormState {
  if (state.values.form !== form) return blank;
  if (entryId !== undefined && state.values.entryId !== String(entryId)) return blank;
  return state;
}

export function PersonLink(props: { c: ViewCtx; p: Person | null }) {
  if (!props.p) return <span>{props.c.t('contests.someone')}</span>;
  return (
    <a class="link link-hover w-fit" href={props.c.href(`/u/${props.p.username}`)}>
      <span dir="auto">{props.p.displayName}</span> <Username username={props.p.username} class="opacity-70 text-xs" />
    </a>
  );
}

function FileCard(props: { c: ViewCtx; f: EntryFileCard }) {
  const { c, f } = props;
  if (f.kind === 'image') {
    const src = f.preview ?? f.original;
    return (
      <li class="rounded-box overflow-hidden bg-base-200 aspect-[4/3]">
        {src ? (
          <a href={f.original ?? src} target={f.original ? '_blank' : undefined} rel="noopener">
            <img
              src={src}
              alt={c.t('contests.entry_image')}
              loading="lazy"
              decoding="async"
              width={400}
              height={300}
              class="w-full h-full object-cover"
              data-testid={f.preview ? 'entry-preview' : 'entry-original'}
            />
          </a>
        ) : null}
      </li>
    );
  }
  return (
    <li class="rounded-box bg-base-200 p-2 text-sm grid content-center min-w-0">
      {f.original ? (
        <a class="link break-all" dir="auto" href={f.original}>
          {f.name}
        </a>
      ) : (
        <span class="break-all" dir="auto">
          {f.name}
        </span>
      )}
      <span class="opacity-70 text-xs">{c.t('contests.file_kb', { kb: Math.max(1, Math.round(f.size / 1024)) })}</span>
    </li>
  );
}

/** One entry: author, time, text, files; the owner's rating and shortlist, the author's withdrawal, their private notes. */
export function EntryCard(props: {
  c: ViewCtx;
  k: ContestRow;
  e: EntryView;
  isOwner: boolean;
  viewerId: number | null;
  people: Map<number, Person>;
  now: Date;
  state: FormState;
}) {
  const { c, k, e, now } = props;
  const open = k.status === 'open' && k.endsAt !== null && k.endsAt > now;
  const rating = ['open', 'judging'].includes(k.status) && props.isOwner;
  const rate = stateFor(props.state, 'rate', e.id);
  const note = stateFor(props.state, 'note', e.id);
  const withdraw = stateFor(props.state, 'withdraw', e.id);
  return (
    <li id={`entry-${e.id}`} class="card bg-base-100 shadow-sm" data-testid={`entry-${e.id}`}>
      <div class="card-body p-3 gap-2 min-w-0">
        <p class="text-sm opacity-80 flex flex-wrap gap-x-2 items-center">
          <Ref id={e.id} /> <PersonLink c={c} p={e.author} /> ·{' '}
          <time datetime={e.createdAt.toISOString()}>{timeAgo(c, e.createdAt, now)}</time>
          {e.shortlisted && (props.isOwner || e.mine) ? (
            <span class="badge badge-primary badge-sm">{c.t('contests.shortlisted')}</span>
          ) : null}
          {e.rating && (props.isOwner || e.mine) ? (
            <span class="badge badge-ghost badge-sm">{c.t('contests.rated', { rating: e.rating })}</span>
          ) : null}
        </p>
        <p class="break-words whitespace-pre-line" dir="auto">
          {e.description}
        </p>
        {e.files.length ? (
          <ul class="grid grid-cols-2 gap-2">
            {e.files.map((f) => (
              <FileCard key={f.fileId} c={c} f={f} />
            ))}
          </ul>
        ) : null}
        <div class="flex flex-wrap gap-2 items-center">
          {rating ? (
            <Form c={c} action={`/contests/entries/${e.id}/rate`} class="flex flex-wrap gap-2 items-center">
              <input type="hidden" name="form" value="rate" />
              <input type="hidden" name="entryId" value={String(e.id)} />
              <FormAlert c={c} state={rate} />
              <select name="rating" class="select select-xs" aria-label={c.t('contests.rating_label')} data-testid={`rating-${e.id}`}>
                <option value="">{c.t('contests.rating_none')}</option>
                {[5, 4, 3, 2, 1].map((n) => (
                  <option key={n} value={String(n)} selected={e.rating === n}>
                    {c.t('contests.rated', { rating: n })}
                  </option>
                ))}
              </select>
              <label class="label cursor-pointer gap-1 text-sm">
                <input type="checkbox" name="shortlisted" value="on" class="checkbox checkbox-xs" checked={e.shortlisted} />
                {c.t('contests.shortlist')}
              </label>
              <button type="submit" class="btn btn-xs" data-testid={`rate-send-${e.id}`}>
                {c.t('contests.rate_send')}
              </button>
            </Form>
          ) : null}
          {e.mine && open ? (
            <Form c={c} action={`/contests/entries/${e.id}/withdraw`}>
              <input type="hidden" name="form" value="withdraw" />
              <input type="hidden" name="entryId" value={String(e.id)} />
              <FormAlert c={c} state={withdraw} />
              <button type="submit" class="btn btn-xs btn-ghost" data-testid={`withdraw-${e.id}`}>
                {c.t('contests.withdraw')}
              </button>
            </Form>
          ) : null}
          {props.viewerId !== null && !e.mine ? <ReportLink c={c} type="entry" id={e.id} class="ms-auto" /> : null}
        </div>
        {e.notes ? (
          <details class="bg-base-200 rounded-box p-2" open={e.notes.length > 0 || note !== blank}>
            <summary class="text-sm cursor-pointer">{plural(c.locale, 'contests.notes', e.notes.length)}</summary>
            <p class="text-xs opacity-70 mt-1">{c.t(props.isOwner ? 'contests.notes_hint_owner' : 'contests.notes_hint_author')}</p>
            <ul class="grid gap-1 mt-2">
              {e.notes.map((n) => (
                <li key={n.id} class="text-sm" id={`note-${n.id}`}>
                  <span class="opacity-70">
                    <span dir="auto">{props.people.get(n.userId)?.displayName ?? c.t('contests.someone')}</span> ·{' '}
                    <time datetime={n.createdAt.toISOString()}>{timeAgo(c, n.createdAt, now)}</time>
                  </span>
                  {n.status === 'visible' ? (
                    <p class="break-words whitespace-pre-line" dir="auto">
                      {n.body}
                    </p>
                  ) : (
                    <p class="italic opacity-70">{c.t('contests.comment_removed')}</p>
                  )}
                  {n.status === 'visible' && n.userId !== props.viewerId && props.viewerId !== null ? (
                    <ReportLink c={c} type="contest_comment" id={n.id} />
                  ) : null}
                </li>
              ))}
            </ul>
            {props.isOwner || e.mine ? (
              <Form c={c} action={`/contests/entries/${e.id}/notes`} class="grid gap-1 mt-2">
                <input type="hidden" name="form" value="note" />
                <input type="hidden" name="entryId" value={String(e.id)} />
                <FormAlert c={c} state={note} />
                <Field
                  c={c}
                  state={note}
                  name="body"
                  id={`note-body-${e.id}`}
                  label={c.t('contests.note_label')}
                  textarea
                  rows={2}
                  maxLength={2000}
                  dir="auto"
                />
                <button type="submit" class="btn btn-xs btn-primary justify-self-start" data-testid={`note-send-${e.id}`}>
                  {c.t('contests.note_send')}
                </button>
              </Form>
            ) : null}
          </details>
        ) : null}
      </div>
    </li>
  );
}

/** The owner's deadline tools: extend once (up to EXTEND_DAYS_MAX days), or end early with enough entries. */
export function OwnerTools(props: { c: ViewCtx; k: ContestRow; now: Date; state: FormState }) {
  const { c, k, now } = props;
  if (k.status !== 'open' || !k.endsAt || k.endsAt <= now) return null;
  const extend = stateFor(props.state, 'extend');
  const end = stateFor(props.state, 'end');
  return (
    <section class="card bg-base-100 shadow-sm" id="owner-tools" aria-labelledby="owner-tools-h">
      <div class="card-body p-4 gap-2">
        <h2 id="owner-tools-h" class="font-bold">
          {c.t('contests.owner_tools')}
        </h2>
        {extend.formError || end.formError ? (
          <p role="alert" class="alert alert-error text-sm" data-testid="owner-tools-alert">
            {c.t((extend.formError ?? end.formError) as string, props.state.params)}
          </p>
        ) : null}
        {k.extended ? (
          <p class="text-sm opacity-80">{c.t('contests.extended_once')}</p>
        ) : (
          <Form c={c} action={`/contests/${k.id}/extend`} class="flex flex-wrap gap-2 items-end">
            <input type="hidden" name="form" value="extend" />
            <label class="grid gap-1 text-sm">
              {c.t('contests.extend_label')}
              <select name="days" class="select select-sm" data-testid="extend-days">
                {Array.from({ length: EXTEND_DAYS_MAX }, (_, i) => i + 1).map((n) => (
                  <option key={n} value={String(n)} selected={extend.values.days === String(n)}>
                    {plural(c.locale, 'contests.days', n)}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" class="btn btn-sm" data-testid="extend-send">
              {c.t('contests.extend_send')}
            </button>
          </Form>
        )}
        {k.endedEarly ? null : k.entriesCount >= EARLY_END_ENTRIES ? (
          <Form c={c} action={`/contests/${k.id}/end-early`} class="flex flex-wrap gap-2 items-center">
            <input type="hidden" name="form" value="end" />
            <button type="submit" class="btn btn-sm btn-outline" data-testid="end-early">
              {c.t('contests.end_early')}
            </button>
            <span class="text-sm opacity-80">{c.t('contests.end_early_hint')}</span>
          </Form>
        ) : (
          <p class="text-sm opacity-80">{plural(c.locale, 'contests.end_early_needs', EARLY_END_ENTRIES)}</p>
        )}
      </div>
    </section>
  );
}

/** Its author edits a comment of the public thread (تعديل تعليق): the same text box, what was typed kept on refusal. */
export function EditCommentForm(props: { c: ViewCtx; commentId: number; body: string; state: FormState }) {
  const { c } = props;
  const s = stateFor(props.state, 'edit');
  const mine = s !== blank && s.values.commentId === String(props.commentId);
  const state = mine ? s : { ...blank, values: { body: props.body } };
  return (
    <details class="text-sm" open={mine}>
      <summary class="link link-hover w-fit">{c.t('contests.edit_comment')}</summary>
      <Form c={c} action={`/contests/comments/${props.commentId}/edit`} class="grid gap-1 mt-1">
        <input type="hidden" name="form" value="edit" />
        <input type="hidden" name="commentId" value={String(props.commentId)} />
        <FormAlert c={c} state={state} />
        <Field
          c={c}
          state={state}
          name="body"
          id={`edit-${props.commentId}`}
          label={c.t('contests.edit_comment_label')}
          textarea
          rows={2}
          maxLength={2000}
          dir="auto"
        />
        <button type="submit" class="btn btn-xs btn-primary justify-self-start" data-testid={`edit-send-${props.commentId}`}>
          {c.t('contests.edit_send')}
        </button>
      </Form>
    </details>
  );
}

/** A contest's places and their prizes, first place first. */
export function PrizeList(props: { c: ViewCtx; prizesCents: number[]; testId: string }) {
  const { c } = props;
  return (
    <ol class="grid gap-1" data-testid={props.testId}>
      {props.prizesCents.map((p, i) => (
        <li key={i} class="flex justify-between gap-2">
          <span>{c.t('contests.place', { place: i + 1 })}</span>
          <Money c={c} cents={p} class="font-bold" />
        </li>
      ))}
    </ol>
  );
}
