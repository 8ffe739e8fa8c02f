import type { FormState, ViewCtx } from '../../platform/http/pages.ts';
import { formatDate } from '../../platform/i18n/index.ts';
import { VerifiedBadge } from '../../web/components/verified-badge.tsx';
import { Card, Field, FieldError, Form, FormAlert, PageTitle, SelectField } from '../../web/components.tsx';
import { Layout } from '../../web/layout.tsx';
import { DOCUMENT_KINDS, DOCUMENT_TYPES, SELFIE_TYPES } from './rules.ts';
import type { VerificationRequestRow } from './service.ts';

/** The address of a request's document or selfie: its sender and support staff (audited) only. */
export const requestFileUrl = (requestId: number, which: 'document' | 'selfie') => `/account/verification/${requestId}/${which}`;

/** A file input of the form, with its hint and its error (the files are never kept: a browser cannot refill them). */
function FileField(props: { c: ViewCtx; state: FormState; name: 'document' | 'selfie'; accept: readonly string[]; capture?: boolean }) {
  const { c, state, name } = props;
  const id = `f-${name}`;
  const err = state.errors[name];
  return (
    <div class="fieldset">
      <label class="fieldset-legend" for={id}>
        {c.t(`verification.f.${name}`)}
      </label>
      <input
        id={id}
        type="file"
        name={name}
        required
        accept={props.accept.join(',')}
        capture={props.capture ? 'user' : undefined}
        class={`file-input w-full ${err ? 'file-input-error' : ''}`}
        aria-invalid={err ? 'true' : undefined}
        aria-describedby={`${id}-hint${err ? ` ${id}-err` : ''}`}
      />
      <p id={`${id}-hint`} class="label text-xs whitespace-normal">
        {c.t(`verification.f.${name}_hint`)}
      </p>
      <FieldError c={c} state={state} name={name} id={id} />
    </div>
  );
}

/** The request's form: the document's kind, the name on it, the document and the selfie; `replace` for a verified user. */
function RequestForm(props: { c: ViewCtx; state: FormState; replace: boolean }) {
  const { c, state } = props;
  const kind = state.values.documentKind ?? '';
  return (
    <Form c={c} action="/account/verification" multipart class="space-y-3">
      {props.replace ? <input type="hidden" name="replace" value="1" /> : null}
      <FormAlert c={c} state={state} />
      <SelectField c={c} state={state} name="documentKind" label={c.t('verification.f.kind')}>
        <option value="" selected={kind === ''}>
          {c.t('verification.f.choose_kind')}
        </option>
        {DOCUMENT_KINDS.map((k) => (
          <option key={k} value={k} selected={kind === k}>
            {c.t(`verification.kind.${k}`)}
          </option>
        ))}
      </SelectField>
      <Field
        c={c}
        state={state}
        name="fullName"
        label={c.t('verification.f.full_name')}
        hint={c.t('verification.f.full_name_hint')}
        dir="auto"
        autocomplete="name"
        maxLength={100}
        required
      />
      <FileField c={c} state={state} name="document" accept={DOCUMENT_TYPES} />
      <FileField c={c} state={state} name="selfie" accept={SELFIE_TYPES} capture />
      <button type="submit" class="btn btn-primary w-full sm:w-auto" data-testid="verification-submit">
        {c.t(props.replace ? 'verification.replace_submit' : 'verification.submit')}
      </button>
    </Form>
  );
}

/** What the user's latest request says: its state, the dates, the reason of a rejection, links to its files. */
function StatusCard(props: { c: ViewCtx; verifiedAt: Date | null; request: VerificationRequestRow | null }) {
  const { c, verifiedAt, request: r } = props;
  const status = r?.status === 'pending' ? 'pending' : verifiedAt ? 'approved' : r?.status === 'rejected' ? 'rejected' : 'none';
  const tone = { none: '', pending: 'alert-info', approved: 'alert-success', rejected: 'alert-warning' }[status];
  return (
    <Card title={c.t('verification.status')}>
      <div role="status" class={`alert ${tone} flex-wrap`} data-testid="verification-status" data-status={status}>
        <span class="font-bold">{c.t(`verification.status.${status}`)}</span>
      </div>
      {verifiedAt ? (
        <p class="text-sm flex flex-wrap items-center gap-2">
          <VerifiedBadge c={c} />
          <span>{c.t('verification.verified_since', { date: formatDate(c.locale, verifiedAt) })}</span>
        </p>
      ) : null}
      {r?.status === 'pending' ? (
        <p class="text-sm" data-testid="verification-due">
          {c.t('verification.pending_since', { date: formatDate(c.locale, r.createdAt), due: formatDate(c.locale, r.dueAt) })}
          {r.replacing ? ` ${c.t('verification.replacing_note')}` : ''}
        </p>
      ) : null}
      {r?.status === 'rejected' ? (
        <div class="space-y-1" data-testid="verification-rejected">
          <p class="text-sm font-bold">{c.t('verification.reject_reason_label')}</p>
          <p class="whitespace-pre-line break-words bg-base-200 rounded-box p-3 text-sm" dir="auto">
            {r.rejectReason}
          </p>
          {verifiedAt ? null : <p class="text-sm">{c.t('verification.try_again')}</p>}
        </div>
      ) : null}
      {r ? (
        <div class="text-sm">
          <span class="opacity-70">{c.t('verification.your_files')}: </span>
          <a class="link" href={c.href(requestFileUrl(r.id, 'document'))} data-testid="own-document">
            {c.t('verification.open_document')}
          </a>
          {' · '}
          <a class="link" href={c.href(requestFileUrl(r.id, 'selfie'))} data-testid="own-selfie">
            {c.t('verification.open_selfie')}
          </a>
        </div>
      ) : null}
    </Card>
  );
}

/** /account/verification: the status, and the form when a request may be made (none pending; a verified user replaces). */
export function VerificationPage(props: { c: ViewCtx; verifiedAt: Date | null; request: VerificationRequestRow | null; state: FormState }) {
  const { c, verifiedAt, request } = props;
  const pending = request?.status === 'pending';
  return (
    <Layout c={c} title={c.t('verification.title')} narrow>
      <PageTitle>{c.t('verification.title')}</PageTitle>
      <div class="space-y-4">
        <p class="text-sm">{c.t('verification.intro')}</p>
        <StatusCard c={c} verifiedAt={verifiedAt} request={request} />
        {pending ? (
          <FormAlert c={c} state={props.state} />
        ) : (
          <Card title={verifiedAt ? c.t('verification.replace_title') : undefined}>
            {verifiedAt ? <p class="text-sm">{c.t('verification.replace_intro')}</p> : null}
            <RequestForm c={c} state={props.state} replace={verifiedAt !== null} />
          </Card>
        )}
        <p class="text-xs opacity-70" data-testid="verification-privacy">
          {c.t('verification.privacy')}
        </p>
      </div>
    </Layout>
  );
}
