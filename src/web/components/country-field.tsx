import { renderToString } from 'preact-render-to-string';
import type { FormState, ViewCtx } from '../../platform/http/pages.ts';
import { countriesFor, countryName } from '../../platform/i18n/countries.ts';
import { FieldError } from '../components.tsx';

/** Every country as the list's `<option>`s, rendered once per language (the same ~250 on every form that has one). */
const optionsHtml = new Map<ViewCtx['locale'], string>();
function countryOptions(locale: ViewCtx['locale']): string {
  let html = optionsHtml.get(locale);
  if (html === undefined) {
    html = countriesFor(locale)
      .map((k) => renderToString(<option value={k.name} label={`${k.other} · ${k.code}`} />))
      .join('');
    optionsHtml.set(locale, html);
  }
  return html;
}

/**
 * A country typed or picked from the list of every ISO country, without JavaScript: an `<input list>` whose
 * `<datalist>` offers each country by its name in the page's language, labelled with its name in the other one (the
 * browser's suggestions match either), the Arab countries first. The server reads a name in either language or the
 * code (platform/i18n/countries.ts `resolveCountry`) and stores the ISO code.
 */
export function CountryInput(props: {
  c: ViewCtx;
  name: string;
  id: string;
  /** What the box shows: what was typed, or the stored code's name. */
  value: string;
  invalid?: boolean;
  describedBy?: string;
  class?: string;
}) {
  const { c, id } = props;
  const listId = `${id}-list`;
  return (
    <>
      <input
        id={id}
        name={props.name}
        type="text"
        list={listId}
        value={props.value}
        autocomplete="country-name"
        maxLength={60}
        dir="auto"
        placeholder={c.t('country.placeholder')}
        aria-invalid={props.invalid ? 'true' : undefined}
        aria-describedby={props.describedBy}
        class={`input w-full ${props.invalid ? 'input-error' : ''} ${props.class ?? ''}`}
      />
      <datalist id={listId} data-testid="country-list" dangerouslySetInnerHTML={{ __html: countryOptions(c.locale) }} />
    </>
  );
}

/** The country field of a form: label, the input with its list, the hint and the field's error. */
export function CountryField(props: { c: ViewCtx; state: FormState; name: string; label: string; hint?: string; code: string | null }) {
  const { c, state, name } = props;
  const id = `f-${name}`;
  const err = state.errors[name];
  const typed = state.values[name];
  const describedBy = [err ? `${id}-err` : '', props.hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class="fieldset">
      <label class="fieldset-legend" for={id}>
        {props.label}
      </label>
      <CountryInput
        c={c}
        name={name}
        id={id}
        value={typed ?? countryName(c.locale, props.code)}
        invalid={Boolean(err)}
        describedBy={describedBy}
      />
      {props.hint ? (
        <p id={`${id}-hint`} class="label text-xs whitespace-normal">
          {props.hint}
        </p>
      ) : null}
      <FieldError c={c} state={state} name={name} id={id} />
    </div>
  );
}
