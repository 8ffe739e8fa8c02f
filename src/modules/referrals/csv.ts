import type { RewardView } from './service.ts';

/** A CSV cell: quoted when it holds a comma, quote or line break; a leading = + - @ never read as a formula. */
function cell(v: string | number | null): string {
  const s = v === null ? '' : String(v);
  const safe = /^[=+\-@]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const dollars = (cents: number) => (cents / 100).toFixed(2);

/** The referrer's rewards as CSV (UTF-8 with BOM for spreadsheets): display names only, amounts in dollars. */
export function referralsCsv(rows: RewardView[]): string {
  const lines = [
    ['id', 'created_at', 'kind', 'referred', 'purchase_usd', 'reward_usd', 'available_at', 'reference'].join(','),
    ...rows.map((r) =>
      [
        r.id,
        r.createdAt.toISOString(),
        r.kind,
        r.displayName,
        dollars(r.purchaseCents),
        dollars(r.kind === 'reward' ? r.rewardCents : -r.rewardCents),
        r.clearsAt ? r.clearsAt.toISOString() : null,
        r.reference,
      ]
        .map(cell)
        .join(','),
    ),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
