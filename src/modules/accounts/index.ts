import type { ModuleManifest } from '../../platform/module.ts';
import { oidcMessages } from './messages.oidc.ts';
import { peopleMessages } from './messages.people.ts';
import { accountsMessages } from './messages.ts';
import type { AccountsService } from './service.ts';
import { accountsUserData } from './user-data.ts';

export { userFavoriteKind } from './favorite-kind.ts';
export { identityVerifiedAt, isIdentityVerified, setIdentityVerified, verifiedIdsOf } from './identity.ts';
export { mayChangeRoles, mayOpenStaffArea } from './policy.ts';
export {
  type AccountsService,
  createAccountsService,
  mailboxOf,
  type PublicView,
  publicView,
  requireStaff,
  type SameOwnerSignal,
  selfView,
} from './service.ts';

// This module's entries in the services container (platform/container.ts).
declare module '../../platform/container.ts' {
  interface Services {
    accounts: AccountsService;
  }
}

/** What this module registers for the rest of the site (platform/module.ts). */
export const accountsModule: ModuleManifest = {
  name: 'accounts',
  // What it holds about a user, for the legal export (admin).
  userData: accountsUserData,
  messages: [accountsMessages, peopleMessages, oidcMessages],
  adminTabs: [{ label: 'admin.users', path: '/admin/users', permission: 'staff_area', order: 10 }],
};
export { passwordChangeGate } from './password-gate.ts';
export { accountsReportTargets } from './report-targets.ts';
