import type { ComponentChildren } from 'preact';
import type { ViewCtx } from '../../../platform/http/pages.ts';
import { countryName as nameOfCountry } from '../../../platform/i18n/countries.ts';
import { formatDate } from '../../../platform/i18n/index.ts';
import { CountryInput } from '../../../web/components/country-field.tsx';
import { Avatar, Card, PageTitle, ReportLink } from '../../../web/components.tsx';
import { Layout } from '../../../web/layout.tsx';
import { FavoriteButton } from '../../favorites/index.ts';
import type { PublicView } from '../service.ts';

export function countryName(c: ViewCtx, code: string | null): string {
  return nameOfCountry(c.locale, code);
}

export function ProfilePage(props: { c: ViewCtx; user: PublicView; children?: ComponentChildren }) {
  const { c, user } = props;
  return (
    <Layout c={c} title={user.displayName} description={user.bio.slice(0, 150)}>
      <div class="grid gap-4 md:grid-cols-3">
        <Card>
          <div class="flex flex-col items-center text-center gap-2">
            <Avatar name={user.displayName} url={user.avatarUrl} size="w-24" eager />
            <h1 class="text-xl font-bold" data-testid="profile-name">
              {user.displayName}
            </h1>
            <p dir="ltr" class="opacity-70">
              @{user.username}
            </p>
            <span class="badge badge-outline">{c.t(`level.${user.sellerLevel}`)}</span>
            {user.country ? <p class="text-sm">{countryName(c, user.country)}</p> : null}
            <p class="text-sm opacity-70">{c.t('profile.member_since', { date: formatDate(c.locale, user.memberSince) })}</p>
            {c.user?.username !== user.username ? (
              <a
                href={c.href(`/messages/new?to=${encodeURIComponent(user.username)}`)}
                class="btn btn-sm btn-primary"
                data-testid="contact-user"
              >
                {c.t('messaging.contact')}
              </a>
            ) : null}
            {c.user?.username !== user.username ? <FavoriteButton c={c} kind="user" id={user.id} /> : null}
            {c.user?.username !== user.username ? <ReportLink c={c} type="user" id={user.id} /> : null}
          </div>
        </Card>
        <div class="md:col-span-2 space-y-4">
          <Card title={c.t('profile.about')}>
            <p class="whitespace-pre-line">{user.bio || c.t('profile.no_bio')}</p>
          </Card>
          {user.skills.length ? (
            <Card title={c.t('field.skills')}>
              <ul class="flex flex-wrap gap-2">
                {user.skills.map((s) => (
                  <li key={s}>
                    <a class="badge badge-primary badge-outline" href={c.href(`/freelancers?skill=${encodeURIComponent(s)}`)}>
                      {s}
                    </a>
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}
          {user.languages.length ? (
            <Card title={c.t('field.languages')}>
              <p>{user.languages.join('، ')}</p>
            </Card>
          ) : null}
        </div>
      </div>
      {props.children}
    </Layout>
  );
}

export function DirectoryPage(props: {
  c: ViewCtx;
  items: PublicView[];
  nextCursor: number | null;
  query: { q?: string; country?: string; level?: string; skill?: string };
  /** The typed country names none (the list is not searched). */
  countryError?: string;
}) {
  const { c, query } = props;
  const levels = ['new', 'level1', 'level2', 'level3', 'expert'];
  const nextHref = () => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v) p.set(k, v);
    p.set('cursor', String(props.nextCursor));
    return c.href(`/freelancers?${p.toString()}`);
  };
  return (
    <Layout c={c} title={c.t('nav.freelancers')} description={c.t('directory.description')}>
      <PageTitle>{c.t('nav.freelancers')}</PageTitle>
      <form method="get" action={c.href('/freelancers')} class="card bg-base-100 shadow-sm mb-4" aria-label={c.t('directory.search')}>
        <div class="card-body p-4 grid gap-2 md:grid-cols-5 items-end">
          <label class="md:col-span-2">
            <span class="text-sm">{c.t('directory.search')}</span>
            <input type="search" name="q" value={query.q ?? ''} class="input w-full" placeholder={c.t('directory.search_placeholder')} />
          </label>
          <div>
            <label class="text-sm" for="f-country">
              {c.t('field.country')}
            </label>
            <CountryInput
              c={c}
              name="country"
              id="f-country"
              value={query.country && /^[A-Za-z]{2}$/.test(query.country) ? nameOfCountry(c.locale, query.country) : (query.country ?? '')}
              invalid={Boolean(props.countryError)}
              describedBy={props.countryError ? 'f-country-err' : undefined}
            />
            {props.countryError ? (
              <p id="f-country-err" class="text-error text-sm" data-testid="error-country">
                {c.t(props.countryError)}
              </p>
            ) : null}
          </div>
          <label>
            <span class="text-sm">{c.t('directory.level')}</span>
            <select name="level" class="select w-full">
              <option value="">{c.t('directory.any_level')}</option>
              {levels.map((l) => (
                <option key={l} value={l} selected={query.level === l}>
                  {c.t(`level.${l}`)}
                </option>
              ))}
            </select>
          </label>
          {query.skill ? <input type="hidden" name="skill" value={query.skill} /> : null}
          <button type="submit" class="btn btn-primary">
            {c.t('directory.submit')}
          </button>
        </div>
      </form>
      {query.skill ? (
        <p class="mb-2">
          {c.t('directory.skill_filter', { skill: query.skill })}{' '}
          <a class="link" href={c.href('/freelancers')}>
            {c.t('directory.clear')}
          </a>
        </p>
      ) : null}
      {props.countryError ? null : props.items.length === 0 ? (
        <p class="alert" data-testid="directory-empty">
          {c.t('directory.empty')}
        </p>
      ) : (
        <ul class="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" data-testid="directory">
          {props.items.map((u) => (
            <li key={u.id} class="card bg-base-100 shadow-sm">
              <a href={c.href(`/u/${u.username}`)} class="card-body p-4 flex-row items-center gap-3">
                <Avatar name={u.displayName} url={u.avatarUrl} />
                <div class="min-w-0">
                  <p class="font-bold truncate">{u.displayName}</p>
                  <p class="text-sm opacity-70 truncate">{u.skills.slice(0, 4).join('، ')}</p>
                  <p class="text-xs">
                    {c.t(`level.${u.sellerLevel}`)}
                    {u.country ? ` · ${countryName(c, u.country)}` : ''}
                  </p>
                </div>
              </a>
            </li>
          ))}
        </ul>
      )}
      {props.nextCursor ? (
        <div class="mt-4 text-center">
          <a class="btn" href={nextHref()}>
            {c.t('common.more')}
          </a>
        </div>
      ) : null}
    </Layout>
  );
}
