export { isStaff, STAFF_ROLES, type StaffRole } from './rules.ts';
export { type AccountsService, createAccountsService, type PublicView, publicView, requireStaff, selfView } from './service.ts';
