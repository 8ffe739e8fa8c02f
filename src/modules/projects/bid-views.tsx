import type { FormState, ViewCtx } from '../../platform/http/pages.ts';
import { formatDate, formatMoney, plural } from '../../platform/i18n/index.ts';
import { Money } from '../../web/components/bidi.tsx';
import { ConfirmSubmit, isolate } from '../../web/components/confirm.tsx';
import {
  Avatar,
  EmptyCard,
  emailUnverified,
  Field,
  Form,
  FormAlert,
  PageTitle,
  ReportLink,
  VerifyEmailFirst,
} from '../../web/components.tsx';
import { Icon } from '../../web/icons.tsx';
import { Layout } from '../../web/layout.tsx';
import type { BidRow, BidsPageData } from './bids.ts';
import { BID_FILES_MAX, BID_MAX_CENTS, BID_MIN_CENTS, PROPOSAL_MIN } from './rules.ts';

const BADGE: Record<string, string> = {
  active: 'badge-info',
  hired: 'badge-success',
  not_chosen: 'badge-ghost',
  closed: 'badge-ghost',
  withdrawn: 'badge-ghost',
};

/** The bid form: a new bid, or the viewer's own active bid to edit (what was typed stays after a refusal). */
function BidForm(props: { c: ViewCtx; projectId: number; mine: BidRow | null; state: FormState }) {
  const { c, mine, state } = props;
  const values = {
    amount: mine ? String(mine.amountCents / 100) : '',
    days: mine ? String(mine.days) : '',
    proposal: mine?.proposal ?? '',
    ...state.values,
  };
  const st = { ...state, values, params: { min: PROPOSAL_MIN, max: BID_FILES_MAX, ...state.params } };
  return (
    <Form c={c} action={mine ? `/bids/${mine.id}/edit` : `/projects/${props.projectId}/bids`} multipart class="space-y-1" id="bid-form">
      <FormAlert c={c} state={st} />
      <div class="grid gap-2 sm:grid-cols-2">
        <Field
          c={c}
          state={{ ...st, errors: { ...st.errors, amount: st.errors.amountCents ?? st.errors.amount } }}
          name="amount"
          type="number"
          label={c.t('bid.amount')}
          hint={c.t('bid.amount_hint', { min: BID_MIN_CENTS, max: BID_MAX_CENTS })}
          dir="ltr"
          required
        />
        <Field c={c} state={st} name="days" type="number" label={c.t('bid.days')} dir="ltr" required />
      </div>
      <Field
        c={c}
        state={st}
        name="proposal"
        label={c.t('bid.proposal')}
        hint={c.t('bid.proposal_hint', { min: PROPOSAL_MIN })}
        textarea
        rows={6}
        dir="auto"
        required
      />
      <div class="fieldset">
        <label class="fieldset-legend" for="f-files">
          {c.t('bid.files', { max: BID_FILES_MAX })}
        </label>
        <input id="f-files" type="file" name="files" multiple class="file-input file-input-sm max-w-full" />
        {st.errors.files ? (
          <p class="text-error text-sm" data-testid="error-files">
            {c.t(st.errors.files, st.params)}
          </p>
        ) : null}
      </div>
      <button type="submit" class="btn btn-primary" data-testid="bid-submit">
        {c.t(mine ? 'bid.save' : 'bid.send')}
      </button>
    </Form>
  );
}

type BidItem = BidsPageData['items'][number];
const nameOf = (b: BidItem) => b.freelancer.displayName || b.freelancer.username;

/** Hiring a bid moves its amount into escrow: the button asks first, naming the freelancer and the amount. */
function HireForm(props: { c: ViewCtx; projectId: number; bid: BidItem; id?: string }) {
  const { c, bid: b } = props;
  const amount = formatMoney(c.locale, b.full?.amountCents ?? 0);
  return (
    <Form c={c} action={`/projects/${props.projectId}/hire`} class="inline">
      <input type="hidden" name="bidId" value={String(b.id)} />
      <ConfirmSubmit
        c={c}
        id={props.id ?? `confirm-hire-${b.id}`}
        label={
          <>
            {c.t('bid.hire')} <Money c={c} cents={b.full?.amountCents ?? 0} />
          </>
        }
        question={c.t('bid.hire_confirm', { name: isolate(nameOf(b)), amount: isolate(amount) })}
        confirm={c.t('bid.hire_yes')}
        class="btn btn-sm btn-primary"
        tone="primary"
        testid={props.id ? props.id : `hire-${b.id}`}
        disabled={emailUnverified(c)}
      />
    </Form>
  );
}

/** The bids part of a project page: the list (full for the owner and staff), the bid form, the owner's actions. */
export function BidsSection(props: {
  c: ViewCtx;
  data: BidsPageData;
  state: FormState;
  /** Back from a top-up made to hire this bid (`?hire=<bid id>`): offer to finish the hire. */
  finishHire?: number | null;
}) {
  const { c, data } = props;
  const p = data.project;
  const open = p.status === 'open';
  const mineActive = data.mine && data.mine.status === 'active' ? data.mine : null;
  const toFinish =
    props.finishHire && data.viewer?.isOwner && open && !props.state.formError
      ? data.items.find((b) => b.id === props.finishHire && b.status === 'active')
      : undefined;
  return (
    <section class="card bg-base-100 shadow-sm" id="bids" data-testid="bids">
      <div class="card-body p-4 md:p-6 gap-3">
        <h2 class="card-title">{c.t('bid.list_title', { n: data.items.length })}</h2>
        {toFinish ? (
          <div role="status" class="alert alert-success flex flex-wrap" data-testid="finish-hire">
            <span>{c.t('bid.finish_hire', { name: isolate(nameOf(toFinish)) })}</span>
            <HireForm c={c} projectId={p.id} bid={toFinish} id="finish-hire-button" />
          </div>
        ) : null}
        {data.viewer?.isOwner && open ? (
          <Form c={c} action={`/projects/${p.id}/close`} class="self-start">
            <ConfirmSubmit
              c={c}
              id="confirm-project-close"
              label={c.t('project.close_without_hiring')}
              question={c.t('project.close_confirm')}
              confirm={c.t('project.close_yes')}
              testid="project-close"
            />
          </Form>
        ) : null}
        {data.viewer?.isOwner && open && data.items.some((b) => b.status === 'active') ? <VerifyEmailFirst c={c} /> : null}
        {p.orderId && !data.viewer?.isOwner && data.items.some((b) => b.status === 'hired' && b.freelancer.id === data.viewer?.id) ? (
          <a class="btn btn-sm btn-primary self-start" href={c.href(`/orders/${p.orderId}`)} data-testid="project-order">
            {c.t('project.open_order', { id: p.orderId })}
          </a>
        ) : null}
        {data.activeBids && open && !data.viewer?.isOwner ? (
          <p class="text-sm opacity-80" data-testid="active-bids">
            {c.t('bid.slots', { used: data.activeBids.used, limit: Number.isFinite(data.activeBids.limit) ? data.activeBids.limit : '∞' })}
          </p>
        ) : null}
        {data.canBid || (mineActive && open) ? (
          <div class="border border-base-300 rounded-box p-3">
            <h3 class="font-bold mb-2">{c.t(mineActive ? 'bid.edit_title' : 'bid.new_title')}</h3>
            <BidForm c={c} projectId={p.id} mine={mineActive} state={props.state} />
            {mineActive ? (
              <Form c={c} action={`/bids/${mineActive.id}/withdraw`} class="mt-2">
                <ConfirmSubmit
                  c={c}
                  id="confirm-bid-withdraw"
                  label={c.t('bid.withdraw')}
                  question={c.t('bid.withdraw_confirm')}
                  confirm={c.t('bid.withdraw_yes')}
                  class="btn btn-sm btn-ghost text-error"
                  testid="bid-withdraw"
                />
              </Form>
            ) : null}
          </div>
        ) : data.cannotBid && data.cannotBid !== 'bid.already' && !data.viewer?.isOwner ? (
          <p role="status" class="alert" data-testid="cannot-bid">
            {data.cannotBid === 'bid.sign_in' ? (
              <a class="link" href={c.href(`/login?next=${encodeURIComponent(`/projects/${p.id}`)}`)}>
                {c.t('bid.sign_in')}
              </a>
            ) : (
              c.t(data.cannotBid, { limit: data.activeBids?.limit ?? '' })
            )}
          </p>
        ) : null}
        {props.state.formError && !(data.canBid || mineActive) ? (
          <div role="alert" class="alert alert-error flex flex-wrap" data-testid="bid-error">
            <span>{c.t(props.state.formError, props.state.params)}</span>
            {props.state.formError === 'wallet.insufficient_funds' && props.state.values.bidId ? (
              <Form c={c} action={`/projects/${p.id}/topup`} class="inline">
                <input type="hidden" name="bidId" value={props.state.values.bidId} />
                <button type="submit" class="btn btn-sm" data-testid="hire-topup">
                  {c.t('bid.topup')}
                </button>
              </Form>
            ) : null}
          </div>
        ) : null}
        {data.items.length === 0 ? (
          <p class="opacity-70" data-testid="no-bids">
            {c.t('bid.none')}
          </p>
        ) : (
          <ul class="space-y-3">
            {data.items.map((b) => (
              <li key={b.id} id={`bid-${b.id}`} class="border-b border-base-200 pb-3 space-y-2" data-testid={`bid-${b.id}`}>
                <div class="flex flex-wrap items-center gap-2">
                  <Avatar name={b.freelancer.displayName || b.freelancer.username} url={b.freelancer.avatarUrl} size="w-9" />
                  <a class="font-semibold link link-hover" href={c.href(`/u/${b.freelancer.username}`)}>
                    {b.freelancer.displayName || b.freelancer.username}
                  </a>
                  <span class="badge badge-sm badge-outline">{c.t(`level.${b.freelancer.sellerLevel}`)}</span>
                  {b.status !== 'active' ? (
                    <span class={`badge badge-sm ${BADGE[b.status] ?? ''}`}>{c.t(`bid.status.${b.status}`)}</span>
                  ) : null}
                  {b.shortlisted && data.viewer?.isOwner ? (
                    <span class="badge badge-sm badge-warning">{c.t('bid.shortlisted')}</span>
                  ) : null}
                  <time class="text-xs opacity-70">{formatDate(c.locale, b.createdAt)}</time>
                  {data.viewer?.isOwner ? <ReportLink c={c} type="bid" id={b.id} class="ms-auto" /> : null}
                </div>
                {b.full ? (
                  <div class="space-y-1">
                    <p class="text-sm font-semibold" data-testid={`bid-terms-${b.id}`}>
                      <Money c={c} cents={b.full.amountCents} /> ·{' '}
                      {c.t('bid.in_days', { days: plural(c.locale, 'publish.days', b.full.days) })}
                    </p>
                    <p class="whitespace-pre-line break-words text-sm" dir="auto">
                      {b.full.proposal}
                    </p>
                    {b.full.files.length ? (
                      <ul class="text-sm">
                        {b.full.files.map((f) => (
                          <li key={f.id}>
                            <a class="link" href={c.href(`/bids/${b.id}/files/${f.id}`)}>
                              <Icon name="paperclip" /> {f.name}
                            </a>
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </div>
                ) : null}
                {data.viewer?.isOwner && open && b.status === 'active' ? (
                  <div class="flex flex-wrap gap-2">
                    <HireForm c={c} projectId={p.id} bid={b} />
                    <Form c={c} action={`/bids/${b.id}/shortlist`} class="inline">
                      <input type="hidden" name="on" value={b.shortlisted ? '0' : '1'} />
                      <button type="submit" class="btn btn-sm btn-outline" data-testid={`shortlist-${b.id}`}>
                        {c.t(b.shortlisted ? 'bid.unshortlist' : 'bid.shortlist')}
                      </button>
                    </Form>
                    <a class="btn btn-sm btn-ghost" href={c.href(`/messages/new?to=${encodeURIComponent(b.freelancer.username)}`)}>
                      {c.t('bid.message')}
                    </a>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

export interface MyBidItem {
  bid: BidRow;
  project: { id: number; title: string; status: string; orderId: number | null };
}

const MY_FILTERS = ['', 'active', 'hired', 'not_chosen', 'closed', 'withdrawn'] as const;

/** "My bids": the freelancer's bids, their status and the slots their level leaves. */
export function MyBidsPage(props: { c: ViewCtx; items: MyBidItem[]; active: number; limit: number; status: string }) {
  const { c } = props;
  return (
    <Layout c={c} title={c.t('menu.my_bids')}>
      <PageTitle>{c.t('menu.my_bids')}</PageTitle>
      <p class="mb-3" data-testid="active-bids">
        {c.t('bid.slots', { used: props.active, limit: Number.isFinite(props.limit) ? props.limit : '∞' })}
      </p>
      <div role="tablist" class="tabs tabs-box mb-4 overflow-x-auto flex-nowrap">
        {MY_FILTERS.map((f) => (
          <a
            key={f}
            role="tab"
            class={`tab whitespace-nowrap ${props.status === f ? 'tab-active' : ''}`}
            href={c.href(f ? `/my/bids?status=${f}` : '/my/bids')}
          >
            {c.t(f ? `bid.status.${f}` : 'bid.all')}
          </a>
        ))}
      </div>
      {props.items.length === 0 ? (
        <EmptyCard testId="no-my-bids">
          {c.t('bid.none_mine')}{' '}
          <a class="link" href={c.href('/projects')}>
            {c.t('bid.browse_projects')}
          </a>
        </EmptyCard>
      ) : (
        <ul class="space-y-3" data-testid="my-bids">
          {props.items.map(({ bid, project }) => (
            <li key={bid.id} class="card bg-base-100 shadow-sm p-4 space-y-1" data-testid={`my-bid-${bid.id}`}>
              <p class="flex flex-wrap gap-2 items-center">
                <a class="font-bold link link-hover" href={c.href(`/projects/${project.id}`)} dir="auto">
                  {project.title}
                </a>
                <span class={`badge badge-sm ${BADGE[bid.status] ?? ''}`}>{c.t(`bid.status.${bid.status}`)}</span>
              </p>
              <p class="text-sm">
                <Money c={c} cents={bid.amountCents} /> · {c.t('bid.in_days', { days: plural(c.locale, 'publish.days', bid.days) })} ·{' '}
                <time class="opacity-70">{formatDate(c.locale, bid.createdAt)}</time>
              </p>
              {bid.status === 'hired' && project.orderId ? (
                <a class="link text-sm" href={c.href(`/orders/${project.orderId}`)}>
                  {c.t('project.open_order', { id: project.orderId })}
                </a>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
