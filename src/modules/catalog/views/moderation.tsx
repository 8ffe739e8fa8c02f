import { imageUrl } from '../../../platform/files.ts';
import type { FormState, ViewCtx } from '../../../platform/http/pages.ts';
import { emptyForm } from '../../../platform/http/pages.ts';
import { formatDateTime, plural } from '../../../platform/i18n/index.ts';
import { AdminShell } from '../../../web/admin-shell.tsx';
import type { CategoryLabel } from '../../../web/categories.tsx';
import { Money, Ref } from '../../../web/components/bidi.tsx';
import { FormAlert, PersonRef, ReviewDecision, SkillBadges } from '../../../web/components.tsx';
import { slugOf } from '../rules.ts';
import type { ServiceDraft } from '../schema.ts';
import type { ServiceRow } from '../service.ts';

/** The moderators' queue: new services and edits of live ones, each previewed as it would be published. */
export function ModerationPage(props: {
  c: ViewCtx;
  items: ServiceRow[];
  categories: Map<number, CategoryLabel>;
  sellers: Map<number, { username: string; displayName: string }>;
  /** The public ids of the previewed images, by file id. */
  images: Map<number, string>;
  state: FormState;
}) {
  const { c, items, state } = props;
  // A refusal is shown in its item; when that item left the queue (decided by someone else), at the top.
  const target = items.some((s) => String(s.id) === state.values.target) ? state.values.target : undefined;
  return (
    <AdminShell c={c} title={c.t('moderation.title')}>
      <p class="text-sm opacity-80 mb-3">{c.t('moderation.intro')}</p>
      {target ? null : <FormAlert c={c} state={state} />}
      {items.length === 0 ? (
        <p class="opacity-70" data-testid="queue-empty">
          {c.t('moderation.empty')}
        </p>
      ) : null}
      <ul class="space-y-4" data-testid="moderation-queue">
        {items.map((s) => {
          const mine = target === String(s.id);
          return (
            <QueueItem
              key={s.id}
              c={c}
              s={s}
              categories={props.categories}
              images={props.images}
              seller={props.sellers.get(s.sellerId)}
              state={mine ? state : emptyForm}
            />
          );
        })}
      </ul>
    </AdminShell>
  );
}

/** What the queue previews of a service: its waiting edit, or the service itself when new. */
export function draftOf(s: ServiceRow): ServiceDraft {
  return (
    s.pendingEdit ?? {
      title: s.title,
      categoryId: s.categoryId,
      description: s.description,
      priceCents: s.priceCents,
      deliveryDays: s.deliveryDays,
      instructions: s.instructions,
      skills: s.skills,
      imageIds: s.imageIds,
      addons: s.addons,
    }
  );
}

function QueueItem(props: {
  c: ViewCtx;
  s: ServiceRow;
  categories: Map<number, CategoryLabel>;
  seller: { username: string; displayName: string } | undefined;
  images: Map<number, string>;
  state: FormState;
}) {
  const { c, s, state } = props;
  const isEdit = s.status !== 'pending' && s.pendingEdit !== null;
  const d = draftOf(s);
  const cat = d.categoryId ? props.categories.get(d.categoryId) : undefined;
  const days = (n: number) => plural(c.locale, 'publish.days', n);
  return (
    <li class="card bg-base-100 shadow-sm" data-testid={`queue-${s.id}`}>
      <div class="card-body p-4 md:p-6 gap-3">
        <div class="flex flex-wrap items-center gap-2 text-sm">
          <span class={`badge ${isEdit ? 'badge-warning' : 'badge-info'}`}>
            {c.t(isEdit ? 'moderation.kind_edit' : 'moderation.kind_new')}
          </span>
          <Ref id={s.id} class="opacity-70" />
          <span class="opacity-70">
            {c.t('moderation.submitted')} {formatDateTime(c.locale, s.updatedAt)}
          </span>
        </div>
        {isEdit ? (
          <p class="text-sm">
            <a class="link" href={c.href(`/services/${s.id}-${slugOf(s.title)}`)}>
              {c.t('moderation.live_title')}: <bdi>{s.title}</bdi>
            </a>
          </p>
        ) : null}
        {isEdit ? <p class="text-xs font-semibold uppercase opacity-70">{c.t('moderation.proposed')}</p> : null}
        <h2 class="card-title break-words" dir="auto" data-testid={`queue-title-${s.id}`}>
          {d.title}
        </h2>
        <dl class="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt class="opacity-70">{c.t('moderation.seller')}</dt>
          <dd>
            <PersonRef c={c} id={s.sellerId} person={props.seller} />
          </dd>
          <dt class="opacity-70">{c.t('publish.field.category')}</dt>
          <dd>{cat ? `${cat.parent} › ${cat.name}` : '—'}</dd>
          <dt class="opacity-70">{c.t('publish.price')}</dt>
          <dd>
            <Money c={c} cents={d.priceCents} />
          </dd>
          <dt class="opacity-70">{c.t('publish.delivery')}</dt>
          <dd>{days(d.deliveryDays)}</dd>
          <dt class="opacity-70">{c.t('publish.skills')}</dt>
          <dd class="flex flex-wrap gap-1">
            <SkillBadges skills={d.skills} />
          </dd>
        </dl>
        {d.imageIds.length ? (
          <ul class="flex gap-2 overflow-x-auto" aria-label={c.t('publish.images')}>
            {d.imageIds
              .flatMap((id) => props.images.get(id) ?? [])
              .map((publicId, i) => (
                <li key={publicId} class="shrink-0">
                  <a href={imageUrl(publicId)} target="_blank" rel="noopener">
                    <img
                      src={imageUrl(publicId, 'thumb')}
                      alt={c.t('publish.image_alt', { n: i + 1 })}
                      class="h-24 w-32 object-cover rounded-box border border-base-300"
                      loading="lazy"
                    />
                  </a>
                </li>
              ))}
          </ul>
        ) : null}
        <div class="whitespace-pre-line break-words bg-base-200 rounded-box p-3 text-sm" dir="auto">
          {d.description}
        </div>
        <div class="text-sm">
          <h3 class="font-semibold">{c.t('moderation.addons')}</h3>
          {d.addons.length ? (
            <ul class="list-disc ps-5">
              {d.addons.map((a, i) => (
                <li key={i}>
                  <bdi>{a.title}</bdi> — <Money c={c} cents={a.priceCents} />
                  {a.extraDays ? ` · +${days(a.extraDays)}` : ''}
                </li>
              ))}
            </ul>
          ) : (
            <p class="opacity-70">{c.t('publish.addons_none')}</p>
          )}
        </div>
        {d.instructions ? (
          <div class="text-sm">
            <h3 class="font-semibold">{c.t('publish.instructions')}</h3>
            <p class="whitespace-pre-line break-words" dir="auto">
              {d.instructions}
            </p>
          </div>
        ) : null}
        <FormAlert c={c} state={state} />
        <ReviewDecision
          c={c}
          id={s.id}
          path={`/admin/services/${s.id}`}
          state={state}
          approveLabel={c.t('moderation.approve')}
          reasonLabel={c.t('moderation.reason')}
        />
      </div>
    </li>
  );
}
