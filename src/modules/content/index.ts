import type { ModuleManifest } from '../../platform/module.ts';
import { contentMessages } from './messages.ts';
import type { ContentService } from './service.ts';

export { type ContentService, createContentService, isPolicyKind, type PolicyKind, type PolicyVersion } from './service.ts';

// This module's entries in the services container (platform/container.ts).
declare module '../../platform/container.ts' {
  interface Services {
    content: ContentService;
  }
}

/** What this module registers for the rest of the site (platform/module.ts). */
export const contentModule: ModuleManifest = {
  name: 'content',
  messages: [contentMessages],
  adminTabs: [
    { label: 'admin.policies', path: '/admin/policies', permission: 'staff_area', order: 100 },
    { label: 'admin.contact', path: '/admin/contact', permission: 'staff_area', order: 130 },
  ],
};
