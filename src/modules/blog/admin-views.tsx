import { imageUrl } from '../../platform/files.ts';
import type { FormState, ViewCtx } from '../../platform/http/pages.ts';
import { formatDateTime, isolateLtr } from '../../platform/i18n/index.ts';
import { AdminShell } from '../../web/admin-shell.tsx';
import { ConfirmSubmit } from '../../web/components/confirm.tsx';
import { Card, Field, FieldError, Form, FormAlert, SelectField } from '../../web/components.tsx';
import { type ArticleState, BLOG_CATEGORIES, BODY_MAX, BODY_MIN, languagesOf, SLUG_MAX, TITLE_MAX, TITLE_MIN, versionOf } from './rules.ts';
import type { BlogArticleRow } from './schema.ts';

const STATE_BADGE: Record<ArticleState, string> = { published: 'badge-success', scheduled: 'badge-info', draft: 'badge-ghost' };

/** An article's state as a badge: draft, scheduled for a date, or published on one. */
export function StateBadge(props: { c: ViewCtx; state: ArticleState; at: Date | null }) {
  const { c, state, at } = props;
  return (
    <span class={`badge badge-sm h-auto whitespace-normal ${STATE_BADGE[state]}`} data-testid="article-state">
      {state === 'draft' ? c.t('blog.state.draft') : c.t(`blog.state.${state}_at`, { date: at ? formatDateTime(c.locale, at) : '' })}
    </span>
  );
}

/** The staff's list: every article, the latest edited first, with its state and languages. */
export function BlogAdminListPage(props: { c: ViewCtx; items: BlogArticleRow[]; now: Date; stateOf: (a: BlogArticleRow) => ArticleState }) {
  const { c } = props;
  return (
    <AdminShell c={c} title={c.t('admin.blog')}>
      <p class="mb-4">
        <a class="btn btn-primary" href={c.href('/admin/blog/new')} data-testid="new-article">
          {c.t('blog.admin.new')}
        </a>
      </p>
      {props.items.length === 0 ? (
        <p class="card bg-base-100 p-6 text-center" data-testid="admin-blog-empty">
          {c.t('blog.admin.none')}
        </p>
      ) : (
        <ul class="bg-base-100 rounded-box divide-y divide-base-200" data-testid="admin-blog">
          {props.items.map((a) => {
            const v = versionOf(a, c.locale);
            return (
              <li key={a.id} class="p-3 flex flex-wrap items-center gap-2" data-testid={`admin-article-${a.id}`}>
                <div class="min-w-0 flex-1 basis-60">
                  <a class="link link-primary font-semibold break-words" href={c.href(`/admin/blog/${a.id}/edit`)} lang={v.lang} dir="auto">
                    {v.title || a.slug}
                  </a>
                  <p class="text-xs opacity-70 break-all" dir="ltr">
                    /blog/{a.slug}
                  </p>
                </div>
                <StateBadge c={c} state={props.stateOf(a)} at={a.publishAt} />
                <span class="badge badge-sm badge-outline">{c.t(`blog.category.${a.category}`)}</span>
                <span class="text-xs opacity-70" data-testid="languages">
                  {languagesOf(a)
                    .map((l) => c.t(`blog.lang.${l}`))
                    .join(' · ')}
                </span>
                <a class="btn btn-ghost btn-xs" href={c.href(`/blog/${a.slug}`)}>
                  {c.t('blog.admin.view')}
                </a>
              </li>
            );
          })}
        </ul>
      )}
    </AdminShell>
  );
}

/** A time for the form's datetime-local field (UTC, to the minute). */
export const localInputValue = (d: Date | null) => (d ? d.toISOString().slice(0, 16) : '');

/** An article's fields as the form shows them. */
export function articleValues(a: BlogArticleRow): Record<string, string> {
  return {
    slug: a.slug,
    category: a.category,
    publishAt: localInputValue(a.publishAt),
    titleAr: a.titleAr,
    bodyAr: a.bodyAr,
    titleEn: a.titleEn,
    bodyEn: a.bodyEn,
  };
}

/** The formatting's marks as the body's hint shows them, each isolated so it reads the same in an Arabic sentence. */
const FORMAT_EXAMPLES = {
  ar: {
    h2: isolateLtr('## '),
    h3: isolateLtr('### '),
    li: isolateLtr('- '),
    bold: isolateLtr('**…**'),
    link: isolateLtr('[…](/services)'),
  },
  en: { h2: '"## "', h3: '"### "', li: '"- "', bold: '**…**', link: '[text](/services)' },
};

/** One language's title and body. */
function LanguageCard(props: { c: ViewCtx; state: FormState; lang: 'ar' | 'en' }) {
  const { c, state, lang } = props;
  const suffix = lang === 'ar' ? 'Ar' : 'En';
  const dir = lang === 'ar' ? 'rtl' : 'ltr';
  return (
    <Card title={c.t(`blog.f.version_${lang}`)}>
      <Field
        c={c}
        state={state}
        name={`title${suffix}`}
        label={c.t('blog.f.title')}
        hint={c.t('blog.f.title_hint', { min: TITLE_MIN, max: TITLE_MAX })}
        maxLength={TITLE_MAX}
        dir={dir}
      />
      <Field
        c={c}
        state={state}
        name={`body${suffix}`}
        label={c.t('blog.f.body')}
        hint={c.t('blog.f.body_hint', { min: BODY_MIN, max: BODY_MAX, ...FORMAT_EXAMPLES[lang] })}
        textarea
        rows={16}
        maxLength={BODY_MAX}
        dir={dir}
      />
    </Card>
  );
}

/**
 * Writing an article: both languages (either may stay empty), the address, category, publish date and cover.
 * A refused save comes back with everything typed and each field's reason; a cover chosen in that request is not
 * kept (no orphan file), so the form asks for it again.
 */
export function ArticleFormPage(props: {
  c: ViewCtx;
  state: FormState;
  article: BlogArticleRow | null;
  articleState: ArticleState | null;
  cover: string | null;
}) {
  const { c, state, article } = props;
  const v = state.values;
  const title = c.t(article ? 'blog.admin.edit' : 'blog.admin.new');
  const action = article ? `/admin/blog/${article.id}/edit` : '/admin/blog/new';
  const published = article?.status === 'published';
  const coverErr = state.errors.cover;
  return (
    <AdminShell c={c} title={title}>
      <div class="max-w-3xl space-y-4">
        <p class="text-sm flex flex-wrap gap-3">
          <a class="link" href={c.href('/admin/blog')}>
            {c.t('blog.admin.back')}
          </a>
          {article ? (
            <a class="link" href={c.href(`/blog/${article.slug}`)} data-testid="preview-link">
              {c.t(published && props.articleState === 'published' ? 'blog.admin.view' : 'blog.admin.preview')}
            </a>
          ) : null}
        </p>
        {article && props.articleState ? <StateBadge c={c} state={props.articleState} at={article.publishAt} /> : null}
        <FormAlert c={c} state={state} />
        <Form c={c} action={action} multipart id="article-form">
          <Card>
            <Field
              c={c}
              state={state}
              name="slug"
              label={c.t('blog.f.slug')}
              hint={c.t('blog.f.slug_hint', { max: SLUG_MAX, example: isolateLtr('how-to-sell') })}
              maxLength={SLUG_MAX}
              dir="ltr"
            />
            <SelectField c={c} state={state} name="category" label={c.t('blog.f.category')}>
              {BLOG_CATEGORIES.map((k) => (
                <option key={k} value={k} selected={v.category === k}>
                  {c.t(`blog.category.${k}`)}
                </option>
              ))}
            </SelectField>
            <div class="fieldset">
              <label class="fieldset-legend" for="f-publishAt">
                {c.t('blog.f.publish_at')}
              </label>
              <input
                id="f-publishAt"
                name="publishAt"
                type="datetime-local"
                value={v.publishAt ?? ''}
                dir="ltr"
                class={`input w-full ${state.errors.publishAt ? 'input-error' : ''}`}
                aria-describedby="f-publishAt-hint"
                aria-invalid={state.errors.publishAt ? 'true' : undefined}
              />
              <p id="f-publishAt-hint" class="label text-xs whitespace-normal">
                {c.t('blog.f.publish_at_hint')}
              </p>
              <FieldError c={c} state={state} name="publishAt" id="f-publishAt" />
            </div>
          </Card>
          <LanguageCard c={c} state={state} lang="ar" />
          <LanguageCard c={c} state={state} lang="en" />
          <Card title={c.t('blog.f.cover')}>
            {props.cover ? (
              <div class="space-y-2" data-testid="current-cover">
                <img src={imageUrl(props.cover, 'thumb')} alt="" width={480} height={360} class="w-full max-w-xs rounded-box" />
                <label class="flex items-center gap-2 cursor-pointer text-sm">
                  <input type="checkbox" name="removeCover" value="1" class="checkbox checkbox-sm" />
                  {c.t('blog.f.remove_cover')}
                </label>
              </div>
            ) : null}
            <div class="fieldset">
              <label class="fieldset-legend" for="f-cover">
                {c.t(props.cover ? 'blog.f.replace_cover' : 'blog.f.cover_add')}
              </label>
              <input
                id="f-cover"
                name="cover"
                type="file"
                accept="image/png,image/jpeg,image/webp,image/gif"
                class={`file-input w-full ${coverErr ? 'file-input-error' : ''}`}
                aria-describedby={`f-cover-hint${coverErr ? ' f-cover-err' : ''}`}
                aria-invalid={coverErr ? 'true' : undefined}
              />
              <p id="f-cover-hint" class="label text-xs whitespace-normal">
                {c.t('blog.f.cover_hint')}
              </p>
              <FieldError c={c} state={state} name="cover" id="f-cover" />
            </div>
          </Card>
          <div class="flex flex-wrap gap-2">
            <button type="submit" name="action" value="publish" class="btn btn-primary" data-testid="publish">
              {c.t(published ? 'blog.f.save' : 'blog.f.publish')}
            </button>
            {published ? null : (
              <button type="submit" name="action" value="draft" class="btn" data-testid="save-draft">
                {c.t('blog.f.save_draft')}
              </button>
            )}
          </div>
        </Form>
        {published && article ? (
          <Form c={c} action={`/admin/blog/${article.id}/unpublish`} class="pt-2">
            <ConfirmSubmit
              c={c}
              id={`confirm-unpublish-${article.id}`}
              label={c.t('blog.f.unpublish')}
              question={c.t('blog.f.unpublish_question')}
              confirm={c.t('blog.f.unpublish_confirm')}
              class="btn btn-outline btn-warning"
              tone="danger"
              testid="unpublish"
            />
            <p class="text-xs opacity-70 mt-1">{c.t('blog.f.unpublish_hint')}</p>
          </Form>
        ) : null}
      </div>
    </AdminShell>
  );
}
