import type { ViewCtx } from '../../platform/http/pages.ts';

/**
 * The search in the header of every page: a GET form to the services list (works without JavaScript), from the
 * `md` width up. On a narrow screen the header's first row has no room for it: the sections' row ends with a link
 * to the services page (HeaderSearchLink), whose own search box takes the words.
 */
export function HeaderSearch(props: { c: ViewCtx }) {
  const { c } = props;
  return (
    <search class="hidden md:block">
      <form method="get" action={c.href('/services')} class="join" data-testid="header-search">
        <label for="header-q" class="sr-only">
          {c.t('search.label')}
        </label>
        <input
          id="header-q"
          type="search"
          name="q"
          maxLength={200}
          autocomplete="off"
          placeholder={c.t('search.placeholder')}
          class="input input-sm join-item w-44 lg:w-56"
        />
        <button type="submit" class="btn btn-sm btn-primary join-item" aria-label={c.t('search.submit')}>
          <SearchIcon />
        </button>
      </form>
    </search>
  );
}

/** The header's search on a narrow screen: the last item of the sections' row, a link to the services' search. */
export function HeaderSearchLink(props: { c: ViewCtx }) {
  const { c } = props;
  return (
    <li class="md:hidden">
      <a href={c.href('/services')} data-testid="header-search-link">
        <SearchIcon />
        {c.t('search.short')}
      </a>
    </li>
  );
}

/** lucide "search". */
function SearchIcon() {
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      width="18"
      height="18"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="2"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
    >
      <circle cx="11" cy="11" r="8" />
      <path d="m21 21-4.3-4.3" />
    </svg>
  );
}
