import { emptyForm, type FormState, type ViewCtx } from '../../../platform/http/pages.ts';
import { isolateAuto, isolateLtr } from '../../../platform/i18n/index.ts';
import { Username } from '../../../web/components/bidi.tsx';
import { Card, Field, Form, FormAlert, PageTitle } from '../../../web/components.tsx';
import { Layout } from '../../../web/layout.tsx';
import { AcceptTermsField } from './accept-terms.tsx';
import { OidcButton } from './oidc.tsx';
import { NewPasswordField } from './password-fields.tsx';

export function SignupPage(props: {
  c: ViewCtx;
  state: FormState;
  termsVersion: number;
  privacyVersion: number;
  /** The display name of the person whose referral link brought this visitor (null: none, or one who cannot refer). */
  invitedBy?: string | null;
  /** The OpenID Connect provider's name when it is configured (its button shown). */
  oidcName?: string | null;
}) {
  const { c, state } = props;
  return (
    <Layout c={c} title={c.t('signup.title')} narrow>
      <Card>
        <PageTitle>{c.t('signup.title')}</PageTitle>
        {props.invitedBy ? (
          <p class="alert alert-info text-sm" data-testid="invited-by">
            {c.t('signup.invited_by', { name: isolateAuto(props.invitedBy) })}
          </p>
        ) : null}
        <FormAlert c={c} state={state} />
        <Form c={c} action="/signup" id="signup-form">
          <Field c={c} state={state} name="email" type="email" label={c.t('field.email')} autocomplete="email" dir="ltr" required />
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
          <Field
            c={c}
            state={state}
            name="password"
            type="password"
            label={c.t('field.password')}
            hint={c.t('signup.password_hint')}
            autocomplete="new-password"
            dir="ltr"
            required
          />
          {state.values.referrer ? <input type="hidden" name="referrer" value={state.values.referrer} /> : null}
          <AcceptTermsField c={c} state={state} termsVersion={props.termsVersion} privacyVersion={props.privacyVersion} />
          <button type="submit" class="btn btn-primary w-full">
            {c.t('signup.submit')}
          </button>
        </Form>
        <OidcButton c={c} name={props.oidcName} />
        <p class="text-sm mt-2">
          {c.t('signup.have_account')}{' '}
          <a class="link link-primary" href={c.href('/login')}>
            {c.t('nav.login')}
          </a>
        </p>
      </Card>
    </Layout>
  );
}

/**
 * After signing up: where the mail went, the username as it was saved (lower-cased), and "send it again" — a form
 * (POST with the CSRF token, no JavaScript needed) answered on this same page with "sent again" or the refusal.
 */
export function CheckEmailPage(props: {
  c: ViewCtx;
  email: string;
  username: string;
  /** The username as typed, when it differed from the one saved (capitals lower-cased). */
  typedUsername?: string;
  resent?: boolean;
  state?: FormState;
}) {
  const { c } = props;
  const state = props.state ?? emptyForm;
  const lowered = props.typedUsername && props.typedUsername.trim() !== props.username;
  return (
    <Layout c={c} title={c.t('signup.check_title')} narrow>
      <Card>
        <PageTitle>{c.t('signup.check_title')}</PageTitle>
        {props.resent ? (
          <div role="status" class="alert alert-success" data-testid="resent">
            {c.t('signup.resent', { email: isolateLtr(props.email) })}
          </div>
        ) : null}
        <FormAlert c={c} state={state} />
        <p data-testid="check-email">{c.t('signup.check_body', { email: isolateLtr(props.email) })}</p>
        <p data-testid="signup-username">
          {c.t('signup.your_username')} <Username username={props.username} class="font-mono font-bold" />
        </p>
        {lowered ? (
          <p class="text-sm" data-testid="username-lowered">
            {c.t('signup.username_lowered')}
          </p>
        ) : null}
        <p class="text-sm opacity-80">{c.t('signup.check_spam')}</p>
        <Form c={c} action="/signup/resend" id="resend-form" class="mt-2">
          <button type="submit" class="btn btn-outline w-full">
            {c.t('signup.resend')}
          </button>
        </Form>
      </Card>
    </Layout>
  );
}

/** A sign-up or mailed link that cannot go on (unknown, expired or replaced link; sign-up page too old), and the ways on. */
export function SignupProblemPage(props: { c: ViewCtx; error: string }) {
  const { c } = props;
  return (
    <Layout c={c} title={c.t('verify.title')} narrow>
      <Card>
        <PageTitle>{c.t('verify.title')}</PageTitle>
        <div role="alert" class="alert alert-error" data-testid="form-error">
          {c.t(props.error)}
        </div>
        {c.user ? (
          c.user.emailVerified ? null : (
            <Form c={c} action="/verify-email/resend">
              <button type="submit" class="btn btn-primary w-full">
                {c.t('verify.resend')}
              </button>
            </Form>
          )
        ) : (
          <p class="text-sm">{c.t('verify.sign_in_for_new')}</p>
        )}
        {c.user ? null : (
          <div class="flex flex-wrap justify-between gap-2 text-sm">
            <a class="btn btn-primary" href={c.href('/login?next=%2Faccount')}>
              {c.t('nav.login')}
            </a>
            <a class="link" href={c.href('/signup')}>
              {c.t('nav.signup')}
            </a>
          </div>
        )}
      </Card>
    </Layout>
  );
}

export function LoginPage(props: { c: ViewCtx; state: FormState; next: string; oidcName?: string | null }) {
  const { c, state } = props;
  return (
    <Layout c={c} title={c.t('login.title')} narrow>
      <Card>
        <PageTitle>{c.t('login.title')}</PageTitle>
        <FormAlert c={c} state={state} />
        <Form c={c} action="/login" id="login-form">
          <input type="hidden" name="next" value={props.next} />
          <Field c={c} state={state} name="login" label={c.t('field.login')} autocomplete="username" dir="ltr" required />
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
          <button type="submit" class="btn btn-primary w-full">
            {c.t('login.submit')}
          </button>
        </Form>
        <OidcButton c={c} name={props.oidcName} next={props.next} />
        <div class="flex flex-wrap justify-between gap-2 text-sm mt-2">
          <a class="link" href={c.href('/password-reset')}>
            {c.t('login.forgot')}
          </a>
          <a class="link link-primary" href={c.href('/signup')}>
            {c.t('nav.signup')}
          </a>
        </div>
      </Card>
    </Layout>
  );
}

export function ResetRequestPage(props: { c: ViewCtx; state: FormState; sent: boolean }) {
  const { c, state } = props;
  return (
    <Layout c={c} title={c.t('reset.title')} narrow>
      <Card>
        <PageTitle>{c.t('reset.title')}</PageTitle>
        {props.sent ? (
          <div role="status" class="alert alert-info" data-testid="reset-sent">
            {c.t('reset.sent')}
          </div>
        ) : null}
        <FormAlert c={c} state={state} />
        <p class="text-sm">{c.t('reset.intro')}</p>
        <Form c={c} action="/password-reset">
          <Field c={c} state={state} name="email" type="email" label={c.t('field.email')} autocomplete="email" dir="ltr" required />
          <button type="submit" class="btn btn-primary w-full">
            {c.t('reset.submit')}
          </button>
        </Form>
      </Card>
    </Layout>
  );
}

export function ResetConfirmPage(props: { c: ViewCtx; state: FormState; token: string }) {
  const { c, state } = props;
  return (
    <Layout c={c} title={c.t('reset.new_title')} narrow>
      <Card>
        <PageTitle>{c.t('reset.new_title')}</PageTitle>
        <FormAlert c={c} state={state} />
        <Form c={c} action="/password-reset/confirm">
          <input type="hidden" name="token" value={props.token} />
          <NewPasswordField c={c} state={state} />
          <button type="submit" class="btn btn-primary w-full">
            {c.t('reset.new_submit')}
          </button>
        </Form>
      </Card>
    </Layout>
  );
}

export function TwoFactorPage(props: { c: ViewCtx; state: FormState; challenge: string; next: string }) {
  const { c, state } = props;
  return (
    <Layout c={c} title={c.t('login.2fa_title')} narrow>
      <Card>
        <PageTitle>{c.t('login.2fa_title')}</PageTitle>
        <FormAlert c={c} state={state} />
        <p class="text-sm">{c.t('login.2fa_intro')}</p>
        <Form c={c} action="/login/2fa" id="twofactor-form">
          <input type="hidden" name="challenge" value={props.challenge} />
          <input type="hidden" name="next" value={props.next} />
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
          <button type="submit" class="btn btn-primary w-full">
            {c.t('login.submit')}
          </button>
        </Form>
      </Card>
    </Layout>
  );
}
