export { isStaff, STAFF_ROLES, type StaffRole } from './rules.ts';
export { type AccountsService, createAccountsService, publicView, requireStaff, selfView } from './service.ts';
