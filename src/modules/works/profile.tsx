import type { VNode } from 'preact';
import type { ViewCtx } from '../../platform/http/pages.ts';
import { WorksSection } from './section.tsx';
import type { WorksCore } from './service.ts';

/**
 * The works' part of a freelancer's public profile, for the accounts module's page (through the services container,
 * so accounts does not import this module): the best published works, or on one's own profile a link to add one.
 */
export function createWorksProfile(works: Pick<WorksCore, 'worksOfOwner'>) {
  return {
    async section(c: ViewCtx, user: { id: number; username: string }): Promise<VNode | null> {
      const items = await works.worksOfOwner(user.id, 6);
      return <WorksSection c={c} works={items} username={user.username} isOwn={c.user?.username === user.username} />;
    },
  };
}

export type WorksProfile = ReturnType<typeof createWorksProfile>;
