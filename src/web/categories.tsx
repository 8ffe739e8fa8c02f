import type { ViewCtx } from '../platform/http/pages.ts';

/** The category tree as every list and form shows it (the catalog owns the data; projects and others show it). */
export interface CategoryNode {
  id: number;
  slug: string;
  nameAr: string;
  nameEn: string;
  children: CategoryNode[];
}

export interface CategoryEntry {
  node: CategoryNode;
  parent: CategoryNode | null;
}

/** Categories by slug and by id, each with its parent (top categories have none). */
export function indexCategories(tree: CategoryNode[]) {
  const bySlug = new Map<string, CategoryEntry>();
  const byId = new Map<number, CategoryEntry>();
  for (const top of tree) {
    const e = { node: top, parent: null };
    bySlug.set(top.slug, e);
    byId.set(top.id, e);
    for (const sub of top.children) {
      const s = { node: sub, parent: top };
      bySlug.set(sub.slug, s);
      byId.set(sub.id, s);
    }
  }
  return { tree, bySlug, byId };
}
export type CategoryIndex = ReturnType<typeof indexCategories>;

/** The category tree changes rarely: read at most every 30 s per catalog (per app). */
const trees = new WeakMap<object, { at: number; index: CategoryIndex }>();
export async function categoryIndexOf(catalog: { categoryTree(): Promise<CategoryNode[]> }): Promise<CategoryIndex> {
  const hit = trees.get(catalog);
  if (hit && Date.now() - hit.at < 30_000) return hit.index;
  const index = indexCategories(await catalog.categoryTree());
  trees.set(catalog, { at: Date.now(), index });
  return index;
}

/** A category slug or id → its id and its subcategories' (a top category includes them); null when unknown. */
export function categoryIdsOf(index: CategoryIndex, ref: string): number[] | null {
  const e = /^\d{1,10}$/.test(ref) ? index.byId.get(Number(ref)) : index.bySlug.get(ref);
  if (!e) return null;
  return [e.node.id, ...e.node.children.map((ch) => ch.id)];
}

export const categoryName = (c: { locale: 'ar' | 'en' }, n: { nameAr: string; nameEn: string }) =>
  c.locale === 'ar' ? n.nameAr : n.nameEn;

/** The category filter's choices: any, then each top category followed by its subcategories. */
export function categoryOptions(c: ViewCtx, tree: CategoryNode[]): [string, string][] {
  const options: [string, string][] = [['', c.t('category.any')]];
  for (const top of tree) {
    options.push([top.slug, categoryName(c, top)]);
    for (const sub of top.children) options.push([sub.slug, `— ${categoryName(c, sub)}`]);
  }
  return options;
}

/** A list's heading: what was searched for, else the category, else `all`. */
export function resultsHeading(c: ViewCtx, categories: CategoryIndex, f: { q: string; category: string }, all: string): string {
  if (f.q) return c.t('listing.results_for', { q: f.q });
  const cat = categories.bySlug.get(f.category);
  return cat ? categoryName(c, cat.node) : all;
}

/** A subcategory's name with its parent's, for staff queues. */
export interface CategoryLabel {
  name: string;
  parent: string;
}

export function categoryLabels(tree: CategoryNode[], locale: 'ar' | 'en'): Map<number, CategoryLabel> {
  const labels = new Map<number, CategoryLabel>();
  for (const top of tree)
    for (const sub of top.children) labels.set(sub.id, { name: categoryName({ locale }, sub), parent: categoryName({ locale }, top) });
  return labels;
}

/** A form's subcategory choices, grouped under their top categories. */
export function CategoryOptions(props: { c: ViewCtx; categories: CategoryNode[]; selected: string }) {
  const { c } = props;
  return (
    <>
      <option value="">{c.t('category.choose_sub')}</option>
      {props.categories.map((top) => (
        <optgroup key={top.id} label={categoryName(c, top)}>
          {top.children.map((sub) => (
            <option key={sub.id} value={String(sub.id)} selected={String(sub.id) === props.selected}>
              {categoryName(c, sub)}
            </option>
          ))}
        </optgroup>
      ))}
    </>
  );
}
