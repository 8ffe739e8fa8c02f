import type { AppError } from '../platform/errors.ts';
import type { ViewCtx } from '../platform/http/pages.ts';
import { Layout } from './layout.tsx';

/** A refusal or a failure as a page: its status, its message, what is wrong with each field, and the request's id for support. */
export function ErrorPage(props: { c: ViewCtx; error: AppError; requestId?: string }) {
  const { c, error } = props;
  const fields = Object.entries(error.fields);
  return (
    <Layout c={c} title={c.t(error.code, error.params)} narrow>
      <div class="card bg-base-100 shadow-sm">
        <div class="card-body items-center text-center">
          <p class="text-5xl font-bold text-primary">{error.status}</p>
          <h1 class="text-xl font-bold">{c.t(error.code, error.params)}</h1>
          {fields.length > 0 && (
            <ul class="text-sm" data-testid="error-fields">
              {fields.map(([field, code]) => (
                <li key={field}>
                  <span dir="ltr">{field}</span>: {c.t(code, error.params)}
                </li>
              ))}
            </ul>
          )}
          <a class="btn btn-primary mt-2" href={c.href('/')}>
            {c.t('error.home')}
          </a>
          {props.requestId && (
            <p class="mt-2 text-xs opacity-70" data-testid="request-id">
              {c.t('error.request_id')}: <span dir="ltr">{props.requestId}</span>
            </p>
          )}
        </div>
      </div>
    </Layout>
  );
}
