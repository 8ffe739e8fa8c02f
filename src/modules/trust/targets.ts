import type { Db, DbOrTx } from '../../platform/db/index.ts';
import type { ModerationService } from './moderation.ts';

interface Sources {
  db: Db;
  accounts: {
    publicByIds(ids: number[]): Promise<Map<number, { username: string; displayName: string; bio: string }>>;
  };
  catalog: {
    forOrder(id: number, tx: DbOrTx): Promise<{ id: number; sellerId: number; title: string; description: string; status: string } | null>;
    moderate(tx: DbOrTx, id: number, to: 'hidden' | 'removed', reason: string): Promise<unknown>;
    changed(): Promise<void>;
  };
  messaging: {
    messageById(
      id: number,
      tx?: DbOrTx,
    ): Promise<{ senderId: number; body: string; conversationId: number; removedAt: Date | null } | null>;
    membersOf(conversationId: number): Promise<number[] | null>;
    removeMessage(tx: DbOrTx, id: number): Promise<boolean>;
  };
  orders: {
    reviewById(
      id: number,
      tx?: DbOrTx,
    ): Promise<{
      authorId: number;
      subjectId: number;
      serviceId: number | null;
      orderId: number;
      comment: string;
      reply: string | null;
      publishedAt: Date | null;
      removedAt: Date | null;
    } | null>;
    removeReview(tx: DbOrTx, id: number): Promise<boolean>;
  };
  projects: {
    forModeration(id: number): Promise<{ ownerId: number; title: string; description: string; status: string } | null>;
    moderate(tx: DbOrTx, id: number, to: 'hidden' | 'removed', reason: string): Promise<boolean>;
    changed(): Promise<void>;
  };
  bids: {
    byIds(ids: number[]): Promise<{ id: number; projectId: number; freelancerId: number; proposal: string; status: string }[]>;
    removeBid(tx: DbOrTx, id: number): Promise<boolean>;
    changed(): Promise<void>;
  };
}

const short = (s: string, n = 80) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The kinds of content that exist today, as moderation reaches them (each through its module's index). */
export function registerTargets(moderation: ModerationService, src: Sources): void {
  moderation.registerTarget('user', {
    takeDowns: [],
    async load(id) {
      const u = (await src.accounts.publicByIds([id])).get(id);
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
  });

  moderation.registerTarget('service', {
    takeDowns: ['hide', 'delete'],
    async load(id) {
      const s = await src.catalog.forOrder(id, src.db);
      if (!s) return null;
      return {
        authorId: s.sellerId,
        title: s.title,
        text: s.description,
        url: `/services/${s.id}`,
        state: s.status === 'hidden' || s.status === 'removed' ? s.status : null,
        visibleTo: (userId) => s.status === 'published' || userId === s.sellerId,
      };
    },
    async apply(tx, id, action, reason) {
      return Boolean(await src.catalog.moderate(tx, id, action === 'hide' ? 'hidden' : 'removed', reason));
    },
    afterCommit: () => src.catalog.changed(),
  });

  moderation.registerTarget('message', {
    takeDowns: ['delete'],
    async load(id) {
      const m = await src.messaging.messageById(id);
      if (!m) return null;
      return {
        authorId: m.senderId,
        title: short(m.body.replace(/\s+/g, ' ')),
        text: m.body,
        url: `/admin/conversations/${m.conversationId}`,
        state: m.removedAt ? 'removed' : null,
        // Only the conversation's members can see (and so report) a message.
        visibleTo: async (userId) => !m.removedAt && ((await src.messaging.membersOf(m.conversationId)) ?? []).includes(userId),
      };
    },
    apply: (tx, id) => src.messaging.removeMessage(tx, id),
  });

  moderation.registerTarget('project', {
    takeDowns: ['hide', 'delete'],
    async load(id) {
      const p = await src.projects.forModeration(id);
      if (!p) return null;
      const publicNow = ['open', 'hired', 'closed', 'expired'].includes(p.status);
      return {
        authorId: p.ownerId,
        title: p.title,
        text: p.description,
        url: `/projects/${id}`,
        state: p.status === 'hidden' || p.status === 'removed' ? p.status : null,
        visibleTo: (userId) => publicNow || userId === p.ownerId,
      };
    },
    apply: (tx, id, action, reason) => src.projects.moderate(tx, id, action === 'hide' ? 'hidden' : 'removed', reason),
    afterCommit: () => src.projects.changed(),
  });

  moderation.registerTarget('bid', {
    takeDowns: ['delete'],
    async load(id) {
      const [b] = await src.bids.byIds([id]);
      if (!b) return null;
      const p = await src.projects.forModeration(b.projectId);
      return {
        authorId: b.freelancerId,
        title: short(b.proposal.replace(/\s+/g, ' ')),
        text: b.proposal,
        url: `/projects/${b.projectId}#bid-${id}`,
        state: b.status === 'removed' ? 'removed' : null,
        // Bidders are public on an open project; the proposal is the owner's to read (and so to report).
        visibleTo: (userId) => b.status !== 'removed' && (userId === p?.ownerId || userId === b.freelancerId),
      };
    },
    apply: (tx, id) => src.bids.removeBid(tx, id),
    afterCommit: () => src.bids.changed(),
  });

  moderation.registerTarget('review', {
    takeDowns: ['delete'],
    async load(id) {
      const r = await src.orders.reviewById(id);
      if (!r) return null;
      const text = [r.comment, r.reply ? `↩ ${r.reply}` : ''].filter(Boolean).join('\n');
      return {
        authorId: r.authorId,
        title: short(r.comment.replace(/\s+/g, ' ')) || `#${id}`,
        text,
        url: r.serviceId ? `/services/${r.serviceId}` : `/orders/${r.orderId}`,
        state: r.removedAt ? 'removed' : null,
        visibleTo: (userId) => !r.removedAt && (r.publishedAt !== null || userId === r.subjectId || userId === r.authorId),
      };
    },
    apply: (tx, id) => src.orders.removeReview(tx, id),
  });
}
