import { imageUrl } from '../../platform/files.ts';
import type { FormState, ViewCtx } from '../../platform/http/pages.ts';
import { formatDate } from '../../platform/i18n/index.ts';
import { type CategoryNode, CategoryOptions } from '../../web/categories.tsx';
import { Card, Field, Form, FormAlert, PageTitle, SelectField } from '../../web/components.tsx';
import { Layout } from '../../web/layout.tsx';
import { DESCRIPTION_MAX, DESCRIPTION_MIN, IMAGES_MAX, LINK_MAX, SKILLS_MAX, TITLE_MAX, TITLE_MIN } from './rules.ts';
import type { WorkRow } from './service.ts';

/** The work form's state: the typed fields in `values`, and the images already stored (ids in order, the cover first). */
export interface WorkFormState extends FormState {
  imageIds: number[];
}

export const emptyWorkForm: WorkFormState = { values: {}, errors: {}, formError: null, params: {}, imageIds: [] };

/** A completed sale the work may be linked to (the form's choice). */
export interface SaleChoice {
  id: number;
  title: string;
  completedAt: Date | null;
}

/** The stored images (thumbnails, the cover choice and a remove box) and a picker for more. */
function Images(props: { c: ViewCtx; state: WorkFormState; images: Map<number, string> }) {
  const { c, state } = props;
  const err = state.errors.images;
  const room = Math.max(0, IMAGES_MAX - state.imageIds.length);
  return (
    <Card title={c.t('works.f.images')}>
      <p id="f-images-hint" class="text-sm opacity-80">
        {c.t('works.f.images_hint', { max: IMAGES_MAX - 1 })}
      </p>
      {state.imageIds.length ? (
        <ul class="grid grid-cols-2 sm:grid-cols-3 gap-3" data-testid="images">
          {state.imageIds.map((id, i) => (
            <li key={id} class="rounded-box border border-base-300 overflow-hidden bg-base-200">
              <input type="hidden" name="imageIds" value={String(id)} />
              {props.images.has(id) ? (
                <img
                  src={imageUrl(props.images.get(id) as string, 'thumb')}
                  alt={c.t('works.f.image_alt', { position: i + 1 })}
                  width={480}
                  height={360}
                  class="w-full aspect-[4/3] object-cover"
                />
              ) : null}
              <div class="flex flex-wrap items-center justify-between gap-2 p-2 text-sm">
                <label class="flex items-center gap-1 cursor-pointer">
                  <input type="radio" name="cover" value={String(id)} checked={i === 0} class="accent-primary size-4" />
                  {c.t('works.f.cover')}
                </label>
                <label class="flex items-center gap-1 cursor-pointer">
                  <input type="checkbox" name="removeImage" value={String(id)} class="checkbox checkbox-sm" />
                  {c.t('works.f.remove')}
                </label>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      {room > 0 ? (
        <div class="fieldset">
          <label class="fieldset-legend" for="f-images">
            {c.t('works.f.images_add')}
          </label>
          <input
            id="f-images"
            name="images"
            type="file"
            multiple
            accept="image/png,image/jpeg,image/webp,image/gif"
            class={`file-input w-full ${err ? 'file-input-error' : ''}`}
            aria-describedby={`f-images-hint${err ? ' f-images-err' : ''}`}
            aria-invalid={err ? 'true' : undefined}
          />
        </div>
      ) : null}
      {err ? (
        <p id="f-images-err" class="text-error text-sm" role="alert" data-testid="error-images">
          {state.params.file
            ? c.t('works.f.file_refused', { name: String(state.params.file), message: c.t(err, state.params) })
            : c.t(err, state.params)}
        </p>
      ) : null}
    </Card>
  );
}

/**
 * Writing a work: kept as a draft or published. What was typed comes back with each field's reason when a save is
 * refused; the files chosen in that request are not kept (no orphan), so they are picked again.
 */
export function WorkFormPage(props: {
  c: ViewCtx;
  state: WorkFormState;
  categories: CategoryNode[];
  work: WorkRow | null;
  images: Map<number, string>;
  sales: SaleChoice[];
}) {
  const { c, state, work } = props;
  const v = state.values;
  const action = work ? `/works/${work.id}/edit` : '/works/new';
  const title = c.t(work ? 'works.edit_title' : 'works.new_title');
  const published = work?.status === 'published';
  return (
    <Layout c={c} title={title}>
      <p class="text-sm">
        <a class="link" href={c.href(work ? `/works/${work.id}` : '/my/works')}>
          {c.t(work ? 'works.back_to_work' : 'works.back_to_mine')}
        </a>
      </p>
      <PageTitle>{title}</PageTitle>
      <div class="max-w-3xl space-y-4">
        {work?.hiddenReason && work.status === 'hidden' ? (
          <div role="alert" class="alert alert-warning" data-testid="hidden-reason">
            {c.t('works.hidden_because', { reason: work.hiddenReason })}
          </div>
        ) : null}
        <FormAlert c={c} state={state} />
        <Form c={c} action={action} multipart class="space-y-4" id="work-form">
          <Card>
            <Field
              c={c}
              state={state}
              name="title"
              label={c.t('works.f.title')}
              hint={c.t('works.f.title_hint', { min: TITLE_MIN, max: TITLE_MAX })}
              maxLength={TITLE_MAX}
              dir="auto"
              required
            />
            <SelectField c={c} state={state} name="categoryId" label={c.t('works.f.category')}>
              <CategoryOptions c={c} categories={props.categories} selected={v.categoryId ?? ''} />
            </SelectField>
            <Field
              c={c}
              state={state}
              name="description"
              label={c.t('works.f.description')}
              hint={c.t('works.f.description_hint', { min: DESCRIPTION_MIN, max: DESCRIPTION_MAX })}
              textarea
              rows={6}
              maxLength={DESCRIPTION_MAX}
              dir="auto"
              required
            />
            <Field
              c={c}
              state={state}
              name="skills"
              label={c.t('works.f.skills')}
              hint={c.t('works.f.skills_hint', { max: SKILLS_MAX })}
              maxLength={400}
              dir="auto"
            />
            <Field
              c={c}
              state={state}
              name="link"
              type="url"
              label={c.t('works.f.link')}
              hint={c.t('works.f.link_hint')}
              maxLength={LINK_MAX}
              dir="ltr"
            />
            <SelectField c={c} state={state} name="orderId" label={c.t('works.f.order')} hint={c.t('works.f.order_hint')}>
              <option value="">{c.t('works.f.order_none')}</option>
              {props.sales.map((s) => (
                <option key={s.id} value={String(s.id)} selected={v.orderId === String(s.id)}>
                  {`#${s.id} — ${s.title}${s.completedAt ? ` (${formatDate(c.locale, s.completedAt)})` : ''}`}
                </option>
              ))}
              {v.orderId && !props.sales.some((s) => String(s.id) === v.orderId) ? (
                <option value={v.orderId} selected>
                  {`#${v.orderId}`}
                </option>
              ) : null}
            </SelectField>
          </Card>
          <Images c={c} state={state} images={props.images} />
          <div class="flex flex-wrap gap-2">
            <button type="submit" name="action" value="publish" class="btn btn-primary" data-testid="publish">
              {c.t(published ? 'works.f.save' : 'works.f.publish')}
            </button>
            {published ? null : (
              <button type="submit" name="action" value="draft" class="btn" data-testid="save-draft">
                {c.t('works.f.save_draft')}
              </button>
            )}
          </div>
        </Form>
      </div>
    </Layout>
  );
}
