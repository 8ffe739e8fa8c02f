import type { ModuleManifest } from '../../platform/module.ts';
import type { WorkEngagement } from './engagement.ts';
import { worksMessages } from './messages.ts';
import type { WorksCore } from './service.ts';
import { worksUserData } from './user-data.ts';

export { worksApi } from './api.ts';
export { seedDemoWorks } from './demo.ts';
export { createWorkEngagement, type WorkEngagement } from './engagement.ts';
export * from './policy.ts';
export { worksReportTargets } from './report-targets.ts';
export { worksPages } from './routes.tsx';
export * from './rules.ts';
export { WORK_SORTS, type WorkHit, type WorkQuery, type WorkSort } from './search.ts';
/** The freelancer's works for their public profile: `services.works.worksOfOwner(userId, limit)` and this section. */
export { WorksSection } from './section.tsx';
export { createWorksService, toWorkDraft, type WorkRow, type WorksCore, type WorksModules } from './service.ts';
export { WorkCard, type WorkCardData } from './views.tsx';

// This module's entries in the services container (platform/container.ts).
import type { WorksProfile } from './profile.tsx';

export { createWorksProfile, type WorksProfile } from './profile.tsx';

declare module '../../platform/container.ts' {
  interface Services {
    works: WorksCore;
    workEngagement: WorkEngagement;
    worksProfile: WorksProfile;
  }
}

/** What this module registers for the rest of the site (platform/module.ts). */
export const worksModule: ModuleManifest = {
  name: 'works',
  // What it holds about a user, for the legal export (admin).
  userData: worksUserData,
  messages: [worksMessages],
  // One notice a day per work at most (engagement.ts): the mail can be switched off under "works".
  notificationTypes: { 'work.liked': 'works' },
};
export { workFavoriteKind } from './favorite-kind.ts';
