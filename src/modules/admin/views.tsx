import type { FormState, ViewCtx } from '../../platform/http/pages.ts';
import { formatDateTime, formatUsername } from '../../platform/i18n/index.ts';
import { AdminShell } from '../../web/admin-shell.tsx';
import { Ref } from '../../web/components/bidi.tsx';
import { Card, Field, Form, FormAlert } from '../../web/components.tsx';
import { mayOpenSanctions } from './policy.ts';

type UserRow = {
  id: number;
  username: string;
  email: string;
  displayName: string;
  roles: string[];
  emailVerifiedAt: Date | null;
  deactivatedAt: Date | null;
  createdAt: Date;
  termsVersion: number;
  privacyVersion: number;
  lastSeenAt: Date | null;
  lockedUntil: Date | null;
};

export function UsersPage(props: { c: ViewCtx; items: UserRow[]; q: string; nextCursor: number | null }) {
  const { c } = props;
  return (
    <AdminShell c={c} title={c.t('admin.users')}>
      <form method="get" action={c.href('/admin/users')} class="join w-full mb-4">
        <input
          type="search"
          name="q"
          value={props.q}
          class="input join-item w-full"
          placeholder={c.t('admin.users_search')}
          aria-label={c.t('admin.users_search')}
        />
        <button class="btn btn-primary join-item" type="submit">
          {c.t('directory.submit')}
        </button>
      </form>
      <div class="overflow-x-auto bg-base-100 rounded-box">
        <table class="table" data-testid="admin-users">
          <thead>
            <tr>
              <th>#</th>
              <th>{c.t('field.username')}</th>
              <th>{c.t('field.email')}</th>
              <th>{c.t('admin.roles')}</th>
              <th>{c.t('admin.status')}</th>
            </tr>
          </thead>
          <tbody>
            {props.items.map((u) => (
              <tr key={u.id}>
                <td>{u.id}</td>
                <td>
                  <a class="link link-primary" href={c.href(`/admin/users/${u.id}`)} dir="ltr">
                    {u.username}
                  </a>
                  <div class="text-xs opacity-70">{u.displayName}</div>
                </td>
                <td dir="ltr" class="text-start">
                  {u.email}
                </td>
                <td>{u.roles.map((r) => c.t(`role.${r}`)).join('، ') || '—'}</td>
                <td>{statusText(c, u)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {props.nextCursor ? (
        <a class="btn mt-3" href={c.href(`/admin/users?q=${encodeURIComponent(props.q)}&cursor=${props.nextCursor}`)}>
          {c.t('common.more')}
        </a>
      ) : null}
    </AdminShell>
  );
}

function statusText(c: ViewCtx, u: UserRow): string {
  if (u.deactivatedAt) return c.t('admin.status_deactivated');
  if (!u.emailVerifiedAt) return c.t('admin.status_unverified');
  return c.t('admin.status_active');
}

export function UserPage(props: {
  c: ViewCtx;
  user: UserRow;
  acceptances: { policy: string; version: number; acceptedAt: Date; ip: string | null }[];
  logins: { ip: string | null; userAgent: string | null; success: number; createdAt: Date }[];
  state: FormState;
  exportState: FormState;
  canEditRoles: boolean;
  canExport: boolean;
  roles: readonly string[];
}) {
  const { c, user: u, state, exportState } = props;
  return (
    <AdminShell c={c} title={`${u.displayName} (${formatUsername(u.username)})`}>
      <div class="grid gap-4 md:grid-cols-2">
        <Card title={c.t('admin.account')}>
          <dl class="grid grid-cols-2 gap-1 text-sm">
            <dt>{c.t('field.email')}</dt>
            <dd dir="ltr" class="text-start min-w-0 wrap-anywhere">
              {u.email}
            </dd>
            <dt>{c.t('admin.status')}</dt>
            <dd>{statusText(c, u)}</dd>
            <dt>{c.t('admin.joined')}</dt>
            <dd>{formatDateTime(c.locale, u.createdAt)}</dd>
            <dt>{c.t('admin.last_seen')}</dt>
            <dd>{u.lastSeenAt ? formatDateTime(c.locale, u.lastSeenAt) : '—'}</dd>
            <dt>{c.t('admin.accepted_terms')}</dt>
            <dd>{c.t('policy.version', { n: u.termsVersion })}</dd>
            <dt>{c.t('admin.accepted_privacy')}</dt>
            <dd>{c.t('policy.version', { n: u.privacyVersion })}</dd>
          </dl>
          <p class="flex flex-wrap gap-3">
            <a class="link" href={c.href(`/u/${u.username}`)}>
              {c.t('menu.profile')}
            </a>
            <a class="link" href={c.href(`/admin/users/${u.id}/level`)} data-testid="user-levels">
              {c.t('levels.admin_link')}
            </a>
            {mayOpenSanctions(c.user) ? (
              <a class="link" href={c.href(`/admin/users/${u.id}/sanctions`)} data-testid="user-sanctions">
                {c.t('admin_sanctions.link')}
              </a>
            ) : null}
          </p>
        </Card>
        <Card title={c.t('admin.roles')}>
          <FormAlert c={c} state={state} />
          {props.canEditRoles ? (
            <Form c={c} action={`/admin/users/${u.id}/roles`}>
              {props.roles.map((r) => (
                <label key={r} class="label gap-2">
                  <input type="checkbox" class="checkbox" name="roles" value={r} checked={u.roles.includes(r)} />
                  {c.t(`role.${r}`)}
                </label>
              ))}
              <button class="btn btn-primary btn-sm" type="submit">
                {c.t('common.save')}
              </button>
            </Form>
          ) : (
            <p>{u.roles.map((r) => c.t(`role.${r}`)).join('، ') || '—'}</p>
          )}
        </Card>
        <Card title={c.t('admin.acceptances')}>
          <ul class="text-sm">
            {props.acceptances.map((a, i) => (
              <li key={i}>
                {c.t(`policy.${a.policy}`)} — {c.t('policy.version', { n: a.version })} — {formatDateTime(c.locale, a.acceptedAt)}
              </li>
            ))}
          </ul>
        </Card>
        <Card title={c.t('admin.logins')}>
          <ul class="text-sm">
            {props.logins.map((l, i) => (
              <li key={i}>
                {l.success ? '✓' : '✗'} {formatDateTime(c.locale, l.createdAt)} · <span dir="ltr">{l.ip ?? '-'}</span>
              </li>
            ))}
          </ul>
        </Card>
        {props.canExport || exportState.formError ? (
          <Card title={c.t('admin.export_title')}>
            <p class="text-sm">{c.t('admin.export_intro')}</p>
            <FormAlert c={c} state={exportState} />
            {props.canExport ? (
              <Form c={c} action={`/admin/users/${u.id}/export`} id="legal-export">
                <Field
                  c={c}
                  state={exportState}
                  name="reference"
                  label={c.t('admin.export_reference')}
                  hint={c.t('admin.export_reference_hint')}
                  maxLength={200}
                  required
                />
                <Field
                  c={c}
                  state={exportState}
                  name="reason"
                  label={c.t('admin.export_reason')}
                  hint={c.t('admin.export_reason_hint')}
                  textarea
                  rows={4}
                  maxLength={2000}
                  required
                />
                <button class="btn btn-warning btn-sm" type="submit">
                  {c.t('admin.export_submit')}
                </button>
              </Form>
            ) : null}
          </Card>
        ) : null}
      </div>
    </AdminShell>
  );
}

export function PoliciesAdminPage(props: {
  c: ViewCtx;
  current: { policy: string; version: number; lastUpdated: string; bodyAr: string; bodyEn: string }[];
  state: FormState;
}) {
  const { c, state } = props;
  const selected = state.values.policy ?? 'privacy';
  const cur = props.current.find((p) => p.policy === selected) ?? props.current[0];
  return (
    <AdminShell c={c} title={c.t('admin.policies')}>
      <ul class="mb-4">
        {props.current.map((p) => (
          <li key={p.policy}>
            <a class="link" href={c.href(`/${p.policy}/history`)}>
              {c.t(`policy.${p.policy}`)}
            </a>{' '}
            — {c.t('policy.version', { n: p.version })} ({p.lastUpdated})
          </li>
        ))}
      </ul>
      <Card title={c.t('admin.publish_policy')}>
        <p class="text-sm">{c.t('admin.publish_intro')}</p>
        <FormAlert c={c} state={state} />
        <Form c={c} action="/admin/policies">
          <div class="fieldset">
            <label class="fieldset-legend" for="f-policy">
              {c.t('admin.policy')}
            </label>
            <select id="f-policy" name="policy" class="select w-full">
              {props.current.map((p) => (
                <option key={p.policy} value={p.policy} selected={p.policy === selected}>
                  {c.t(`policy.${p.policy}`)}
                </option>
              ))}
            </select>
          </div>
          <Field c={c} state={state} name="lastUpdated" type="date" label={c.t('policy.last_updated')} required />
          <Field c={c} state={state} name="bodyAr" label={c.t('admin.body_ar')} textarea rows={12} value={cur?.bodyAr} dir="rtl" />
          <Field c={c} state={state} name="bodyEn" label={c.t('admin.body_en')} textarea rows={12} value={cur?.bodyEn} dir="ltr" />
          <Field c={c} state={state} name="changeNoteAr" label={c.t('admin.change_note_ar')} dir="rtl" />
          <Field c={c} state={state} name="changeNoteEn" label={c.t('admin.change_note_en')} dir="ltr" />
          <button class="btn btn-primary" type="submit">
            {c.t('admin.publish')}
          </button>
        </Form>
      </Card>
    </AdminShell>
  );
}

export function ContactAdminPage(props: {
  c: ViewCtx;
  items: { id: number; name: string; email: string; subject: string; body: string; createdAt: Date; userId: number | null }[];
}) {
  const { c } = props;
  return (
    <AdminShell c={c} title={c.t('admin.contact')}>
      <ul class="space-y-3">
        {props.items.map((m) => (
          <li key={m.id} class="card bg-base-100 shadow-sm">
            <div class="card-body p-4">
              <p class="font-bold">
                <Ref id={m.id} /> — {m.subject}
              </p>
              <p class="text-sm opacity-70">
                {m.name} · <span dir="ltr">{m.email}</span> · {formatDateTime(c.locale, m.createdAt)}
              </p>
              <p class="whitespace-pre-line">{m.body}</p>
            </div>
          </li>
        ))}
      </ul>
    </AdminShell>
  );
}
