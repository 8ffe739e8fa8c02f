import { listingHref } from '../../../platform/http/listing.ts';
import type { ViewCtx } from '../../../platform/http/pages.ts';
import { plural, timeAgo } from '../../../platform/i18n/index.ts';
import { Icon } from '../../../web/icons.tsx';
import { Layout } from '../../../web/layout.tsx';
import { FilterSelect, FragmentTitle, HtmxHead, ListingForm, ListingTitle, MoreItem, ResultsSection } from '../../../web/listing.tsx';
import { SKILL_MAX_CHARS, TOPIC_SORTS, type TopicSort, topicPath } from '../rules.ts';
import type { TopicHit } from '../search.ts';
import type { CommunityPerson, SectionRow } from '../types.ts';

/** What a list's form holds, as the URL carries it (the community: a section; the question bank: a skill). */
export interface TopicFilters {
  q: string;
  section: string;
  skill: string;
  sort: TopicSort;
  cursor: string;
}
export const TOPIC_FILTER_KEYS = ['q', 'section', 'skill', 'sort'] as const;

/** The list's address with the filters that are set (defaults and empty ones left out), in the page's language. */
export function listHref(c: ViewCtx, base: string, f: Partial<TopicFilters>): string {
  return listingHref<TopicFilters>(c, base, TOPIC_FILTER_KEYS, 'active', f);
}

export const sectionName = (c: ViewCtx, s: Pick<SectionRow, 'nameAr' | 'nameEn'>) => (c.locale === 'ar' ? s.nameAr : s.nameEn);

/** A topic or a question in a list: title, section or skills, author, when, votes and comments (answers). */
export function TopicItem(props: { c: ViewCtx; t: TopicHit; author: CommunityPerson | null; section: SectionRow | null; now: Date }) {
  const { c, t } = props;
  const question = t.type === 'question';
  return (
    <li class="card bg-base-100 shadow-sm relative min-w-0" data-testid={`topic-${t.id}`}>
      <div class="card-body p-3 md:p-4 gap-1 min-w-0">
        <h3 class="font-bold leading-snug break-words" dir="auto">
          {t.pinnedAt ? (
            <span class="badge badge-primary badge-sm me-1 align-middle" data-testid="pinned">
              {c.t('community.pinned')}
            </span>
          ) : null}
          <a href={c.href(topicPath(t))} class="link link-hover after:absolute after:inset-0" data-testid="topic-title">
            {t.title}
          </a>
        </h3>
        <div class="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm opacity-80">
          {props.section ? <span class="badge badge-outline badge-sm">{sectionName(c, props.section)}</span> : null}
          {question && t.skills.length ? <span class="text-xs truncate max-w-full">{t.skills.join(' · ')}</span> : null}
          <span class="min-w-0 truncate">
            <bdi>{props.author?.displayName ?? c.t('community.someone')}</bdi>
          </span>
          <time datetime={t.lastActivityAt.toISOString()}>{timeAgo(c, t.lastActivityAt, props.now)}</time>
        </div>
        <div class="flex flex-wrap items-center gap-3 text-sm">
          <span class="inline-flex items-center gap-1">
            <Icon name="thumbsUp" /> {plural(c.locale, 'community.votes', t.votesCount)}
          </span>
          <span class={question && t.acceptedCommentId ? 'text-success font-bold inline-flex items-center gap-1' : ''}>
            {question && t.acceptedCommentId ? <Icon name="check" /> : null}
            {question ? plural(c.locale, 'community.answers', t.answersCount) : plural(c.locale, 'community.comments', t.commentsCount)}
          </span>
          {t.lockedAt ? <span class="badge badge-warning badge-sm">{c.t('community.locked')}</span> : null}
        </div>
      </div>
    </li>
  );
}

export interface TopicListProps {
  c: ViewCtx;
  kind: 'community' | 'questions' | 'unanswered';
  filters: TopicFilters;
  items: TopicHit[];
  people: Map<number, CommunityPerson>;
  sections: SectionRow[];
  nextCursor: string | null;
  total?: { n: number; capped: boolean; estimated: boolean };
  now: Date;
}

const baseOf = (kind: TopicListProps['kind']) =>
  kind === 'community' ? '/community' : kind === 'questions' ? '/questions' : '/questions/unanswered';

function Items(props: TopicListProps & { next: string | null }) {
  const bySection = new Map(props.sections.map((s) => [s.id, s]));
  return (
    <>
      {props.items.map((t) => (
        <TopicItem
          key={t.id}
          c={props.c}
          t={t}
          author={props.people.get(t.authorId) ?? null}
          section={t.sectionId ? (bySection.get(t.sectionId) ?? null) : null}
          now={props.now}
        />
      ))}
      {props.next ? <MoreItem c={props.c} next={props.next} /> : null}
    </>
  );
}

/** The part of a list page a filter change replaces (htmx asks for this alone). */
export function TopicResults(props: TopicListProps & { withTitle?: boolean; onlyItems?: boolean }) {
  const { c, filters } = props;
  const base = baseOf(props.kind);
  const next = props.nextCursor ? listHref(c, base, { ...filters, cursor: props.nextCursor }) : null;
  if (props.onlyItems) return <Items {...props} next={next} />;
  const section = props.sections.find((s) => s.slug === filters.section);
  const heading = filters.q
    ? c.t('community.results_for', { q: filters.q })
    : section
      ? sectionName(c, section)
      : filters.skill
        ? c.t('community.skill_heading', { skill: filters.skill })
        : c.t(`community.heading.${props.kind}`);
  return (
    <>
      {props.withTitle ? <FragmentTitle c={c} heading={heading} /> : null}
      <ResultsSection
        c={c}
        id="results"
        class="mt-4 transition-opacity [&.htmx-request]:opacity-50"
        heading={heading}
        empty={props.items.length === 0 && next === null}
        emptyText={c.t(props.kind === 'community' ? 'community.empty' : 'community.questions_empty')}
        emptyTestId="topics-empty"
        listClass="grid gap-2"
        firstPage={filters.cursor ? listHref(c, base, { ...filters, cursor: '' }) : null}
        count={
          props.total && !props.total.estimated && !props.total.capped ? plural(c.locale, 'community.found', props.total.n) : undefined
        }
      >
        <Items {...props} next={next} />
      </ResultsSection>
    </>
  );
}

/** The community's front page (/community): its sections, the pinned topics, a search and the topics by sort. */
export function CommunityPage(props: TopicListProps & { sectionCounts: (SectionRow & { topics: number })[]; pinned: TopicHit[] }) {
  const { c, filters } = props;
  const active = (filters.section ? 1 : 0) + (filters.sort === 'active' ? 0 : 1);
  return (
    <Layout c={c} title={c.t('community.title')} description={c.t('community.description')}>
      <HtmxHead />
      <ListingTitle
        title={c.t('community.title')}
        action={{ href: c.href('/community/new'), label: c.t('community.new'), testId: 'new-topic' }}
      />
      <p class="-mt-2 mb-3 text-sm opacity-80">{c.t('community.intro')}</p>
      <nav aria-label={c.t('community.sections')} class="mb-3">
        <ul class="flex flex-wrap gap-2" data-testid="sections">
          {props.sectionCounts.map((s) => (
            <li key={s.id}>
              <a
                href={listHref(c, '/community', { section: s.slug })}
                class={`btn btn-sm ${filters.section === s.slug ? 'btn-primary' : 'btn-outline'}`}
                aria-current={filters.section === s.slug ? 'page' : undefined}
                data-testid={`section-${s.slug}`}
              >
                {sectionName(c, s)} <span class="badge badge-sm">{plural(c.locale, 'community.topics_n', s.topics)}</span>
              </a>
            </li>
          ))}
          <li>
            <a href={c.href('/questions')} class="btn btn-sm btn-ghost" data-testid="to-questions">
              {c.t('community.question_bank')}
            </a>
          </li>
        </ul>
      </nav>
      <ListingForm
        c={c}
        name="community"
        idPrefix="cm"
        action={c.href('/community')}
        q={filters.q}
        searchLabel={c.t('community.search_label')}
        searchPlaceholder={c.t('community.search_placeholder')}
        active={active}
        fieldsClass="grid-cols-2"
      >
        <FilterSelect
          idPrefix="cm"
          name="section"
          label={c.t('community.section')}
          value={filters.section}
          options={[['', c.t('community.all_sections')], ...props.sectionCounts.map((s): [string, string] => [s.slug, sectionName(c, s)])]}
        />
        <FilterSelect
          idPrefix="cm"
          name="sort"
          label={c.t('browse.sort')}
          value={filters.sort}
          options={TOPIC_SORTS.map((s): [string, string] => [s, c.t(`community.sort.${s}`)])}
        />
      </ListingForm>
      {props.pinned.length && !filters.q && !filters.cursor ? (
        <section class="mt-4" aria-labelledby="pinned-h">
          <h2 id="pinned-h" class="text-lg font-bold mb-2">
            {c.t('community.pinned_topics')}
          </h2>
          <ul class="grid gap-2" data-testid="pinned-topics">
            <Items {...props} items={props.pinned} next={null} />
          </ul>
        </section>
      ) : null}
      <TopicResults {...props} />
    </Layout>
  );
}

/** The question bank (/questions, /questions/unanswered): ask, search, filter by skill, the tabs. */
export function QuestionsPage(props: TopicListProps) {
  const { c, filters, kind } = props;
  const base = baseOf(kind);
  const active = (filters.skill ? 1 : 0) + (filters.sort === 'active' ? 0 : 1);
  return (
    <Layout c={c} title={c.t(`community.heading.${kind}`)} description={c.t('community.questions_description')}>
      <HtmxHead />
      <ListingTitle
        title={c.t('community.question_bank')}
        action={{ href: c.href('/questions/new'), label: c.t('community.ask'), testId: 'ask' }}
      />
      <div role="tablist" class="tabs tabs-border mb-3">
        {(['questions', 'unanswered'] as const).map((k) => (
          <a
            key={k}
            role="tab"
            href={c.href(baseOf(k))}
            class={`tab ${kind === k ? 'tab-active' : ''}`}
            aria-selected={kind === k ? 'true' : 'false'}
            data-testid={`tab-${k}`}
          >
            {c.t(`community.tab.${k}`)}
          </a>
        ))}
        <a role="tab" href={c.href('/community')} class="tab" aria-selected="false">
          {c.t('community.title')}
        </a>
      </div>
      <ListingForm
        c={c}
        name="questions"
        idPrefix="qb"
        action={c.href(base)}
        q={filters.q}
        searchLabel={c.t('community.questions_search_label')}
        searchPlaceholder={c.t('community.questions_search_placeholder')}
        active={active}
        fieldsClass="grid-cols-2"
      >
        <div>
          <label for="qb-skill" class="text-sm block mb-1">
            {c.t('community.skill')}
          </label>
          <input id="qb-skill" name="skill" value={filters.skill} maxLength={SKILL_MAX_CHARS} dir="auto" class="input input-sm w-full" />
        </div>
        <FilterSelect
          idPrefix="qb"
          name="sort"
          label={c.t('browse.sort')}
          value={filters.sort}
          options={TOPIC_SORTS.map((s): [string, string] => [s, c.t(`community.sort.${s}`)])}
        />
      </ListingForm>
      <TopicResults {...props} />
    </Layout>
  );
}
