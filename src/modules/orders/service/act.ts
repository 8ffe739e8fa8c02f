import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../../platform/db/index.ts';
import { AppError, invalid } from '../../../platform/errors.ts';
import type { AuthUser } from '../../../platform/http/auth.ts';
import { type IdempotencyKey, idempotent } from '../../../platform/idempotency.ts';
import { roleOnOrder } from '../policy.ts';
import {
  AUTO_COMPLETE_MS,
  EXTENSION_DAYS_MAX,
  extensionDaysProblem,
  type OrderAction,
  type OrderFacts,
  type OrderState,
  PROJECT_AUTO_COMPLETE_MS,
  transition,
} from '../rules.ts';
import { disputes, orderEvents, orders } from '../schema.ts';
import { DAY, factsOf, type OrderRow, type OrderSteps } from './steps.ts';

export interface ActInput {
  message?: string;
  fileIds?: number[];
  reason?: string;
  /** A deadline extension's days (request-extension). */
  days?: number;
}

/** What an action's effects are given: the order as loaded, the state the transition table leads to, who acts. */
interface Step {
  tx: Tx;
  o: OrderRow;
  to: OrderState;
  actor: AuthUser;
  role: 'buyer' | 'seller';
  facts: OrderFacts;
  input: ActInput;
  now: Date;
}

/**
 * The buyer's and the seller's actions. Whether an action is allowed and the state it leads to come only from
 * the transition table (`transition()` in rules.ts); each action here adds its effects — the fields it sets
 * with the compare-and-set to that state, money, the history, the conversation, telling the other side.
 */
/** How many times the buyer asked for changes on an order (its history's `changes_requested` lines). */
export async function revisionsUsed(tx: DbOrTx, orderId: number): Promise<number> {
  const [r] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(orderEvents)
    .where(and(eq(orderEvents.orderId, orderId), eq(orderEvents.kind, 'changes_requested')));
  return r?.n ?? 0;
}

export function createActions(s: OrderSteps) {
  const { deps, m, load, cas, event, tell, refundMoney, completeMoney, checkMessage, recordingContacts } = s;
  const { db, clock } = deps;

  const EFFECTS: Record<OrderAction, (st: Step) => Promise<OrderRow>> = {
    async accept({ tx, o, to, actor, now }) {
      const row = await cas(tx, o, to, { startedAt: now, acceptBy: null, deadlineAt: new Date(now.getTime() + o.deliveryDays * DAY) });
      await event(tx, row, actor.id, 'accepted');
      await tell(tx, row, 'accepted', actor.id);
      return row;
    },

    async decline({ tx, o, to, actor, input, now }) {
      const reason = checkMessage(input.reason ?? '', 'reason', false);
      const row = await cas(tx, o, to, { cancelledAt: now, acceptBy: null, cancelReason: reason });
      await refundMoney(tx, row, actor.id);
      await event(tx, row, actor.id, 'declined', { message: reason });
      await tell(tx, row, 'declined', actor.id);
      return row;
    },

    async deliver({ tx, o, to, actor, input, now }) {
      const message = checkMessage(input.message ?? '');
      const fileIds = [...new Set(input.fileIds ?? [])];
      if (fileIds.length > 10) throw invalid({ files: 'messaging.too_many_files' }, { files: 10 });
      const own = fileIds.length ? await m.files.owned(tx, actor.id, fileIds, 'attachment') : [];
      if (own.length !== fileIds.length) throw invalid({ files: 'messaging.file_invalid' });
      const wait = o.kind === 'project' ? PROJECT_AUTO_COMPLETE_MS : AUTO_COMPLETE_MS;
      // A request to move the deadline no longer matters once the work is delivered.
      const row = await cas(tx, o, to, {
        deliveredAt: now,
        autoCompleteAt: new Date(now.getTime() + wait),
        extensionRequestedBy: null,
        extensionDays: null,
        extensionReason: null,
      });
      await event(tx, row, actor.id, 'delivered', { message, fileIds });
      if (row.conversationId) await m.messaging.sendTo(tx, actor.id, row.conversationId, message, fileIds);
      await tell(tx, row, 'delivered', actor.id);
      return row;
    },

    async 'request-changes'({ tx, o, to, actor, input }) {
      const message = checkMessage(input.message ?? '');
      // Revisions included (a custom offer's): counted, none past them.
      if (o.revisions !== null) {
        const used = await revisionsUsed(tx, o.id);
        if (used >= o.revisions) throw new AppError('order.no_revisions_left', { max: o.revisions });
      }
      const row = await cas(tx, o, to, { autoCompleteAt: null });
      await event(tx, row, actor.id, 'changes_requested', { message });
      if (row.conversationId) await m.messaging.sendTo(tx, actor.id, row.conversationId, message, []);
      await tell(tx, row, 'changes_requested', actor.id);
      return row;
    },

    async complete({ tx, o, to, actor, now }) {
      const row = await cas(tx, o, to, { completedAt: now, autoCompleteAt: null, cancelRequestedBy: null });
      await completeMoney(tx, row, actor.id);
      await event(tx, row, actor.id, 'completed');
      await tell(tx, row, 'completed', actor.id);
      return row;
    },

    async cancel({ tx, o, to, actor, facts, input, now }) {
      const reason = checkMessage(input.reason ?? '', 'reason', false);
      const row = await cas(tx, o, to, { cancelledAt: now, acceptBy: null, cancelReason: reason });
      await refundMoney(tx, row, actor.id);
      await event(tx, row, actor.id, facts.late ? 'cancelled_late' : 'cancelled', { message: reason });
      await tell(tx, row, 'cancelled', actor.id);
      return row;
    },

    async 'request-cancel'({ tx, o, to, actor, role, input }) {
      const reason = checkMessage(input.reason ?? '', 'reason');
      // Only while no other request is open (another tab, or the other side at the same moment).
      const row = await cas(tx, o, to, { cancelRequestedBy: role, cancelReason: reason }, isNull(orders.cancelRequestedBy));
      await event(tx, row, actor.id, 'cancel_requested', { message: reason });
      await tell(tx, row, 'cancel_requested', actor.id);
      return row;
    },

    async 'accept-cancel'({ tx, o, to, actor, now }) {
      const row = await cas(tx, o, to, { cancelledAt: now, autoCompleteAt: null });
      await refundMoney(tx, row, actor.id);
      await event(tx, row, actor.id, 'cancel_accepted');
      await tell(tx, row, 'cancelled', actor.id);
      return row;
    },

    async 'reject-cancel'({ tx, o, to, actor }) {
      const row = await cas(tx, o, to, { cancelRequestedBy: null });
      await event(tx, row, actor.id, 'cancel_rejected');
      await tell(tx, row, 'cancel_rejected', actor.id);
      return row;
    },

    async 'request-extension'({ tx, o, to, actor, role, input }) {
      const problem = extensionDaysProblem(input.days);
      const reason = checkMessage(input.reason ?? '', 'reason');
      if (problem) throw invalid({ days: problem }, { max: EXTENSION_DAYS_MAX });
      const days = input.days as number;
      // Only while no other request is open (another tab, or the other side at the same moment).
      const row = await cas(
        tx,
        o,
        to,
        { extensionRequestedBy: role, extensionDays: days, extensionReason: reason },
        isNull(orders.extensionRequestedBy),
      );
      await event(tx, row, actor.id, 'extension_requested', { message: reason, data: { days } });
      await tell(tx, row, 'extension_requested', actor.id, { days });
      return row;
    },

    async 'accept-extension'({ tx, o, to, actor }) {
      const days = o.extensionDays ?? 0;
      const from = o.deadlineAt ?? clock();
      const row = await cas(
        tx,
        o,
        to,
        { deadlineAt: new Date(from.getTime() + days * DAY), extensionRequestedBy: null, extensionDays: null, extensionReason: null },
        isNotNull(orders.extensionRequestedBy),
      );
      await event(tx, row, actor.id, 'extension_accepted', { data: { days } });
      await tell(tx, row, 'extension_accepted', actor.id, { days });
      return row;
    },

    async 'reject-extension'({ tx, o, to, actor }) {
      const row = await cas(
        tx,
        o,
        to,
        { extensionRequestedBy: null, extensionDays: null, extensionReason: null },
        isNotNull(orders.extensionRequestedBy),
      );
      await event(tx, row, actor.id, 'extension_rejected');
      await tell(tx, row, 'extension_rejected', actor.id);
      return row;
    },

    async dispute({ tx, o, to, actor, input, now }) {
      const reason = checkMessage(input.reason ?? '', 'reason');
      const row = await cas(tx, o, to, { disputedFrom: o.status, autoCompleteAt: null });
      await tx.insert(disputes).values({ orderId: o.id, openedBy: actor.id, reason, createdAt: now });
      await event(tx, row, actor.id, 'dispute_opened', { message: reason });
      await tell(tx, row, 'dispute_opened', actor.id);
      return row;
    },
  };

  return {
    /** Any action of the transition table, by the buyer or the seller, moving money where it must. */
    async act(actor: AuthUser, id: number, action: OrderAction, input: ActInput = {}, idem: IdempotencyKey | null = null) {
      const now = clock();
      const r = await recordingContacts(actor.id, [input.message, input.reason], () =>
        idempotent(db, idem, async (tx) => {
          const o = await load(tx, id);
          const role = roleOnOrder(o, actor);
          if (role === 'other') throw new AppError('order.not_found');
          const facts = factsOf(o, now);
          const t = transition(facts, action, role);
          if ('error' in t) throw new AppError(t.error);
          // The table gives actions to the buyer and the seller only: `role` is one of them here.
          const row = await EFFECTS[action]({ tx, o, to: t.to, actor, role: role as 'buyer' | 'seller', facts, input, now });
          return { status: 200, body: { id: row.id, status: row.status } };
        }),
      );
      deps.outbox.kick();
      return r.body;
    },
  };
}
