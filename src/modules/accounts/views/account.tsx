import type { FormState, ViewCtx } from '../../../platform/http/pages.ts';
import { formatDateTime } from '../../../platform/i18n/index.ts';
import { CountryField } from '../../../web/components/country-field.tsx';
import { Avatar, Card, Field, Form, FormAlert, PageTitle } from '../../../web/components.tsx';
import { Layout } from '../../../web/layout.tsx';
import type { SelfView } from '../service.ts';
import { IdentitiesCard, type IdentityRow } from './oidc.tsx';
import { CurrentPasswordField, NewPasswordField } from './password-fields.tsx';

function AccountTabs(props: { c: ViewCtx; active: 'profile' | 'security' }) {
  const { c } = props;
  return (
    <div role="tablist" class="tabs tabs-border mb-4">
      <a role="tab" class={`tab ${props.active === 'profile' ? 'tab-active' : ''}`} href={c.href('/account')}>
        {c.t('menu.settings')}
      </a>
      <a role="tab" class={`tab ${props.active === 'security' ? 'tab-active' : ''}`} href={c.href('/account/security')}>
        {c.t('menu.security')}
      </a>
    </div>
  );
}

export function ProfileSettingsPage(props: { c: ViewCtx; me: SelfView; state: FormState; avatarState: FormState }) {
  const { c, me, state } = props;
  const v = (k: string, fallback: string) => state.values[k] ?? fallback;
  return (
    <Layout c={c} title={c.t('menu.settings')}>
      <PageTitle>{c.t('menu.settings')}</PageTitle>
      <AccountTabs c={c} active="profile" />
      <div class="grid gap-4 md:grid-cols-3">
        <Card title={c.t('profile.avatar')}>
          <div class="flex items-center gap-3">
            <Avatar name={me.displayName} url={me.avatarUrl} size="w-20" />
          </div>
          <FormAlert c={c} state={props.avatarState} />
          <Form c={c} action="/account/avatar" multipart>
            <input
              type="file"
              name="avatar"
              accept="image/png,image/jpeg,image/webp,image/gif"
              class="file-input w-full"
              aria-label={c.t('profile.avatar')}
            />
            {props.avatarState.errors.avatar ? (
              <p class="text-error text-sm" data-testid="error-avatar">
                {c.t(props.avatarState.errors.avatar, props.avatarState.params)}
              </p>
            ) : null}
            <p class="text-xs opacity-70">{c.t('profile.avatar_hint')}</p>
            <button class="btn btn-sm" type="submit">
              {c.t('profile.avatar_upload')}
            </button>
          </Form>
        </Card>
        <Card title={c.t('profile.title')} class="md:col-span-2">
          <FormAlert c={c} state={state} />
          <Form c={c} action="/account">
            <div class="fieldset">
              <span class="fieldset-legend">{c.t('field.username')}</span>
              <p dir="ltr" class="font-mono text-start" data-testid="username">
                @{me.username}
              </p>
              <p class="label text-xs whitespace-normal">{c.t('profile.username_fixed')}</p>
            </div>
            <Field
              c={c}
              state={state}
              name="displayName"
              label={c.t('field.display_name')}
              value={me.displayName}
              maxLength={50}
              required
            />
            <Field c={c} state={state} name="bio" label={c.t('field.bio')} value={me.bio} textarea rows={5} />
            <CountryField
              c={c}
              state={state}
              name="country"
              label={c.t('field.country')}
              hint={c.t('profile.country_hint')}
              code={me.country}
            />
            <Field
              c={c}
              state={state}
              name="skills"
              label={c.t('field.skills')}
              value={v('skills', me.skills.join('، '))}
              hint={c.t('profile.list_hint')}
            />
            <Field
              c={c}
              state={state}
              name="languages"
              label={c.t('field.languages')}
              value={v('languages', me.languages.join('، '))}
              hint={c.t('profile.list_hint')}
            />
            <div class="fieldset">
              <label class="fieldset-legend" for="f-locale">
                {c.t('field.locale')}
              </label>
              <select id="f-locale" name="locale" class="select w-full">
                <option value="ar" selected={v('locale', me.locale) === 'ar'}>
                  العربية
                </option>
                <option value="en" selected={v('locale', me.locale) === 'en'}>
                  English
                </option>
              </select>
            </div>
            <button type="submit" class="btn btn-primary">
              {c.t('common.save')}
            </button>
          </Form>
        </Card>
      </div>
    </Layout>
  );
}

export interface SessionRow {
  id: number;
  kind: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  current: boolean;
}

export function SecurityPage(props: {
  c: ViewCtx;
  sessions: SessionRow[];
  password: FormState;
  deactivate: FormState;
  twoFactor: FormState;
  twoFactorOn: boolean;
  /** The linked sign-ins with the OpenID Connect provider, when it is configured. */
  oidc?: { name: string; identities: IdentityRow[]; state: FormState } | null;
}) {
  const { c } = props;
  return (
    <Layout c={c} title={c.t('menu.security')}>
      <PageTitle>{c.t('menu.security')}</PageTitle>
      <AccountTabs c={c} active="security" />
      <div class="grid gap-4 md:grid-cols-2">
        <Card title={c.t('security.change_password')}>
          <FormAlert c={c} state={props.password} />
          <Form c={c} action="/account/password">
            <CurrentPasswordField c={c} state={props.password} />
            <NewPasswordField c={c} state={props.password} />
            <button type="submit" class="btn btn-primary">
              {c.t('security.change_password')}
            </button>
          </Form>
        </Card>
        <Card title={c.t('security.2fa')}>
          <p class="text-sm">{c.t('security.2fa_intro')}</p>
          {props.twoFactorOn ? (
            <>
              <p class="badge badge-success" data-testid="2fa-status">
                {c.t('security.2fa_on')}
              </p>
              <FormAlert c={c} state={props.twoFactor} />
              <Form c={c} action="/account/2fa/disable">
                <Field
                  c={c}
                  state={props.twoFactor}
                  name="password"
                  type="password"
                  label={c.t('field.current_password')}
                  autocomplete="current-password"
                  dir="ltr"
                  required
                />
                <Field
                  c={c}
                  state={props.twoFactor}
                  name="code"
                  label={c.t('field.totp_code')}
                  autocomplete="one-time-code"
                  dir="ltr"
                  maxLength={20}
                  required
                />
                <button type="submit" class="btn btn-outline btn-sm">
                  {c.t('security.2fa_disable')}
                </button>
              </Form>
            </>
          ) : (
            <a class="btn btn-primary btn-sm" href={c.href('/account/2fa')} data-testid="2fa-status">
              {c.t('security.2fa_setup')}
            </a>
          )}
        </Card>
        {props.oidc ? <IdentitiesCard c={c} {...props.oidc} /> : null}
        <Card title={c.t('security.sessions')}>
          <p class="text-sm opacity-80">{c.t('security.sessions_intro')}</p>
          <ul class="divide-y divide-base-300" data-testid="sessions">
            {props.sessions.map((s) => (
              <li key={s.id} class="py-2 flex flex-wrap items-center justify-between gap-2">
                <div class="text-sm min-w-0">
                  <p class="font-semibold break-words" dir="ltr">
                    {s.userAgent ? shortAgent(s.userAgent) : c.t('security.unknown_device')}
                  </p>
                  <p class="opacity-70">
                    {s.kind === 'api' ? c.t('security.api_token') : c.t('security.browser')} · <span dir="ltr">{s.ip ?? '-'}</span> ·{' '}
                    {c.t('security.last_seen', { when: formatDateTime(c.locale, s.lastSeenAt) })}
                  </p>
                </div>
                {s.current ? (
                  <span class="badge badge-success">{c.t('security.this_device')}</span>
                ) : (
                  <Form c={c} action={`/account/sessions/${s.id}/revoke`} class="">
                    <button type="submit" class="btn btn-xs btn-outline btn-error">
                      {c.t('security.revoke')}
                    </button>
                  </Form>
                )}
              </li>
            ))}
          </ul>
          {props.sessions.length > 1 ? (
            <Form c={c} action="/account/sessions/revoke-others" class="mt-2">
              <button type="submit" class="btn btn-sm btn-outline">
                {c.t('security.revoke_others')}
              </button>
            </Form>
          ) : null}
        </Card>
        <Card title={c.t('security.deactivate')} class="md:col-span-2">
          <p class="text-sm">{c.t('security.deactivate_intro')}</p>
          <FormAlert c={c} state={props.deactivate} />
          <Form c={c} action="/account/deactivate">
            <Field
              c={c}
              state={props.deactivate}
              name="password"
              type="password"
              label={c.t('field.current_password')}
              autocomplete="current-password"
              dir="ltr"
              required
            />
            <button type="submit" class="btn btn-outline btn-error">
              {c.t('security.deactivate_submit')}
            </button>
          </Form>
        </Card>
      </div>
    </Layout>
  );
}

function shortAgent(ua: string): string {
  const browser = /(Firefox|Edg|OPR|Chrome|Chromium|Safari)\/[\d.]+/.exec(ua)?.[0]?.replace(/\/([\d]+).*/, ' $1');
  const os = /(Android [\d.]+|iPhone OS [\d_]+|Windows NT [\d.]+|Mac OS X [\d_]+|Linux)/.exec(ua)?.[0];
  return [browser, os].filter(Boolean).join(' — ') || ua.slice(0, 60);
}
