import { asciiDigits } from './text.ts';

/**
 * The money rules every module shares (RULES.md "Money"): amounts are integer cents, percentages basis points.
 * One function per rule — parsing what a person typed, an order's total, the commission and its rounding —
 * so the service page, the checkout, the order, the ledger and the earnings page can never disagree.
 */

/** The largest amount a form accepts: $999,999,999.99 (an API field is bounded by its own schema). */
const MAX_WHOLE_DIGITS = 9;

/**
 * What a person typed as an amount of dollars → cents, or null when it is not an amount.
 * - digits: Latin, Arabic-Indic (٠-٩) or Persian (۰-۹);
 * - decimal mark: `.` or `٫` (Arabic), or a comma followed by one or two digits at the end (`25,5`);
 * - thousands: `,` `٬` `،`, a space or an apostrophe between groups of exactly three digits (`1,000`, `١٬٠٠٠`);
 *   anything else with a separator (`1,00,0`, `12,3456`) is refused rather than guessed;
 * - a `$` before or after, and spaces around, are ignored;
 * - `whole`: only whole dollars (`25`, `25.00`); `25.50` is refused.
 */
export function parseMoney(typed: string | null | undefined, opts: { whole?: boolean } = {}): number | null {
  let s = asciiDigits(String(typed ?? ''))
    .replace(/[\u00A0\u202F\u200F\u200E]/g, ' ')
    .trim()
    .replace(/^\$\s*|\s*\$$/g, '')
    .replace(/^US\$\s*/i, '')
    .trim();
  if (s === '') return null;
  s = s.replace(/[٫]/g, '.');
  // A lone comma with one or two digits after it is a decimal mark (how many keyboards type it).
  if (!s.includes('.') && /^\d+,\d{1,2}$/.test(s)) s = s.replace(',', '.');
  const m = /^(\d{1,3}(?:[,٬،' ]\d{3})+|\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const whole = m[1].replace(/[,٬،' ]/g, '');
  if (whole.length > MAX_WHOLE_DIGITS) return null;
  const frac = (m[2] ?? '').padEnd(2, '0');
  if (opts.whole && frac !== '00') return null;
  return Number(whole) * 100 + Number(frac);
}

/** An order's total (RULES.md "Ordering"): (price + the chosen add-ons) × quantity, in cents. */
export function orderTotalCents(priceCents: number, addonCents: readonly number[], quantity: number): number {
  return (priceCents + addonCents.reduce((a, b) => a + b, 0)) * quantity;
}

/** `bp` basis points of `cents`, rounded half up to the cent (the one rounding rule for fees). */
export function percentOf(cents: number, bp: number): number {
  return Math.floor((cents * bp + 5000) / 10000);
}

/** What a seller receives from `grossCents` and what the platform keeps (RULES: commission from the seller's side). */
export function commissionSplit(grossCents: number, commissionBp: number): { feeCents: number; netCents: number } {
  const feeCents = percentOf(grossCents, commissionBp);
  return { feeCents, netCents: grossCents - feeCents };
}
