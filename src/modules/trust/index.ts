import { eq, sql } from 'drizzle-orm';
import type { ModuleManifest } from '../../platform/module.ts';
import type { ContactAppeals } from './appeals.ts';
import { trustMessages } from './messages.ts';
import { trustAppealMessages } from './messages-appeals.ts';
import type { ModerationService } from './moderation.ts';
import { contactAttempts, moderationCases, reports } from './schema.ts';
import type { TrustService } from './service.ts';
import { trustUserData } from './user-data.ts';

export { trustApi } from './api.ts';
export { ContactAppealOffer } from './appeal-views.tsx';
export { APPEAL_DAYS, type AppealTarget, type ContactAppeals, createContactAppeals } from './appeals.ts';
export { contactAppealsApi } from './appeals-api.ts';
export { scanCoercion } from './coercion.ts';
export { type ContactKind, type ContactMatch, scanContacts } from './detector.ts';
export {
  createModerationService,
  DECISIONS,
  type ModerationService,
  REPORT_REASONS,
  REPORT_TARGETS,
  type ReportTarget,
  type TargetAdapter,
} from './moderation.ts';
export { trustPages } from './routes.tsx';
export {
  ATTEMPTS_FOR_CASE,
  contactFindings,
  contactRefusal,
  createTrustService,
  SANCTION_SCOPES,
  type SanctionScope,
  type TrustService,
} from './service.ts';

// This module's entries in the services container (platform/container.ts).
declare module '../../platform/container.ts' {
  interface Services {
    trust: TrustService;
    moderation: ModerationService;
    contactAppeals: ContactAppeals;
  }
}

/** What this module registers for the rest of the site (platform/module.ts). */
export const trustModule: ModuleManifest = {
  name: 'trust',
  // What it holds about a user, for the legal export (admin).
  userData: trustUserData,
  messages: [trustMessages, trustAppealMessages],
  notificationTypes: {
    // Moderation decisions about a user's account or content: always mailed (like security mail).
    'trust.content_hidden': 'always',
    'trust.content_removed': 'always',
    'trust.warning': 'always',
    'trust.sanctioned': 'always',
    'trust.sanction_lifted': 'always',
    'trust.report_reviewed': 'always',
    // A moderator's decision on a refusal its author asked them to review (in-app; the message appears in its thread).
    'trust.appeal_overturned': 'always',
    'trust.appeal_upheld': 'always',
  },
  adminTabs: [
    {
      label: 'reports.title',
      path: '/admin/reports',
      permission: 'moderate',
      order: 40,
      // The queue lists open reports by what they report: one line per reported thing.
      queue: {
        label: 'reports.queue_count',
        count: async (db) =>
          (
            await db
              .select({ n: sql<number>`count(distinct (${reports.targetType}, ${reports.targetId}))::int` })
              .from(reports)
              .where(eq(reports.status, 'open'))
          )[0]?.n ?? 0,
      },
    },
    {
      label: 'trust.cases_title',
      path: '/admin/cases',
      permission: 'moderate',
      order: 50,
      // Open cases and the refusals waiting for a moderator's review (listed first on the page).
      queue: {
        label: 'trust.cases_queue_count',
        count: async (db) =>
          (await db.$count(moderationCases, eq(moderationCases.status, 'open'))) +
          (await db.$count(contactAttempts, eq(contactAttempts.appeal, 'pending'))),
      },
    },
  ],
};
