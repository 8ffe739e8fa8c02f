import type { ViewCtx } from '../../platform/http/pages.ts';

/** Lucide's "badge-check": a rosette with a tick. */
function BadgeCheckIcon() {
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      width="1em"
      height="1em"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="2"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
      class="inline-block shrink-0"
    >
      <path d="M3.85 8.62a4 4 0 0 1 4.78-4.77 4 4 0 0 1 6.74 0 4 4 0 0 1 4.78 4.78 4 4 0 0 1 0 6.74 4 4 0 0 1-4.77 4.78 4 4 0 0 1-6.75 0 4 4 0 0 1-4.78-4.77 4 4 0 0 1 0-6.76Z" />
      <path d="m9 12 2 2 4-4" />
    </svg>
  );
}

/**
 * The verified-identity badge (موثّق الهوية / "Identity verified") beside a person's name, the one badge of the site
 * (directory cards, the profile, the verification pages): support staff checked their document
 * (users.identity_verified_at). `compact` draws the icon alone — its words stay for screen readers and as the
 * tooltip — where a line is short (an admin table). Nothing for anyone not verified (`verified` false).
 */
export function VerifiedBadge(props: { c: ViewCtx; verified?: boolean; compact?: boolean; class?: string }) {
  const { c } = props;
  if (props.verified === false) return null;
  const label = c.t('badge.verified');
  return props.compact ? (
    <span class={`inline-flex items-center text-primary ${props.class ?? ''}`} title={label} data-testid="verified-badge">
      <BadgeCheckIcon />
      <span class="sr-only">{label}</span>
    </span>
  ) : (
    <span
      class={`badge badge-success badge-sm gap-1 whitespace-nowrap shrink-0 ${props.class ?? ''}`}
      title={c.t('badge.verified_title')}
      data-testid="verified-badge"
    >
      <BadgeCheckIcon />
      {label}
    </span>
  );
}
