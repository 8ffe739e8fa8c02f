import type { ComponentChildren } from 'preact';
import type { ViewCtx } from '../platform/http/pages.ts';
import { HTMX_SRC } from './assets.ts';

/**
 * The pieces of a list page (services, projects): a search box with filters in a GET form that htmx sends on
 * every change, the results it swaps in place, "show more" and the way back to the first page.
 */

/** htmx for a list page. No snapshots in localStorage: going back reloads. */
/** htmx for a page that updates in place (served by the app, hashed address). */
export function HtmxHead() {
  return (
    <>
      <script src={HTMX_SRC} defer />
      <script src="/static/js/listing.js" defer />
      <meta
        name="htmx-config"
        content='{"includeIndicatorStyles":false,"allowEval":false,"allowScriptTags":false,"historyCacheSize":0,"refreshOnHistoryMiss":true}'
      />
    </>
  );
}

/** A filter chosen from a list; `idPrefix` keeps ids apart from other forms' (`b-category`, `p-category`). */
export function FilterSelect(props: {
  idPrefix: string;
  name: string;
  label: string;
  value: string;
  options: [string, string][];
  class?: string;
}) {
  const id = `${props.idPrefix}-${props.name}`;
  return (
    <div class={props.class}>
      <label for={id} class="text-sm block mb-1">
        {props.label}
      </label>
      <select id={id} name={props.name} class="select select-sm w-full">
        {props.options.map(([v, label]) => (
          <option key={v} value={v} selected={props.value === v}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A whole-number filter (a price or budget bound in dollars). */
export function FilterNumber(props: { idPrefix: string; name: string; label: string; value: string }) {
  const id = `${props.idPrefix}-${props.name}`;
  return (
    <div>
      <label for={id} class="text-sm block mb-1">
        {props.label}
      </label>
      <input
        id={id}
        name={props.name}
        type="number"
        inputmode="numeric"
        min={0}
        step={1}
        value={props.value}
        class="input input-sm w-full"
      />
    </div>
  );
}

/**
 * The search and filter form: a GET form (works and shares without JavaScript) that htmx sends on every change
 * and swaps `#results`. On small screens the filters fold behind a toggle (a checkbox: no script needed), open
 * when any is set; wide screens always show them. `children` are the filter fields.
 */
export function ListingForm(props: {
  c: ViewCtx;
  /** The form's id and test id: `${name}-form`. */
  name: string;
  idPrefix: string;
  /** The list's address in the page's language. */
  action: string;
  q: string;
  searchLabel: string;
  searchPlaceholder: string;
  /** How many filters differ from their default (shown on the toggle). */
  active: number;
  /** The grid classes of the filter fields. */
  fieldsClass: string;
  children: ComponentChildren;
}) {
  const { c, idPrefix: x, action, active } = props;
  return (
    <search>
      <form
        method="get"
        action={action}
        id={`${props.name}-form`}
        class="card bg-base-100 shadow-sm"
        hx-get={action}
        hx-target="#results"
        hx-swap="outerHTML"
        hx-push-url="true"
        hx-sync="this:replace"
        hx-trigger="change, submit, input changed delay:400ms from:input[name=q]"
        data-testid={`${props.name}-form`}
      >
        <div class="card-body p-3 md:p-4 gap-3">
          <div>
            <label for={`${x}-q`} class="sr-only">
              {props.searchLabel}
            </label>
            <div class="join w-full">
              <input
                id={`${x}-q`}
                type="search"
                name="q"
                value={props.q}
                maxLength={200}
                autocomplete="off"
                placeholder={props.searchPlaceholder}
                class="input join-item w-full"
              />
              <button type="submit" class="btn btn-primary join-item">
                {c.t('browse.search_submit')}
              </button>
            </div>
          </div>
          <input
            type="checkbox"
            id={`${x}-filters`}
            class="peer sr-only md:hidden"
            checked={active > 0}
            aria-controls={`${x}-filter-fields`}
          />
          <label
            for={`${x}-filters`}
            class="btn btn-sm btn-outline md:hidden peer-focus-visible:outline-2 peer-focus-visible:outline-primary"
            data-testid="filters-toggle"
          >
            {c.t('browse.filters')}
            {active ? <span class="badge badge-sm badge-primary">{active}</span> : null}
          </label>
          <div id={`${x}-filter-fields`} class="hidden peer-checked:block md:block space-y-3">
            <fieldset class={`grid ${props.fieldsClass} gap-2 items-end`}>
              <legend class="sr-only">{c.t('browse.filters')}</legend>
              {props.children}
            </fieldset>
            <div class="flex flex-wrap items-center gap-3">
              <button type="submit" class="btn btn-sm">
                {c.t('browse.apply')}
              </button>
              <a href={action} class="link text-sm">
                {c.t('browse.clear')}
              </a>
            </div>
          </div>
        </div>
      </form>
    </search>
  );
}

/** The "show more" item: a plain link to the next page, which htmx turns into "append the next page here". */
export function MoreItem(props: { c: ViewCtx; next: string; class?: string }) {
  return (
    <li id="more" class={props.class ?? 'text-center pt-2'}>
      <a class="btn btn-wide" href={props.next} hx-get={props.next} hx-target="#more" hx-swap="outerHTML" data-testid="more">
        {props.c.t('browse.more')}
      </a>
    </li>
  );
}

/** htmx sets the document title from a <title> at the top level of a fragment. */
export function FragmentTitle(props: { c: ViewCtx; heading: string }) {
  return <title>{`${props.heading} | ${props.c.t('site.name')}`}</title>;
}

/**
 * The results: their heading, the cards (`children`, in a list) or the empty notice, and, on a later page,
 * the link back to the first.
 */
export function ResultsSection(props: {
  c: ViewCtx;
  id?: string;
  class: string;
  heading: string;
  empty: boolean;
  emptyText: string;
  emptyTestId: string;
  listClass: string;
  /** The first page's address when this is a later one. */
  firstPage: string | null;
  /** How many were found ("24 services", "more than 1000 services"), said under the heading. */
  count?: string;
  children: ComponentChildren;
}) {
  const { c } = props;
  return (
    <section id={props.id} aria-labelledby="results-heading" class={props.class}>
      <h2 id="results-heading" class="text-lg font-bold mb-3 break-words" data-testid="results-heading">
        {props.heading}
      </h2>
      {props.count && !props.empty ? (
        <p class="text-sm -mt-2 mb-3" data-testid="results-count">
          {props.count}
        </p>
      ) : null}
      {props.empty ? (
        <p class="alert" data-testid={props.emptyTestId}>
          {props.emptyText}
        </p>
      ) : (
        <ul class={props.listClass} data-testid="results">
          {props.children}
        </ul>
      )}
      {props.firstPage ? (
        <p class="mt-4 text-center">
          <a class="link" href={props.firstPage} data-testid="first-page">
            {c.t('browse.first_page')}
          </a>
        </p>
      ) : null}
    </section>
  );
}

/** A listing's title with its one action beside it ("post a project", "start a contest", "add a work"). */
export function ListingTitle(props: { title: string; action: { href: string; label: string; testId: string } }) {
  return (
    <div class="flex flex-wrap items-center justify-between gap-2 mb-4">
      <h1 class="text-2xl md:text-3xl font-bold">{props.title}</h1>
      <a class="btn btn-primary btn-sm" href={props.action.href} data-testid={props.action.testId}>
        {props.action.label}
      </a>
    </div>
  );
}
