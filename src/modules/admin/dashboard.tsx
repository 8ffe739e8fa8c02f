import type { ViewCtx } from '../../platform/http/pages.ts';
import { plural } from '../../platform/i18n/index.ts';
import type { AdminTab } from '../../platform/module.ts';
import { AdminShell, adminTabsFor } from '../../web/admin-shell.tsx';
import { EmptyCard } from '../../web/components.tsx';

/** One queue on the dashboard: its tab (label and link) and how many items wait in it. */
export type QueueCount = { tab: AdminTab; count: number };

/**
 * The queues this staff member may work (their tabs' permissions), each counted by the module that owns it (its
 * manifest's `queue.count`), in the tabs' order.
 */
export async function queueCounts(user: ViewCtx['user'], count: (tab: AdminTab) => Promise<number>): Promise<QueueCount[]> {
  const tabs = adminTabsFor(user).filter((t) => t.queue);
  return Promise.all(tabs.map(async (tab) => ({ tab, count: await count(tab) })));
}

/** `/admin`: what waits for staff, one card a queue with its count and a link to it. */
export function DashboardPage(props: { c: ViewCtx; queues: QueueCount[] }) {
  const { c } = props;
  return (
    <AdminShell c={c} title={c.t('admin.dashboard')}>
      <p class="mb-4 opacity-80">{c.t('admin.dashboard_intro')}</p>
      {props.queues.length === 0 ? (
        <EmptyCard testId="no-queues">{c.t('admin.dashboard_none')}</EmptyCard>
      ) : (
        <ul class="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4" data-testid="admin-queues">
          {props.queues.map(({ tab, count }) => (
            <li key={tab.path} class="min-w-0">
              <a
                href={c.href(tab.path)}
                class={`card bg-base-100 shadow-sm p-4 h-full hover:bg-base-300 focus-visible:outline-2 ${count ? 'border-s-4 border-warning' : ''}`}
                data-queue={tab.path}
                data-count={count}
              >
                <span class="font-bold link link-hover">{c.t(tab.label)}</span>
                <span class={count ? '' : 'opacity-70'}>{plural(c.locale, tab.queue?.label ?? '', count)}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </AdminShell>
  );
}
