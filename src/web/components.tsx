import type { ComponentChildren } from 'preact';
import type { FormState, ViewCtx } from '../platform/http/pages.ts';

/** A form that posts to a locale-free path in the page's language and carries the CSRF token. */
export function Form(props: { c: ViewCtx; action: string; children: ComponentChildren; multipart?: boolean; class?: string; id?: string }) {
  return (
    <form
      method="post"
      action={props.c.href(props.action)}
      enctype={props.multipart ? 'multipart/form-data' : undefined}
      class={props.class ?? 'space-y-4'}
      id={props.id}
      novalidate
    >
      <input type="hidden" name="_csrf" value={props.c.csrf} />
      {props.children}
    </form>
  );
}

/** The message for the whole form, when a refusal is not about one field. */
export function FormAlert(props: { c: ViewCtx; state: FormState }) {
  if (!props.state.formError) return null;
  return (
    <div role="alert" class="alert alert-error" data-testid="form-error">
      {props.c.t(props.state.formError, props.state.params)}
    </div>
  );
}

type FieldType = 'text' | 'email' | 'password' | 'url' | 'number' | 'date';

/** A labelled input that shows what was typed and, under it, the translated error for this field. */
export function Field(props: {
  c: ViewCtx;
  state: FormState;
  name: string;
  label: string;
  type?: FieldType;
  hint?: string;
  autocomplete?: string;
  required?: boolean;
  value?: string;
  dir?: 'ltr' | 'rtl' | 'auto';
  textarea?: boolean;
  rows?: number;
  maxLength?: number;
  /** The input's id when two forms on a page share a field name. */
  id?: string;
}) {
  const { c, state, name } = props;
  const err = state.errors[name];
  const id = props.id ?? `f-${name}`;
  const value = state.values[name] ?? props.value ?? '';
  const describedBy = [err ? `${id}-err` : '', props.hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name,
    required: props.required,
    'aria-invalid': err ? ('true' as const) : undefined,
    'aria-describedby': describedBy,
    dir: props.dir,
    maxLength: props.maxLength,
  };
  return (
    <div class="fieldset">
      <label class="fieldset-legend" for={id}>
        {props.label}
      </label>
      {props.textarea ? (
        <textarea {...common} rows={props.rows ?? 4} class={`textarea w-full ${err ? 'textarea-error' : ''}`}>
          {value}
        </textarea>
      ) : (
        <input
          {...common}
          type={(props.type ?? 'text') as 'text'}
          value={props.type === 'password' ? '' : value}
          autocomplete={props.autocomplete}
          class={`input w-full ${err ? 'input-error' : ''}`}
        />
      )}
      {props.hint ? (
        <p id={`${id}-hint`} class="label text-xs whitespace-normal">
          {props.hint}
        </p>
      ) : null}
      {err ? (
        <p id={`${id}-err`} class="text-error text-sm" data-testid={`error-${name}`}>
          {c.t(err, { min: 10, ...state.params })}
        </p>
      ) : null}
    </div>
  );
}

export function Card(props: { title?: string; children: ComponentChildren; class?: string }) {
  return (
    <section class={`card bg-base-100 shadow-sm self-start ${props.class ?? ''}`}>
      <div class="card-body p-4 md:p-6">
        {props.title ? <h2 class="card-title">{props.title}</h2> : null}
        {props.children}
      </div>
    </section>
  );
}

export function PageTitle(props: { children: ComponentChildren }) {
  return <h1 class="text-2xl md:text-3xl font-bold mb-4">{props.children}</h1>;
}

/**
 * The report button (إبلاغ) on a piece of user content or a profile: a plain link to the report form, so it
 * costs nothing on the page and works without JavaScript.
 */
export function ReportLink(props: { c: ViewCtx; type: string; id: number; class?: string }) {
  const { c } = props;
  return (
    <a
      class={`link link-hover text-xs opacity-70 ${props.class ?? ''}`}
      href={c.href(`/report?type=${props.type}&id=${props.id}`)}
      rel="nofollow"
      data-testid={`report-${props.type}-${props.id}`}
    >
      ⚑ {c.t('report.button')}
    </a>
  );
}
