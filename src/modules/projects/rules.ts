/** Pure project and bid rules (RULES.md "Projects", "Levels"). Money in cents. */

export const TITLE_MIN = 10;
export const TITLE_MAX = 100;
export const DESCRIPTION_MIN = 100;
export const DESCRIPTION_MAX = 5000;
export const SKILLS_MAX = 10;
export const EXPECTED_DAYS_MIN = 1;
export const EXPECTED_DAYS_MAX = 365;
export const FILES_MAX = 5;
/** Open for bids this long after approval; then the worker expires it (when nobody was hired). */
export const OPEN_DAYS = 30;

/** The budget ranges a project picks from (RULES.md), in cents. */
export const BUDGET_RANGES: readonly (readonly [number, number])[] = [
  [2_500, 5_000],
  [5_000, 10_000],
  [10_000, 25_000],
  [25_000, 50_000],
  [50_000, 100_000],
  [100_000, 250_000],
  [250_000, 500_000],
  [500_000, 1_000_000],
];
export const isBudgetRange = (min: number, max: number) => BUDGET_RANGES.some(([a, b]) => a === min && b === max);

export type ProjectStatus = 'draft' | 'pending' | 'open' | 'rejected' | 'hired' | 'closed' | 'expired' | 'hidden' | 'removed';

/** A bid: $10–$10,000 in whole cents, 1–365 days, a proposal of at least 50 characters. */
export const BID_MIN_CENTS = 1_000;
export const BID_MAX_CENTS = 1_000_000;
export const BID_DAYS_MAX = 365;
export const PROPOSAL_MIN = 50;
export const PROPOSAL_MAX = 5000;
export const BID_FILES_MAX = 5;

/** Active bids a freelancer may have at once, by seller level (RULES.md table; Expert: no limit). */
export const ACTIVE_BIDS: Record<string, number> = { new: 5, level1: 10, level2: 15, level3: 20, expert: Number.POSITIVE_INFINITY };

/** Each field's problem in a bid. */
export function bidProblems(b: { amountCents: unknown; days: unknown; proposal: unknown }): Record<string, string> {
  const f: Record<string, string> = {};
  const amount = b.amountCents;
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount < BID_MIN_CENTS || amount > BID_MAX_CENTS)
    f.amountCents = 'bid.amount_invalid';
  const days = b.days;
  if (typeof days !== 'number' || !Number.isSafeInteger(days) || days < 1 || days > BID_DAYS_MAX) f.days = 'bid.days_invalid';
  const proposal = typeof b.proposal === 'string' ? b.proposal.trim() : '';
  if (proposal.length < PROPOSAL_MIN || proposal.length > PROPOSAL_MAX) f.proposal = 'bid.proposal_length';
  return f;
}

/** A project as typed (API JSON or a form), before it is saved: malformed numbers are NaN, refused by the rules. */
export interface ProjectDraft {
  title: string;
  description: string;
  categoryId: number | null;
  skills: string[];
  budgetMinCents: number;
  budgetMaxCents: number;
  expectedDays: number;
  fileIds: number[];
}

/**
 * Each field's problem. A draft is checked only for what could never be saved (types, upper limits, a budget
 * that is not one of the ranges); a submission must meet every minimum too.
 */
export function projectProblems(d: ProjectDraft, mode: 'draft' | 'submit', categoryIsLeaf: boolean): Record<string, string> {
  const f: Record<string, string> = {};
  const submit = mode === 'submit';
  if (d.title.length > TITLE_MAX || (submit && d.title.length < TITLE_MIN)) f.title = 'project.title_length';
  if (d.categoryId !== null && (!Number.isSafeInteger(d.categoryId) || !categoryIsLeaf)) f.categoryId = 'project.category_invalid';
  else if (submit && d.categoryId === null) f.categoryId = 'project.category_required';
  if (d.description.length > DESCRIPTION_MAX || (submit && d.description.length < DESCRIPTION_MIN))
    f.description = 'project.description_length';
  if (d.skills.length > SKILLS_MAX || d.skills.some((s) => s.length > 30)) f.skills = 'project.skills_invalid';
  const budgetSet = d.budgetMinCents !== 0 || d.budgetMaxCents !== 0;
  if ((submit || budgetSet) && !isBudgetRange(d.budgetMinCents, d.budgetMaxCents)) f.budgetMinCents = 'project.budget_invalid';
  const days = d.expectedDays;
  if (!Number.isSafeInteger(days) || ((submit || days !== 0) && (days < EXPECTED_DAYS_MIN || days > EXPECTED_DAYS_MAX)))
    f.expectedDays = 'project.days_invalid';
  if (d.fileIds.length > FILES_MAX) f.files = 'project.too_many_files';
  return f;
}

/** The average bid in whole cents (half up), or null before the first bid. */
export function averageBidCents(p: { bidsCount: number; bidsSumCents: number }): number | null {
  return p.bidsCount > 0 ? Math.round(p.bidsSumCents / p.bidsCount) : null;
}
