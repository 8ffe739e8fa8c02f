import { imageUrl } from '../../../platform/files.ts';
import type { FormState, ViewCtx } from '../../../platform/http/pages.ts';
import { type CategoryNode, CategoryOptions } from '../../../web/categories.tsx';
import { Card, Field, Form, FormAlert, NumberField, PageTitle, SelectField } from '../../../web/components.tsx';
import { Layout } from '../../../web/layout.tsx';
import { ADDONS_MAX, IMAGES_MAX } from '../rules.ts';
import type { ServiceRow } from '../service.ts';
import { PackagesFields, type PackagesInput } from './packages.tsx';

/** One add-on row as typed (strings, so a bad value comes back exactly as it was typed). */
export interface AddonInput {
  title: string;
  price: string;
  days: string;
}

/**
 * The service form's state: the scalar fields in `values` (title, categoryId, skills, description, price,
 * deliveryDays, instructions), the add-on rows, the images already stored (their ids, in order: the first
 * is the main image), and the uploads of the last request that were refused.
 */
export interface ServiceFormState extends FormState {
  addons: AddonInput[];
  /** The packages section as typed (issue 20). */
  packages: PackagesInput;
  imageIds: number[];
  refused: { name: string; code: string; params: Record<string, string | number> }[];
}

export const emptyServiceForm: ServiceFormState = {
  values: {},
  errors: {},
  formError: null,
  params: {},
  addons: [],
  packages: {},
  imageIds: [],
  refused: [],
};

/** How many empty add-on rows the form offers under the filled ones (never more than the limit in total). */
const EMPTY_ADDON_ROWS = 3;

export function ServiceFormPage(props: {
  c: ViewCtx;
  state: ServiceFormState;
  categories: CategoryNode[];
  service: ServiceRow | null;
  /** The public ids of the seller's own images among `state.imageIds`, for their thumbnails. */
  images: Map<number, string>;
}) {
  const { c, state, service } = props;
  const action = service ? `/my/services/${service.id}/edit` : '/my/services/new';
  const live = service?.status === 'published' || service?.status === 'paused';
  const title = c.t(service ? 'publish.edit_title' : 'publish.new_title');
  return (
    <Layout c={c} title={title} scripts={['publish.js']}>
      <p class="text-sm">
        <a class="link" href={c.href('/my/services')}>
          {c.t('publish.back')}
        </a>
      </p>
      <PageTitle>{title}</PageTitle>
      <div class="max-w-3xl space-y-4">
        <Notice c={c} service={service} />
        <FormAlert c={c} state={state} />
        <Form c={c} action={action} multipart class="space-y-4" id="service-form">
          <Card>
            <Field
              c={c}
              state={state}
              name="title"
              dir="auto"
              label={c.t('publish.field.title')}
              hint={c.t('publish.field.title_hint')}
              maxLength={100}
              required
            />
            <SelectField c={c} state={state} name="categoryId" label={c.t('publish.field.category')}>
              <CategoryOptions c={c} categories={props.categories} selected={state.values.categoryId ?? ''} />
            </SelectField>
            <Field
              c={c}
              state={state}
              name="skills"
              dir="auto"
              label={c.t('publish.field.skills')}
              hint={c.t('publish.field.skills_hint')}
            />
            <Field
              c={c}
              state={state}
              name="description"
              dir="auto"
              label={c.t('publish.field.description')}
              hint={c.t('publish.field.description_hint')}
              textarea
              rows={8}
              maxLength={5000}
              required
            />
            <div class="grid gap-x-4 sm:grid-cols-2">
              <NumberField
                c={c}
                state={state}
                name="price"
                label={c.t('publish.field.price')}
                hint={c.t('publish.field.price_hint')}
                maxLength={10}
              />
              <NumberField
                c={c}
                state={state}
                name="deliveryDays"
                label={c.t('publish.field.days')}
                hint={c.t('publish.field.days_hint')}
                maxLength={10}
              />
            </div>
            <Field
              c={c}
              state={state}
              name="instructions"
              dir="auto"
              label={c.t('publish.field.instructions')}
              hint={c.t('publish.field.instructions_hint')}
              textarea
              rows={4}
              maxLength={2000}
            />
          </Card>
          <Images c={c} state={state} images={props.images} />
          <PackagesFields c={c} state={state} packages={state.packages} />
          <Addons c={c} state={state} />
          <div class="flex flex-wrap gap-2 justify-end">
            {live || service?.status === 'pending' ? null : (
              <button class="btn" type="submit" name="action" value="draft" data-testid="save-draft">
                {c.t('publish.save_draft')}
              </button>
            )}
            <button class="btn btn-primary" type="submit" name="action" value="submit" data-testid="submit">
              {c.t(live ? 'publish.submit_edit' : 'publish.submit')}
            </button>
          </div>
        </Form>
      </div>
    </Layout>
  );
}

function Notice(props: { c: ViewCtx; service: ServiceRow | null }) {
  const { c, service: s } = props;
  if (!s) return null;
  const lines: string[] = [];
  if (s.status === 'published' || s.status === 'paused') lines.push(c.t('publish.notice_live'));
  if (s.pendingEdit) lines.push(c.t('publish.notice_pending_edit'));
  else if ((s.status === 'published' || s.status === 'paused') && s.rejectReason)
    lines.push(c.t('publish.edit_rejected', { reason: s.rejectReason }));
  if (s.status === 'pending') lines.push(c.t('publish.notice_in_review'));
  if (s.status === 'rejected') lines.push(c.t('publish.notice_rejected', { reason: s.rejectReason ?? '' }));
  if (lines.length === 0) return null;
  return (
    <div role="status" class={`alert ${s.status === 'rejected' ? 'alert-warning' : 'alert-info'} block`} data-testid="service-notice">
      {lines.map((l) => (
        <p key={l}>{l}</p>
      ))}
    </div>
  );
}

/** The category choices of a service or project form: an optgroup per top category, its subcategories as options. */
/** Images already stored (thumbnails, a main-image choice and a remove box) and a picker for more. */
function Images(props: { c: ViewCtx; state: ServiceFormState; images: Map<number, string> }) {
  const { c, state } = props;
  const err = state.errors.images;
  const room = Math.max(0, IMAGES_MAX - state.imageIds.length);
  return (
    <Card title={c.t('publish.field.images')}>
      <p id="f-images-hint" class="text-sm opacity-80">
        {c.t('publish.field.images_hint')}
      </p>
      {state.imageIds.length ? (
        <ul class="grid grid-cols-2 sm:grid-cols-3 gap-3" data-testid="images">
          {state.imageIds.map((id, i) => (
            <li key={id} class="rounded-box border border-base-300 overflow-hidden bg-base-200">
              <input type="hidden" name="imageIds" value={String(id)} />
              {props.images.has(id) ? (
                <img
                  src={imageUrl(props.images.get(id) as string, 'thumb')}
                  alt={c.t('publish.image_alt', { n: i + 1 })}
                  class="w-full aspect-[4/3] object-cover"
                />
              ) : null}
              <div class="flex flex-wrap items-center justify-between gap-2 p-2 text-sm">
                <label class="flex items-center gap-1 cursor-pointer">
                  <input type="radio" name="mainImage" value={String(id)} checked={i === 0} class="accent-primary size-4" />
                  {c.t('publish.image_main')}
                </label>
                <label class="flex items-center gap-1 cursor-pointer">
                  <input type="checkbox" name="removeImage" value={String(id)} class="checkbox checkbox-sm" />
                  {c.t('publish.image_remove')}
                </label>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      {room > 0 ? (
        <div class="fieldset">
          <label class="fieldset-legend" for="f-images">
            {c.t('publish.images_add')}
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
            data-room={String(room)}
          />
        </div>
      ) : null}
      {err || state.refused.length ? (
        <div id="f-images-err" class="text-error text-sm space-y-1" data-testid="error-images">
          {state.refused.length
            ? state.refused.map((r, i) => <p key={i}>{c.t('publish.file_refused', { name: r.name, message: c.t(r.code, r.params) })}</p>)
            : null}
          {err && !state.refused.some((r) => r.code === err) ? <p>{c.t(err, state.params)}</p> : null}
        </div>
      ) : null}
    </Card>
  );
}

/** The filled add-on rows, then empty ones (the enhancer shows one at a time), up to the limit. */
function Addons(props: { c: ViewCtx; state: ServiceFormState }) {
  const { c, state } = props;
  const filled = state.addons;
  const empties = Math.max(0, Math.min(EMPTY_ADDON_ROWS, ADDONS_MAX - filled.length));
  const rows: AddonInput[] = [...filled, ...Array.from({ length: empties }, () => ({ title: '', price: '', days: '' }))];
  const err = state.errors.addons;
  return (
    <Card title={c.t('publish.addons')}>
      <p class="text-sm opacity-80">{c.t('publish.addons_hint')}</p>
      {err ? (
        <p class="text-error text-sm" data-testid="error-addons">
          {c.t(err, state.params)}
        </p>
      ) : null}
      <div class="space-y-3" data-addons data-more-label={c.t('publish.addon_more')}>
        {rows.map((a, i) => {
          const empty = i >= filled.length;
          const e = (k: string) => state.errors[`addons.${i}.${k}`];
          const rowErrors = ['title', 'priceCents', 'extraDays'].map((k) => ({ k, code: e(k) })).filter((x) => x.code);
          return (
            <fieldset
              key={i}
              class="border border-base-300 rounded-box p-3 grid gap-2 grid-cols-2 md:grid-cols-[1fr_8rem_8rem]"
              data-addon-row={empty ? 'empty' : 'filled'}
            >
              <legend class="px-1 text-sm font-semibold">{c.t('publish.addon_n', { n: i + 1 })}</legend>
              <label class="col-span-2 md:col-span-1 text-xs">
                {c.t('publish.addon.title')}
                <input
                  name="addonTitle"
                  dir="auto"
                  value={a.title}
                  maxLength={100}
                  class={`input input-sm w-full mt-1 ${e('title') ? 'input-error' : ''}`}
                  aria-invalid={e('title') ? 'true' : undefined}
                />
              </label>
              <label class="text-xs">
                {c.t('publish.addon.price')}
                <input
                  name="addonPrice"
                  value={a.price}
                  inputMode="numeric"
                  dir="ltr"
                  maxLength={10}
                  class={`input input-sm w-full mt-1 ${e('priceCents') ? 'input-error' : ''}`}
                  aria-invalid={e('priceCents') ? 'true' : undefined}
                />
              </label>
              <label class="text-xs">
                {c.t('publish.addon.days')}
                <input
                  name="addonDays"
                  value={a.days}
                  inputMode="numeric"
                  dir="ltr"
                  maxLength={4}
                  class={`input input-sm w-full mt-1 ${e('extraDays') ? 'input-error' : ''}`}
                  aria-invalid={e('extraDays') ? 'true' : undefined}
                />
              </label>
              {rowErrors.length ? (
                <div class="col-span-2 md:col-span-3 text-error text-sm" data-testid={`error-addon-${i}`}>
                  {rowErrors.map((x) => (
                    <p key={x.k}>{c.t(x.code as string, state.params)}</p>
                  ))}
                </div>
              ) : null}
            </fieldset>
          );
        })}
      </div>
    </Card>
  );
}
