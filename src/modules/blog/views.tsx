import { imageUrl } from '../../platform/files.ts';
import type { ViewCtx } from '../../platform/http/pages.ts';
import { formatDate } from '../../platform/i18n/index.ts';
import { RichText } from '../../web/components/rich-text.tsx';
import { EmptyCard, PageTitle } from '../../web/components.tsx';
import { Layout } from '../../web/layout.tsx';
import { type ArticleState, BLOG_CATEGORIES, type BlogCategory, excerptOf, type Lang, versionOf } from './rules.ts';
import type { BlogArticleRow } from './schema.ts';

/** The list's address with its filters (locale-free). */
export function blogHref(f: { category?: string; q?: string; cursor?: string }): string {
  const p = new URLSearchParams();
  if (f.category) p.set('category', f.category);
  if (f.q) p.set('q', f.q);
  if (f.cursor) p.set('cursor', f.cursor);
  const qs = p.toString();
  return qs ? `/blog?${qs}` : '/blog';
}

/** The feeds of the page's language, for the head of every blog page (`<link rel="alternate">`). */
export function FeedLinks(props: { c: ViewCtx; baseUrl: string }) {
  const { c } = props;
  return (
    <>
      <link
        rel="alternate"
        type="application/atom+xml"
        title={c.t('blog.feed_title')}
        href={`${props.baseUrl}${c.href('/blog/feed.xml')}`}
      />
      <link rel="alternate" type="application/rss+xml" title={c.t('blog.feed_title')} href={`${props.baseUrl}${c.href('/blog/rss.xml')}`} />
    </>
  );
}

/** An article's date as the pages write it, in a <time> element. */
function PublishDate(props: { c: ViewCtx; at: Date | null; testId?: string }) {
  if (!props.at) return null;
  return (
    <time dateTime={props.at.toISOString()} data-testid={props.testId}>
      {formatDate(props.c.locale, props.at)}
    </time>
  );
}

/** One article in a list: cover, category, title, date, the first words. */
export function ArticleCard(props: { c: ViewCtx; a: BlogArticleRow; cover: string | null; lang: Lang }) {
  const { c, a } = props;
  const v = versionOf(a, props.lang);
  return (
    <li class="card bg-base-100 shadow-sm overflow-hidden" data-testid={`article-${a.slug}`}>
      {props.cover ? (
        <img
          src={imageUrl(props.cover, 'thumb')}
          alt=""
          width={480}
          height={360}
          loading="lazy"
          class="w-full aspect-[4/3] object-cover bg-base-200"
        />
      ) : (
        <div class="w-full aspect-[4/3] bg-primary/10 flex items-center justify-center text-primary text-2xl font-bold" aria-hidden="true">
          {c.t('blog.title')}
        </div>
      )}
      <div class="card-body p-4 gap-2">
        <p class="text-xs opacity-70 flex flex-wrap gap-x-2">
          <a class="link link-hover" href={c.href(blogHref({ category: a.category }))}>
            {c.t(`blog.category.${a.category}`)}
          </a>
          <span aria-hidden="true">·</span>
          <PublishDate c={c} at={a.publishAt} />
        </p>
        <h2 class="card-title text-lg leading-snug" lang={v.lang} dir="auto">
          <a class="link link-hover" href={c.href(`/blog/${a.slug}`)}>
            {v.title}
          </a>
        </h2>
        <p class="text-sm opacity-80 break-words" lang={v.lang} dir="auto">
          {excerptOf(v.body, 160)}
        </p>
      </div>
    </li>
  );
}

/** The blog's list: category tabs, a search box, the articles newest first, the next page. */
export function BlogListPage(props: {
  c: ViewCtx;
  baseUrl: string;
  category: BlogCategory | null;
  q: string;
  counts: Map<BlogCategory, number>;
  items: BlogArticleRow[];
  covers: Map<number, string>;
  nextCursor: string | null;
}) {
  const { c, category, q } = props;
  const title = category ? `${c.t('blog.title')}: ${c.t(`blog.category.${category}`)}` : c.t('blog.title');
  const canonical = `${props.baseUrl}${c.href(blogHref({ category: category ?? undefined }))}`;
  return (
    <Layout
      c={c}
      title={title}
      description={c.t('blog.intro')}
      head={
        <>
          <link rel="canonical" href={canonical} />
          <FeedLinks c={c} baseUrl={props.baseUrl} />
        </>
      }
    >
      <PageTitle>{title}</PageTitle>
      <p class="mb-4 opacity-80">{c.t('blog.intro')}</p>
      <nav class="flex flex-wrap gap-2 mb-4" aria-label={c.t('blog.categories')} data-testid="blog-categories">
        <a
          class={`btn btn-sm ${category ? 'btn-ghost' : 'btn-primary'}`}
          href={c.href(blogHref({ q }))}
          aria-current={category ? undefined : 'page'}
        >
          {c.t('blog.all')}
        </a>
        {BLOG_CATEGORIES.filter((k) => (props.counts.get(k) ?? 0) > 0 || k === category).map((k) => (
          <a
            key={k}
            class={`btn btn-sm ${k === category ? 'btn-primary' : 'btn-ghost'}`}
            href={c.href(blogHref({ category: k, q }))}
            aria-current={k === category ? 'page' : undefined}
          >
            {c.t(`blog.category.${k}`)}
          </a>
        ))}
      </nav>
      <form method="get" action={c.href('/blog')} class="join w-full max-w-md mb-6">
        {category ? <input type="hidden" name="category" value={category} /> : null}
        <label class="sr-only" for="blog-q">
          {c.t('blog.search')}
        </label>
        <input
          id="blog-q"
          name="q"
          type="search"
          value={q}
          maxLength={200}
          class="input join-item w-full"
          placeholder={c.t('blog.search')}
        />
        <button type="submit" class="btn btn-primary join-item">
          {c.t('blog.search_button')}
        </button>
      </form>
      {props.items.length === 0 ? (
        <EmptyCard testId="blog-empty">{c.t(q ? 'blog.none_found' : 'blog.none')}</EmptyCard>
      ) : (
        <ul class="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="blog-list">
          {props.items.map((a) => (
            <ArticleCard key={a.id} c={c} a={a} lang={c.locale} cover={a.coverFileId ? (props.covers.get(a.coverFileId) ?? null) : null} />
          ))}
        </ul>
      )}
      {props.nextCursor ? (
        <p class="mt-6 text-center">
          <a class="btn" href={c.href(blogHref({ category: category ?? undefined, q, cursor: props.nextCursor }))} data-testid="blog-more">
            {c.t('blog.more')}
          </a>
        </p>
      ) : null}
      <p class="mt-6 text-sm">
        <a class="link" href={c.href('/blog/feed.xml')} data-testid="feed-link">
          {c.t('blog.feed_link')}
        </a>
      </p>
    </Layout>
  );
}

/** An article's page: cover, title, date, category, the body (with headings), related articles; Open Graph for sharing. */
export function ArticlePage(props: {
  c: ViewCtx;
  baseUrl: string;
  a: BlogArticleRow;
  state: ArticleState;
  cover: string | null;
  related: BlogArticleRow[];
  covers: Map<number, string>;
  canWrite: boolean;
}) {
  const { c, a } = props;
  const v = versionOf(a, c.locale);
  const description = excerptOf(v.body, 200);
  const url = `${props.baseUrl}${c.href(`/blog/${a.slug}`)}`;
  const image = props.cover ? `${props.baseUrl}${imageUrl(props.cover)}` : null;
  const head = (
    <>
      <link rel="canonical" href={url} />
      <meta property="og:type" content="article" />
      <meta property="og:site_name" content={c.t('site.name')} />
      <meta property="og:title" content={v.title} />
      <meta property="og:description" content={description} />
      <meta property="og:url" content={url} />
      <meta property="og:locale" content={v.lang === 'ar' ? 'ar_AR' : 'en_US'} />
      {image ? <meta property="og:image" content={image} /> : null}
      {a.publishAt ? <meta property="article:published_time" content={a.publishAt.toISOString()} /> : null}
      <meta property="article:modified_time" content={a.updatedAt.toISOString()} />
      <meta property="article:section" content={c.t(`blog.category.${a.category}`)} />
      <meta name="twitter:card" content={image ? 'summary_large_image' : 'summary'} />
      <meta name="twitter:title" content={v.title} />
      <meta name="twitter:description" content={description} />
      {image ? <meta name="twitter:image" content={image} /> : null}
      {props.state === 'published' ? null : <meta name="robots" content="noindex" />}
      <FeedLinks c={c} baseUrl={props.baseUrl} />
    </>
  );
  return (
    <Layout c={c} title={v.title} description={description} head={head}>
      <nav class="text-sm mb-3" aria-label={c.t('blog.breadcrumb')}>
        <a class="link" href={c.href('/blog')}>
          {c.t('blog.title')}
        </a>
        <span aria-hidden="true"> › </span>
        <a class="link" href={c.href(blogHref({ category: a.category }))}>
          {c.t(`blog.category.${a.category}`)}
        </a>
      </nav>
      {props.state !== 'published' ? (
        <div role="status" class="alert alert-warning mb-4 flex flex-wrap" data-testid="preview-banner">
          <span>
            {props.state === 'draft'
              ? c.t('blog.preview_draft')
              : c.t('blog.preview_scheduled', { date: a.publishAt ? formatDate(c.locale, a.publishAt) : '' })}
          </span>
        </div>
      ) : null}
      <article class="max-w-3xl mx-auto" lang={v.lang} dir={v.lang === 'ar' ? 'rtl' : 'ltr'} data-testid="article">
        {v.fallback ? (
          <p class="alert alert-info mb-4" lang={c.locale} dir={c.dir} data-testid="language-fallback">
            {c.t('blog.only_in_other_language')}
          </p>
        ) : null}
        {props.cover ? (
          <img
            src={imageUrl(props.cover)}
            alt=""
            width={1600}
            height={900}
            class="w-full aspect-[16/9] object-cover rounded-box bg-base-300 mb-4"
            data-testid="article-cover"
          />
        ) : null}
        <h1 class="text-2xl md:text-4xl font-bold leading-snug mb-2 break-words" data-testid="article-title">
          {v.title}
        </h1>
        <p class="text-sm opacity-70 mb-6 flex flex-wrap gap-x-2" lang={c.locale} dir={c.dir}>
          <PublishDate c={c} at={a.publishAt} testId="article-date" />
          <span aria-hidden="true">·</span>
          <a class="link link-hover" href={c.href(blogHref({ category: a.category }))} data-testid="article-category">
            {c.t(`blog.category.${a.category}`)}
          </a>
          {props.canWrite ? (
            <>
              <span aria-hidden="true">·</span>
              <a class="link" href={c.href(`/admin/blog/${a.id}/edit`)} data-testid="edit-article">
                {c.t('blog.edit')}
              </a>
            </>
          ) : null}
        </p>
        <RichText c={c} source={v.body} headings class="text-base md:text-lg leading-loose" testId="article-body" />
      </article>
      {props.related.length ? (
        <section class="mt-10" aria-labelledby="related-title" data-testid="related">
          <h2 id="related-title" class="text-xl font-bold mb-4">
            {c.t('blog.related')}
          </h2>
          <ul class="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {props.related.map((r) => (
              <ArticleCard
                key={r.id}
                c={c}
                a={r}
                lang={c.locale}
                cover={r.coverFileId ? (props.covers.get(r.coverFileId) ?? null) : null}
              />
            ))}
          </ul>
        </section>
      ) : null}
    </Layout>
  );
}
