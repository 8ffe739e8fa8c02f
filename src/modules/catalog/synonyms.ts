import type { DbOrTx } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import { DEFAULT_SYNONYMS, readSynonyms, type SynonymGroups, saveSynonyms } from '../../platform/search/index.ts';
import { mayEditSynonyms } from './policy.ts';

type Staff = { id: number; roles: readonly string[] };

/**
 * The search synonyms as staff manage them (platform/search/index.ts keeps the list in `settings` and expands queries
 * with it): the list to edit, and a change, validated and audited. The services and projects searches read it.
 */
export function synonymsUseCases(db: DbOrTx) {
  return {
    /** The list in force and whether it is the built-in default (nothing saved yet). */
    async synonyms(actor: Staff): Promise<{ groups: SynonymGroups; isDefault: boolean }> {
      if (!mayEditSynonyms(actor)) throw new AppError('auth.forbidden');
      const groups = await readSynonyms(db);
      return { groups, isDefault: groups === DEFAULT_SYNONYMS };
    },

    /** Replaces the list with the page's text (one group a line); refuses a bad line naming it. */
    async saveSynonyms(actor: Staff, text: string): Promise<SynonymGroups> {
      if (!mayEditSynonyms(actor)) throw new AppError('auth.forbidden');
      return saveSynonyms(db, text, actor.id);
    },
  };
}
