import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/index.ts';
import { draftsOf, packagesOfMany } from './packages.ts';
import { services } from './schema.ts';

/** The catalog's part of a legal export (ModuleManifest `userData`): the services the user sells, each column named, with their packages. */
export async function catalogUserData(tx: DbOrTx, userId: number) {
  const serviceRows = await tx
    .select({
      id: services.id,
      status: services.status,
      title: services.title,
      categoryId: services.categoryId,
      description: services.description,
      priceCents: services.priceCents,
      deliveryDays: services.deliveryDays,
      instructions: services.instructions,
      skills: services.skills,
      addons: services.addons,
      pendingEdit: services.pendingEdit,
      rejectReason: services.rejectReason,
      ordersCount: services.ordersCount,
      salesCents: services.salesCents,
      publishedAt: services.publishedAt,
      createdAt: services.createdAt,
      updatedAt: services.updatedAt,
    })
    .from(services)
    .where(eq(services.sellerId, userId))
    .orderBy(asc(services.id));
  const packages = await packagesOfMany(
    tx,
    serviceRows.map((s) => s.id),
  );
  return { services: serviceRows.map((s) => ({ ...s, packages: draftsOf(packages.get(s.id) ?? []) })) };
}
