import { emptyForm, type FormState, type ViewCtx } from '../../platform/http/pages.ts';
import { formatDateTime, plural } from '../../platform/i18n/index.ts';
import { AdminShell } from '../../web/admin-shell.tsx';
import type { CategoryLabel } from '../../web/categories.tsx';
import { Money, Ref } from '../../web/components/bidi.tsx';
import { FormAlert, PersonRef, ReviewDecision, SkillBadges } from '../../web/components.tsx';
import { ContestsQueueTabs } from './admin-decide-views.tsx';
import type { ContestRow } from './service.ts';

/** The contests waiting for review (moderators): each with its brief and prizes (already in escrow), approve or reject. */
export function ContestsQueuePage(props: {
  c: ViewCtx;
  items: ContestRow[];
  categories: Map<number, CategoryLabel>;
  owners: Map<number, { username: string; displayName: string }>;
  state: FormState;
  /** What waits for staff's decision (contests and disputed places), for the link to it. */
  decideCount?: number;
}) {
  const { c, items, state } = props;
  const target = items.some((k) => String(k.id) === state.values.target) ? state.values.target : undefined;
  return (
    <AdminShell c={c} title={c.t('contests.moderation_title')}>
      <ContestsQueueTabs c={c} current="review" decideCount={props.decideCount} />
      <p class="text-sm opacity-80 mb-3">{c.t('contests.moderation_intro')}</p>
      {target ? null : <FormAlert c={c} state={state} />}
      {items.length === 0 ? (
        <p class="opacity-70" data-testid="queue-empty">
          {c.t('contests.moderation_empty')}
        </p>
      ) : null}
      <ul class="space-y-4" data-testid="contests-queue">
        {items.map((k) => {
          const s = target === String(k.id) ? state : emptyForm;
          const cat = k.categoryId ? props.categories.get(k.categoryId) : undefined;
          return (
            <li key={k.id} class="card bg-base-100 shadow-sm" data-testid={`queue-${k.id}`}>
              <div class="card-body p-4 md:p-6 gap-3">
                <p class="text-sm opacity-70">
                  <Ref id={k.id} /> · {c.t('moderation.submitted')} {k.publishedAt ? formatDateTime(c.locale, k.publishedAt) : ''}
                </p>
                <h2 class="card-title break-words" dir="auto">
                  <a class="link link-hover" href={c.href(`/contests/${k.id}`)}>
                    {k.title}
                  </a>
                </h2>
                <dl class="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
                  <dt class="opacity-70">{c.t('contests.owner')}</dt>
                  <dd>
                    <PersonRef c={c} id={k.ownerId} person={props.owners.get(k.ownerId)} />
                  </dd>
                  <dt class="opacity-70">{c.t('contests.f.category')}</dt>
                  <dd>{cat ? `${cat.parent} › ${cat.name}` : '—'}</dd>
                  <dt class="opacity-70">{c.t('contests.prizes')}</dt>
                  <dd class="flex flex-wrap gap-x-3">
                    {k.prizesCents.map((p, i) => (
                      <span key={i}>
                        {c.t('contests.place', { place: i + 1 })}: <Money c={c} cents={p} />
                      </span>
                    ))}
                  </dd>
                  <dt class="opacity-70">{c.t('contests.f.entry_days')}</dt>
                  <dd>{plural(c.locale, 'contests.entry_period', k.entryDays)}</dd>
                  <dt class="opacity-70">{c.t('contests.f.skills')}</dt>
                  <dd class="flex flex-wrap gap-1">
                    <SkillBadges skills={k.skills} />
                  </dd>
                </dl>
                <div class="whitespace-pre-line break-words bg-base-200 rounded-box p-3 text-sm" dir="auto">
                  {k.description}
                </div>
                <FormAlert c={c} state={s} />
                <ReviewDecision
                  c={c}
                  id={k.id}
                  path={`/admin/contests/${k.id}`}
                  state={s}
                  approveLabel={c.t('contests.approve')}
                  reasonLabel={c.t('contests.reject_reason')}
                />
              </div>
            </li>
          );
        })}
      </ul>
    </AdminShell>
  );
}
