import type { ViewCtx } from '../../platform/http/pages.ts';
import { WORK_GRID, type WorkCardData, WorkItems, worksHref } from './views.tsx';

/**
 * A freelancer's works on their public profile (`/u/{username}`, the accounts module's page): the best ones as cards
 * (`services.works.worksOfOwner(userId, limit)` reads them), with a link to add one on one's own profile. Nothing
 * for someone else's profile without works.
 */
export function WorksSection(props: { c: ViewCtx; works: WorkCardData[]; username: string; isOwn?: boolean }) {
  const { c, works } = props;
  if (works.length === 0 && !props.isOwn) return null;
  return (
    <section class="mt-6" aria-labelledby="profile-works" data-testid="profile-works">
      <div class="flex flex-wrap items-center justify-between gap-2 mb-2">
        <h2 id="profile-works" class="text-xl font-bold">
          {c.t('works.profile_title')}
        </h2>
        {props.isOwn ? (
          <a class="btn btn-sm btn-outline" href={c.href('/works/new')}>
            {c.t('works.add')}
          </a>
        ) : null}
      </div>
      {works.length === 0 ? (
        <p class="opacity-70">{c.t('works.profile_none')}</p>
      ) : (
        <ul class={WORK_GRID}>
          <WorkItems c={c} items={works.map((w) => ({ ...w, owner: null }))} next={null} />
        </ul>
      )}
      {works.length > 0 ? (
        <p class="mt-2 text-sm">
          <a class="link" href={worksHref(c, { owner: props.username })} data-testid="profile-works-all">
            {c.t('works.profile_all')}
          </a>
        </p>
      ) : null}
    </section>
  );
}
