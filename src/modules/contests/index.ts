import { eq, inArray } from 'drizzle-orm';
import type { ModuleManifest } from '../../platform/module.ts';
import type { ContestComments } from './comments.ts';
import type { ContestViews } from './contest-views.ts';
import type { ContestDisputes } from './disputes.ts';
import type { ContestEntries } from './entries.ts';
import type { ContestFiles } from './entry-files.ts';
import type { EntryNotes } from './entry-notes.ts';
import { contestsMessages } from './messages.ts';
import { contestDisputesMessages } from './messages-disputes.ts';
import { contestsMineMessages } from './messages-mine.ts';
import { contestPageMessages } from './messages-page.ts';
import type { ContestsMine } from './mine.ts';
import { contestAwards, contests } from './schema.ts';
import type { ContestsCore } from './service.ts';
import type { ContestTopUps } from './topup.ts';
import { contestsUserData } from './user-data.ts';

export { contestsApi } from './api.ts';
export { type CommentThread, type ContestComments, createContestComments } from './comments.ts';
export { CONTEST_VIEWS, type ContestViews, createContestViews } from './contest-views.ts';
export { type ContestDisputes, createContestDisputes, type DisputeStaff } from './disputes.ts';
export { type ContestEntries, createContestEntries } from './entries.ts';
export { type ContestFiles, createContestFiles, type EntryFileCard, entryFileCards, entryOriginalUrl } from './entry-files.ts';
export { createEntryNotes, type EntryNotes } from './entry-notes.ts';
export { contestFilePages } from './file-routes.ts';
export { type ContestsMine, createContestsMine } from './mine.ts';
export { contestsMineApi } from './mine-api.ts';
export { contestsMinePages } from './mine-routes.tsx';
export * from './policy.ts';
export { contestsReportTargets } from './report-targets.ts';
export { contestsPages } from './routes.tsx';
export * from './rules.ts';
export { CONTEST_SORTS, CONTEST_STATUSES, type ContestHit, type ContestListStatus, type ContestQuery, type ContestSort } from './search.ts';
export { type ContestRow, type ContestsCore, type ContestsModules, createContestsService, toContestDraft } from './service.ts';
export { type ContestTopUps, createContestTopUps, type TopUpState } from './topup.ts';

// This module's entries in the services container (platform/container.ts).
declare module '../../platform/container.ts' {
  interface Services {
    contests: ContestsCore;
    contestEntries: ContestEntries;
    contestComments: ContestComments;
    contestNotes: EntryNotes;
    contestTopUps: ContestTopUps;
    contestDisputes: ContestDisputes;
    contestFiles: ContestFiles;
    contestsMine: ContestsMine;
    contestViews: ContestViews;
  }
}

/** What this module registers for the rest of the site (platform/module.ts). */
export const contestsModule: ModuleManifest = {
  name: 'contests',
  // What it holds about a user, for the legal export (admin).
  userData: contestsUserData,
  messages: [contestsMessages, contestPageMessages, contestsMineMessages, contestDisputesMessages],
  notificationTypes: {
    'contest.approved': 'orders',
    'contest.rejected': 'orders',
    'contest.entry': 'orders',
    'contest.ended': 'orders',
    'contest.refunded': 'orders',
    'contest.to_staff': 'orders',
    'contest.won': 'orders',
    'contest.handover': 'orders',
    'contest.paid': 'orders',
    'contest.comment': 'orders',
    'contest.reply': 'orders',
    'contest.entry_note': 'messages',
    'contest.ending_soon': 'orders',
    'contest.disputed': 'orders',
    'contest.dispute_decided': 'orders',
  },
  adminTabs: [
    {
      label: 'contests.moderation_title',
      path: '/admin/contests',
      permission: 'moderate',
      order: 31,
      // What waits for staff in contests: reviews, contests whose owner did not pick in time, disputed places.
      queue: {
        label: 'contests.work_count',
        count: async (db) =>
          (await db.$count(contests, inArray(contests.status, ['pending', 'staff']))) +
          (await db.$count(contestAwards, eq(contestAwards.status, 'disputed'))),
      },
    },
  ],
  // "contest:7" in the ledger (the prize held, refunded or paid out): "مسابقة #7 — شعار لمخبز", linked to the contest.
  ledgerReferences: {
    contest: {
      label: 'ledger.ref.contest',
      path: (id) => `/contests/${id}`,
      titles: async (db, ids) =>
        new Map(
          (await db.select({ id: contests.id, title: contests.title }).from(contests).where(inArray(contests.id, ids))).map((c) => [
            c.id,
            c.title,
          ]),
        ),
    },
  },
};
