import type { Messages } from '../../platform/i18n/index.ts';
import { ar } from './ar.ts';
import { countsAr, countsEn } from './counts.ts';
import { en } from './en.ts';

/** The site's core messages (layout, forms, errors the platform raises, counted nouns); each module registers its own. */
export const siteMessages: Messages = { ar: { ...ar, ...countsAr }, en: { ...en, ...countsEn } };
