import type { FormState, ViewCtx } from '../../../platform/http/pages.ts';
import { formatDateTime, isolateAuto, isolateLtr } from '../../../platform/i18n/index.ts';
import { Username } from '../../../web/components/bidi.tsx';
import { Card, Field, Form, FormAlert, PageTitle } from '../../../web/components.tsx';
import { Layout } from '../../../web/layout.tsx';
import { AcceptTermsField } from './accept-terms.tsx';

/** "Sign in with {provider}" on the login and sign-up pages: shown only when OIDC is configured (name given). */
export function OidcButton(props: { c: ViewCtx; name: string | null | undefined; next?: string }) {
  const { c } = props;
  if (!props.name) return null;
  const next = props.next && props.next !== '/' ? `?next=${encodeURIComponent(props.next)}` : '';
  return (
    <>
      <p class="text-center text-sm opacity-70 my-1">{c.t('oidc.or')}</p>
      <a class="btn btn-outline w-full whitespace-normal" href={c.href(`/auth/oidc/start${next}`)} data-testid="oidc-start">
        {c.t('oidc.sign_in_with', { provider: isolateAuto(props.name) })}
      </a>
    </>
  );
}

/** A sign-in with the provider that cannot go on: what happened and the ways on. */
export function OidcProblemPage(props: { c: ViewCtx; error: string; name: string }) {
  const { c } = props;
  return (
    <Layout c={c} title={c.t('oidc.problem_title')} narrow>
      <Card>
        <PageTitle>{c.t('oidc.problem_title')}</PageTitle>
        <div role="alert" class="alert alert-error" data-testid="form-error">
          {c.t(props.error, { provider: isolateAuto(props.name) })}
        </div>
        <div class="flex flex-wrap justify-between gap-2 text-sm">
          <a class="btn btn-primary" href={c.href('/login')}>
            {c.t('nav.login')}
          </a>
          <a class="link" href={c.href('/signup')}>
            {c.t('nav.signup')}
          </a>
        </div>
      </Card>
    </Layout>
  );
}

/** The provider's email belongs to an account: its password (and code) link the identity to it. */
export function OidcLinkPage(props: { c: ViewCtx; state: FormState; name: string; email: string; username: string; totp: boolean }) {
  const { c, state } = props;
  return (
    <Layout c={c} title={c.t('oidc.link_title')} narrow>
      <Card>
        <PageTitle>{c.t('oidc.link_title')}</PageTitle>
        <FormAlert c={c} state={state} />
        <p class="text-sm" data-testid="oidc-link-intro">
          {c.t('oidc.link_intro', { provider: isolateAuto(props.name), email: isolateLtr(props.email) })}
        </p>
        <p class="text-sm">
          {c.t('signup.your_username')} <Username username={props.username} class="font-mono font-bold" />
        </p>
        <Form c={c} action="/auth/oidc/link" id="oidc-link-form">
          <Field
            c={c}
            state={state}
            name="password"
            type="password"
            label={c.t('field.password')}
            autocomplete="current-password"
            dir="ltr"
            required
          />
          {props.totp ? (
            <Field
              c={c}
              state={state}
              name="code"
              label={c.t('field.totp_code')}
              autocomplete="one-time-code"
              dir="ltr"
              maxLength={20}
              required
            />
          ) : null}
          <button type="submit" class="btn btn-primary w-full">
            {c.t('oidc.link_submit')}
          </button>
        </Form>
        <a class="link text-sm" href={c.href('/password-reset')}>
          {c.t('login.forgot')}
        </a>
      </Card>
    </Layout>
  );
}

/** A new account from the provider's verified email: the username, the display name and the terms. */
export function OidcCompletePage(props: {
  c: ViewCtx;
  state: FormState;
  name: string;
  email: string;
  termsVersion: number;
  privacyVersion: number;
  invitedBy?: string | null;
}) {
  const { c, state } = props;
  return (
    <Layout c={c} title={c.t('oidc.complete_title')} narrow>
      <Card>
        <PageTitle>{c.t('oidc.complete_title')}</PageTitle>
        {props.invitedBy ? (
          <p class="alert alert-info text-sm" data-testid="invited-by">
            {c.t('signup.invited_by', { name: isolateAuto(props.invitedBy) })}
          </p>
        ) : null}
        <FormAlert c={c} state={state} />
        <p class="text-sm" data-testid="oidc-complete-intro">
          {c.t('oidc.complete_intro', { provider: isolateAuto(props.name), email: isolateLtr(props.email) })}
        </p>
        <Form c={c} action="/auth/oidc/complete" id="oidc-complete-form">
          <Field
            c={c}
            state={state}
            name="username"
            label={c.t('field.username')}
            hint={c.t('signup.username_hint')}
            autocomplete="username"
            dir="ltr"
            maxLength={30}
            required
          />
          <Field c={c} state={state} name="displayName" label={c.t('field.display_name')} autocomplete="name" maxLength={50} />
          <AcceptTermsField c={c} state={state} termsVersion={props.termsVersion} privacyVersion={props.privacyVersion} />
          <button type="submit" class="btn btn-primary w-full">
            {c.t('oidc.complete_submit')}
          </button>
        </Form>
      </Card>
    </Layout>
  );
}

export interface IdentityRow {
  id: number;
  issuer: string;
  email: string | null;
  createdAt: Date;
}

/** The security page's linked sign-ins, each with its unlink button (the account keeps its password). */
export function IdentitiesCard(props: { c: ViewCtx; name: string; identities: IdentityRow[]; state: FormState }) {
  const { c } = props;
  return (
    <Card title={c.t('oidc.identities')}>
      <FormAlert c={c} state={props.state} />
      {props.identities.length === 0 ? (
        <p class="text-sm opacity-80" data-testid="identities-none">
          {c.t('oidc.identities_none', { provider: isolateAuto(props.name) })}
        </p>
      ) : (
        <ul class="divide-y divide-base-300" data-testid="identities">
          {props.identities.map((i) => (
            <li key={i.id} class="py-2 flex flex-wrap items-center justify-between gap-2">
              <div class="text-sm min-w-0">
                <p class="font-semibold break-words">
                  {isolateAuto(props.name)} · <span dir="ltr">{i.email ?? '-'}</span>
                </p>
                <p class="opacity-70">{c.t('oidc.linked_at', { when: formatDateTime(c.locale, i.createdAt) })}</p>
              </div>
              <Form c={c} action={`/account/identities/${i.id}/unlink`} id={`unlink-form-${i.id}`}>
                <button type="submit" class="btn btn-outline btn-sm" data-testid={`unlink-${i.id}`}>
                  {c.t('oidc.unlink')}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
      <p class="text-xs opacity-70">{c.t('oidc.unlink_hint')}</p>
    </Card>
  );
}
