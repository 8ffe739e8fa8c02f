import type { ModuleManifest } from '../../platform/module.ts';
import { referralsMessages } from './messages.ts';
import type { ReferralsService } from './service.ts';
import { referralsUserData } from './user-data.ts';

export { referralsApi } from './api.ts';
export { referralsPages } from './routes.tsx';
export { REFERRAL_DEFAULTS, type ReferralSettings } from './rules.ts';
export { createReferralsService, type ReferralsDeps, type ReferralsService } from './service.ts';

// This module's entry in the services container (platform/container.ts).
declare module '../../platform/container.ts' {
  interface Services {
    referrals: ReferralsService;
  }
}

/** What this module registers for the rest of the site (platform/module.ts). */
export const referralsModule: ModuleManifest = {
  name: 'referrals',
  messages: [referralsMessages],
  // What it holds about a user (both sides of a referral), for the legal export (admin).
  userData: referralsUserData,
  notificationTypes: { 'referrals.reward': 'wallet' },
  // A reward's movement in the statement: "referral #3", linked to the referrer's page.
  ledgerReferences: { referral: { label: 'ledger.ref.referral', path: () => '/referrals' } },
  adminTabs: [{ label: 'referrals.admin.tab', path: '/admin/referrals', permission: 'finance', order: 76 }],
};
