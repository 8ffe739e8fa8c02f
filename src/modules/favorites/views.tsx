import type { ViewCtx } from '../../platform/http/pages.ts';
import { formatDate, formatNumber, plural } from '../../platform/i18n/index.ts';
import { Money, MoneyRange, Username } from '../../web/components/bidi.tsx';
import { EmptyCard, MoreLink, PageTitle, UserAvatar } from '../../web/components.tsx';
import { Layout } from '../../web/layout.tsx';
import { HeartIcon } from './button.tsx';
import type { FavoriteEntry } from './service.ts';

/** The list's tabs: one per registered kind, with how many are saved in it. */
function KindTabs(props: { c: ViewCtx; kinds: { name: string; label: string; count: number }[]; current: string }) {
  const { c } = props;
  return (
    <nav class="tabs tabs-box tabs-sm sm:tabs-md mb-4 flex-wrap" aria-label={c.t('favorites.title')} data-testid="favorite-tabs">
      {props.kinds.map((k) => (
        <a
          key={k.name}
          class={`tab whitespace-nowrap ${k.name === props.current ? 'tab-active' : ''}`}
          href={c.href(`/favorites?kind=${k.name}`)}
          aria-current={k.name === props.current ? 'page' : undefined}
          data-testid={`favorite-tab-${k.name}`}
        >
          {c.t(k.label)} <span class="opacity-70 ms-1">({formatNumber(c.locale, k.count)})</span>
        </a>
      ))}
    </nav>
  );
}

/** What changed since the item was saved: its price, or it went offline. */
function ChangeNote(props: { c: ViewCtx; entry: FavoriteEntry }) {
  const { c, entry } = props;
  const ch = entry.change;
  if (!ch) return null;
  return ch.kind === 'gone' ? (
    <p class="badge badge-warning badge-sm" data-testid="favorite-gone">
      {c.t('favorites.gone')}
    </p>
  ) : (
    <p class="text-sm text-warning-content bg-warning/20 rounded px-2 py-1" data-testid="favorite-price-changed">
      {c.t('favorites.price_changed', { from: ch.fromCents, to: ch.toCents })}
    </p>
  );
}

/** One saved item: its picture, title and whose it is, the price or budget, what changed, and the heart to take it out. */
function FavoriteCard(props: { c: ViewCtx; kind: string; entry: FavoriteEntry }) {
  const { c, kind, entry } = props;
  const { item, row } = entry;
  const title = item?.title ?? row.snapshot.title;
  return (
    <li class="card bg-base-100 shadow-sm" data-testid={`favorite-${kind}-${row.targetId}`}>
      <div class="card-body p-3 sm:p-4 flex-row items-start gap-3">
        <div class="shrink-0">
          {item?.imageUrl && !item.avatar ? (
            <img src={item.imageUrl} alt="" width={64} height={48} loading="lazy" class="w-16 h-12 object-cover rounded" />
          ) : (
            <UserAvatar name={title} url={item?.imageUrl ?? null} size="md" />
          )}
        </div>
        <div class="min-w-0 flex-1 space-y-1">
          <h2 class="font-bold break-words" dir="auto">
            {item ? (
              <a class="link link-hover" href={c.href(item.url)}>
                {title}
              </a>
            ) : (
              <span class="opacity-70">{title}</span>
            )}
          </h2>
          {item?.person ? (
            <p class="text-sm opacity-80 break-words">
              {item.person.displayName === title ? null : <bdi>{item.person.displayName}</bdi>} <Username username={item.person.username} />
            </p>
          ) : null}
          {item?.priceCents !== undefined && item?.priceCents !== null ? (
            <p class="text-sm">
              {c.t('favorites.price')}: <Money c={c} cents={item.priceCents} class="font-bold" />
            </p>
          ) : null}
          {item?.budget ? (
            <p class="text-sm">
              {c.t('favorites.budget')}: <MoneyRange c={c} min={item.budget.minCents} max={item.budget.maxCents} />
            </p>
          ) : null}
          <ChangeNote c={c} entry={entry} />
          <p class="text-xs opacity-70">{c.t('favorites.saved_on', { date: formatDate(c.locale, row.createdAt) })}</p>
        </div>
        <form method="post" action={c.href(`/favorites/${kind}/${row.targetId}`)} class="shrink-0">
          <input type="hidden" name="_csrf" value={c.csrf} />
          <input type="hidden" name="on" value="0" />
          <input type="hidden" name="next" value={`/favorites?kind=${kind}`} />
          <button
            type="submit"
            class="btn btn-sm btn-ghost btn-square"
            aria-label={c.t('favorites.remove_named', { title })}
            title={c.t('favorites.remove')}
            data-testid={`favorite-remove-${kind}-${row.targetId}`}
          >
            <span class="text-error">
              <HeartIcon filled />
            </span>
          </button>
        </form>
      </div>
    </li>
  );
}

/** /favorites: the saved items of one kind (a tab per kind), newest first, with what changed since each was saved. */
export function FavoritesPage(props: {
  c: ViewCtx;
  kinds: { name: string; label: string; count: number }[];
  current: string;
  entries: FavoriteEntry[];
  next: string | null;
  total: number;
}) {
  const { c, current } = props;
  return (
    <Layout c={c} title={c.t('favorites.title')}>
      <PageTitle>{c.t('favorites.title')}</PageTitle>
      <p class="text-sm opacity-80 mb-3" data-testid="favorites-used">
        {plural(c.locale, 'favorites.count', props.total)}
      </p>
      <KindTabs c={c} kinds={props.kinds} current={current} />
      {props.entries.length === 0 ? (
        <EmptyCard testId="favorites-empty">
          <p>{c.t('favorites.empty')}</p>
        </EmptyCard>
      ) : (
        <ul class="space-y-3" data-testid="favorites-list">
          {props.entries.map((e) => (
            <FavoriteCard key={e.row.id} c={c} kind={current} entry={e} />
          ))}
        </ul>
      )}
      <MoreLink c={c} href={props.next} label={c.t('favorites.more')} />
    </Layout>
  );
}
