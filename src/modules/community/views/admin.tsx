import { emptyForm, type FormState, type ViewCtx } from '../../../platform/http/pages.ts';
import { formatDateTime } from '../../../platform/i18n/index.ts';
import { AdminShell } from '../../../web/admin-shell.tsx';
import { Field, Form, FormAlert } from '../../../web/components.tsx';
import { Layout } from '../../../web/layout.tsx';
import { topicPath } from '../rules.ts';
import type { communityRevisions } from '../schema.ts';
import type { CommentRow, SectionRow, TopicRow } from '../types.ts';

type Revision = typeof communityRevisions.$inferSelect;

/** The sections, as staff manage them (/admin/community): rename, staff only, up/down, hide/show; a new one. */
export function SectionsAdminPage(props: { c: ViewCtx; sections: SectionRow[]; state: FormState; failed: string | null }) {
  const { c, sections } = props;
  const stateOf = (form: string) => (props.failed === form ? props.state : emptyForm);
  const add = stateOf('add');
  return (
    <AdminShell c={c} title={c.t('community.admin_title')}>
      <p class="text-sm opacity-80 mb-3">{c.t('community.admin_intro')}</p>
      <ol class="grid gap-3" data-testid="admin-sections">
        {sections.map((s, i) => {
          const st = stateOf(`section-${s.id}`);
          return (
            <li key={s.id} class="card bg-base-100 shadow-sm" data-testid={`admin-section-${s.slug}`}>
              <div class="card-body p-3 md:p-4 gap-2">
                <p class="font-bold flex flex-wrap items-center gap-2">
                  <bdi dir="ltr">{s.slug}</bdi>
                  {s.hidden ? <span class="badge badge-warning badge-sm">{c.t('community.section_hidden')}</span> : null}
                  {s.staffOnly ? <span class="badge badge-sm">{c.t('community.section_staff_only_badge')}</span> : null}
                </p>
                <Form c={c} action={`/admin/community/sections/${s.id}`} class="grid gap-2 md:grid-cols-3 items-end">
                  <input type="hidden" name="form" value={`section-${s.id}`} />
                  <div class="md:col-span-3">
                    <FormAlert c={c} state={st} />
                  </div>
                  <Field c={c} state={st} name="nameAr" id={`s${s.id}-ar`} label={c.t('community.name_ar')} value={s.nameAr} dir="rtl" />
                  <Field c={c} state={st} name="nameEn" id={`s${s.id}-en`} label={c.t('community.name_en')} value={s.nameEn} dir="ltr" />
                  <label class="label gap-2 text-sm">
                    <input
                      type="checkbox"
                      name="staffOnly"
                      value="1"
                      class="checkbox checkbox-sm"
                      checked={st.values.staffOnly ? st.values.staffOnly === '1' : s.staffOnly}
                    />
                    {c.t('community.staff_only_label')}
                  </label>
                  <button type="submit" class="btn btn-sm btn-primary justify-self-start" data-testid={`save-section-${s.slug}`}>
                    {c.t('community.save')}
                  </button>
                </Form>
                <div class="flex flex-wrap gap-2">
                  {(
                    [
                      ['up', i > 0],
                      ['down', i < sections.length - 1],
                      [s.hidden ? 'show' : 'hide', true],
                    ] as const
                  ).map(([action, ok]) =>
                    ok ? (
                      <Form key={action} c={c} action={`/admin/community/sections/${s.id}/${action}`} class="inline">
                        <button type="submit" class="btn btn-xs btn-outline" data-testid={`${action}-section-${s.slug}`}>
                          {c.t(`community.section_${action}`)}
                        </button>
                      </Form>
                    ) : null,
                  )}
                </div>
              </div>
            </li>
          );
        })}
      </ol>
      <section class="card bg-base-100 shadow-sm mt-4">
        <Form c={c} action="/admin/community/sections" class="card-body p-3 md:p-4 gap-2">
          <h2 class="font-bold">{c.t('community.section_add')}</h2>
          <input type="hidden" name="form" value="add" />
          <FormAlert c={c} state={add} />
          <Field
            c={c}
            state={add}
            name="slug"
            id="new-slug"
            label={c.t('community.slug_label')}
            dir="ltr"
            hint={c.t('community.slug_hint')}
          />
          <Field c={c} state={add} name="nameAr" id="new-ar" label={c.t('community.name_ar')} dir="rtl" />
          <Field c={c} state={add} name="nameEn" id="new-en" label={c.t('community.name_en')} dir="ltr" />
          <label class="label gap-2 text-sm">
            <input type="checkbox" name="staffOnly" value="1" class="checkbox checkbox-sm" checked={add.values.staffOnly === '1'} />
            {c.t('community.staff_only_label')}
          </label>
          <button type="submit" class="btn btn-sm btn-primary justify-self-start" data-testid="add-section">
            {c.t('community.section_add')}
          </button>
        </Form>
      </section>
    </AdminShell>
  );
}

/** Every earlier version of a topic and of its comments (staff only), oldest first, beside what is shown now. */
export function HistoryPage(props: { c: ViewCtx; t: TopicRow; revisions: Revision[]; comments: Map<number, CommentRow> }) {
  const { c, t } = props;
  return (
    <Layout c={c} title={c.t('community.history_title', { title: t.title })}>
      <h1 class="text-2xl font-bold mb-2 break-words" dir="auto">
        {c.t('community.history_title', { title: t.title })}
      </h1>
      <p class="mb-4">
        <a class="link" href={c.href(topicPath(t))}>
          {c.t('community.back_to_topic')}
        </a>
      </p>
      {props.revisions.length === 0 ? (
        <p class="alert" data-testid="history-empty">
          {c.t('community.history_empty')}
        </p>
      ) : (
        <div class="overflow-x-auto">
          <table class="table table-sm" data-testid="revisions">
            <thead>
              <tr>
                <th>{c.t('community.history_what')}</th>
                <th>{c.t('community.history_written')}</th>
                <th>{c.t('community.history_text')}</th>
              </tr>
            </thead>
            <tbody>
              {props.revisions.map((r) => (
                <tr key={r.id} data-testid={`revision-${r.id}`}>
                  <td class="whitespace-nowrap align-top">
                    {r.targetType === 'topic' ? (
                      c.t('community.history_topic')
                    ) : (
                      <a class="link" href={c.href(`${topicPath(t)}#comment-${r.targetId}`)}>
                        {c.t('community.history_comment', { id: r.targetId })}
                      </a>
                    )}
                  </td>
                  <td class="whitespace-nowrap align-top text-xs">
                    {formatDateTime(c.locale, r.writtenAt)} → {formatDateTime(c.locale, r.replacedAt)}
                  </td>
                  <td class="align-top min-w-[14rem]">
                    {r.title ? (
                      <p class="font-bold break-words" dir="auto">
                        {r.title}
                      </p>
                    ) : null}
                    <pre class="whitespace-pre-wrap break-words font-sans text-sm" dir="auto">
                      {r.body}
                    </pre>
                    {r.targetType === 'comment' && props.comments.get(r.targetId) ? (
                      <p class="text-xs opacity-70 mt-1">{c.t(`community.status.${props.comments.get(r.targetId)?.status}`)}</p>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
