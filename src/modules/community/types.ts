import type { DbOrTx } from '../../platform/db/index.ts';
import type { NotificationsService } from '../notifications/index.ts';
import type { AwardPoints } from '../points/index.ts';
import type { TrustService } from '../trust/index.ts';
import type { communityAcceptances, communityComments, communitySections, communityTopics } from './schema.ts';

/** The community's shared types (its services' and views'). */
export type TopicRow = typeof communityTopics.$inferSelect;
export type CommentRow = typeof communityComments.$inferSelect;
export type SectionRow = typeof communitySections.$inferSelect;
export type AcceptanceRow = typeof communityAcceptances.$inferSelect;
export type Viewer = { id: number; roles: readonly string[] };

/** A person as the community shows them: name, @username, picture, since when they are a member. */
export interface CommunityPerson {
  username: string;
  displayName: string;
  avatarUrl: string | null;
  memberSince: string;
}

/** What the community uses of other modules, each through its index. */
export interface CommunityModules {
  notifications: Pick<NotificationsService, 'notify' | 'mailOn'>;
  trust: Pick<TrustService, 'assertAllowed' | 'recordAttempt'>;
  /** The points ledger: an up-vote received and an accepted answer earn points, taken back with the vote or acceptance. */
  points: { award: AwardPoints };
  accounts: {
    publicByIds(ids: number[]): Promise<Map<number, CommunityPerson>>;
    contactOf(userId: number, tx?: DbOrTx): Promise<{ email: string; name: string; locale: 'ar' | 'en' } | null>;
  };
}
