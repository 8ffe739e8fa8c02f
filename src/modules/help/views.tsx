import type { ViewCtx } from '../../platform/http/pages.ts';
import { formatDate } from '../../platform/i18n/index.ts';
import { richTextPlain } from '../../platform/rich-text.ts';
import { shorten } from '../../platform/text.ts';
import { RichText } from '../../web/components/rich-text.tsx';
import { PageTitle } from '../../web/components.tsx';
import { Icon } from '../../web/icons.tsx';
import { Layout } from '../../web/layout.tsx';
import { type ArticleState, HELP_TOPICS, type HelpTopic, ticketCategoryOf } from './rules.ts';

/** What a page needs of an article in the page's language. */
export interface ArticleText {
  slug: string;
  topic: string;
  titleAr: string;
  titleEn: string;
  bodyAr: string;
  bodyEn: string;
}

export const titleOf = (c: ViewCtx, a: Pick<ArticleText, 'titleAr' | 'titleEn'>) => (c.locale === 'ar' ? a.titleAr : a.titleEn);
const bodyOf = (c: ViewCtx, a: ArticleText) => (c.locale === 'ar' ? a.bodyAr : a.bodyEn);
/** The first words of the article without its marks, on one line. */
export const excerptOf = (c: ViewCtx, a: ArticleText, n = 170) =>
  shorten(richTextPlain(bodyOf(c, a), { headings: true }).replace(/\s+/g, ' ').trim(), n);
const topicName = (c: ViewCtx, topic: string) => c.t(`help.topic.${topic}`);
export const articlePath = (slug: string) => `/help/articles/${slug}`;

/** The search box of every help page (a GET form: the results have their own address). */
function SearchBox(props: { c: ViewCtx; q?: string; topic?: HelpTopic }) {
  const { c } = props;
  return (
    <form method="get" action={c.href('/help/search')} class="join w-full" aria-label={c.t('help.search_label')} data-testid="help-search">
      <label for="help-q" class="sr-only">
        {c.t('help.search_label')}
      </label>
      <input
        id="help-q"
        name="q"
        type="search"
        value={props.q ?? ''}
        maxLength={200}
        placeholder={c.t('help.search_placeholder')}
        class="input join-item w-full"
        dir="auto"
      />
      {props.topic ? <input type="hidden" name="topic" value={props.topic} /> : null}
      <button type="submit" class="btn btn-primary join-item" aria-label={c.t('help.search_submit')}>
        <Icon name="search" class="w-5 h-5" />
        <span class="hidden sm:inline">{c.t('help.search_submit')}</span>
      </button>
    </form>
  );
}

function Crumbs(props: { c: ViewCtx; topic?: string }) {
  const { c } = props;
  const links = [
    { href: '/help', label: c.t('help.title') },
    ...(props.topic ? [{ href: `/help/${props.topic}`, label: topicName(c, props.topic) }] : []),
  ];
  return (
    <nav class="text-sm mb-2" aria-label={c.t('help.title')} data-testid="help-crumbs">
      <ol class="flex flex-wrap items-center gap-x-2">
        {links.map((l, i) => (
          <li key={l.href} class="flex items-center gap-x-2">
            {i > 0 ? (
              <span aria-hidden="true" class="opacity-50">
                /
              </span>
            ) : null}
            <a class="link link-hover" href={c.href(l.href)}>
              {l.label}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

function ArticleLinks(props: { c: ViewCtx; articles: ArticleText[]; excerpts?: boolean; testId: string }) {
  const { c } = props;
  return (
    <ul class="divide-y divide-base-200" data-testid={props.testId}>
      {props.articles.map((a) => (
        <li key={a.slug} class="py-2">
          <a class="link link-hover font-semibold break-words" href={c.href(articlePath(a.slug))}>
            {titleOf(c, a)}
          </a>
          {props.excerpts ? <p class="text-sm opacity-80 break-words">{excerptOf(c, a)}</p> : null}
        </li>
      ))}
    </ul>
  );
}

/** `/help`: the search box and every topic with its articles. */
export function HelpHomePage(props: { c: ViewCtx; groups: { topic: HelpTopic; articles: ArticleText[] }[] }) {
  const { c } = props;
  return (
    <Layout c={c} title={c.t('help.title')} description={c.t('help.description')}>
      <section class="card bg-base-100 shadow-sm mb-4">
        <div class="card-body p-4 md:p-6 gap-3">
          <PageTitle>{c.t('help.title')}</PageTitle>
          <p>{c.t('help.intro')}</p>
          <SearchBox c={c} />
        </div>
      </section>
      <div class="grid gap-4 md:grid-cols-2" data-testid="help-topics">
        {props.groups.map((g) => (
          <section key={g.topic} class="card bg-base-100 shadow-sm" data-testid={`help-topic-${g.topic}`}>
            <div class="card-body p-4 md:p-6">
              <h2 class="card-title">
                <a class="link link-hover" href={c.href(`/help/${g.topic}`)}>
                  {topicName(c, g.topic)}
                </a>
              </h2>
              <ArticleLinks c={c} articles={g.articles} testId={`help-topic-${g.topic}-articles`} />
            </div>
          </section>
        ))}
      </div>
      <p class="mt-4 text-center">
        <a class="link link-primary" href={c.href('/faq')}>
          {c.t('footer.faq')}
        </a>
        {' · '}
        <a class="link link-primary" href={c.href('/support/new')}>
          {c.t('help.open_ticket')}
        </a>
      </p>
    </Layout>
  );
}

/** `/help/{topic}`: the topic's articles with their first lines, and the other topics. */
export function TopicPage(props: { c: ViewCtx; topic: HelpTopic; articles: ArticleText[] }) {
  const { c, topic } = props;
  return (
    <Layout c={c} title={`${topicName(c, topic)} — ${c.t('help.title')}`} description={c.t('help.description')}>
      <Crumbs c={c} />
      <section class="card bg-base-100 shadow-sm">
        <div class="card-body p-4 md:p-6 gap-3">
          <PageTitle>{topicName(c, topic)}</PageTitle>
          <SearchBox c={c} topic={topic} />
          <ArticleLinks c={c} articles={props.articles} excerpts testId="help-topic-articles" />
        </div>
      </section>
      <OtherTopics c={c} except={topic} />
    </Layout>
  );
}

function OtherTopics(props: { c: ViewCtx; except?: string }) {
  const { c } = props;
  return (
    <nav class="mt-4 flex flex-wrap gap-2" aria-label={c.t('help.all_topics')}>
      {HELP_TOPICS.filter((t) => t !== props.except).map((t) => (
        <a key={t} class="badge badge-lg badge-outline" href={c.href(`/help/${t}`)}>
          {topicName(c, t)}
        </a>
      ))}
    </nav>
  );
}

/** `/help/search?q=…`: the matching articles (the Arabic-aware search), or what to do when none matches. */
export function SearchPage(props: { c: ViewCtx; q: string; topic?: HelpTopic; hits: ArticleText[]; next: string | null }) {
  const { c, q } = props;
  const heading = q ? c.t('help.results_for', { q }) : c.t('help.title');
  return (
    <Layout c={c} title={`${heading} — ${c.t('help.title')}`}>
      <Crumbs c={c} topic={props.topic} />
      <section class="card bg-base-100 shadow-sm">
        <div class="card-body p-4 md:p-6 gap-3">
          <SearchBox c={c} q={q} topic={props.topic} />
          <h1 class="text-xl font-bold break-words" data-testid="help-results-title">
            {heading}
          </h1>
          {props.hits.length ? (
            <ArticleLinks c={c} articles={props.hits} excerpts testId="help-results" />
          ) : (
            <div class="space-y-2" data-testid="help-no-results">
              <p>{c.t('help.no_results')}</p>
              <a class="btn btn-sm btn-outline" href={c.href('/support/new')}>
                {c.t('help.open_ticket')}
              </a>
            </div>
          )}
          {props.next ? (
            <p class="text-center">
              <a
                class="btn btn-sm"
                href={c.href(
                  `/help/search?${new URLSearchParams({ q, ...(props.topic ? { topic: props.topic } : {}), cursor: props.next }).toString()}`,
                )}
              >
                {c.t('help.more_results')}
              </a>
            </p>
          ) : null}
        </div>
      </section>
      <OtherTopics c={c} />
    </Layout>
  );
}

/** The "was this helpful?" box: two buttons (the chosen one pressed), thanks, and after "no" the way to a ticket. */
function Feedback(props: { c: ViewCtx; a: ArticleText; vote: boolean | null }) {
  const { c, a, vote } = props;
  const ticket = `/support/new?category=${ticketCategoryOf(a.topic)}`;
  const button = (value: 'yes' | 'no', on: boolean) => (
    <button
      type="submit"
      name="helpful"
      value={value}
      class={`btn btn-sm min-w-20 ${on ? 'btn-primary' : 'btn-outline'}`}
      aria-pressed={on ? 'true' : 'false'}
      data-testid={`help-vote-${value}`}
    >
      {c.t(`help.${value}`)}
    </button>
  );
  return (
    <section id="feedback" class="card bg-base-200 mt-6" data-testid="help-feedback" aria-labelledby="feedback-q">
      <div class="card-body p-4 gap-3">
        <h2 id="feedback-q" class="font-bold">
          {c.t('help.feedback_question')}
        </h2>
        <form method="post" action={c.href(`${articlePath(a.slug)}/vote`)} class="flex gap-2">
          <input type="hidden" name="_csrf" value={c.csrf} />
          {button('yes', vote === true)}
          {button('no', vote === false)}
        </form>
        {vote === true ? (
          <p role="status" data-testid="help-thanks">
            {c.t('help.thanks_yes')} <span class="text-sm opacity-70">{c.t('help.change_vote')}</span>
          </p>
        ) : null}
        {vote === false ? (
          <div role="status" class="space-y-2" data-testid="help-not-helpful">
            <p>{c.t('help.thanks_no')}</p>
            <p>{c.t('help.ticket_hint')}</p>
            <a class="btn btn-sm btn-secondary" href={c.href(ticket)} data-testid="help-ticket-link">
              {c.t('help.open_ticket')}
            </a>
          </div>
        ) : null}
      </div>
    </section>
  );
}

/** `/help/articles/{slug}`: the article (simple formatting with headings), the helpful box, the topic's other articles. */
export function ArticlePage(props: {
  c: ViewCtx;
  a: ArticleText & { updatedAt: Date };
  state: ArticleState;
  vote: boolean | null;
  related: ArticleText[];
}) {
  const { c, a } = props;
  const title = titleOf(c, a);
  return (
    <Layout c={c} title={title} description={excerptOf(c, a, 155)}>
      {/* Lines a reader can follow on a wide screen. */}
      <div class="max-w-3xl mx-auto">
        <Crumbs c={c} topic={a.topic} />
        <article class="card bg-base-100 shadow-sm" data-testid="help-article">
          <div class="card-body p-4 md:p-6 gap-3">
            {props.state !== 'published' ? (
              <p class="alert alert-warning" data-testid="help-not-live">
                {c.t('help.not_live', { state: c.t(`help.state.${props.state}`) })}
              </p>
            ) : null}
            <h1 class="text-2xl md:text-3xl font-bold break-words">{title}</h1>
            <p class="text-sm opacity-70">{c.t('help.updated', { date: formatDate(c.locale, a.updatedAt) })}</p>
            <RichText c={c} source={bodyOf(c, a)} headings class="leading-relaxed" testId="help-body" />
            {props.state === 'published' ? <Feedback c={c} a={a} vote={props.vote} /> : null}
          </div>
        </article>
        {props.related.length ? (
          <section class="card bg-base-100 shadow-sm mt-4">
            <div class="card-body p-4 md:p-6">
              <h2 class="card-title text-lg">{c.t('help.related', { topic: topicName(c, a.topic) })}</h2>
              <ArticleLinks c={c} articles={props.related} testId="help-related" />
            </div>
          </section>
        ) : null}
      </div>
    </Layout>
  );
}
