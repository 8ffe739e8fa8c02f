import { browseMessages } from '../../modules/catalog/messages.browse.ts';
import { publishMessages } from '../../modules/catalog/messages.publish.ts';
import { messagingMessages } from '../../modules/messaging/messages.ts';
import { ordersMessages } from '../../modules/orders/messages.ts';
import { bidsMessages } from '../../modules/projects/messages.bids.ts';
import { projectsMessages } from '../../modules/projects/messages.ts';
import { supportMessages } from '../../modules/support/messages.ts';
import { trustMessages } from '../../modules/trust/messages.ts';
import { filesMessages } from '../../platform/messages.files.ts';
import { ar } from './ar.ts';
import { en } from './en.ts';

/** A module's own messages: the same keys in both languages. */
export interface ModuleMessages {
  ar: Record<string, string>;
  en: Record<string, string>;
}

/** Every catalogue: the site's core messages, then each module's. */
export const MODULE_MESSAGES: ModuleMessages[] = [
  browseMessages,
  publishMessages,
  filesMessages,
  messagingMessages,
  ordersMessages,
  supportMessages,
  trustMessages,
  bidsMessages,
  projectsMessages,
];

export const catalogues: { ar: Record<string, string>; en: Record<string, string> } = {
  ar: Object.assign({}, ar, ...MODULE_MESSAGES.map((m) => m.ar)),
  en: Object.assign({}, en, ...MODULE_MESSAGES.map((m) => m.en)),
};
