import type { Services } from './platform/container.ts';
import type { Deps } from './platform/deps.ts';

/** Every timed transition that is due at `now`, each idempotent; the server's loop and `run-due` both call it. */
export async function runDue(services: Services, deps: Deps, now: Date): Promise<Record<string, unknown>> {
  // Orders first: an auto-completed order's earnings then clear in the same sweep if their day has come.
  const orders = await services.orders.runDue(now);
  const cleared = await services.wallet.runClearances(now);
  const depositsExpired = await services.wallet.expireUnpaidDeposits(now);
  // Withdrawals still not sent past the date promised by their method: flagged once, the user told.
  const withdrawalsLate = await services.wallet.flagLateWithdrawals(now);
  const sanctionsEnded = await services.moderation.expireDue(now);
  const projectsExpired = await services.bids.expireDue(now);
  const contests = await services.contestEntries.runDue(now);
  const expired = await services.accounts.purgeExpired(now);
  // The works' views waiting in the buffer (memory or Redis), counted once per viewer and day.
  const workViews = await services.workEngagement.flushViews(now);
  const contestViews = await services.contestViews.flush(now);
  // The followers' digest of new comments on the topics they follow.
  const communityDigests = await services.community.engagement.runDigest(now);
  // Promotions: the sponsored counts saved; stopped with their service, resumed, ended when their time is up.
  const promotions = await services.promotions.runDue(now);
  const outbox = await deps.outbox.drain(now);
  return {
    at: now.toISOString(),
    orders,
    cleared,
    depositsExpired,
    withdrawalsLate,
    sanctionsEnded,
    projectsExpired,
    contests,
    expired,
    workViews,
    contestViews,
    communityDigests,
    promotions,
    outbox,
  };
}

/** Runs `runDue` every few seconds until stopped. A crash loses nothing: the next sweep finds the row still due. */
export function startWorker(services: Services, deps: Deps, log: (msg: string, err?: unknown) => void, intervalMs = 3000) {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let current: Promise<unknown> = Promise.resolve();
  const tick = () => {
    current = runDue(services, deps, deps.clock())
      .catch((err) => log('worker sweep failed', err))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  timer = setTimeout(tick, 200);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}
