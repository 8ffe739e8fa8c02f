import type { FormState, ViewCtx } from '../../platform/http/pages.ts';
import { formatDateTime } from '../../platform/i18n/index.ts';
import { AdminShell } from '../../web/admin-shell.tsx';
import { Field, Form, FormAlert, SelectField } from '../../web/components.tsx';
import { HELP_TOPICS, PUBLISH_CHOICES, SLUG_MAX, TITLE_MAX } from './rules.ts';
import type { AdminArticle } from './service.ts';
import { articlePath } from './views.tsx';

const STATE_BADGE = { draft: 'badge-ghost', scheduled: 'badge-warning', published: 'badge-success' } as const;

/** `/admin/help`: every article by topic, its state and its readers' answers. */
export function HelpAdminList(props: { c: ViewCtx; items: AdminArticle[] }) {
  const { c } = props;
  return (
    <AdminShell c={c} title={c.t('admin.help')}>
      <p class="mb-4">
        <a class="btn btn-primary btn-sm" href={c.href('/admin/help/new')} data-testid="help-admin-new">
          {c.t('help.admin_new')}
        </a>
      </p>
      {props.items.length === 0 ? <p>{c.t('help.admin_empty')}</p> : null}
      <ul class="space-y-2" data-testid="help-admin-list">
        {props.items.map((a) => (
          <li key={a.id} class="card bg-base-100 shadow-sm">
            <div class="card-body p-3 gap-1">
              <div class="flex flex-wrap items-center gap-2">
                <span class={`badge ${STATE_BADGE[a.state]}`}>{c.t(`help.state.${a.state}`)}</span>
                <span class="badge badge-outline">{c.t(`help.topic.${a.topic}`)}</span>
                <a class="link link-primary font-semibold break-words" href={c.href(`/admin/help/${a.id}`)}>
                  {c.locale === 'ar' ? a.titleAr : a.titleEn}
                </a>
              </div>
              <p class="text-sm opacity-80 flex flex-wrap gap-x-3">
                <span dir="ltr">{a.slug}</span>
                <span data-testid={`help-admin-votes-${a.slug}`}>{c.t('help.admin_votes', { yes: a.helpful, no: a.notHelpful })}</span>
                {a.state === 'scheduled' && a.publishAt ? (
                  <span>{c.t('help.admin_scheduled_for', { date: formatDateTime(c.locale, a.publishAt) })}</span>
                ) : null}
              </p>
            </div>
          </li>
        ))}
      </ul>
    </AdminShell>
  );
}

/** The form of a new article or of an edit (what was typed stays on a refusal). */
export function HelpArticleForm(props: {
  c: ViewCtx;
  state: FormState;
  /** An edit: the article's id, slug and answers; a new article: null. */
  existing: { id: number; slug: string; helpful: number; notHelpful: number; live: boolean } | null;
}) {
  const { c, state, existing } = props;
  const v = state.values;
  const title = existing ? c.t('help.admin_edit') : c.t('help.admin_new');
  return (
    <AdminShell c={c} title={title}>
      {existing ? (
        <p class="mb-3 flex flex-wrap gap-3 text-sm">
          <span dir="ltr">{existing.slug}</span>
          <span data-testid="help-admin-votes">{c.t('help.admin_votes', { yes: existing.helpful, no: existing.notHelpful })}</span>
          <a class="link link-primary" href={c.href(articlePath(existing.slug))}>
            {c.t('help.admin_view')}
          </a>
        </p>
      ) : null}
      <div class="card bg-base-100 shadow-sm">
        <div class="card-body p-4 md:p-6">
          <FormAlert c={c} state={state} />
          <Form c={c} action={existing ? `/admin/help/${existing.id}` : '/admin/help/new'}>
            {existing ? null : (
              <Field
                c={c}
                state={state}
                name="slug"
                label={c.t('help.f.slug')}
                hint={c.t('help.f.slug_hint')}
                dir="ltr"
                maxLength={SLUG_MAX}
                required
              />
            )}
            <div class="grid gap-2 sm:grid-cols-2">
              <SelectField c={c} state={state} name="topic" label={c.t('help.f.topic')}>
                {HELP_TOPICS.map((t) => (
                  <option key={t} value={t} selected={v.topic === t}>
                    {c.t(`help.topic.${t}`)}
                  </option>
                ))}
              </SelectField>
              <Field
                c={c}
                state={state}
                name="position"
                label={c.t('help.f.position')}
                hint={c.t('help.f.position_hint')}
                dir="ltr"
                maxLength={4}
              />
            </div>
            <Field c={c} state={state} name="titleAr" label={c.t('help.f.titleAr')} dir="rtl" maxLength={TITLE_MAX + 50} required />
            <Field
              c={c}
              state={state}
              name="bodyAr"
              label={c.t('help.f.bodyAr')}
              hint={c.t('help.admin_format_hint')}
              dir="rtl"
              textarea
              rows={14}
              required
            />
            <Field c={c} state={state} name="titleEn" label={c.t('help.f.titleEn')} dir="ltr" maxLength={TITLE_MAX + 50} required />
            <Field c={c} state={state} name="bodyEn" label={c.t('help.f.bodyEn')} dir="ltr" textarea rows={14} required />
            <fieldset class="fieldset">
              <legend class="fieldset-legend">{c.t('help.f.publish')}</legend>
              {PUBLISH_CHOICES.map((p) => (
                <label key={p} class="label cursor-pointer justify-start gap-2">
                  <input type="radio" class="radio radio-sm" name="publish" value={p} checked={(v.publish ?? 'draft') === p} />
                  <span>{c.t(`help.publish.${p}`)}</span>
                </label>
              ))}
              {state.errors.publish ? <p class="text-error text-sm">{c.t(state.errors.publish)}</p> : null}
            </fieldset>
            <div class="fieldset">
              <label class="fieldset-legend" for="f-publishAt">
                {c.t('help.f.publishAt')}
              </label>
              <input
                id="f-publishAt"
                name="publishAt"
                type="datetime-local"
                value={v.publishAt ?? ''}
                dir="ltr"
                class={`input w-full ${state.errors.publishAt ? 'input-error' : ''}`}
                aria-invalid={state.errors.publishAt ? 'true' : undefined}
              />
              {state.errors.publishAt ? (
                <p class="text-error text-sm" data-testid="error-publishAt">
                  {c.t(state.errors.publishAt)}
                </p>
              ) : null}
            </div>
            <button type="submit" class="btn btn-primary w-full sm:w-auto" data-testid="help-admin-save">
              {c.t('help.admin_save')}
            </button>
          </Form>
        </div>
      </div>
    </AdminShell>
  );
}
