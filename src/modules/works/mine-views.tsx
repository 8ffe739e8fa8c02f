import { imageUrl } from '../../platform/files.ts';
import type { ViewCtx } from '../../platform/http/pages.ts';
import { formatNumber } from '../../platform/i18n/index.ts';
import { PageTitle } from '../../web/components.tsx';
import { Layout } from '../../web/layout.tsx';
import type { WorkStatus } from './rules.ts';
import type { WorkRow } from './service.ts';
import { WorkCounts } from './views.tsx';

/** The tabs of "my works": everything but deleted, then each status. */
export const MINE_TABS = ['all', 'published', 'draft', 'hidden'] as const;
export type MineTab = (typeof MINE_TABS)[number];

const STATUS_BADGE: Record<string, string> = {
  published: 'badge-success',
  draft: 'badge-ghost',
  hidden: 'badge-warning',
};

/** The owner's works by status, each with its cover, counts and where to go next. */
export function MyWorksPage(props: {
  c: ViewCtx;
  tab: MineTab;
  items: WorkRow[];
  covers: Map<number, string>;
  counts: Record<string, number>;
}) {
  const { c, tab, counts } = props;
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const countOf = (t: MineTab) => (t === 'all' ? total : (counts[t] ?? 0));
  return (
    <Layout c={c} title={c.t('works.mine_title')}>
      <div class="flex flex-wrap items-center justify-between gap-2">
        <PageTitle>{c.t('works.mine_title')}</PageTitle>
        <a class="btn btn-primary btn-sm" href={c.href('/works/new')} data-testid="new-work">
          {c.t('works.add')}
        </a>
      </div>
      <nav aria-label={c.t('works.mine_tabs')} class="mb-4 overflow-x-auto">
        <ul class="flex gap-1 w-max">
          {MINE_TABS.map((t) => (
            <li key={t}>
              <a
                href={c.href(t === 'all' ? '/my/works' : `/my/works?status=${t}`)}
                class={`btn btn-sm whitespace-nowrap ${t === tab ? 'btn-active' : 'btn-ghost'}`}
                aria-current={t === tab ? 'page' : undefined}
                data-testid={`tab-${t}`}
              >
                {c.t(`works.tab.${t}`)}
                <span class="badge badge-sm">{formatNumber(c.locale, countOf(t))}</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {props.items.length === 0 ? (
        <p class="alert" data-testid="mine-empty">
          {c.t(total === 0 ? 'works.mine_none' : 'works.mine_empty_tab')}
        </p>
      ) : (
        <ul class="grid gap-3" data-testid="my-works">
          {props.items.map((w) => {
            const cover = props.covers.get(w.id);
            return (
              <li key={w.id} class="card card-side bg-base-100 shadow-sm overflow-hidden" data-testid={`my-work-${w.id}`}>
                <figure class="w-24 sm:w-32 shrink-0 bg-base-300">
                  {cover ? (
                    <img src={imageUrl(cover, 'thumb')} alt="" width={128} height={96} loading="lazy" class="w-full h-full object-cover" />
                  ) : null}
                </figure>
                <div class="card-body p-3 gap-1 min-w-0">
                  <h2 class="font-bold break-words" dir="auto">
                    <a class="link link-hover" href={c.href(`/works/${w.id}`)}>
                      {w.title || c.t('works.untitled')}
                    </a>
                  </h2>
                  <div class="flex flex-wrap items-center gap-2 text-sm">
                    <span class={`badge badge-sm ${STATUS_BADGE[w.status] ?? ''}`} data-testid="status">
                      {c.t(`works.status.${w.status as WorkStatus}`)}
                    </span>
                    <WorkCounts c={c} likes={w.likesCount} views={w.viewsCount} class="opacity-80" />
                  </div>
                  {w.status !== 'deleted' ? (
                    <p class="text-sm">
                      <a class="link" href={c.href(`/works/${w.id}/edit`)}>
                        {c.t('works.edit')}
                      </a>
                    </p>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </Layout>
  );
}
