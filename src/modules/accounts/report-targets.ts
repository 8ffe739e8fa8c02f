import type { ReportTarget, TargetAdapter } from '../trust/index.ts';
import type { AccountsService } from './service.ts';

/** How moderation reaches a profile (registered with the moderation service at start). */
export function accountsReportTargets(accounts: Pick<AccountsService, 'publicByIds'>): Partial<Record<ReportTarget, TargetAdapter>> {
  return {
    user: {
      takeDowns: [],
      async load(id) {
        const u = (await accounts.publicByIds([id])).get(id);
        if (!u) return null;
        return {
          authorId: id,
          title: `${u.displayName || u.username} (@${u.username})`,
          text: u.bio ?? '',
          url: `/u/${u.username}`,
          state: null,
          visibleTo: () => true,
        };
      },
    },
  };
}
