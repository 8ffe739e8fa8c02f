import { eq, inArray } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../platform/db/index.ts';
import { services } from './schema.ts';
import type { SearchQuery, ServiceHit } from './search.ts';

/** A sponsored result as a results page shows it: the service, and the address its card links through. */
export interface SponsoredPick {
  hit: ServiceHit;
  /** Locale-free path the card links to (it counts the click, then goes to the service). */
  href: string;
}

/** Where a results page's sponsored slots come from (the promotions module registers it). */
export interface SponsoredSource {
  /** The slots' positions on a page (1-based, e.g. [1, 6]: a setting), as last read. */
  positions(): readonly number[];
  /** For a page's search and filters, at most `slots` services among those promoted now that match them, in rotation. */
  pick(query: SearchQuery, slots: number): Promise<SponsoredPick[]>;
}

/** A service as a promotion needs to see it: whose it is, whether it is live, and since when it is as it is. */
export interface PromotableService {
  id: number;
  sellerId: number;
  status: string;
  title: string;
  updatedAt: Date;
}

const COLUMNS = {
  id: services.id,
  sellerId: services.sellerId,
  status: services.status,
  title: services.title,
  updatedAt: services.updatedAt,
};

/** The catalog's side of sponsored services: the slots' source, and the reads a promotion makes of its service. */
export function sponsoredReads(db: Db) {
  let source: SponsoredSource | null = null;
  return {
    /** The one source of the sponsored slots (a later registration replaces it). */
    registerSponsored(s: SponsoredSource): void {
      source = s;
    },
    /** The slots' positions on a results page (none without a source). */
    sponsoredPositions: (): readonly number[] => source?.positions() ?? [],
    /** The sponsored results for a page of `query`: none without a source. */
    async sponsoredFor(query: SearchQuery, slots: number): Promise<SponsoredPick[]> {
      return source && slots > 0 ? source.pick(query, slots) : [];
    },
    /** One service, its row locked until the caller's transaction ends (two promotions of it wait for each other). */
    async lockForPromotion(tx: DbOrTx, id: number): Promise<PromotableService | null> {
      const [s] = await tx.select(COLUMNS).from(services).where(eq(services.id, id)).for('update');
      return s ?? null;
    },
    /** Services by id (those of running or stopped promotions), as they are now. */
    async promotableByIds(ids: number[], tx: DbOrTx = db): Promise<Map<number, PromotableService>> {
      if (ids.length === 0) return new Map();
      const rows = await tx.select(COLUMNS).from(services).where(inArray(services.id, ids));
      return new Map(rows.map((r) => [r.id, r]));
    },
  };
}
