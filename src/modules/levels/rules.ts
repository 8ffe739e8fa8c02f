/**
 * Level progress (RULES.md "Levels"): what a seller's record or a buyer's spending has done towards the next level
 * and what is still missing, and when the daily recomputation runs next. The thresholds and what each level gives are
 * the ones the code applies (orders, catalog and projects rules), read here, never typed again.
 */
import { SERVICES_ALLOWED } from '../catalog/index.ts';
import { BUYER_LEVEL_STEPS, CLEARANCE_DAYS, SELLER_LEVEL_STEPS, STAFF_LEVELS } from '../orders/index.ts';
import { ACTIVE_BIDS } from '../projects/index.ts';

export const REASON_MIN = 5;
export const REASON_MAX = 500;

export interface SellerRecord {
  salesCents: number;
  jobs: number;
  /** The published average rating (1–5), null before any review. */
  rating: number | null;
}

export interface SellerProgress {
  level: string;
  /** Expert: given by staff, kept through every recomputation until staff take it back. */
  staffChosen: boolean;
  done: SellerRecord;
  /** The next earned level and what it asks, or null at the top (Level 3, Expert). */
  next: { level: string; salesCents: number; jobs: number; rating: number } | null;
  /** What is still missing for `next` (zero where a requirement is met). */
  missing: { salesCents: number; jobs: number; rating: number } | null;
  /** What the current level gives: null = no limit. */
  gives: { servicesAllowed: number | null; activeBids: number | null; clearanceDays: number };
}

export interface BuyerProgress {
  level: string;
  /** VIP: given by staff, kept until staff take it back. */
  staffChosen: boolean;
  done: { spentCents: number };
  next: { level: string; spentCents: number } | null;
  missing: { spentCents: number } | null;
}

const limit = (n: number | undefined) => (n === undefined || !Number.isFinite(n) ? null : n);

export function sellerProgress(level: string, done: SellerRecord): SellerProgress {
  const staffChosen = level === STAFF_LEVELS.seller;
  const at = SELLER_LEVEL_STEPS.findIndex((s) => s.level === level);
  const step = staffChosen ? undefined : SELLER_LEVEL_STEPS[at + 1];
  const next = step ? { level: step.level, salesCents: step.minSalesCents, jobs: step.minJobs, rating: step.minRating } : null;
  const missing = next
    ? {
        salesCents: Math.max(0, next.salesCents - done.salesCents),
        jobs: Math.max(0, next.jobs - done.jobs),
        rating: Math.max(0, Math.round((next.rating - (done.rating ?? 0)) * 100) / 100),
      }
    : null;
  return {
    level,
    staffChosen,
    done,
    next,
    missing,
    gives: {
      servicesAllowed: limit(SERVICES_ALLOWED[level] ?? SERVICES_ALLOWED.new),
      activeBids: limit(ACTIVE_BIDS[level] ?? ACTIVE_BIDS.new),
      clearanceDays: CLEARANCE_DAYS[level] ?? CLEARANCE_DAYS.new,
    },
  };
}

export function buyerProgress(level: string, spentCents: number): BuyerProgress {
  const staffChosen = level === STAFF_LEVELS.buyer;
  const at = BUYER_LEVEL_STEPS.findIndex((s) => s.level === level);
  const step = staffChosen ? undefined : BUYER_LEVEL_STEPS[at + 1];
  const next = step ? { level: step.level, spentCents: step.minSpentCents } : null;
  return {
    level,
    staffChosen,
    done: { spentCents },
    next,
    missing: next ? { spentCents: Math.max(0, next.spentCents - spentCents) } : null,
  };
}

/** The daily recomputation: the first sweep of each UTC day (orders' `dailyLevels`) — the next UTC midnight. */
export function nextRecomputationAt(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
}

/** A progress bar's share done, 0–100. */
export function percent(done: number, needed: number): number {
  if (needed <= 0) return 100;
  return Math.max(0, Math.min(100, Math.floor((done / needed) * 100)));
}
