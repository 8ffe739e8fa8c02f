import type { ComponentChildren } from 'preact';
import type { ViewCtx } from '../../platform/http/pages.ts';
import { formatDate, formatNumber, plural } from '../../platform/i18n/index.ts';
import { Money } from '../../web/components/bidi.tsx';
import { EmptyCard, MoreLink, PageTitle } from '../../web/components.tsx';
import { Layout } from '../../web/layout.tsx';
import { type EnteredContest, MINE_FILTER_KEYS, type MineFilter, type OwnedContest, ownerNextStep, type WonPlace } from './mine.ts';
import type { ContestStatus } from './rules.ts';
import { deadlineText } from './views.tsx';

/** A contest's state, coloured by whose move it is. */
const BADGE: Record<ContestStatus, string> = {
  draft: 'badge-ghost',
  pending: 'badge-warning',
  rejected: 'badge-error',
  open: 'badge-success',
  judging: 'badge-info',
  staff: 'badge-info',
  awarding: 'badge-primary',
  finished: 'badge-neutral',
  refunded: 'badge-neutral',
};
const AWARD_BADGE: Record<string, string> = {
  handover: 'badge-warning',
  delivered: 'badge-info',
  paid: 'badge-success',
  disputed: 'badge-error',
  refunded: 'badge-neutral',
};

function Time(props: { c: ViewCtx; d: Date }) {
  return <time datetime={props.d.toISOString()}>{formatDate(props.c.locale, props.d)}</time>;
}

function StatusBadge(props: { c: ViewCtx; status: ContestStatus; testId?: string }) {
  return (
    <span class={`badge badge-sm h-auto min-h-5 text-start ${BADGE[props.status] ?? ''}`} data-testid={props.testId}>
      {props.c.t(`contests.state.${props.status}`)}
    </span>
  );
}

/** A row's line of facts: wraps on a phone, each fact whole. */
function Facts(props: { children: ComponentChildren }) {
  return <p class="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">{props.children}</p>;
}

/** When the owner's contest ends or what its date is, by its state. */
function OwnerWhen(props: { c: ViewCtx; k: OwnedContest; now: Date }) {
  const { c, k } = props;
  if (k.status === 'open') return <span data-testid={`when-${k.id}`}>{deadlineText(c, k.endsAt, props.now)}</span>;
  if (k.status === 'judging' && k.endsAt) {
    const by = ownerNextStep(k)?.dueAt ?? k.endsAt;
    return (
      <span class="font-bold" data-testid={`when-${k.id}`}>
        {c.t('contests.mine.pick_by', { date: formatDate(c.locale, by) })}
      </span>
    );
  }
  if (['draft', 'rejected', 'pending'].includes(k.status))
    return (
      <span class="opacity-70" data-testid={`when-${k.id}`}>
        {c.t('contests.mine.updated', { date: formatDate(c.locale, k.updatedAt) })}
      </span>
    );
  if (k.endsAt) return <span class="opacity-70">{deadlineText(c, k.endsAt, props.now)}</span>;
  return null;
}

/** What the owner does next: a button when it is theirs to act, a line when they wait. */
function OwnerNext(props: { c: ViewCtx; k: OwnedContest }) {
  const { c, k } = props;
  const step = ownerNextStep(k);
  if (!step) return null;
  const href = step.code === 'publish' || step.code === 'fix_and_publish' ? `/contests/${k.id}/edit` : `/contests/${k.id}#awards`;
  const text =
    step.code === 'accept_handover'
      ? plural(c.locale, 'contests.mine.next.accept_handover', step.count)
      : c.t(`contests.mine.next.${step.code}`);
  return (
    <div class="flex flex-wrap items-center gap-2" data-testid={`next-${k.id}`} data-next={step.code}>
      <span class={`text-sm ${step.action ? 'font-bold' : 'opacity-80'}`}>{text}</span>
      {step.action ? (
        <a class="btn btn-sm btn-primary" href={c.href(href)} data-testid={`do-${k.id}`}>
          {c.t(`contests.mine.do.${step.code}`)}
        </a>
      ) : null}
    </div>
  );
}

function OwnedRow(props: { c: ViewCtx; k: OwnedContest; now: Date }) {
  const { c, k } = props;
  const editable = k.status === 'draft' || k.status === 'rejected';
  return (
    <li class="card bg-base-100 shadow-sm" data-testid={`my-contest-${k.id}`}>
      <div class="card-body p-3 sm:p-4 gap-2 min-w-0">
        <div class="flex flex-wrap items-start justify-between gap-x-3 gap-y-1">
          <h2 class="font-bold break-words min-w-0" dir="auto">
            <a
              class="link link-hover"
              href={c.href(editable ? `/contests/${k.id}/edit` : `/contests/${k.id}`)}
              data-testid={`title-${k.id}`}
            >
              {k.title || c.t('contests.mine.untitled')}
            </a>
          </h2>
          <StatusBadge c={c} status={k.status} testId={`status-${k.id}`} />
        </div>
        <Facts>
          {k.prizeTotalCents > 0 ? (
            <span>
              {c.t('contests.mine.prize_total')} <Money c={c} cents={k.prizeTotalCents} class="font-bold" testId={`prize-${k.id}`} />
            </span>
          ) : (
            <span class="opacity-80" data-testid={`prize-${k.id}`}>
              {c.t('contests.mine.no_prizes')}
            </span>
          )}
          {k.prizesCents.length ? <span class="opacity-80">{plural(c.locale, 'contests.places', k.prizesCents.length)}</span> : null}
          {editable || k.status === 'pending' ? null : (
            <span data-testid={`entries-${k.id}`}>{plural(c.locale, 'contests.entries', k.entriesCount)}</span>
          )}
          <OwnerWhen c={c} k={k} now={props.now} />
        </Facts>
        {k.rejectReason && (k.status === 'rejected' || k.status === 'refunded') ? (
          <p class="text-sm text-error break-words" data-testid={`reason-${k.id}`} dir="auto">
            {c.t(k.status === 'rejected' ? 'contests.mine.reject_reason' : 'contests.mine.refund_reason', { reason: k.rejectReason })}
          </p>
        ) : null}
        <OwnerNext c={c} k={k} />
      </div>
    </li>
  );
}

export interface MyContestsProps {
  c: ViewCtx;
  items: OwnedContest[];
  filter: MineFilter | '';
  counts: Record<MineFilter | 'all', number>;
  /** The locale-free link to the next (older) page, or null. */
  older: string | null;
  now: Date;
}

const filterHref = (f: MineFilter | '') => (f ? `/my/contests?status=${f}` : '/my/contests');

/** The owner's contests, in every state (a filter), each with what they must do next. */
export function MyContestsPage(props: MyContestsProps) {
  const { c, items } = props;
  const tabs: (MineFilter | '')[] = ['', ...MINE_FILTER_KEYS];
  return (
    <Layout c={c} title={c.t('menu.my_contests')}>
      <div class="flex flex-wrap items-center justify-between gap-2 mb-4">
        <PageTitle>{c.t('menu.my_contests')}</PageTitle>
        {props.counts.all > 0 ? (
          <a class="btn btn-primary" href={c.href('/contests/new')} data-testid="new-contest">
            {c.t('contests.mine.new')}
          </a>
        ) : null}
      </div>
      {props.counts.all > 0 ? (
        <nav
          class="tabs tabs-box mb-4 overflow-x-auto flex-nowrap"
          aria-label={c.t('contests.mine.filter_label')}
          data-testid="my-contest-tabs"
        >
          {tabs.map((f) => {
            const n = props.counts[f || 'all'];
            return (
              <a
                key={f || 'all'}
                class={`tab shrink-0 flex-nowrap whitespace-nowrap gap-1 ${props.filter === f ? 'tab-active' : ''}`}
                aria-current={props.filter === f ? 'page' : undefined}
                href={c.href(filterHref(f))}
                data-testid={`tab-${f || 'all'}`}
              >
                {c.t(`contests.mine.filter.${f || 'all'}`)}
                <span class="badge badge-xs badge-ghost">{formatNumber(c.locale, n)}</span>
              </a>
            );
          })}
        </nav>
      ) : null}
      {items.length === 0 ? (
        <EmptyCard testId="no-my-contests">
          <p class="mb-3">{c.t(props.counts.all > 0 ? 'contests.mine.empty_filter' : 'contests.mine.empty')}</p>
          <a class="btn btn-primary" href={c.href('/contests/new')} data-testid="new-contest-empty">
            {c.t('contests.mine.new')}
          </a>
        </EmptyCard>
      ) : (
        <ul class="grid gap-3" data-testid="my-contests">
          {items.map((k) => (
            <OwnedRow key={k.id} c={c} k={k} now={props.now} />
          ))}
        </ul>
      )}
      <MoreLink c={c} href={props.older} label={c.t('contests.mine.older')} />
    </Layout>
  );
}

/** A place won: the prize, and where its handover stands (with its date). */
function Won(props: { c: ViewCtx; contestId: number; a: WonPlace; now: Date }) {
  const { c, a } = props;
  const late = a.status === 'handover' && a.handoverBy.getTime() < props.now.getTime();
  const line = (() => {
    switch (a.status) {
      case 'handover':
        return c.t(late ? 'contests.mine.award.late' : 'contests.mine.award.handover', { date: formatDate(c.locale, a.handoverBy) });
      case 'delivered':
        return c.t('contests.mine.award.delivered', {
          date: formatDate(c.locale, a.deliveredAt ?? a.awardedAt),
          accept: formatDate(c.locale, a.acceptsBy ?? a.awardedAt),
        });
      case 'paid':
        return c.t('contests.mine.award.paid', { date: formatDate(c.locale, a.paidAt ?? a.awardedAt) });
      case 'disputed':
        return c.t('contests.mine.award.disputed', { date: formatDate(c.locale, a.disputedAt ?? a.awardedAt) });
      case 'refunded':
        return c.t('contests.mine.award.refunded');
      default:
        return '';
    }
  })();
  return (
    <li class="rounded-box bg-base-200 p-3 grid gap-1" data-testid={`award-${a.id}`} data-status={a.status}>
      <p class="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span class="font-bold">{c.t('contests.mine.won', { place: a.place })}</span>
        <Money c={c} cents={a.prizeCents} class="font-bold text-primary" testId={`award-prize-${a.id}`} />
        <span class={`badge badge-sm h-auto min-h-5 ${AWARD_BADGE[a.status] ?? ''}`}>{c.t(`contests.mine.award_status.${a.status}`)}</span>
      </p>
      {line ? (
        <p class={`text-sm ${late ? 'text-error font-bold' : ''}`} data-testid={`award-when-${a.id}`}>
          {line}
        </p>
      ) : null}
      <p>
        <a
          class={a.status === 'handover' ? 'btn btn-sm btn-primary' : 'link text-sm'}
          href={c.href(`/contests/${props.contestId}#awards`)}
          data-testid={`award-link-${a.id}`}
        >
          {c.t(a.status === 'handover' ? 'contests.mine.hand_over' : 'contests.mine.see_award')}
        </a>
      </p>
    </li>
  );
}

function EnteredRow(props: { c: ViewCtx; row: EnteredContest; now: Date }) {
  const { c, row } = props;
  const k = row.contest;
  return (
    <li class="card bg-base-100 shadow-sm" data-testid={`entered-${k.id}`}>
      <div class="card-body p-3 sm:p-4 gap-2 min-w-0">
        <div class="flex flex-wrap items-start justify-between gap-x-3 gap-y-1">
          <h2 class="font-bold break-words min-w-0" dir="auto">
            <a class="link link-hover" href={c.href(`/contests/${k.id}`)}>
              {k.title}
            </a>
          </h2>
          <StatusBadge c={c} status={k.status} testId={`status-${k.id}`} />
        </div>
        <Facts>
          <span>
            {c.t('contests.mine.prize_total')} <Money c={c} cents={k.prizeTotalCents} class="font-bold" />
          </span>
          <span data-testid={`mine-${k.id}`}>{plural(c.locale, 'contests.mine.yours', row.activeEntries)}</span>
          {row.withdrawnEntries ? (
            <span class="opacity-70" data-testid={`withdrawn-${k.id}`}>
              {plural(c.locale, 'contests.mine.withdrawn', row.withdrawnEntries)}
            </span>
          ) : null}
          <span class="opacity-80">{c.t('contests.mine.in_all', { count: k.entriesCount })}</span>
          {k.status === 'open' ? <span data-testid={`when-${k.id}`}>{deadlineText(c, k.endsAt, props.now)}</span> : null}
          <span class="opacity-70">
            {c.t('contests.mine.last_entry')} <Time c={c} d={row.lastEntryAt} />
          </span>
        </Facts>
        {row.awards.length ? (
          <ul class="grid gap-2" data-testid={`awards-${k.id}`}>
            {row.awards.map((a) => (
              <Won key={a.id} c={c} contestId={k.id} a={a} now={props.now} />
            ))}
          </ul>
        ) : null}
      </div>
    </li>
  );
}

/** The contests the user entered: their entries, each contest's state, and the places they won with the handover. */
export function MyContestEntriesPage(props: { c: ViewCtx; items: EnteredContest[]; older: string | null; now: Date }) {
  const { c, items } = props;
  const due = items.flatMap((r) => r.awards.filter((a) => a.status === 'handover').map((a) => ({ a, k: r.contest })));
  return (
    <Layout c={c} title={c.t('menu.my_contest_entries')}>
      <PageTitle>{c.t('menu.my_contest_entries')}</PageTitle>
      {due.length ? (
        <section class="rounded-box border border-warning bg-warning/15 p-3 sm:p-4 mb-4 grid gap-2" data-testid="handover-due">
          <h2 class="font-bold">{plural(c.locale, 'contests.mine.to_hand_over', due.length)}</h2>
          <ul class="grid gap-1 text-sm">
            {due.map(({ a, k }) => (
              <li key={a.id} class="break-words">
                <a class="link font-bold" href={c.href(`/contests/${k.id}#awards`)} dir="auto">
                  {k.title}
                </a>{' '}
                — {c.t('contests.mine.won', { place: a.place })}:{' '}
                {c.t('contests.mine.award.handover', { date: formatDate(c.locale, a.handoverBy) })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {items.length === 0 ? (
        <EmptyCard testId="no-my-entries">
          <p class="mb-3">{c.t('contests.mine.entries_empty')}</p>
          <a class="btn btn-primary" href={c.href('/contests')} data-testid="browse-contests">
            {c.t('contests.mine.browse')}
          </a>
        </EmptyCard>
      ) : (
        <ul class="grid gap-3" data-testid="my-entries">
          {items.map((r) => (
            <EnteredRow key={r.contest.id} c={c} row={r} now={props.now} />
          ))}
        </ul>
      )}
      <MoreLink c={c} href={props.older} label={c.t('contests.mine.older')} />
    </Layout>
  );
}
