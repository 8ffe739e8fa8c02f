// Staff roles now live in platform/staff.ts; re-exported here for a while so other modules keep compiling.
export { isStaff, isStaffRole, STAFF_ROLES, type StaffRole } from '../../platform/staff.ts';
export { mayChangeRoles, mayExportUserData, mayOpenStaffArea } from './policy.ts';
export { type AccountsService, createAccountsService, type PublicView, publicView, requireStaff, selfView } from './service.ts';
