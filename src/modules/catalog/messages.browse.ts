import type { ModuleMessages } from '../../web/messages/index.ts';

/** Messages of the services browse pages (Arabic and English, the same keys). */
export const browseMessages: ModuleMessages = {
  ar: {},
  en: {},
};
