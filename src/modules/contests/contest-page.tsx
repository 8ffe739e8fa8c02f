import type { FormState, ViewCtx } from '../../platform/http/pages.ts';
import { formatDateTime, formatNumber, plural, timeAgo } from '../../platform/i18n/index.ts';
import type { CategoryEntry } from '../../web/categories.tsx';
import { categoryName } from '../../web/categories.tsx';
import { Money } from '../../web/components/bidi.tsx';
import {
  ContactButton,
  Field,
  Form,
  FormAlert,
  fileSize,
  MemberSince,
  PersonSummary,
  type PersonSummaryData,
  ReportLink,
} from '../../web/components.tsx';
import { Layout } from '../../web/layout.tsx';
import { Stars } from '../catalog/index.ts';
import { AwardDispute } from './award-dispute.tsx';
import type { CommentThread } from './comments.ts';
import { EditCommentForm, EntryCard, type EntryView, OwnerTools, type Person, PersonLink, PrizeList } from './entry-views.tsx';
import type { BriefFile } from './form-views.tsx';
import type { AwardRow, ContestRow } from './service.ts';
import { deadlineText } from './views.tsx';

export type { EntryView, Person } from './entry-views.tsx';

/** A handover as its parties see it: the winner's note and the final files' names and addresses. */
export interface HandoverView {
  note: string;
  files: { name: string; href: string }[];
}

/** The owner's card: who they are, since when, how many contests they held, their buyer level and a way to write. */
export interface ContestOwnerCard extends PersonSummaryData {
  memberSince: string;
  contestsHeld: number;
  /** As buyer: the sellers' published reviews of them (null: none yet). */
  buyerRating: number | null;
  buyerReviewsCount: number;
}

export interface ContestPageProps {
  c: ViewCtx;
  k: ContestRow;
  owner: Person | null;
  ownerCard: ContestOwnerCard | null;
  /** The brief's files (name and size), opened at /contests/{id}/files/{fileId}. */
  briefFiles: BriefFile[];
  category: CategoryEntry | null;
  /** The entries the viewer may see (rules.ts `seesEntry`), and how many there are in all. */
  entries: EntryView[];
  /** Which page of the visible entries this is, of how many. */
  entryPages: { page: number; pages: number };
  /** Every visible entry, for the owner's pick (the page shows a page of them). */
  pickable: { id: number; author: Person | null }[];
  hiddenEntries: number;
  thread: CommentThread[];
  people: Map<number, Person>;
  now: Date;
  /** The comment form (a refused comment or reply comes back with what was typed). */
  commentState: FormState;
  /** The entry form (a refused entry comes back with its description and the reason). */
  entryState: FormState;
  signedIn: boolean;
  isOwner: boolean;
  awards: AwardRow[];
  /** What each award's winner handed over, by award id: only for the winner, the owner and staff. */
  handovers: Map<number, HandoverView>;
  /** The pick, handover or acceptance form that was refused (its values say which: `awardId`, `place`). */
  actionState: FormState;
  viewerId: number | null;
}

/** The places: their winners and handovers; the owner picks the open ones, a winner hands over, the owner accepts. */
function Awards(props: ContestPageProps) {
  const { c, k, awards, actionState: state } = props;
  const judging = k.status === 'judging' && props.isOwner;
  if (awards.length === 0 && !judging) return null;
  const open = k.prizesCents.map((_, i) => i + 1).filter((n) => !awards.some((a) => a.place === n));
  const own = (a: AwardRow) => a.winnerId === props.viewerId;
  return (
    <section class="card bg-base-100 shadow-sm" id="awards" aria-labelledby="awards-h">
      <div class="card-body p-4 gap-3">
        <h2 id="awards-h" class="font-bold">
          {c.t('contests.winners')}
        </h2>
        {state.formError ? <FormAlert c={c} state={state} /> : null}
        <ul class="grid gap-2">
          {awards.map((a) => (
            <li key={a.id} class="grid gap-1" data-testid={`award-${a.place}`}>
              <p>
                {c.t('contests.place', { place: a.place })}: <Money c={c} cents={a.prizeCents} class="font-bold" /> ·{' '}
                <span dir="auto">{props.people.get(a.winnerId)?.displayName ?? c.t('contests.someone')}</span> ·{' '}
                <span class="badge badge-outline badge-sm">{c.t(`contests.award.${a.status}`)}</span>
              </p>
              <Handover c={c} h={props.handovers.get(a.id)} place={a.place} />
              {own(a) && a.status === 'handover' ? (
                <Form c={c} action={`/contests/awards/${a.id}/handover`} multipart class="grid gap-2">
                  <Field
                    c={c}
                    state={state.values.awardId === String(a.id) ? state : { values: {}, errors: {}, formError: null, params: {} }}
                    name="note"
                    id={`note-${a.id}`}
                    label={c.t('contests.handover_note')}
                    textarea
                    rows={2}
                    maxLength={2000}
                    dir="auto"
                  />
                  <input
                    type="file"
                    name="files"
                    multiple
                    class="file-input file-input-sm w-full"
                    aria-label={c.t('contests.handover_files')}
                  />
                  {state.values.awardId === String(a.id) && state.errors.fileIds ? (
                    <p class="text-error text-sm" role="alert">
                      {c.t(state.errors.fileIds, state.params)}
                    </p>
                  ) : null}
                  <button type="submit" class="btn btn-primary btn-sm justify-self-start" data-testid={`handover-${a.place}`}>
                    {c.t('contests.handover_send')}
                  </button>
                </Form>
              ) : null}
              {props.isOwner && a.status === 'delivered' ? (
                <Form c={c} action={`/contests/awards/${a.id}/accept`} class="flex flex-wrap gap-2 items-center">
                  <button type="submit" class="btn btn-primary btn-sm" data-testid={`accept-${a.place}`}>
                    {c.t('contests.accept_send')}
                  </button>
                  <span class="text-sm opacity-80">{c.t('contests.accept_hint')}</span>
                </Form>
              ) : null}
              <AwardDispute c={c} k={k} a={a} viewerId={props.viewerId} state={state} />
            </li>
          ))}
        </ul>
        {judging && open.length && props.pickable.length ? (
          <div class="grid gap-2">
            {open.map((n) => (
              <Form key={n} c={c} action={`/contests/${k.id}/winners`} class="flex flex-wrap gap-2 items-end">
                <input type="hidden" name="place" value={String(n)} />
                <label class="grid gap-1 text-sm grow min-w-0">
                  {c.t('contests.pick_for', { place: n })}
                  <select name="entryId" class="select select-sm w-full" data-testid={`pick-${n}`}>
                    {props.pickable.map((e) => (
                      <option key={e.id} value={String(e.id)}>
                        {`#${e.id} — ${e.author?.displayName ?? ''}`}
                      </option>
                    ))}
                  </select>
                </label>
                <button type="submit" class="btn btn-primary btn-sm" data-testid={`pick-send-${n}`}>
                  {c.t('contests.pick_send')}
                </button>
              </Form>
            ))}
          </div>
        ) : null}
      </div>
    </section>
  );
}

/** What a winner handed over: their note and the final files, to open (the winner, the owner and staff). */
function Handover(props: { c: ViewCtx; h: HandoverView | undefined; place: number }) {
  const { c, h } = props;
  if (!h) return null;
  return (
    <div class="grid gap-1 bg-base-200 rounded-box p-3 text-sm" data-testid={`handover-files-${props.place}`}>
      <p class="font-bold">{c.t('contests.handover_files')}</p>
      {h.note ? (
        <p class="whitespace-pre-line break-words" dir="auto">
          {h.note}
        </p>
      ) : null}
      <ul class="flex flex-wrap gap-1">
        {h.files.map((f) => (
          <li key={f.href} class="badge badge-outline max-w-full">
            <a class="link truncate" href={f.href} dir="auto" data-testid="handover-file">
              {f.name}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Entering an open contest: a description and 1–5 files (images get a watermarked public preview). */
function EntryForm(props: { c: ViewCtx; k: ContestRow; state: FormState }) {
  const { c, state } = props;
  return (
    <section class="card bg-base-100 shadow-sm" aria-labelledby="enter-h" id="enter">
      <div class="card-body p-4 gap-2">
        <h2 id="enter-h" class="font-bold">
          {c.t('contests.enter_title')}
        </h2>
        <Form c={c} action={`/contests/${props.k.id}/entries`} multipart class="grid gap-2">
          <FormAlert c={c} state={state} />
          <Field
            c={c}
            state={state}
            name="description"
            id="entry-description"
            label={c.t('contests.entry_description')}
            textarea
            rows={3}
            maxLength={2000}
            dir="auto"
          />
          <div>
            <label for="entry-files" class="text-sm block mb-1">
              {c.t('contests.entry_files')}
            </label>
            <input
              id="entry-files"
              type="file"
              name="files"
              multiple
              class="file-input file-input-sm w-full"
              aria-describedby="entry-files-hint"
            />
            <p id="entry-files-hint" class="text-sm opacity-80 mt-1">
              {c.t('contests.entry_files_hint')}
            </p>
            {state.errors.fileIds ? (
              <p class="text-error text-sm" role="alert">
                {c.t(state.errors.fileIds, state.params)}
              </p>
            ) : null}
          </div>
          <button type="submit" class="btn btn-primary btn-sm justify-self-start" data-testid="enter-send">
            {c.t('contests.enter_send')}
          </button>
        </Form>
      </div>
    </section>
  );
}

const TALKING = ['open', 'judging', 'staff', 'awarding', 'finished'];

/** A comment, or a reply under `parentId`: the same form, its errors shown where it was typed. */
function CommentForm(props: { c: ViewCtx; k: ContestRow; state: FormState; parentId?: number }) {
  const { c, state } = props;
  const mine = String(props.parentId ?? '') === (state.values.parentId ?? '');
  const s = mine ? state : { values: {}, errors: {}, formError: null, params: {} };
  const id = props.parentId ? `reply-${props.parentId}` : 'comment-body';
  return (
    <Form c={c} action={`/contests/${props.k.id}/comments`} class="grid gap-2">
      {props.parentId ? <input type="hidden" name="parentId" value={String(props.parentId)} /> : null}
      <FormAlert c={c} state={s} />
      <Field
        c={c}
        state={s}
        name="body"
        id={id}
        label={c.t(props.parentId ? 'contests.reply_label' : 'contests.comment_label')}
        textarea
        rows={props.parentId ? 2 : 3}
        maxLength={2000}
        dir="auto"
      />
      <button
        type="submit"
        class="btn btn-sm btn-primary justify-self-start"
        data-testid={props.parentId ? `reply-send-${props.parentId}` : 'comment-send'}
      >
        {c.t(props.parentId ? 'contests.reply_send' : 'contests.comment_send')}
      </button>
    </Form>
  );
}

/** A contest's page: its owner, prizes, deadline, brief, the entries the viewer may see, and its public thread. */
export function ContestPage(props: ContestPageProps) {
  const { c, k, now } = props;
  const open = k.status === 'open' && k.endsAt !== null && k.endsAt > now;
  const talking = TALKING.includes(k.status);
  return (
    <Layout c={c} title={k.title} description={k.description.slice(0, 160)}>
      <article class="grid gap-4 lg:grid-cols-3">
        <div class="lg:col-span-2 grid gap-4 min-w-0">
          <header class="grid gap-2">
            <div class="flex gap-2 items-start">
              <h1 class="text-2xl font-bold break-words grow min-w-0" dir="auto" data-testid="contest-title">
                {k.title}
              </h1>
              {props.signedIn && !props.isOwner ? <ReportLink c={c} type="contest" id={k.id} class="shrink-0 mt-2" /> : null}
            </div>
            <ul class="flex flex-wrap gap-x-4 gap-y-1 text-sm opacity-80">
              <li class="badge badge-outline" data-testid="contest-status">
                {c.t(`contests.state.${k.status}`)}
              </li>
              {props.category ? <li>{categoryName(c, props.category.node)}</li> : null}
              {k.blind ? <li class="badge badge-ghost">{c.t('contests.blind')}</li> : null}
              <li data-testid="contest-deadline">{deadlineText(c, k.endsAt, now)}</li>
              <li>{plural(c.locale, 'contests.entries', k.entriesCount)}</li>
              <li>{plural(c.locale, 'contests.contestants', k.contestantsCount)}</li>
              <li data-testid="contest-views">{plural(c.locale, 'contests.views', k.views)}</li>
            </ul>
          </header>
          <section class="card bg-base-100 shadow-sm">
            <div class="card-body p-4 gap-2">
              <h2 class="font-bold">{c.t('contests.brief')}</h2>
              <p class="whitespace-pre-line break-words" dir="auto">
                {k.description}
              </p>
              {k.conditions ? (
                <>
                  <h3 class="font-bold mt-2">{c.t('contests.conditions')}</h3>
                  <p class="whitespace-pre-line break-words" dir="auto">
                    {k.conditions}
                  </p>
                </>
              ) : null}
              {props.briefFiles.length ? (
                <>
                  <h3 class="font-bold mt-2">{c.t('contests.attachments')}</h3>
                  <ul class="space-y-1" data-testid="brief-files">
                    {props.briefFiles.map((f) => (
                      <li key={f.id} class="flex flex-wrap gap-2 text-sm">
                        <a class="link break-all" href={c.href(`/contests/${k.id}/files/${f.id}`)} dir="auto">
                          {f.name}
                        </a>
                        <span class="opacity-70">{fileSize(c, f.size)}</span>
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </div>
          </section>
          {open && props.signedIn && !props.isOwner ? <EntryForm c={c} k={k} state={props.entryState} /> : null}
          {props.isOwner ? <OwnerTools c={c} k={k} now={now} state={props.actionState} /> : null}
          <Awards {...props} />
          <section class="grid gap-2" aria-labelledby="entries-h">
            <h2 id="entries-h" class="font-bold text-lg">
              {c.t('contests.entries_title')}
            </h2>
            {props.hiddenEntries > 0 ? (
              <p class="alert text-sm" data-testid="entries-hidden">
                {c.t('contests.blind_note', { count: props.hiddenEntries })}
              </p>
            ) : null}
            {props.entries.length === 0 && props.hiddenEntries === 0 ? <p class="opacity-70">{c.t('contests.no_entries')}</p> : null}
            <ul class="grid gap-2 sm:grid-cols-2">
              {props.entries.map((e) => (
                <EntryCard
                  key={e.id}
                  c={c}
                  k={k}
                  e={e}
                  isOwner={props.isOwner}
                  viewerId={props.viewerId}
                  people={props.people}
                  now={now}
                  state={props.actionState}
                />
              ))}
            </ul>
            {props.entryPages.pages > 1 ? (
              <nav class="flex flex-wrap gap-1 justify-center" aria-label={c.t('contests.entries_pages')} data-testid="entries-pages">
                {Array.from({ length: props.entryPages.pages }, (_, i) => i + 1).map((n) => (
                  <a
                    key={n}
                    class={`btn btn-sm ${n === props.entryPages.page ? 'btn-active' : 'btn-ghost'}`}
                    href={`${c.href(`/contests/${k.id}`)}${n === 1 ? '' : `?entries=${n}`}#entries-h`}
                    aria-current={n === props.entryPages.page ? 'page' : undefined}
                  >
                    {formatNumber(c.locale, n)}
                  </a>
                ))}
              </nav>
            ) : null}
          </section>
          <section class="grid gap-2" aria-labelledby="thread-h">
            <h2 id="thread-h" class="font-bold text-lg">
              {c.t('contests.thread')}
            </h2>
            {props.thread.length === 0 ? <p class="opacity-70">{c.t('contests.no_comments')}</p> : null}
            <ul class="grid gap-2">
              {props.thread.map((th) => (
                <li key={th.comment.id} id={`comment-${th.comment.id}`} class="grid gap-1">
                  <Comment
                    c={c}
                    row={th.comment}
                    who={props.people.get(th.comment.userId) ?? null}
                    now={now}
                    viewerId={props.viewerId}
                    state={props.actionState}
                  />
                  {th.replies.length ? (
                    <ul class="grid gap-1 ms-6">
                      {th.replies.map((r) => (
                        <li key={r.id} id={`comment-${r.id}`}>
                          <Comment
                            c={c}
                            row={r}
                            who={props.people.get(r.userId) ?? null}
                            now={now}
                            viewerId={props.viewerId}
                            state={props.actionState}
                          />
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  {talking && props.signedIn ? (
                    <details class="ms-6" open={props.commentState.values.parentId === String(th.comment.id)}>
                      <summary class="link link-hover text-sm w-fit">{c.t('contests.reply')}</summary>
                      <CommentForm c={c} k={k} state={props.commentState} parentId={th.comment.id} />
                    </details>
                  ) : null}
                </li>
              ))}
            </ul>
            {talking ? (
              props.signedIn ? (
                <CommentForm c={c} k={k} state={props.commentState} />
              ) : (
                <p class="text-sm">
                  <a class="link" href={c.href(`/login?next=${encodeURIComponent(`/contests/${k.id}`)}`)}>
                    {c.t('contests.sign_in_to_comment')}
                  </a>
                </p>
              )
            ) : null}
          </section>
        </div>
        <aside class="grid gap-4 content-start">
          <section class="card bg-base-100 shadow-sm">
            <div class="card-body p-4 gap-2">
              <h2 class="font-bold">{c.t('contests.prizes')}</h2>
              <PrizeList c={c} prizesCents={k.prizesCents} testId="contest-prizes" />
              <p class="text-sm opacity-80">{c.t('contests.guaranteed')}</p>
              {k.endsAt ? (
                <p class="text-sm">
                  {c.t('contests.deadline')}: <time datetime={k.endsAt.toISOString()}>{formatDateTime(c.locale, k.endsAt)}</time>
                </p>
              ) : null}
              {open ? <p class="text-sm">{plural(c.locale, 'contests.delivery', k.deliveryDays)}</p> : null}
            </div>
          </section>
          <section class="card bg-base-100 shadow-sm">
            <div class="card-body p-4 gap-1">
              <h2 class="font-bold">{c.t('contests.owner')}</h2>
              {props.ownerCard ? (
                <>
                  <PersonSummary c={c} kind="owner" person={props.ownerCard} avatar="md" />
                  <MemberSince c={c} date={props.ownerCard.memberSince} />
                  <p class="text-sm" data-testid="owner-contests">
                    {plural(c.locale, 'contests.held', props.ownerCard.contestsHeld)}
                  </p>
                  <p class="text-sm" data-testid="owner-rating">
                    {c.t('contests.owner_rating')}{' '}
                    <Stars c={c} rating={props.ownerCard.buyerRating} count={props.ownerCard.buyerReviewsCount} />
                  </p>
                  <ContactButton
                    c={c}
                    username={props.ownerCard.username}
                    testId="contact-owner"
                    class="btn btn-sm btn-primary self-start"
                  />
                </>
              ) : (
                <PersonLink c={c} p={props.owner} />
              )}
            </div>
          </section>
        </aside>
      </article>
    </Layout>
  );
}

function Comment(props: {
  c: ViewCtx;
  row: CommentThread['comment'];
  who: Person | null;
  now: Date;
  viewerId: number | null;
  state: FormState;
}) {
  const { c, row } = props;
  const visible = row.status === 'visible';
  return (
    <div class="bg-base-100 rounded-box p-3 shadow-sm grid gap-1">
      <p class="text-sm opacity-80">
        <PersonLink c={c} p={props.who} /> · <time datetime={row.createdAt.toISOString()}>{timeAgo(c, row.createdAt, props.now)}</time>
        {row.editedAt ? ` · ${c.t('contests.edited')}` : ''}
      </p>
      {visible ? (
        <p class="break-words whitespace-pre-line" dir="auto">
          {row.body}
        </p>
      ) : (
        <p class="italic opacity-70">{c.t('contests.comment_removed')}</p>
      )}
      {visible && props.viewerId !== null ? (
        row.userId === props.viewerId ? (
          <EditCommentForm c={c} commentId={row.id} body={row.body} state={props.state} />
        ) : (
          <ReportLink c={c} type="contest_comment" id={row.id} class="justify-self-end" />
        )
      ) : null}
    </div>
  );
}
