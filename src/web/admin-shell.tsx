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

/** The frame of every admin page: its title and the tabs this staff member may open. */
export function AdminShell(props: { c: ViewCtx; title: string; children: ComponentChildren }) {
  const { c } = props;
  return (
    <Layout c={c} title={props.title}>
      <p class="text-sm opacity-70">{c.t('menu.admin')}</p>
      <PageTitle>{props.title}</PageTitle>
      <div role="tablist" class="tabs tabs-box mb-4 overflow-x-auto flex-nowrap">
        {tabs
          .filter((t) => can(c.user, t.permission))
          .map((t) => (
            <a
              key={t.path}
              role="tab"
              class={`tab whitespace-nowrap ${c.path.startsWith(t.path) ? 'tab-active' : ''}`}
              href={c.href(t.path)}
            >
              {c.t(t.label)}
            </a>
          ))}
      </div>
      {props.children}
    </Layout>
  );
}
