import type { ComponentChildren } from 'preact';
import type { ViewCtx } from '../platform/http/pages.ts';
import type { AdminTab } from '../platform/module.ts';
import { can } from '../platform/staff.ts';
import { PageTitle } from './components.tsx';
import { Layout } from './layout.tsx';

/** The admin area's tabs, registered by the modules that own the pages (their manifests), kept in order. */
const tabs: AdminTab[] = [];

export function registerAdminTabs(list: readonly AdminTab[]): void {
  for (const t of list) if (!tabs.some((x) => x.path === t.path)) tabs.push(t);
  tabs.sort((a, b) => a.order - b.order);
}

/** The tabs this staff member may open (their permission), in order. */
export function adminTabsFor(user: ViewCtx['user']): AdminTab[] {
  return tabs.filter((t) => can(user, t.permission));
}

/** The tab a page belongs to: the tab whose path (or one of its other folders) is the longest that is the page's or a folder of it. */
function activeTab(list: readonly AdminTab[], path: string): AdminTab | null {
  let best: AdminTab | null = null;
  let bestLength = -1;
  for (const t of list) {
    for (const p of [t.path, ...(t.also ?? [])]) {
      const hit = path === p || (!t.exact && path.startsWith(`${p}/`));
      if (hit && p.length > bestLength) {
        best = t;
        bestLength = p.length;
      }
    }
  }
  return best;
}

/**
 * The frame of every admin page: its title and the tabs this staff member may open. The tabs wrap onto more lines
 * rather than scroll out of sight, so every one of them shows at any width.
 */
export function AdminShell(props: { c: ViewCtx; title: string; children: ComponentChildren }) {
  const { c } = props;
  const list = adminTabsFor(c.user);
  const active = activeTab(list, c.path.split('?')[0]);
  return (
    <Layout c={c} title={props.title}>
      <p class="text-sm opacity-70">{c.t('menu.admin')}</p>
      <PageTitle>{props.title}</PageTitle>
      <nav class="tabs tabs-box tabs-sm sm:tabs-md mb-4 flex-wrap" aria-label={c.t('menu.admin')} data-testid="admin-tabs">
        {list.map((t) => (
          <a
            key={t.path}
            class={`tab whitespace-nowrap ${t === active ? 'tab-active' : ''}`}
            href={c.href(t.path)}
            aria-current={t === active ? 'page' : undefined}
          >
            {c.t(t.label)}
          </a>
        ))}
      </nav>
      {props.children}
    </Layout>
  );
}
