import type { ModuleManifest } from '../../platform/module.ts';
import { levelsMessages } from './messages.ts';
import type { LevelsService } from './service.ts';

export { levelsApi } from './api.ts';
export { mayChooseLevels } from './policy.ts';
export { levelsPages } from './routes.tsx';
export { type BuyerProgress, buyerProgress, nextRecomputationAt, type SellerProgress, sellerProgress } from './rules.ts';
export { createLevelsService, type LevelProgress, type LevelsModules, type LevelsService } from './service.ts';

// This module's entries in the services container (platform/container.ts).
declare module '../../platform/container.ts' {
  interface Services {
    levels: LevelsService;
  }
}

/** What this module registers for the rest of the site (platform/module.ts). */
export const levelsModule: ModuleManifest = {
  name: 'levels',
  messages: [levelsMessages],
};
