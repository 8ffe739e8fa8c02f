import type { FormState, ViewCtx } from '../../platform/http/pages.ts';
import { formatMoney } from '../../platform/i18n/index.ts';
import { type CategoryNode, CategoryOptions } from '../../web/categories.tsx';
import { Money } from '../../web/components/bidi.tsx';
import { KeptFilesField } from '../../web/components/kept-files.tsx';
import { Card, Field, Form, FormAlert, PageTitle, SelectField } from '../../web/components.tsx';
import { Layout } from '../../web/layout.tsx';
import { ENTRY_DAYS_MAX, ENTRY_DAYS_MIN, FILES_MAX, PLACES_MAX, PRIZE_TOTAL_MIN_CENTS } from './rules.ts';
import type { ContestRow } from './service.ts';
import type { TopUpState } from './topup.ts';

/** The balance is short of the prize: the draft is saved, and one button tops up the difference and publishes. */
function TopUpPanel(props: { c: ViewCtx; contestId: number; topUp: TopUpState | { status: 'offer'; shortCents: number } }) {
  const { c, topUp } = props;
  if (topUp.status === 'published') return null;
  return (
    <div role="status" class="alert mb-4 grid gap-2 justify-items-start" id="topup" data-testid="topup-panel">
      {topUp.status === 'offer' ? (
        <>
          <strong>{c.t('contests.topup_title')}</strong>
          <p data-testid="topup-text">{c.t('contests.topup_text', { amount: formatMoney(c.locale, topUp.shortCents) })}</p>
        </>
      ) : topUp.status === 'waiting' ? (
        <p>{c.t('contests.topup_waiting')}</p>
      ) : (
        <p>{c.t('contests.topup_failed', { reason: c.t(topUp.reason) })}</p>
      )}
      <Form c={c} action={`/contests/${props.contestId}/topup`}>
        <button type="submit" class="btn btn-primary btn-sm" data-testid="topup-send">
          {c.t('contests.topup_send')}
        </button>
      </Form>
    </div>
  );
}

/** A file of the brief, as the form and the contest's page list it. */
export interface BriefFile {
  id: number;
  name: string;
  size: number;
}

/** The brief's files: those kept (each can be ticked for removal) and a file input for more, up to FILES_MAX. */
function BriefFilesField(props: { c: ViewCtx; state: FormState; contestId: number | null; files: BriefFile[] }) {
  const { c } = props;
  const contestId = props.contestId;
  return (
    <fieldset class="grid gap-2">
      <legend class="font-bold mb-1">{c.t('contests.f.files')}</legend>
      <KeptFilesField
        c={c}
        state={props.state}
        files={props.files}
        hrefOf={contestId ? (id) => `/contests/${contestId}/files/${id}` : undefined}
        max={FILES_MAX}
        hint={c.t('contests.f.files_hint', { max: FILES_MAX })}
        addLabel={c.t('contests.f.files_add')}
        removeLabel={c.t('contests.f.file_remove')}
        errorField="fileIds"
        testId="brief-files"
      />
    </fieldset>
  );
}

/**
 * Writing a contest: kept as a draft, or published — the whole prize is taken from the balance into escrow and
 * a moderator reviews the contest before it opens. What was typed comes back with the reason of a refusal.
 */
export function ContestFormPage(props: {
  c: ViewCtx;
  state: FormState;
  categories: CategoryNode[];
  contest: ContestRow | null;
  /** The brief's files kept so far (a draft's, or those kept through a refused form). */
  files: BriefFile[];
  availableCents: number;
  /** The draft's top-up: offered (`offer`: the balance is short of the prize), waiting for the money, or failed. */
  topUp: TopUpState | { status: 'offer'; shortCents: number } | null;
}) {
  const { c, state } = props;
  const v = state.values;
  const action = props.contest ? `/contests/${props.contest.id}/edit` : '/contests/new';
  return (
    <Layout c={c} title={c.t(props.contest ? 'contests.edit_title' : 'contests.new_title')}>
      <PageTitle>{c.t(props.contest ? 'contests.edit_title' : 'contests.new_title')}</PageTitle>
      {props.contest?.rejectReason ? (
        <div role="alert" class="alert alert-warning mb-4" data-testid="reject-reason">
          {c.t('contests.rejected_because', { reason: props.contest.rejectReason })}
        </div>
      ) : null}
      {props.contest && props.topUp ? <TopUpPanel c={c} contestId={props.contest.id} topUp={props.topUp} /> : null}
      <Card>
        <Form c={c} action={action} class="grid gap-4" multipart>
          <FormAlert c={c} state={state} />
          <Field c={c} state={state} name="title" label={c.t('contests.f.title')} maxLength={100} dir="auto" required />
          <SelectField c={c} state={state} name="categoryId" label={c.t('contests.f.category')}>
            <CategoryOptions c={c} categories={props.categories} selected={v.categoryId ?? ''} />
          </SelectField>
          <Field
            c={c}
            state={state}
            name="description"
            label={c.t('contests.f.description')}
            hint={c.t('contests.f.description_hint')}
            textarea
            rows={6}
            maxLength={5000}
            dir="auto"
            required
          />
          <Field c={c} state={state} name="conditions" label={c.t('contests.f.conditions')} textarea rows={3} maxLength={3000} dir="auto" />
          <Field
            c={c}
            state={state}
            name="skills"
            label={c.t('contests.f.skills')}
            hint={c.t('contests.f.skills_hint')}
            maxLength={300}
            dir="auto"
          />
          <BriefFilesField c={c} state={state} contestId={props.contest?.id ?? null} files={props.files} />
          <fieldset class="grid gap-2">
            <legend class="font-bold mb-1">{c.t('contests.f.prizes')}</legend>
            <p class="text-sm opacity-80" id="prizes-hint">
              {c.t('contests.f.prizes_hint', { min: PRIZE_TOTAL_MIN_CENTS, max: PLACES_MAX })}
            </p>
            <div class="grid grid-cols-1 sm:grid-cols-3 gap-2">
              {[1, 2, 3].map((n) => (
                <Field
                  key={n}
                  c={c}
                  state={state}
                  name={`prize${n}`}
                  label={c.t('contests.place', { place: n })}
                  dir="ltr"
                  maxLength={12}
                />
              ))}
            </div>
            {state.errors.prizesCents ? (
              <p class="text-error text-sm" role="alert" data-testid="prizes-error">
                {c.t(state.errors.prizesCents, state.params)}
              </p>
            ) : null}
          </fieldset>
          <div class="grid grid-cols-1 sm:grid-cols-2 gap-2">
            <Field
              c={c}
              state={state}
              name="entryDays"
              label={c.t('contests.f.entry_days')}
              hint={c.t('contests.f.entry_days_hint', { min: ENTRY_DAYS_MIN, max: ENTRY_DAYS_MAX })}
              dir="ltr"
              maxLength={3}
            />
            <Field c={c} state={state} name="deliveryDays" label={c.t('contests.f.delivery_days')} dir="ltr" maxLength={3} />
          </div>
          <label class="flex gap-2 items-start cursor-pointer">
            <input type="checkbox" name="blind" value="on" class="checkbox checkbox-sm mt-1" checked={v.blind === 'on'} />
            <span>
              {c.t('contests.f.blind')}
              <span class="block text-sm opacity-80">{c.t('contests.f.blind_hint')}</span>
            </span>
          </label>
          <p class="text-sm" data-testid="balance">
            {c.t('contests.f.balance')} <Money c={c} cents={props.availableCents} class="font-bold" />
          </p>
          <div class="flex flex-wrap gap-2">
            <button type="submit" name="action" value="publish" class="btn btn-primary" data-testid="publish">
              {c.t('contests.f.publish')}
            </button>
            <button type="submit" name="action" value="draft" class="btn" data-testid="save-draft">
              {c.t('contests.f.save_draft')}
            </button>
          </div>
          <p class="text-sm opacity-80">{c.t('contests.f.publish_hint')}</p>
        </Form>
      </Card>
    </Layout>
  );
}
