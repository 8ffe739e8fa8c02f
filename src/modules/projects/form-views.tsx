import type { FormState, ViewCtx } from '../../platform/http/pages.ts';
import { emptyForm } from '../../platform/http/pages.ts';
import { formatDate, formatDateTime, plural } from '../../platform/i18n/index.ts';
import { AdminShell } from '../../web/admin-shell.tsx';
import { type CategoryLabel, type CategoryNode, CategoryOptions } from '../../web/categories.tsx';
import { Ref } from '../../web/components/bidi.tsx';
import { KeptFilesField } from '../../web/components/kept-files.tsx';
import {
  Card,
  Field,
  Form,
  FormAlert,
  NumberField,
  PageTitle,
  PersonRef,
  ReviewDecision,
  SelectField,
  SkillBadges,
} from '../../web/components.tsx';
import { Layout } from '../../web/layout.tsx';
import { DESCRIPTION_MAX, EXPECTED_DAYS_MAX, FILES_MAX, TITLE_MAX } from './rules.ts';
import type { ProjectRow } from './service.ts';
import { Budget, budgetOptions } from './views.tsx';

/** The project form's state: the typed fields, and the attachments already stored for it (kept through a refusal). */
export interface ProjectFormState extends FormState {
  files: { id: number; name: string }[];
}

export const emptyProjectForm: ProjectFormState = { ...emptyForm, files: [] };

/** Placeholders of this form's messages that the refusal does not carry. */
const ERROR_PARAMS = { max: FILES_MAX };

/** Post a project, or edit a draft or a rejected one: save as a draft or send for review. */
export function ProjectFormPage(props: { c: ViewCtx; state: ProjectFormState; categories: CategoryNode[]; project: ProjectRow | null }) {
  const { c, state, project } = props;
  const title = c.t(project ? 'projects.edit_title' : 'projects.new_title');
  const action = project ? `/projects/${project.id}/edit` : '/projects/new';
  return (
    <Layout c={c} title={title}>
      <p class="text-sm">
        <a class="link" href={c.href('/my/projects')}>
          {c.t('projects.back_to_mine')}
        </a>
      </p>
      <PageTitle>{title}</PageTitle>
      <div class="max-w-3xl space-y-4">
        {project?.status === 'rejected' || project?.status === 'hidden' ? (
          <div role="status" class="alert alert-warning block" data-testid="project-notice">
            {c.t(`projects.status_note.${project.status}`)}{' '}
            {project.rejectReason ? c.t('projects.reason', { reason: project.rejectReason }) : ''}
          </div>
        ) : null}
        <p class="text-sm opacity-80">{c.t('projects.form_intro')}</p>
        <FormAlert c={c} state={state} />
        <Form c={c} action={action} multipart class="space-y-4" id="project-form">
          <Card>
            <Field
              c={c}
              state={state}
              name="title"
              dir="auto"
              label={c.t('projects.field.title')}
              hint={c.t('projects.field.title_hint')}
              maxLength={TITLE_MAX}
              required
            />
            <Field
              c={c}
              state={state}
              name="description"
              dir="auto"
              label={c.t('projects.field.description')}
              hint={c.t('projects.field.description_hint')}
              textarea
              rows={8}
              maxLength={DESCRIPTION_MAX}
              required
            />
            <SelectField c={c} state={state} name="categoryId" label={c.t('projects.field.category')} errorParams={ERROR_PARAMS}>
              <CategoryOptions c={c} categories={props.categories} selected={state.values.categoryId ?? ''} />
            </SelectField>
            <Field
              c={c}
              state={state}
              name="skills"
              dir="auto"
              label={c.t('projects.field.skills')}
              hint={c.t('projects.field.skills_hint')}
            />
            <div class="grid gap-x-4 sm:grid-cols-2">
              <SelectField
                c={c}
                state={state}
                name="budget"
                label={c.t('projects.field.budget')}
                hint={c.t('projects.field.budget_hint')}
                errorParams={ERROR_PARAMS}
              >
                <option value="">{c.t('projects.field.budget_choose')}</option>
                {budgetOptions(c).map(([v, label]) => (
                  <option key={v} value={v} selected={v === (state.values.budget ?? '')}>
                    {label}
                  </option>
                ))}
              </SelectField>
              <NumberField
                c={c}
                state={state}
                name="expectedDays"
                label={c.t('projects.field.days')}
                hint={c.t('projects.field.days_hint', { max: EXPECTED_DAYS_MAX })}
                maxLength={4}
                errorParams={ERROR_PARAMS}
              />
            </div>
          </Card>
          <Card title={c.t('projects.attachments')}>
            <KeptFilesField
              c={c}
              state={state}
              files={state.files}
              hrefOf={project ? (id) => `/projects/${project.id}/files/${id}` : undefined}
              max={FILES_MAX}
              hint={c.t('projects.field.files_hint', { max: FILES_MAX })}
              addLabel={c.t('projects.files_add')}
              removeLabel={c.t('projects.file_remove')}
              errorField="files"
              errorParams={ERROR_PARAMS}
            />
          </Card>
          <div class="flex flex-wrap gap-2 justify-end">
            <button class="btn" type="submit" name="action" value="draft" data-testid="save-draft">
              {c.t('projects.save_draft')}
            </button>
            <button class="btn btn-primary" type="submit" name="action" value="submit" data-testid="submit">
              {c.t('projects.submit')}
            </button>
          </div>
        </Form>
      </div>
    </Layout>
  );
}

const BADGE: Record<string, string> = {
  draft: 'badge-ghost',
  pending: 'badge-info',
  open: 'badge-success',
  rejected: 'badge-error',
  hired: 'badge-primary',
  closed: 'badge-neutral',
  expired: 'badge-neutral',
  hidden: 'badge-error',
  removed: 'badge-error',
};
export const MY_STATUSES = ['draft', 'pending', 'open', 'rejected', 'hired', 'closed', 'expired', 'hidden', 'removed'] as const;

/** The owner's projects in every state, with what they can do next. */
export function MyProjectsPage(props: { c: ViewCtx; items: ProjectRow[]; status: string }) {
  const { c, items } = props;
  const tabs = ['', 'draft', 'pending', 'open', 'rejected', 'hired', 'closed', 'expired'];
  return (
    <Layout c={c} title={c.t('projects.my_title')}>
      <div class="flex flex-wrap items-center justify-between gap-2 mb-4">
        <PageTitle>{c.t('projects.my_title')}</PageTitle>
        <a class="btn btn-primary" href={c.href('/projects/new')} data-testid="new-project">
          {c.t('projects.post')}
        </a>
      </div>
      <div role="tablist" class="tabs tabs-box mb-4 overflow-x-auto flex-nowrap" aria-label={c.t('projects.filter_status')}>
        {tabs.map((s) => (
          <a
            key={s || 'all'}
            role="tab"
            class={`tab whitespace-nowrap ${props.status === s ? 'tab-active' : ''}`}
            aria-selected={props.status === s ? 'true' : 'false'}
            href={c.href(s ? `/my/projects?status=${s}` : '/my/projects')}
          >
            {s ? c.t(`projects.status.${s}`) : c.t('projects.status_all')}
          </a>
        ))}
      </div>
      {items.length === 0 ? (
        <p class="opacity-70" data-testid="no-projects">
          {c.t('projects.my_empty')}
        </p>
      ) : (
        <ul class="space-y-3" data-testid="my-projects">
          {items.map((p) => (
            <li key={p.id} class="card bg-base-100 shadow-sm" data-testid={`my-project-${p.id}`}>
              <div class="card-body p-3 sm:p-4 gap-2 min-w-0">
                <h2 class="font-bold break-words" dir="auto">
                  <a class="link link-hover" href={c.href(`/projects/${p.id}`)}>
                    {p.title || c.t('projects.untitled')}
                  </a>
                </h2>
                <p class="flex flex-wrap items-center gap-2 text-sm">
                  <span class={`badge badge-sm ${BADGE[p.status] ?? ''}`} data-testid={`status-${p.id}`}>
                    {c.t(`projects.status.${p.status}`)}
                  </span>
                  <span data-testid={`bids-${p.id}`}>{plural(c.locale, 'projects.bids', p.bidsCount)}</span>
                  {p.budgetMinCents ? <Budget c={c} min={p.budgetMinCents} max={p.budgetMaxCents} class="opacity-80" /> : null}
                  <span class="opacity-70">{c.t('projects.updated_at', { date: formatDate(c.locale, p.updatedAt) })}</span>
                </p>
                {p.rejectReason && ['rejected', 'hidden', 'removed'].includes(p.status) ? (
                  <p class="text-sm text-error" data-testid={`reason-${p.id}`}>
                    {c.t('projects.reason', { reason: p.rejectReason })}
                  </p>
                ) : null}
                <div class="card-actions flex-wrap gap-2">
                  {['draft', 'rejected', 'hidden'].includes(p.status) && p.orderId === null ? (
                    <a class="btn btn-sm" href={c.href(`/projects/${p.id}/edit`)} data-testid={`edit-${p.id}`}>
                      {c.t('projects.edit')}
                    </a>
                  ) : null}
                  {p.orderId !== null ? (
                    <a class="btn btn-sm btn-primary" href={c.href(`/orders/${p.orderId}`)} data-testid={`order-${p.id}`}>
                      {c.t('projects.view_order', { id: p.orderId })}
                    </a>
                  ) : null}
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

/** The moderators' queue of projects waiting for review, oldest first. */
export function ProjectsQueuePage(props: {
  c: ViewCtx;
  items: ProjectRow[];
  categories: Map<number, CategoryLabel>;
  owners: Map<number, { username: string; displayName: string }>;
  state: FormState;
}) {
  const { c, items, state } = props;
  const target = items.some((p) => String(p.id) === state.values.target) ? state.values.target : undefined;
  return (
    <AdminShell c={c} title={c.t('projects.moderation_title')}>
      <p class="text-sm opacity-80 mb-3">{c.t('projects.moderation_intro')}</p>
      {target ? null : <FormAlert c={c} state={state} />}
      {items.length === 0 ? (
        <p class="opacity-70" data-testid="queue-empty">
          {c.t('projects.moderation_empty')}
        </p>
      ) : null}
      <ul class="space-y-4" data-testid="projects-queue">
        {items.map((p) => {
          const s = target === String(p.id) ? state : emptyForm;
          const cat = p.categoryId ? props.categories.get(p.categoryId) : undefined;
          return (
            <li key={p.id} class="card bg-base-100 shadow-sm" data-testid={`queue-${p.id}`}>
              <div class="card-body p-4 md:p-6 gap-3">
                <p class="text-sm opacity-70">
                  <Ref id={p.id} /> · {c.t('moderation.submitted')} {formatDateTime(c.locale, p.updatedAt)}
                </p>
                <h2 class="card-title break-words" dir="auto">
                  <a class="link link-hover" href={c.href(`/projects/${p.id}`)}>
                    {p.title}
                  </a>
                </h2>
                <dl class="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
                  <dt class="opacity-70">{c.t('projects.owner')}</dt>
                  <dd>
                    <PersonRef c={c} id={p.ownerId} person={props.owners.get(p.ownerId)} />
                  </dd>
                  <dt class="opacity-70">{c.t('projects.field.category')}</dt>
                  <dd>{cat ? `${cat.parent} › ${cat.name}` : '—'}</dd>
                  <dt class="opacity-70">{c.t('projects.budget')}</dt>
                  <dd>
                    <Budget c={c} min={p.budgetMinCents} max={p.budgetMaxCents} />
                  </dd>
                  <dt class="opacity-70">{c.t('projects.duration')}</dt>
                  <dd>{plural(c.locale, 'projects.days', p.expectedDays)}</dd>
                  <dt class="opacity-70">{c.t('projects.skills')}</dt>
                  <dd class="flex flex-wrap gap-1">
                    <SkillBadges skills={p.skills} />
                  </dd>
                  <dt class="opacity-70">{c.t('projects.attachments')}</dt>
                  <dd>{p.fileIds.length}</dd>
                </dl>
                <div class="whitespace-pre-line break-words bg-base-200 rounded-box p-3 text-sm" dir="auto">
                  {p.description}
                </div>
                <FormAlert c={c} state={s} />
                <ReviewDecision
                  c={c}
                  id={p.id}
                  path={`/admin/projects/${p.id}`}
                  state={s}
                  approveLabel={c.t('projects.approve')}
                  reasonLabel={c.t('projects.reject_reason')}
                />
              </div>
            </li>
          );
        })}
      </ul>
    </AdminShell>
  );
}
