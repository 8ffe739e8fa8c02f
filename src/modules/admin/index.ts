import type { ModuleManifest } from '../../platform/module.ts';
import { adminMessages } from './messages.ts';
import type { AdminService } from './service.ts';

export { adminApi } from './api.ts';
export { type AdminService, createAdminService } from './service.ts';

// This module's entries in the services container (platform/container.ts).
declare module '../../platform/container.ts' {
  interface Services {
    admin: AdminService;
  }
}

/** What this module registers for the rest of the site (platform/module.ts). */
export const adminModule: ModuleManifest = {
  name: 'admin',
  messages: [adminMessages],
  adminTabs: [
    { label: 'admin.dashboard', path: '/admin', permission: 'staff_area', order: 0, exact: true },
    { label: 'admin.audit', path: '/admin/audit', permission: 'admin', order: 140 },
  ],
};
