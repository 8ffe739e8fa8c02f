import type { AppError } from '../platform/errors.ts';
import type { ViewCtx } from '../platform/http/pages.ts';
import { Layout } from './layout.tsx';

export function ErrorPage(props: { c: ViewCtx; error: AppError }) {
  const { c, error } = props;
  return (
    <Layout c={c} title={c.t(error.code, error.params)} narrow>
      <div class="card bg-base-100 shadow-sm">
        <div class="card-body items-center text-center">
          <p class="text-5xl font-bold text-primary">{error.status}</p>
          <h1 class="text-xl font-bold">{c.t(error.code, error.params)}</h1>
          <a class="btn btn-primary mt-2" href={c.href('/')}>
            {c.t('error.home')}
          </a>
        </div>
      </div>
    </Layout>
  );
}
