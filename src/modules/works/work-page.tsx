import { imageUrl } from '../../platform/files.ts';
import type { FormState, ViewCtx } from '../../platform/http/pages.ts';
import { formatDate, formatNumber, plural } from '../../platform/i18n/index.ts';
import { type CategoryEntry, categoryName } from '../../web/categories.tsx';
import { Username } from '../../web/components/bidi.tsx';
import { ConfirmSubmit, isolate } from '../../web/components/confirm.tsx';
import { ReviewScores } from '../../web/components/review-scores.tsx';
import { Card, DescriptionWithSkills, Form, FormAlert, ReportLink, UserAvatar } from '../../web/components.tsx';
import { Icon } from '../../web/icons.tsx';
import { Layout } from '../../web/layout.tsx';
import { HtmxHead } from '../../web/listing.tsx';
import { FavoriteButton } from '../favorites/index.ts';
import type { DeliveredOrder } from '../orders/index.ts';
import { ownerMay, type WorkStatus } from './rules.ts';
import type { WorkRow } from './service.ts';
import { WORK_GRID, type WorkCardData, WorkItems, worksHref } from './views.tsx';

export interface OwnerCardData {
  username: string;
  displayName: string;
  level: string;
  avatarUrl: string | null;
}

export interface WorkPageProps {
  c: ViewCtx;
  w: WorkRow;
  owner: OwnerCardData | null;
  category: CategoryEntry | null;
  /** The public ids of the work's images, the cover first. */
  images: string[];
  delivered: DeliveredOrder | null;
  liked: boolean;
  more: WorkCardData[];
  isOwner: boolean;
  /** A refused owner action (publish, hide, delete), shown above the controls. */
  actionState: FormState;
}

/**
 * The like button: a form that toggles the viewer's like (htmx swaps the button in place; without JavaScript the
 * page comes back). A visitor is sent to sign in; the owner sees the count only.
 */
export function LikeButton(props: { c: ViewCtx; workId: number; liked: boolean; count: number; mode: 'like' | 'own' | 'visitor' }) {
  const { c, workId, liked, count } = props;
  const label = plural(c.locale, 'works.likes', count);
  if (props.mode === 'own')
    return (
      <p id="like" class="inline-flex items-center gap-1 font-bold" data-testid="like-count">
        <Icon name="thumbsUp" /> {label}
      </p>
    );
  if (props.mode === 'visitor')
    return (
      <a
        id="like"
        href={c.href(`/login?next=${encodeURIComponent(`/works/${workId}`)}`)}
        class="btn btn-sm btn-outline"
        data-testid="like-signin"
        rel="nofollow"
      >
        <Icon name="thumbsUp" /> {c.t('works.like')} · {formatNumber(c.locale, count)}
      </a>
    );
  return (
    <form
      id="like"
      method="post"
      action={c.href(`/works/${workId}/like`)}
      hx-post={c.href(`/works/${workId}/like`)}
      hx-swap="outerHTML"
      class="inline"
    >
      <input type="hidden" name="_csrf" value={c.csrf} />
      <input type="hidden" name="do" value={liked ? 'unlike' : 'like'} />
      <button
        type="submit"
        class={`btn btn-sm ${liked ? 'btn-primary' : 'btn-outline'}`}
        aria-pressed={liked ? 'true' : 'false'}
        data-testid="like-button"
      >
        <Icon name="thumbsUp" class={liked ? 'fill-current' : ''} />
        {c.t(liked ? 'works.liked' : 'works.like')}
        <span class="badge badge-sm" data-testid="like-count">
          {formatNumber(c.locale, count)}
        </span>
      </button>
    </form>
  );
}

/** The cover, large (the first thing a phone shows). */
function Cover(props: { c: ViewCtx; images: string[]; title: string }) {
  const { c, images, title } = props;
  if (images.length === 0) return <div class="aspect-[4/3] bg-base-300 rounded-box" />;
  return (
    <a href={imageUrl(images[0])} class="block rounded-box overflow-hidden bg-base-300">
      <img
        src={imageUrl(images[0])}
        alt={c.t('works.image_alt', { position: 1, title })}
        width={1600}
        height={1200}
        fetchpriority="high"
        decoding="async"
        class="w-full h-auto"
        data-testid="cover-image"
      />
    </a>
  );
}

/** The other images as thumbnails (lazy, sized), each opening full size. */
function MoreImages(props: { c: ViewCtx; images: string[]; title: string }) {
  const { c, title } = props;
  const rest = props.images.slice(1);
  if (rest.length === 0) return null;
  return (
    <section aria-label={c.t('works.gallery')}>
      <ul class="grid grid-cols-2 sm:grid-cols-3 gap-2" data-testid="gallery">
        {rest.map((publicId, i) => (
          <li key={publicId}>
            <a href={imageUrl(publicId)} class="block rounded-field overflow-hidden bg-base-300">
              <img
                src={imageUrl(publicId, 'thumb')}
                alt={c.t('works.image_alt', { position: i + 2, title })}
                width={480}
                height={360}
                loading="lazy"
                decoding="async"
                class="w-full aspect-[4/3] object-cover"
              />
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** "Delivered on Kafiil": the completed order it came from, and its buyer's review once published. */
function DeliveredCard(props: { c: ViewCtx; d: DeliveredOrder }) {
  const { c, d } = props;
  const r = d.review;
  return (
    <section class="rounded-box border border-success bg-success/10 p-4 space-y-2" data-testid="delivered">
      <p class="font-bold text-success inline-flex items-center gap-2">
        <Icon name="shieldCheck" class="text-xl" />
        {c.t('works.delivered_badge')}
      </p>
      <p class="text-sm">
        {c.t(d.kind === 'project' ? 'works.delivered_project' : 'works.delivered_order')}
        {d.completedAt ? ` · ${formatDate(c.locale, d.completedAt)}` : ''}
      </p>
      {r ? (
        <blockquote class="border-s-2 border-success ps-3 space-y-1" data-testid="delivered-review">
          <ReviewScores c={c} review={{ authorRole: 'buyer', quality: r.quality, communication: r.communication, onTime: r.onTime }} />
          {r.comment ? (
            <p class="whitespace-pre-line" dir="auto">
              {r.comment}
            </p>
          ) : null}
          <footer class="text-sm opacity-80">
            {c.t('works.review_by')} <bdi>{r.author.displayName || r.author.username}</bdi>
          </footer>
        </blockquote>
      ) : (
        <p class="text-sm opacity-80" data-testid="delivered-no-review">
          {c.t('works.review_pending')}
        </p>
      )}
    </section>
  );
}

/** The freelancer: picture, name and @username (each isolated), level, the profile and "hire me". */
function OwnerCard(props: { c: ViewCtx; owner: OwnerCardData; isOwner: boolean }) {
  const { c, owner } = props;
  const profile = c.href(`/u/${owner.username}`);
  return (
    <Card title={c.t('works.freelancer')} class="w-full">
      <div class="flex items-center gap-3" data-testid="owner-card">
        <UserAvatar name={owner.displayName} url={owner.avatarUrl} size="lg" />
        <div class="min-w-0">
          <p class="font-bold truncate">
            <a href={profile} class="link link-hover" data-testid="owner-name">
              <bdi>{owner.displayName}</bdi>
            </a>
          </p>
          <p class="text-sm opacity-70 truncate">
            <a href={profile} class="link link-hover" data-testid="owner-username">
              <Username username={owner.username} />
            </a>
          </p>
          <span class="badge badge-outline badge-sm" data-testid="owner-level">
            {c.t(`level.${owner.level}`)}
          </span>
        </div>
      </div>
      <div class="flex flex-wrap gap-2">
        {props.isOwner ? null : (
          <a href={c.href(`/messages/new?to=${encodeURIComponent(owner.username)}`)} class="btn btn-sm btn-primary" data-testid="hire-me">
            {c.t('works.hire_me')}
          </a>
        )}
        <a href={profile} class="btn btn-sm btn-outline" data-testid="owner-profile">
          {c.t('works.view_profile')}
        </a>
      </div>
    </Card>
  );
}

/** The owner's buttons: edit, publish or hide, delete (asked first). */
function OwnerControls(props: { c: ViewCtx; w: WorkRow; state: FormState }) {
  const { c, w } = props;
  const status = w.status as WorkStatus;
  return (
    <div class="flex flex-wrap items-center gap-2" data-testid="owner-controls">
      <FormAlert c={c} state={props.state} />
      {ownerMay(status, 'edit') ? (
        <a class="btn btn-sm" href={c.href(`/works/${w.id}/edit`)} data-testid="edit-work">
          {c.t('works.edit')}
        </a>
      ) : null}
      {ownerMay(status, 'publish') ? (
        <Form c={c} action={`/works/${w.id}/publish`} class="inline">
          <button type="submit" class="btn btn-sm btn-primary" data-testid="publish-work">
            {c.t('works.publish')}
          </button>
        </Form>
      ) : null}
      {ownerMay(status, 'hide') ? (
        <Form c={c} action={`/works/${w.id}/hide`} class="inline">
          <button type="submit" class="btn btn-sm btn-outline" data-testid="hide-work">
            {c.t('works.hide')}
          </button>
        </Form>
      ) : null}
      {ownerMay(status, 'delete') ? (
        <Form c={c} action={`/works/${w.id}/delete`} class="inline">
          <ConfirmSubmit
            c={c}
            id={`confirm-delete-${w.id}`}
            label={c.t('works.delete')}
            question={c.t('works.delete_question', { title: isolate(w.title) })}
            confirm={c.t('works.delete_confirm')}
            tone="danger"
            class="btn btn-sm btn-outline btn-error"
            testid="delete-work"
          />
        </Form>
      ) : null}
    </div>
  );
}

/** A work's page: images, the badge and review, description, skills, the freelancer, likes and views, more by them. */
export function WorkPage(props: WorkPageProps) {
  const { c, w, owner } = props;
  const mode = props.isOwner ? 'own' : c.user ? 'like' : 'visitor';
  const description = w.description.replace(/\s+/g, ' ').slice(0, 155);
  return (
    <Layout c={c} title={w.title} description={description}>
      <HtmxHead />
      <nav aria-label={c.t('works.breadcrumb')} class="text-sm mb-2">
        <a href={c.href('/works')} class="link link-hover opacity-80">
          {c.t('works.title')}
        </a>
        {props.category ? (
          <>
            <span aria-hidden="true" class="opacity-80">
              {c.dir === 'rtl' ? ' ‹ ' : ' › '}
            </span>
            <a href={worksHref(c, { category: props.category.node.slug })} class="link link-hover opacity-80">
              {categoryName(c, props.category.node)}
            </a>
          </>
        ) : null}
      </nav>
      {w.status !== 'published' ? (
        <div role="status" class="alert alert-warning mb-3 flex flex-wrap" data-testid="status-note">
          <span>{c.t(`works.status_note.${w.status}`)}</span>
          {w.hiddenReason && (props.isOwner || w.status === 'deleted') ? (
            <span data-testid="hidden-reason">{c.t('works.hidden_because', { reason: w.hiddenReason })}</span>
          ) : null}
        </div>
      ) : null}
      <div class="flex items-start justify-between gap-2 mb-3">
        <h1 class="text-2xl md:text-3xl font-bold break-words min-w-0" dir="auto" data-testid="work-title">
          {w.title}
        </h1>
        {props.isOwner ? null : <FavoriteButton c={c} kind="work" id={w.id} compact class="shrink-0 mt-1" />}
        {props.isOwner ? null : <ReportLink c={c} type="portfolio" id={w.id} class="shrink-0 mt-2" />}
      </div>
      {props.isOwner ? (
        <div class="mb-4">
          <OwnerControls c={c} w={w} state={props.actionState} />
        </div>
      ) : null}
      {/* A phone: the cover, the likes, badge and freelancer, the other images, the text. Wide: the side column beside them. */}
      <div class="grid grid-cols-1 gap-4 md:grid-cols-3">
        <div class="order-1 md:order-none md:col-span-2 min-w-0">
          <Cover c={c} images={props.images} title={w.title} />
        </div>
        <aside class="order-2 md:order-none md:col-start-3 md:row-start-1 md:row-span-3 min-w-0 space-y-4">
          <div class="flex flex-wrap items-center justify-between gap-2">
            <LikeButton c={c} workId={w.id} liked={props.liked} count={w.likesCount} mode={mode} />
            <p class="inline-flex items-center gap-1 text-sm opacity-80" data-testid="views">
              <Icon name="eye" /> {plural(c.locale, 'works.views', w.viewsCount)}
            </p>
          </div>
          {props.delivered ? <DeliveredCard c={c} d={props.delivered} /> : null}
          {owner ? <OwnerCard c={c} owner={owner} isOwner={props.isOwner} /> : null}
        </aside>
        <div class="order-3 md:order-none md:col-span-2 min-w-0 empty:hidden">
          <MoreImages c={c} images={props.images} title={w.title} />
        </div>
        <div class="order-4 md:order-none md:col-span-2 min-w-0">
          <Card title={c.t('works.about')} class="w-full">
            <DescriptionWithSkills
              text={w.description}
              skillsTitle={c.t('works.skills')}
              skills={w.skills}
              skillHref={(k) => worksHref(c, { skill: k })}
              skillsTestId="skills"
            />
            <dl class="grid gap-1 text-sm mt-2">
              {props.category ? (
                <div class="flex flex-wrap gap-1">
                  <dt class="opacity-70">{c.t('works.category')}:</dt>
                  <dd data-testid="category">
                    {props.category.parent ? `${categoryName(c, props.category.parent)} › ` : ''}
                    {categoryName(c, props.category.node)}
                  </dd>
                </div>
              ) : null}
              {w.link ? (
                <div class="flex flex-wrap gap-1 min-w-0">
                  <dt class="opacity-70">{c.t('works.link')}:</dt>
                  <dd class="min-w-0 break-all">
                    <a href={w.link} class="link" rel="nofollow ugc noopener noreferrer" target="_blank" dir="ltr" data-testid="work-link">
                      {w.link}
                    </a>
                  </dd>
                </div>
              ) : null}
              {w.publishedAt ? (
                <div class="flex flex-wrap gap-1">
                  <dt class="opacity-70">{c.t('works.published_on')}:</dt>
                  <dd>{formatDate(c.locale, w.publishedAt)}</dd>
                </div>
              ) : null}
            </dl>
          </Card>
        </div>
      </div>
      {props.more.length && owner ? (
        <section class="mt-6" aria-labelledby="more-by">
          <h2 id="more-by" class="text-xl font-bold mb-3">
            {c.t('works.more_by', { name: owner.displayName })}
          </h2>
          <ul class={WORK_GRID} data-testid="more-by-owner">
            <WorkItems c={c} items={props.more} next={null} />
          </ul>
        </section>
      ) : null}
    </Layout>
  );
}
