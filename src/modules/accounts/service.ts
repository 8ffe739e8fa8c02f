import type { Deps } from '../../platform/deps.ts';
import type { Presence } from '../../platform/presence.ts';
import type { ContentService } from '../content/index.ts';
import type { TrustService } from '../trust/index.ts';
import { authService } from './service/auth.ts';
import { createAccountsContext } from './service/context.ts';
import { directoryService } from './service/directory.ts';
import { freelancersService } from './service/freelancers.ts';
import { oidcService } from './service/oidc.ts';
import { profileService } from './service/profile.ts';
import { provisioningService } from './service/provisioning.ts';
import { referralService } from './service/referral.ts';
import { sessionsService } from './service/sessions.ts';
import { signupLinkService } from './service/signup-link.ts';
import { staffService } from './service/staff.ts';
import { twoFactorService } from './service/two-factor.ts';

export { requireStaff } from './policy.ts';
export type { SessionKind, UserRow } from './service/context.ts';
export {
  FREELANCER_SORTS,
  type FreelancerCard,
  type FreelancerQuery,
  type FreelancerSort,
  SELLER_LEVELS,
} from './service/freelancers.ts';
export { mailboxOf, type SameOwnerSignal, type SignupReferral } from './service/referral.ts';
export { type PublicView, publicView, ratingOf, type SelfView, selfView } from './service/user-views.ts';

/**
 * The accounts use cases, one object for the rest of the app; each concern lives in its own file under
 * `service/`: sign-up, sign-in and passwords (auth), sessions, two-factor, the user's profile, public cards, the
 * freelancers directory and who is online (freelancers), staff work, and accounts made by the CLI and the demo seed (provisioning).
 */
export function createAccountsService(
  deps: Deps,
  content: ContentService,
  trust: Pick<TrustService, 'recordAttempt' | 'assertAllowed'>,
  presence: Presence,
) {
  const ctx = createAccountsContext(deps);
  const { referralHook, ...referrals } = referralService(ctx);
  return {
    ...referrals,
    byId: ctx.byId,
    ...directoryService(ctx),
    ...freelancersService(ctx, presence),
    ...staffService(ctx),
    ...authService(ctx, content, referralHook),
    ...oidcService(ctx, content, referralHook),
    ...signupLinkService(ctx),
    ...twoFactorService(ctx),
    ...sessionsService(ctx),
    ...profileService(ctx, trust),
    ...provisioningService(ctx, content),
  };
}

export type AccountsService = ReturnType<typeof createAccountsService>;
