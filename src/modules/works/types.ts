import type { DbOrTx } from '../../platform/db/index.ts';
import type { FilesService } from '../../platform/files.ts';
import type { CatalogService } from '../catalog/index.ts';
import type { NotificationsService } from '../notifications/index.ts';
import type { OrdersService } from '../orders/index.ts';
import type { TrustService } from '../trust/index.ts';
import type { works } from './schema.ts';

/** The works' shared types (the service's and the reads'). */
export type WorkRow = typeof works.$inferSelect;
export type Viewer = { id: number; roles: readonly string[] };

/** What the works use of other modules, each through its index. */
export interface WorksModules {
  files: FilesService;
  notifications: Pick<NotificationsService, 'notify'>;
  trust: Pick<TrustService, 'assertAllowed' | 'recordAttempt'>;
  catalog: Pick<CatalogService, 'categoryOf'>;
  orders: Pick<OrdersService, 'completedSale' | 'deliveredOrders'>;
  accounts: {
    publicByIds(
      ids: number[],
    ): Promise<Map<number, { username: string; displayName: string; sellerLevel: string; avatarUrl: string | null }>>;
    contactOf(userId: number, tx?: DbOrTx): Promise<{ email: string; name: string; locale: 'ar' | 'en' } | null>;
  };
}
