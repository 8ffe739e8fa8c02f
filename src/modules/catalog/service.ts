import { asc } from 'drizzle-orm';
import type { Deps } from '../../platform/deps.ts';
import { categories } from './schema.ts';

export interface CategoryNode {
  id: number;
  slug: string;
  nameAr: string;
  nameEn: string;
  children: CategoryNode[];
}

export function createCatalogService(deps: Deps) {
  return {
    /** The category tree, top level first, in display order. */
    async categoryTree(): Promise<CategoryNode[]> {
      const rows = await deps.db.select().from(categories).orderBy(asc(categories.position), asc(categories.id));
      const byParent = new Map<number | null, typeof rows>();
      for (const r of rows) byParent.set(r.parentId, [...(byParent.get(r.parentId) ?? []), r]);
      const build = (parent: number | null): CategoryNode[] =>
        (byParent.get(parent) ?? []).map((r) => ({ id: r.id, slug: r.slug, nameAr: r.nameAr, nameEn: r.nameEn, children: build(r.id) }));
      return build(null);
    },
  };
}

export type CatalogService = ReturnType<typeof createCatalogService>;
