import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { CatalogService } from './service.ts';

const Category = Type.Object({
  id: Type.Integer(),
  slug: Type.String(),
  nameAr: Type.String(),
  nameEn: Type.String(),
  children: Type.Array(
    Type.Object({
      id: Type.Integer(),
      slug: Type.String(),
      nameAr: Type.String(),
      nameEn: Type.String(),
      children: Type.Array(Type.Unknown()),
    }),
  ),
});

export function catalogApi(app: FastifyInstance, catalog: CatalogService): void {
  app
    .withTypeProvider<TypeBoxTypeProvider>()
    .get(
      '/api/v1/categories',
      { schema: { tags: ['services'], summary: 'The category tree', response: { 200: Type.Array(Category) } } },
      async () => catalog.categoryTree(),
    );
}
