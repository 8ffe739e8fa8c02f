import { imageUrl } from '../../../platform/files.ts';
import type { FormState, ViewCtx } from '../../../platform/http/pages.ts';
import { formatDate } from '../../../platform/i18n/index.ts';
import { Money } from '../../../web/components/bidi.tsx';
import { Form, FormAlert, PageTitle } from '../../../web/components.tsx';
import { Layout } from '../../../web/layout.tsx';
import { slugOf } from '../rules.ts';
import type { ServiceRow } from '../service.ts';

const BADGE: Record<string, string> = {
  draft: 'badge-ghost',
  pending: 'badge-info',
  published: 'badge-success',
  rejected: 'badge-error',
  paused: 'badge-warning',
  hidden: 'badge-error',
  removed: 'badge-error',
  suspended: 'badge-warning',
};

/** The seller's own services in every state, with what they can do next and how many their level allows. */
export function MyServicesPage(props: {
  c: ViewCtx;
  items: ServiceRow[];
  /** The public ids of the services' main images (a waiting edit's when there is one), by file id. */
  images: Map<number, string>;
  level: string;
  allowed: number;
  used: number;
  state: FormState;
}) {
  const { c, items, state } = props;
  const unlimited = !Number.isFinite(props.allowed);
  return (
    <Layout c={c} title={c.t('publish.my_title')}>
      <div class="flex flex-wrap items-center justify-between gap-2 mb-4">
        <PageTitle>{c.t('publish.my_title')}</PageTitle>
        <div class="flex flex-wrap gap-2">
          <a class="btn btn-ghost" href={c.href('/promotions')} data-testid="my-promotions">
            {c.t('publish.my_promotions')}
          </a>
          <a class="btn btn-primary" href={c.href('/my/services/new')} data-testid="new-service">
            {c.t('publish.new')}
          </a>
        </div>
      </div>
      <div class="mb-4 space-y-2">
        <p class="text-sm" data-testid="allowance">
          {unlimited
            ? c.t('publish.allowance_unlimited', { level: c.t(`level.${props.level}`) })
            : c.t('publish.allowance', { level: c.t(`level.${props.level}`), n: props.allowed, used: props.used })}
        </p>
        {!unlimited && props.used >= props.allowed ? <p class="alert alert-warning text-sm">{c.t('publish.allowance_full')}</p> : null}
        <FormAlert c={c} state={state} />
      </div>
      {items.length === 0 ? (
        <p class="opacity-70" data-testid="no-services">
          {c.t('publish.empty')}
        </p>
      ) : (
        <ul class="space-y-3" data-testid="my-services">
          {items.map((s) => (
            <ServiceItem key={s.id} c={c} s={s} images={props.images} />
          ))}
        </ul>
      )}
    </Layout>
  );
}

/** The image a seller's list shows for a service: its waiting edit's main image, else its own. */
export const mainImageOf = (s: ServiceRow): number | undefined => (s.pendingEdit?.imageIds ?? s.imageIds)[0];

function ServiceItem(props: { c: ViewCtx; s: ServiceRow; images: Map<number, string> }) {
  const { c, s } = props;
  const live = s.status === 'published' || s.status === 'paused';
  const main = mainImageOf(s);
  const thumb = main === undefined ? undefined : props.images.get(main);
  return (
    <li class="card card-side bg-base-100 shadow-sm" data-testid={`service-${s.id}`}>
      <figure class="w-24 sm:w-40 shrink-0 bg-base-300">
        {thumb ? <img src={imageUrl(thumb, 'thumb')} alt="" class="w-full h-full object-cover" loading="lazy" /> : null}
      </figure>
      <div class="card-body p-3 sm:p-4 gap-2 min-w-0">
        <h2 class="font-bold break-words" dir="auto">
          {s.title || c.t('publish.untitled')}
        </h2>
        <p class="flex flex-wrap gap-1" data-testid={`status-${s.id}`}>
          <span class={`badge badge-sm ${BADGE[s.status] ?? ''}`}>{c.t(`publish.status.${s.status}`)}</span>
          {s.pendingEdit ? <span class="badge badge-sm badge-info badge-outline">{c.t('publish.edit_pending')}</span> : null}
        </p>
        {s.rejectReason ? (
          <p class="text-sm text-error" data-testid={`reason-${s.id}`}>
            {c.t(
              s.status === 'rejected'
                ? 'publish.reject_reason'
                : s.status === 'hidden' || s.status === 'removed'
                  ? `publish.${s.status}_reason`
                  : 'publish.edit_rejected',
              { reason: s.rejectReason },
            )}
          </p>
        ) : null}
        <p class="text-xs opacity-70">
          {s.priceCents ? <Money c={c} cents={s.priceCents} /> : null}
          {s.priceCents ? ' · ' : ''}
          {c.t('publish.updated_at', { date: formatDate(c.locale, s.updatedAt) })}
        </p>
        <div class="card-actions flex-wrap gap-2">
          {s.status === 'removed' || s.status === 'suspended' ? null : (
            <a class="btn btn-sm" href={c.href(`/my/services/${s.id}/edit`)}>
              {c.t('publish.edit')}
            </a>
          )}
          {s.status === 'published' ? (
            <a class="btn btn-sm btn-ghost" href={c.href(`/services/${s.id}-${slugOf(s.title)}`)}>
              {c.t('publish.view')}
            </a>
          ) : null}
          {s.status === 'published' ? (
            <a class="btn btn-sm btn-accent" href={c.href(`/promotions/new?service=${s.id}`)} data-testid={`promote-${s.id}`}>
              {c.t('publish.promote')}
            </a>
          ) : null}
          {live ? (
            <Form c={c} action={`/my/services/${s.id}/${s.status === 'paused' ? 'resume' : 'pause'}`} class="inline">
              <button class="btn btn-sm btn-outline" type="submit" data-testid={`toggle-${s.id}`}>
                {c.t(s.status === 'paused' ? 'publish.resume' : 'publish.pause')}
              </button>
            </Form>
          ) : null}
        </div>
      </div>
    </li>
  );
}
