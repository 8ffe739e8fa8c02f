import type { ComponentChildren } from 'preact';
import type { FormState, ViewCtx } from '../platform/http/pages.ts';
import { formatDate, formatNumber } from '../platform/i18n/index.ts';
import { Username } from './components/bidi.tsx';
import { Icon } from './icons.tsx';

/** A form that posts to a locale-free path in the page's language and carries the CSRF token. */
export function Form(props: { c: ViewCtx; action: string; children: ComponentChildren; multipart?: boolean; class?: string; id?: string }) {
  return (
    <form
      method="post"
      action={props.c.href(props.action)}
      enctype={props.multipart ? 'multipart/form-data' : undefined}
      class={props.class ?? 'space-y-4'}
      id={props.id}
      novalidate
    >
      <input type="hidden" name="_csrf" value={props.c.csrf} />
      {props.children}
    </form>
  );
}

/** The message for the whole form, when a refusal is not about one field. */
export function FormAlert(props: { c: ViewCtx; state: FormState }) {
  if (!props.state.formError) return null;
  return (
    <div role="alert" class="alert alert-error" data-testid="form-error">
      {props.c.t(props.state.formError, props.state.params)}
    </div>
  );
}

/**
 * Where money would move (a deposit, a withdrawal, an order, a hire): tells a signed-in person whose e-mail address
 * is not confirmed yet that it must be first (the services refuse with `account.email_unverified`), with the button
 * that mails the link again. Nothing for anyone else.
 */
export function VerifyEmailFirst(props: { c: ViewCtx }) {
  const { c } = props;
  if (!emailUnverified(c)) return null;
  return (
    <div role="alert" class="alert alert-warning flex flex-wrap" data-testid="verify-email-first">
      <span>{c.t('account.email_unverified')}</span>
      <Form c={c} action="/verify-email/resend" class="inline">
        <button type="submit" class="btn btn-sm" data-testid="verify-resend">
          {c.t('verify.resend')}
        </button>
      </Form>
    </div>
  );
}

/** The page's person is signed in with an e-mail address not confirmed yet: the money actions are off (VerifyEmailFirst). */
export function emailUnverified(c: ViewCtx): boolean {
  return !!c.user && !c.user.emailVerified;
}

type FieldType = 'text' | 'email' | 'password' | 'url' | 'number' | 'date';

/** A labelled input that shows what was typed and, under it, the translated error for this field. */
export function Field(props: {
  c: ViewCtx;
  state: FormState;
  name: string;
  label: string;
  type?: FieldType;
  hint?: string;
  autocomplete?: string;
  required?: boolean;
  value?: string;
  dir?: 'ltr' | 'rtl' | 'auto';
  textarea?: boolean;
  rows?: number;
  maxLength?: number;
  /** The input's id when two forms on a page share a field name. */
  id?: string;
}) {
  const { c, state, name } = props;
  const err = state.errors[name];
  const id = props.id ?? `f-${name}`;
  const value = state.values[name] ?? props.value ?? '';
  const describedBy = [err ? `${id}-err` : '', props.hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name,
    required: props.required,
    'aria-invalid': err ? ('true' as const) : undefined,
    'aria-describedby': describedBy,
    dir: props.dir,
    maxLength: props.maxLength,
  };
  return (
    <FieldFrame c={c} state={state} name={name} id={id} label={props.label} hint={props.hint}>
      {props.textarea ? (
        <textarea {...common} rows={props.rows ?? 4} class={`textarea w-full ${err ? 'textarea-error' : ''}`}>
          {value}
        </textarea>
      ) : (
        <input
          {...common}
          type={(props.type ?? 'text') as 'text'}
          value={props.type === 'password' ? '' : value}
          autocomplete={props.autocomplete}
          // A phone keyboard does not capitalise or correct usernames and addresses.
          autocapitalize={props.autocomplete === 'username' || props.type === 'email' ? 'none' : undefined}
          class={`input w-full ${err ? 'input-error' : ''}`}
        />
      )}
    </FieldFrame>
  );
}

/** A form field's frame: its label, the control (`children`), the hint under it and the field's error. */
function FieldFrame(props: {
  c: ViewCtx;
  state: FormState;
  name: string;
  id: string;
  label: string;
  hint?: string;
  errorParams?: Record<string, string | number>;
  children: ComponentChildren;
}) {
  const { id } = props;
  return (
    <div class="fieldset">
      <label class="fieldset-legend" for={id}>
        {props.label}
      </label>
      {props.children}
      {props.hint ? (
        <p id={`${id}-hint`} class="label text-xs whitespace-normal">
          {props.hint}
        </p>
      ) : null}
      <FieldError c={props.c} state={props.state} name={props.name} id={id} params={props.errorParams} />
    </div>
  );
}

/** A field's translated error under it (`${id}-err`, for aria-describedby); `params` fill placeholders the state's do not. */
export function FieldError(props: { c: ViewCtx; state: FormState; name: string; id: string; params?: Record<string, string | number> }) {
  const err = props.state.errors[props.name];
  if (!err) return null;
  return (
    <p id={`${props.id}-err`} class="text-error text-sm" data-testid={`error-${props.name}`}>
      {props.c.t(err, { min: 10, ...props.params, ...props.state.params })}
    </p>
  );
}

/** A labelled select (its `<option>`s are the children) with an optional hint and the field's error. */
export function SelectField(props: {
  c: ViewCtx;
  state: FormState;
  name: string;
  label: string;
  hint?: string;
  errorParams?: Record<string, string | number>;
  children: ComponentChildren;
}) {
  const { c, state, name } = props;
  const id = `f-${name}`;
  const err = state.errors[name];
  return (
    <FieldFrame c={c} state={state} name={name} id={id} label={props.label} hint={props.hint} errorParams={props.errorParams}>
      <select
        id={id}
        name={name}
        class={`select w-full ${err ? 'select-error' : ''}`}
        aria-invalid={err ? 'true' : undefined}
        aria-describedby={[err ? `${id}-err` : '', props.hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined}
      >
        {props.children}
      </select>
    </FieldFrame>
  );
}

/** A whole number typed as text (Arabic-Indic digits are accepted and read on the server), with its hint. */
export function NumberField(props: {
  c: ViewCtx;
  state: FormState;
  name: string;
  label: string;
  hint: string;
  maxLength: number;
  errorParams?: Record<string, string | number>;
}) {
  const { c, state, name } = props;
  const id = `f-${name}`;
  const err = state.errors[name];
  return (
    <FieldFrame c={c} state={state} name={name} id={id} label={props.label} hint={props.hint} errorParams={props.errorParams}>
      <input
        id={id}
        name={name}
        type="text"
        inputMode="numeric"
        dir="ltr"
        value={state.values[name] ?? ''}
        maxLength={props.maxLength}
        aria-invalid={err ? 'true' : undefined}
        aria-describedby={`${id}-hint${err ? ` ${id}-err` : ''}`}
        class={`input w-full ${err ? 'input-error' : ''}`}
      />
    </FieldFrame>
  );
}

export function Card(props: { title?: string; children: ComponentChildren; class?: string }) {
  return (
    <section class={`card bg-base-100 shadow-sm self-start ${props.class ?? ''}`}>
      <div class="card-body p-4 md:p-6">
        {props.title ? <h2 class="card-title">{props.title}</h2> : null}
        {props.children}
      </div>
    </section>
  );
}

export function PageTitle(props: { children: ComponentChildren }) {
  return <h1 class="text-2xl md:text-3xl font-bold mb-4">{props.children}</h1>;
}

/**
 * The report button (إبلاغ) on a piece of user content or a profile: a plain link to the report form, so it
 * costs nothing on the page and works without JavaScript.
 */
export function ReportLink(props: { c: ViewCtx; type: string; id: number; class?: string }) {
  const { c } = props;
  return (
    <a
      class={`link link-hover text-xs opacity-70 ${props.class ?? ''}`}
      href={c.href(`/report?type=${props.type}&id=${props.id}`)}
      rel="nofollow"
      data-testid={`report-${props.type}-${props.id}`}
    >
      <Icon name="flag" /> {c.t('report.button')}
    </a>
  );
}

/** A person named in a staff view: a link to their profile with name and @username, or `#id` when unknown. */
export function PersonRef(props: { c: ViewCtx; id: number; person: { username: string; displayName: string } | undefined }) {
  const { c, person } = props;
  return person ? (
    <a class="link" href={c.href(`/u/${person.username}`)}>
      <bdi>{person.displayName}</bdi> <Username username={person.username} />
    </a>
  ) : (
    `#${props.id}`
  );
}

/** Skills as small badges, or a dash when there are none. */
export function SkillBadges(props: { skills: string[] }) {
  return (
    <>
      {props.skills.length
        ? props.skills.map((k) => (
            <bdi key={k} class="badge badge-ghost badge-sm">
              {k}
            </bdi>
          ))
        : '—'}
    </>
  );
}

/**
 * A moderator's two answers to an item in a review queue: approve, or reject with a reason the author is told.
 * Each form carries `target` so a refusal is shown in this item (`state` is this item's).
 */
export function ReviewDecision(props: {
  c: ViewCtx;
  id: number;
  /** The item's locale-free path: `${path}/approve`, `${path}/reject`. */
  path: string;
  state: FormState;
  approveLabel: string;
  reasonLabel: string;
}) {
  const { c, id, state } = props;
  const reasonId = `f-reason-${id}`;
  return (
    <div class="grid gap-3 md:grid-cols-2 items-end border-t border-base-300 pt-3">
      <Form c={c} action={`${props.path}/approve`} class="">
        <input type="hidden" name="target" value={String(id)} />
        <button class="btn btn-primary w-full md:w-auto" type="submit" data-testid={`approve-${id}`}>
          {props.approveLabel}
        </button>
      </Form>
      <Form c={c} action={`${props.path}/reject`} class="space-y-2">
        <input type="hidden" name="target" value={String(id)} />
        <div class="fieldset">
          <label class="fieldset-legend" for={reasonId}>
            {props.reasonLabel}
          </label>
          <textarea
            id={reasonId}
            name="reason"
            rows={2}
            maxLength={500}
            required
            class={`textarea w-full ${state.errors.reason ? 'textarea-error' : ''}`}
            aria-invalid={state.errors.reason ? 'true' : undefined}
            aria-describedby={state.errors.reason ? `${reasonId}-err` : undefined}
          >
            {state.values.reason ?? ''}
          </textarea>
          {state.errors.reason ? (
            <p id={`${reasonId}-err`} class="text-error text-sm" data-testid={`error-reason-${id}`}>
              {c.t(state.errors.reason)}
            </p>
          ) : null}
        </div>
        <button class="btn btn-outline btn-error w-full md:w-auto" type="submit" data-testid={`reject-${id}`}>
          {c.t('moderation.reject')}
        </button>
      </Form>
    </div>
  );
}

/** A public page's long text as typed (line breaks kept), then its skills as links (each to a search for it). */
export function DescriptionWithSkills(props: {
  text: string;
  skillsTitle: string;
  skills: string[];
  skillHref: (skill: string) => string;
  skillsTestId?: string;
}) {
  return (
    <>
      <div class="whitespace-pre-line break-words leading-relaxed" dir="auto" data-testid="description">
        {props.text}
      </div>
      {props.skills.length ? (
        <>
          <h3 class="font-bold mt-2">{props.skillsTitle}</h3>
          <ul class="flex flex-wrap gap-2" data-testid={props.skillsTestId}>
            {props.skills.map((k) => (
              <li key={k}>
                <a class="badge badge-primary badge-outline" href={props.skillHref(k)} dir="auto">
                  {k}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

const AVATAR_SIZES = {
  md: { box: 'w-12', px: 48, text: 'text-lg' },
  lg: { box: 'w-14', px: 56, text: 'text-xl' },
} as const;

/** A person's picture, or the first letter of their name in a circle when they have none. */
export function UserAvatar(props: { name: string; url: string | null; size: keyof typeof AVATAR_SIZES }) {
  const size = AVATAR_SIZES[props.size];
  return props.url ? (
    <div class="avatar">
      <div class={`${size.box} rounded-full`}>
        <img src={props.url} alt="" width={size.px} height={size.px} loading="lazy" />
      </div>
    </div>
  ) : (
    <div class="avatar avatar-placeholder">
      <div class={`${size.box} rounded-full bg-primary text-primary-content`}>
        <span class={size.text}>{props.name.slice(0, 1).toUpperCase()}</span>
      </div>
    </div>
  );
}

export interface PersonSummaryData {
  username: string;
  displayName: string;
  level: string;
  avatarUrl: string | null;
}

/**
 * The head of a person's card on a public page (a service's seller, a project's owner): picture, name linking
 * to the profile, @username and level. Test ids are `${kind}-card`, `${kind}-name`, `${kind}-level` (and
 * `${kind}-username` when the username links to the profile too).
 */
export function PersonSummary(props: {
  c: ViewCtx;
  kind: string;
  person: PersonSummaryData;
  avatar: keyof typeof AVATAR_SIZES;
  linkUsername?: boolean;
}) {
  const { c, kind, person } = props;
  const profile = c.href(`/u/${person.username}`);
  return (
    <div class="flex items-center gap-3" data-testid={`${kind}-card`}>
      <UserAvatar name={person.displayName} url={person.avatarUrl} size={props.avatar} />
      <div class="min-w-0">
        <p class="font-bold truncate" data-testid={`${kind}-name`}>
          <a href={profile} class="link link-hover" dir="auto">
            {person.displayName}
          </a>
        </p>
        <p class="text-sm opacity-70 truncate" dir="ltr">
          {props.linkUsername ? (
            <a href={profile} class="link link-hover" data-testid={`${kind}-username`}>
              @{person.username}
            </a>
          ) : (
            `@${person.username}`
          )}
        </p>
        <span class="badge badge-outline badge-sm" data-testid={`${kind}-level`}>
          {c.t(`level.${person.level}`)}
        </span>
      </div>
    </div>
  );
}

/** "Member since …" under a person's card. */
export function MemberSince(props: { c: ViewCtx; date: string }) {
  return <p class="text-xs opacity-70">{props.c.t('service.member_since', { date: formatDate(props.c.locale, props.date) })}</p>;
}

/** The button that starts a conversation with someone; none on one's own card. */
export function ContactButton(props: { c: ViewCtx; username: string; testId: string; class: string }) {
  const { c } = props;
  if (c.user?.username === props.username) return null;
  return (
    <a href={c.href(`/messages/new?to=${encodeURIComponent(props.username)}`)} class={props.class} data-testid={props.testId}>
      {c.t('messaging.contact')}
    </a>
  );
}

/** A file's size as the pages show it: whole kB under 1 MB (at least 1), then MB to one decimal. */
export function fileSize(c: ViewCtx, bytes: number): string {
  if (bytes < 1024 * 1024) return c.t('messaging.size_kb', { n: formatNumber(c.locale, Math.max(1, Math.round(bytes / 1024))) });
  return c.t('messaging.size_mb', { n: formatNumber(c.locale, Math.round((bytes / (1024 * 1024)) * 10) / 10) });
}

/** The files sent with a message, each a link to `${hrefBase}/${id}` with its size; nothing when there are none. */
export function AttachmentList(props: {
  c: ViewCtx;
  label: string;
  hrefBase: string;
  files: { id: number; name: string; size: number }[];
}) {
  const { c } = props;
  if (!props.files.length) return null;
  return (
    <ul class="mt-2 space-y-1" aria-label={props.label}>
      {props.files.map((f) => (
        <li key={f.id}>
          <a class="link" href={c.href(`${props.hrefBase}/${f.id}`)} data-testid="attachment">
            <Icon name="paperclip" /> {f.name}
          </a>{' '}
          <span class="text-xs opacity-70">({fileSize(c, f.size)})</span>
        </li>
      ))}
    </ul>
  );
}

/** What a list page shows when it has nothing to list. */
export function EmptyCard(props: { testId: string; children: ComponentChildren }) {
  return (
    <div class="card bg-base-100 p-6 text-center" data-testid={props.testId}>
      {props.children}
    </div>
  );
}

/** A list page's rows: one link per `<li>`, full width, divided. */
export function LinkList(props: { testId: string; children: ComponentChildren }) {
  return (
    <ul class="menu bg-base-100 rounded-box w-full p-0 divide-y divide-base-200" data-testid={props.testId}>
      {props.children}
    </ul>
  );
}

/** The link to a list's next page, under it; nothing on the last page. `href` is locale-free. */
export function MoreLink(props: { c: ViewCtx; href: string | null; label: string }) {
  if (!props.href) return null;
  return (
    <p class="mt-4 text-center">
      <a class="btn btn-sm" href={props.c.href(props.href)}>
        {props.label}
      </a>
    </p>
  );
}

/**
 * The box under a thread to write in and attach files: the text typed stays after a refusal, and the body's or
 * the files' error shows under it (`errorParams` fill its placeholders the state's do not).
 */
export function ComposerForm(props: {
  c: ViewCtx;
  action: string;
  state: FormState;
  id?: string;
  label: string;
  /** `sr-only` when the placeholder says it already. */
  labelClass: string;
  placeholder?: string;
  rows: number;
  maxLength: number;
  errorParams: Record<string, string | number>;
  attachLabel: string;
  attachHint: string;
  sendLabel: string;
}) {
  const { c, state } = props;
  const err = state.errors.body ?? state.errors.files ?? state.errors.file;
  return (
    <Form c={c} action={props.action} multipart class="mt-4 space-y-2" id={props.id}>
      <FormAlert c={c} state={state} />
      <label class={props.labelClass} for="f-body">
        {props.label}
      </label>
      <textarea
        id="f-body"
        name="body"
        rows={props.rows}
        dir="auto"
        maxLength={props.maxLength}
        class={`textarea w-full ${err ? 'textarea-error' : ''}`}
        placeholder={props.placeholder}
        aria-invalid={err ? 'true' : undefined}
        aria-describedby={err ? 'f-body-err' : undefined}
      >
        {state.values.body ?? ''}
      </textarea>
      {err ? (
        <p id="f-body-err" class="text-error text-sm" data-testid="error-body">
          {c.t(err, { ...props.errorParams, ...state.params })}
        </p>
      ) : null}
      <div class="flex flex-wrap items-center gap-2">
        <label class="text-sm" for="f-files">
          {props.attachLabel}
        </label>
        <input id="f-files" type="file" name="files" multiple class="file-input file-input-sm max-w-full" />
        <button type="submit" class="btn btn-primary ms-auto" data-testid="send">
          {props.sendLabel}
        </button>
      </div>
      <p class="text-xs opacity-70">{props.attachHint}</p>
    </Form>
  );
}

/** A person's picture, or the first letter of their name on a coloured disc (`eager`: on the first screen). */
export function Avatar(props: { name: string; url: string | null; size?: string; eager?: boolean }) {
  const size = props.size ?? 'w-12';
  if (props.url) {
    return (
      <div class="avatar">
        <div class={`${size} rounded-full`}>
          <img src={props.url} alt="" loading={props.eager ? 'eager' : 'lazy'} width={80} height={80} />
        </div>
      </div>
    );
  }
  return (
    <div class="avatar avatar-placeholder">
      <div class={`${size} rounded-full bg-primary text-primary-content`}>
        <span class="text-xl">{props.name.slice(0, 1).toUpperCase()}</span>
      </div>
    </div>
  );
}
