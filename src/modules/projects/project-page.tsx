import { Fragment, type VNode } from 'preact';
import type { ViewCtx } from '../../platform/http/pages.ts';
import { formatDate, formatNumber, plural } from '../../platform/i18n/index.ts';
import { type CategoryEntry, categoryName } from '../../web/categories.tsx';
import { Money } from '../../web/components/bidi.tsx';
import { Card, ContactButton, DescriptionWithSkills, fileSize, MemberSince, PersonSummary, ReportLink } from '../../web/components.tsx';
import { Layout } from '../../web/layout.tsx';
import { FavoriteButton } from '../favorites/index.ts';
import type { ProjectRow } from './service.ts';
import { Budget, projectsHref } from './views.tsx';

/** The project owner's card: name, level, member since, and a way to write to them. */
export interface OwnerCardData {
  username: string;
  displayName: string;
  level: string;
  avatarUrl: string | null;
  memberSince: string;
}

function OwnerCard(props: { c: ViewCtx; owner: OwnerCardData }) {
  const { c, owner } = props;
  return (
    <Card title={c.t('projects.owner')} class="w-full">
      <PersonSummary c={c} kind="owner" person={owner} avatar="md" />
      <MemberSince c={c} date={owner.memberSince} />
      <ContactButton c={c} username={owner.username} testId="contact-owner" class="btn btn-sm btn-primary self-start" />
    </Card>
  );
}

export interface ProjectPageProps {
  c: ViewCtx;
  p: ProjectRow;
  category: CategoryEntry | null;
  owner: OwnerCardData | null;
  files: { id: number; name: string; size: number }[];
  averageBidCents: number | null;
  isOwner: boolean;
  isStaff: boolean;
  /** The bids part (bid-views.tsx). */
  bids: VNode;
}

/** A project's page: what is asked, the budget and bids at a glance, attachments, the owner, then the bids. */
export function ProjectPage(props: ProjectPageProps) {
  const { c, p } = props;
  const facts: [string, string, VNode | string][] = [
    ['budget', c.t('projects.budget'), <Budget key="b" c={c} min={p.budgetMinCents} max={p.budgetMaxCents} />],
    ['days', c.t('projects.duration'), plural(c.locale, 'projects.days', p.expectedDays)],
    ['bids', c.t('projects.bids_count'), formatNumber(c.locale, p.bidsCount)],
  ];
  if (props.averageBidCents !== null)
    facts.push(['average', c.t('projects.average_bid'), <Money key="a" c={c} cents={props.averageBidCents} />]);
  if (p.publishedAt) facts.push(['published', c.t('projects.published'), formatDate(c.locale, p.publishedAt)]);
  const note = p.status !== 'open' && (props.isOwner || props.isStaff || ['hired', 'closed', 'expired'].includes(p.status));
  const editable = props.isOwner && ['draft', 'rejected', 'hidden'].includes(p.status) && p.orderId === null;
  return (
    <Layout c={c} title={p.title || c.t('projects.untitled')} description={p.description.replace(/\s+/g, ' ').slice(0, 155)}>
      <nav aria-label={c.t('service.breadcrumb')} class="text-sm mb-2 opacity-80">
        <a href={c.href('/projects')} class="link link-hover">
          {c.t('projects.title')}
        </a>
        {props.category ? (
          <>
            <span aria-hidden="true">{c.dir === 'rtl' ? ' ‹ ' : ' › '}</span>
            <a href={projectsHref(c, { category: props.category.node.slug })} class="link link-hover">
              {categoryName(c, props.category.node)}
            </a>
          </>
        ) : null}
      </nav>
      {note ? (
        <div
          role="status"
          class={`alert ${p.status === 'rejected' || p.status === 'hidden' || p.status === 'removed' ? 'alert-warning' : 'alert-info'} mb-3 flex flex-wrap`}
          data-testid="status-note"
        >
          <span>
            {c.t(`projects.status_note.${p.status}`)}
            {p.rejectReason && ['rejected', 'hidden', 'removed'].includes(p.status) && (props.isOwner || props.isStaff)
              ? ` ${c.t('projects.reason', { reason: p.rejectReason })}`
              : ''}
          </span>
          {editable ? (
            <a class="btn btn-sm" href={c.href(`/projects/${p.id}/edit`)} data-testid="edit-project">
              {c.t('projects.edit')}
            </a>
          ) : null}
          {p.orderId !== null && (props.isOwner || props.isStaff) ? (
            <a class="btn btn-sm" href={c.href(`/orders/${p.orderId}`)} data-testid="project-order">
              {c.t('projects.view_order', { id: p.orderId })}
            </a>
          ) : null}
        </div>
      ) : null}
      <div class="flex items-start justify-between gap-2 mb-4">
        <h1 class="text-2xl md:text-3xl font-bold break-words min-w-0" dir="auto" data-testid="project-title">
          {p.title || c.t('projects.untitled')}
        </h1>
        {props.isOwner ? null : <FavoriteButton c={c} kind="project" id={p.id} class="shrink-0 ms-auto" compact />}
        {props.isOwner ? null : <ReportLink c={c} type="project" id={p.id} class="shrink-0 mt-2" />}
      </div>
      <div class="grid gap-4 md:grid-cols-3">
        <div class="md:col-span-2 space-y-4 min-w-0">
          <Card title={c.t('projects.details')} class="w-full">
            <DescriptionWithSkills
              text={p.description}
              skillsTitle={c.t('projects.skills')}
              skills={p.skills}
              skillHref={(k) => projectsHref(c, { skill: k })}
              skillsTestId="skills"
            />
            {props.files.length ? (
              <>
                <h3 class="font-bold mt-2">{c.t('projects.attachments')}</h3>
                <ul class="space-y-1" data-testid="attachments">
                  {props.files.map((f) => (
                    <li key={f.id} class="flex flex-wrap gap-2 items-center text-sm">
                      <a class="link" href={c.href(`/projects/${p.id}/files/${f.id}`)} dir="auto" download={f.name}>
                        {f.name}
                      </a>
                      <span class="opacity-70" dir="ltr">
                        {fileSize(c, f.size)}
                      </span>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </Card>
          {props.bids}
        </div>
        <aside class="space-y-4 min-w-0 md:row-start-1 md:col-start-3">
          <Card title={c.t('projects.summary')} class="w-full">
            <dl class="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm" data-testid="facts">
              {facts.map(([key, label, value]) => (
                <Fragment key={key}>
                  <dt class="opacity-70">{label}</dt>
                  <dd class="font-semibold" data-testid={`fact-${key}`}>
                    {value}
                  </dd>
                </Fragment>
              ))}
            </dl>
          </Card>
          {props.owner ? <OwnerCard c={c} owner={props.owner} /> : null}
        </aside>
      </div>
    </Layout>
  );
}
