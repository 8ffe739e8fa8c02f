import { invalid } from '../../../platform/errors.ts';
import { writeSetting } from '../../../platform/settings.ts';
import { mayManageSettings, refuseUnless } from '../policy.ts';
import { changeSettings, type SettingsPatch, type WalletSettings } from '../rules.ts';
import type { Staff, WalletContext } from './context.ts';

/** The wallet's settings (RULES.md: every number is a setting): read by everyone's pages, changed by admins. */
export function settingsUseCases(ctx: WalletContext) {
  return {
    /** The settings in force (inside `tx` when given): what other modules read the commission and minimums from. */
    settings: ctx.settingsOf,

    /** The settings as the admin edits them (the settings page and `GET /api/v1/admin/settings`). */
    async editableSettings(actor: Staff | null): Promise<WalletSettings> {
      refuseUnless(actor, mayManageSettings(actor));
      return ctx.settingsOf();
    },

    /**
     * Admin changes any subset of the wallet's numbers and method lists (money in cents, commission in basis
     * points), checked by the one rule the page and the API share; audited (`settings.update`). Answers all of them.
     */
    async updateSettings(actor: Staff | null, patch: SettingsPatch): Promise<WalletSettings> {
      refuseUnless(actor, mayManageSettings(actor));
      return ctx.db.transaction(async (tx) => {
        const before = await ctx.settingsOf(tx);
        const r = changeSettings(before, patch);
        if (!r.ok) throw invalid(r.fields);
        await writeSetting(tx, 'wallet', r.settings, actor.id, before);
        return r.settings;
      });
    },
  };
}
