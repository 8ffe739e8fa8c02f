import { eq } from 'drizzle-orm';
import type { ModuleManifest } from '../../platform/module.ts';
import { verificationMessages } from './messages.ts';
import { verificationRequests } from './schema.ts';
import type { VerificationService } from './service.ts';
import { verificationUserData } from './user-data.ts';

export { verificationApi } from './api.ts';
export { isStaffReading, mayDecideVerifications, maySeeVerificationFiles } from './policy.ts';
export { verificationPages } from './routes.tsx';
export * from './rules.ts';
export { createVerificationService, type QueueItem, type VerificationModules, type VerificationService } from './service.ts';

// This module's entries in the services container (platform/container.ts).
declare module '../../platform/container.ts' {
  interface Services {
    verification: VerificationService;
  }
}

/** What this module registers for the rest of the site (platform/module.ts). */
export const verificationModule: ModuleManifest = {
  name: 'verification',
  // What it holds about a user, for the legal export (admin).
  userData: verificationUserData,
  messages: [verificationMessages],
  notificationTypes: { 'verification.approved': 'always', 'verification.rejected': 'always' },
  adminTabs: [
    {
      label: 'verification.queue_title',
      path: '/admin/verifications',
      permission: 'support',
      order: 72,
      // Requests waiting for support staff's decision (3 business days).
      queue: {
        label: 'verification.queue_count',
        count: (db) => db.$count(verificationRequests, eq(verificationRequests.status, 'pending')),
      },
    },
  ],
};
