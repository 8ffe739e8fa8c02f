import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../platform/container.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { IMAGE_MAX_BYTES } from '../../platform/files.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { csrfValid, emptyForm, type FormState, form, page, redirectTo, requireUser, sendHtml, viewCtx } from '../../platform/http/pages.ts';
import { parseId } from '../../platform/http/request.ts';
import { type FormUpload, readFormLists, withSavedUploads } from '../../platform/http/uploads.ts';
import { ArticleFormPage, articleValues, BlogAdminListPage } from './admin-views.tsx';
import { mayWriteArticles } from './policy.ts';
import { articleState, BLOG_COVER } from './rules.ts';
import type { BlogArticleRow } from './schema.ts';

const FIELDS = ['slug', 'category', 'publishAt', 'titleAr', 'bodyAr', 'titleEn', 'bodyEn', 'action', 'removeCover'] as const;
// A body of 50,000 Arabic letters is ~100 KB of UTF-8: room for it, one cover and the form's few fields.
const FORM_LIMITS = { fileSize: IMAGE_MAX_BYTES, files: 2, fields: 20, parts: 30, fieldSize: 256 * 1024 };

/**
 * The staff's blog pages in the admin area (`/admin/blog`: the list, a new article, an article's form, unpublish),
 * for those with the `content` permission (everyone else: 403, before any file is stored). The form is multipart
 * with its cover: the CSRF token and the permission are checked first, the cover is re-encoded by
 * `files.saveImage` (a `blog_cover`), and when anything refuses the save the cover stored by this request is
 * removed again (`withSavedUploads`: no orphan) and the form comes back with everything typed.
 */
export function blogAdminPages(app: FastifyInstance, services: Services, deps: Deps): void {
  const { blog, files } = services;
  const writer = (req: FastifyRequest): AuthUser => {
    const u = requireUser(req);
    if (!mayWriteArticles(u)) throw new AppError('auth.forbidden');
    return u;
  };
  const idOf = (req: FastifyRequest) => {
    const id = parseId((req.params as { id: string }).id);
    if (id === null) throw new AppError('blog.not_found');
    return id;
  };

  const formView = async (req: FastifyRequest, state: FormState, article: BlogArticleRow | null) => {
    const covers = article ? await blog.coversOf([article]) : new Map<number, string>();
    return (
      <ArticleFormPage
        c={viewCtx(req)}
        state={state}
        article={article}
        articleState={article ? articleState(article, deps.clock()) : null}
        cover={article?.coverFileId ? (covers.get(article.coverFileId) ?? null) : null}
      />
    );
  };

  page(app, 'GET', '/admin/blog', async (req, reply) => {
    const user = writer(req);
    const now = deps.clock();
    const items = await blog.adminList(user);
    return sendHtml(reply, <BlogAdminListPage c={viewCtx(req)} items={items} now={now} stateOf={(a) => articleState(a, now)} />);
  });

  /** The cover, stored as a `blog_cover`; a refusal is the `cover` field's. */
  const saveCover = (user: AuthUser) => async (u: FormUpload) => {
    try {
      return await files.saveImage(user.id, { name: u.name || 'cover', bytes: u.bytes }, BLOG_COVER);
    } catch (err) {
      if (err instanceof AppError && err.fields.file) throw invalid({ cover: err.fields.file }, err.params);
      throw err;
    }
  };

  const save = async (req: FastifyRequest, reply: FastifyReply, existing: BlogArticleRow | null) => {
    const user = writer(req);
    const { fields, uploads, overflow } = await readFormLists(req, 'cover', FORM_LIMITS);
    const values: Record<string, string> = {};
    for (const k of FIELDS) {
      const v = fields[k]?.at(-1);
      if (v !== undefined) values[k] = v;
    }
    const again = async (status: number, s: Partial<FormState>) =>
      sendHtml(reply, await formView(req, { ...emptyForm, values, ...s }, existing), status);
    if (!csrfValid(req, fields._csrf?.at(-1))) return again(403, { formError: 'http.csrf' });
    if (overflow === 'FST_FILES_LIMIT' || uploads.length > 1) return again(400, { errors: { cover: 'blog.cover_one' } });
    if (overflow) return again(413, { formError: 'http.too_large' });
    if (uploads.some((u) => u.tooLarge)) return again(400, { errors: { cover: 'file.too_large' }, params: { max: '5 MB' } });
    const publish = values.action === 'publish';
    try {
      const row = await withSavedUploads(
        files,
        user.id,
        uploads,
        (added) => {
          const coverFileId = added.length ? added[0] : values.removeCover ? null : undefined;
          const opts = { publish, coverFileId, ip: req.ip ?? null };
          return existing
            ? blog.update(user, existing.id, values, opts)
            : blog.create(user, values, { ...opts, coverFileId: coverFileId ?? null });
        },
        saveCover(user),
      );
      const state = articleState(row, deps.clock());
      return redirectTo(reply, `/admin/blog/${row.id}/edit`, `blog.saved_${state}`);
    } catch (err) {
      if (!(err instanceof AppError) || err.code === 'auth.required' || err.code === 'auth.forbidden') throw err;
      const fieldKeys = Object.keys(err.fields);
      return again(err.status, {
        errors: err.fields,
        formError: fieldKeys.length && err.code === 'validation.failed' ? null : err.code,
        params: err.params,
      });
    }
  };

  page(app, 'GET', '/admin/blog/new', async (req, reply) => {
    writer(req);
    return sendHtml(reply, await formView(req, { ...emptyForm, values: { category: 'freelancing' } }, null));
  });
  page(app, 'POST', '/admin/blog/new', async (req, reply) => save(req, reply, null));
  page(app, 'GET', '/admin/blog/:id/edit', async (req, reply) => {
    const a = await blog.forEdit(writer(req), idOf(req));
    return sendHtml(reply, await formView(req, { ...emptyForm, values: articleValues(a) }, a));
  });
  page(app, 'POST', '/admin/blog/:id/edit', async (req, reply) => save(req, reply, await blog.forEdit(writer(req), idOf(req))));

  form(app, '/admin/blog/:id/unpublish', {
    auth: true,
    render: async (req, state) => {
      const a = await blog.forEdit(writer(req), idOf(req));
      return formView(req, { ...state, values: articleValues(a) }, a);
    },
    handle: async (req, _v, reply) => {
      const a = await blog.unpublish(requireUser(req), idOf(req), { ip: req.ip ?? null });
      return redirectTo(reply, `/admin/blog/${a.id}/edit`, 'blog.unpublished_flash');
    },
  });
}
