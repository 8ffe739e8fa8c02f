import type { FormState, ViewCtx } from '../../platform/http/pages.ts';
import { formatDateTime } from '../../platform/i18n/index.ts';
import { AdminShell } from '../../web/admin-shell.tsx';
import { Ref, Username } from '../../web/components/bidi.tsx';
import { Field, FormAlert } from '../../web/components.tsx';
import { AUDIT_FILTERS } from './service.ts';

export interface AuditRow {
  id: number;
  actorId: number | null;
  actorUsername: string | null;
  action: string;
  targetType: string;
  targetId: string;
  data: unknown;
  why: string | null;
  createdAt: Date;
  ip: string | null;
}

/** The audit log search (admins): the filters stay in the form and in the next page's link. */
export function AuditPage(props: { c: ViewCtx; items: AuditRow[]; nextCursor: number | null; state: FormState }) {
  const { c, state } = props;
  const kept = new URLSearchParams();
  for (const k of AUDIT_FILTERS) if (state.values[k]) kept.set(k, state.values[k]);
  const filtered = AUDIT_FILTERS.some((k) => state.values[k]);
  if (props.nextCursor) kept.set('cursor', String(props.nextCursor));
  return (
    <AdminShell c={c} title={c.t('admin.audit')}>
      <form method="get" action={c.href('/admin/audit')} class="card bg-base-100 shadow-sm mb-4" data-testid="audit-search">
        <div class="card-body p-4 grid gap-x-4 gap-y-1 sm:grid-cols-2 lg:grid-cols-4">
          <FormAlert c={c} state={state} />
          <Field c={c} state={state} name="actor" label={c.t('admin.audit_actor')} hint={c.t('admin.audit_actor_hint')} dir="ltr" />
          <Field c={c} state={state} name="action" label={c.t('admin.action')} hint={c.t('admin.audit_action_hint')} dir="ltr" />
          <Field c={c} state={state} name="targetType" label={c.t('admin.audit_target_type')} hint="user, order, service…" dir="ltr" />
          <Field c={c} state={state} name="targetId" label={c.t('admin.audit_target_id')} dir="ltr" />
          <Field c={c} state={state} name="from" type="date" label={c.t('admin.audit_from')} />
          <Field c={c} state={state} name="to" type="date" label={c.t('admin.audit_to')} />
          <Field c={c} state={state} name="q" label={c.t('admin.audit_text')} hint={c.t('admin.audit_text_hint')} />
          <div class="flex items-end gap-2 pb-1">
            <button class="btn btn-primary" type="submit">
              {c.t('directory.submit')}
            </button>
            {filtered ? (
              <a class="btn btn-ghost" href={c.href('/admin/audit')}>
                {c.t('admin.audit_clear')}
              </a>
            ) : null}
          </div>
        </div>
      </form>
      <div class="overflow-x-auto bg-base-100 rounded-box">
        <table class="table table-sm" data-testid="audit">
          <thead>
            <tr>
              <th>#</th>
              <th>{c.t('admin.when')}</th>
              <th>{c.t('admin.actor')}</th>
              <th>{c.t('admin.action')}</th>
              <th>{c.t('admin.target')}</th>
              <th>{c.t('admin.why')}</th>
              <th>{c.t('admin.ip')}</th>
              <th>{c.t('admin.details')}</th>
            </tr>
          </thead>
          <tbody>
            {props.items.map((a) => (
              <tr key={a.id} data-testid="audit-row" data-id={a.id}>
                <td>{a.id}</td>
                <td class="whitespace-nowrap">{formatDateTime(c.locale, a.createdAt)}</td>
                <td>
                  {a.actorId ? (
                    <a class="link" href={c.href(`/admin/users/${a.actorId}`)} dir="ltr">
                      {a.actorUsername ? <Username username={a.actorUsername} /> : <Ref id={a.actorId} />}
                    </a>
                  ) : (
                    'CLI'
                  )}
                </td>
                <td dir="ltr" class="text-start font-mono">
                  {a.action}
                </td>
                <td dir="ltr" class="text-start font-mono">
                  {a.targetType === 'user' && /^\d+$/.test(a.targetId) ? (
                    <a class="link" href={c.href(`/admin/users/${a.targetId}`)}>
                      {a.targetType}:{a.targetId}
                    </a>
                  ) : (
                    `${a.targetType}:${a.targetId}`
                  )}
                </td>
                <td class="whitespace-pre-line">{a.why ?? '—'}</td>
                <td dir="ltr" class="text-start font-mono text-xs">
                  {a.ip ?? '—'}
                </td>
                <td dir="ltr" class="text-start font-mono text-xs break-all">
                  {JSON.stringify(a.data)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {props.items.length === 0 ? (
          <p class="p-4 opacity-70" data-testid="audit-empty">
            {c.t('admin.audit_empty')}
          </p>
        ) : null}
      </div>
      {props.nextCursor ? (
        <a class="btn mt-3" href={c.href(`/admin/audit?${kept.toString()}`)} data-testid="audit-next">
          {c.t('common.more')}
        </a>
      ) : null}
    </AdminShell>
  );
}
