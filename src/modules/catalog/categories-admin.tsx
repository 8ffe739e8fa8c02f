import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../platform/container.ts';
import { AppError } from '../../platform/errors.ts';
import {
  emptyForm,
  type FormState,
  form,
  page,
  redirectTo,
  requireUser,
  sendHtml,
  type ViewCtx,
  viewCtx,
} from '../../platform/http/pages.ts';
import { parseId } from '../../platform/http/request.ts';
import { AdminShell } from '../../web/admin-shell.tsx';
import { ConfirmSubmit } from '../../web/components/confirm.tsx';
import { Card, Field, Form, FormAlert } from '../../web/components.tsx';
import { mayManageCategories } from './policy.ts';
import type { CategoryNode } from './service.ts';

function CategoriesPage(props: { c: ViewCtx; tree: CategoryNode[]; state: FormState }) {
  const { c, state } = props;
  const editing = state.values.id ? Number(state.values.id) : null;
  const row = (n: CategoryNode, parentId: number | null) => {
    const s: FormState = editing === n.id ? state : { ...emptyForm, values: {} };
    return (
      <details key={n.id} class="collapse collapse-arrow bg-base-100 mb-1" open={editing === n.id}>
        <summary class="collapse-title font-semibold">
          {n.nameAr} · <span dir="ltr">{n.nameEn}</span> <span class="badge badge-ghost font-mono">{n.slug}</span>
        </summary>
        <div class="collapse-content">
          <FormAlert c={c} state={s} />
          <Form c={c} action="/admin/categories" class="grid gap-2 md:grid-cols-4 items-end">
            <input type="hidden" name="id" value={String(n.id)} />
            <input type="hidden" name="parentId" value={parentId ? String(parentId) : ''} />
            <Field c={c} state={s} name="nameAr" label={c.t('category.name_ar')} value={n.nameAr} dir="rtl" />
            <Field c={c} state={s} name="nameEn" label={c.t('category.name_en')} value={n.nameEn} dir="ltr" />
            <Field c={c} state={s} name="slug" label={c.t('category.slug')} value={n.slug} dir="ltr" />
            <button class="btn btn-sm btn-primary" type="submit">
              {c.t('common.save')}
            </button>
          </Form>
          <Form c={c} action={`/admin/categories/${n.id}/delete`} class="mt-2">
            <ConfirmSubmit
              c={c}
              id={`confirm-category-delete-${n.id}`}
              label={c.t('category.delete')}
              question={c.t('category.delete_confirm', { name: c.locale === 'en' ? n.nameEn : n.nameAr })}
              confirm={c.t('category.delete')}
              class="btn btn-xs btn-outline btn-error"
              testid={`category-delete-${n.id}`}
            />
          </Form>
        </div>
      </details>
    );
  };
  const addState = editing ? emptyForm : state;
  return (
    <AdminShell c={c} title={c.t('category.title')}>
      <div class="grid gap-4 md:grid-cols-3">
        <div class="md:col-span-2" data-testid="category-tree">
          {props.tree.map((top) => (
            <section key={top.id} class="mb-3">
              {row(top, null)}
              <div class="ps-6">{top.children.map((sub) => row(sub, top.id))}</div>
            </section>
          ))}
        </div>
        <Card title={c.t('category.add')}>
          <FormAlert c={c} state={addState} />
          <Form c={c} action="/admin/categories">
            <div class="fieldset">
              <label class="fieldset-legend" for="f-parentId">
                {c.t('category.parent')}
              </label>
              <select id="f-parentId" name="parentId" class="select w-full">
                <option value="">{c.t('category.top_level')}</option>
                {props.tree.map((t) => (
                  <option key={t.id} value={String(t.id)} selected={addState.values.parentId === String(t.id)}>
                    {c.locale === 'ar' ? t.nameAr : t.nameEn}
                  </option>
                ))}
              </select>
              {addState.errors.parentId ? <p class="text-error text-sm">{c.t(addState.errors.parentId)}</p> : null}
            </div>
            <Field c={c} state={addState} name="nameAr" label={c.t('category.name_ar')} dir="rtl" />
            <Field c={c} state={addState} name="nameEn" label={c.t('category.name_en')} dir="ltr" />
            <Field c={c} state={addState} name="slug" label={c.t('category.slug')} hint={c.t('category.slug_hint')} dir="ltr" />
            <button class="btn btn-primary" type="submit">
              {c.t('category.add')}
            </button>
          </Form>
        </Card>
      </div>
    </AdminShell>
  );
}

/** Admins manage the category tree (RULES.md: categories with subcategories, names in Arabic and English). */
export function categoriesAdminRoutes(app: FastifyInstance, services: Services): void {
  const { catalog } = services;
  const view = async (req: FastifyRequest, state: FormState) => {
    const user = requireUser(req);
    if (!mayManageCategories(user)) throw new AppError('auth.forbidden');
    return CategoriesPage({ c: viewCtx(req), tree: await catalog.categoryTree(), state });
  };
  page(app, 'GET', '/admin/categories', async (req, reply) => sendHtml(reply, await view(req, emptyForm)));
  form(app, '/admin/categories', {
    auth: true,
    render: view,
    handle: async (req, v, reply) => {
      const num = (x: string | undefined) => parseId(x) ?? undefined;
      await catalog.saveCategory(requireUser(req), {
        id: num(v.id),
        parentId: num(v.parentId) ?? null,
        slug: v.slug ?? '',
        nameAr: v.nameAr ?? '',
        nameEn: v.nameEn ?? '',
      });
      return redirectTo(reply, '/admin/categories', 'category.saved');
    },
  });
  form(app, '/admin/categories/:id/delete', {
    auth: true,
    render: view,
    handle: async (req, _v, reply) => {
      const id = parseId((req.params as { id: string }).id);
      if (id === null) throw new AppError('category.not_found');
      await catalog.deleteCategory(requireUser(req), id);
      return redirectTo(reply, '/admin/categories', 'category.deleted');
    },
  });
}
