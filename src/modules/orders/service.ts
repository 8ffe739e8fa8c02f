import type { Deps } from '../../platform/deps.ts';
import { roleOnOrder } from './policy.ts';
import { createActions } from './service/act.ts';
import { createDisputes } from './service/disputes.ts';
import { createEarnings } from './service/earnings.ts';
import { createOffers } from './service/offers.ts';
import { createPlacing } from './service/place.ts';
import { createPortfolioReads } from './service/portfolio.ts';
import { createReading } from './service/read.ts';
import { createReviews } from './service/reviews.ts';
import { createOrderSteps, type OrdersModules } from './service/steps.ts';
import { createTimers } from './service/timers.ts';
import { createTips } from './service/tips.ts';

export type { DeliveredOrder } from './service/portfolio.ts';
export type { DisputeRow, OrderEventRow, OrderRow, ReviewRow } from './service/steps.ts';

/**
 * The orders' use cases (RULES.md "Service orders"), one file per concern under service/, composed here into the
 * one service the app and the other modules use.
 */
export function createOrdersService(deps: Deps, m: OrdersModules) {
  const steps = createOrderSteps(deps, m);
  const placing = createPlacing(steps);
  const reading = createReading(steps);
  const actions = createActions(steps);
  const disputes = createDisputes(steps);
  const reviews = createReviews(steps);
  const timers = createTimers(steps, reviews);
  const earnings = createEarnings(steps);
  const portfolio = createPortfolioReads(steps);
  const tips = createTips(steps);
  const offers = createOffers(steps);

  return {
    startFromBid: placing.startFromBid,
    place: placing.place,
    checkoutForRest: placing.checkoutForRest,
    intentOfDeposit: placing.intentOfDeposit,
    access: reading.access,
    get: reading.get,
    act: actions.act,
    resolve: disputes.resolve,
    disputeQueue: disputes.disputeQueue,
    list: reading.list,
    active: reading.active,
    runDue: timers.runDue,
    review: reviews.review,
    tip: tips.tip,
    /** Custom offers in a direct conversation: sent by a seller, accepted (paid into escrow) by the buyer. */
    offers,
    tipOf: tips.tipOf,
    reply: reviews.reply,
    reviewById: reviews.reviewById,
    reviewsOfOrder: reviews.reviewsOfOrder,
    removeReview: reviews.removeReview,
    publicReviews: reviews.publicReviews,
    profileReviews: reviews.profileReviews,
    earnings: earnings.earnings,
    recomputeLevel: steps.recomputeLevel,
    /** A buyer's level from what they spent (contests call it when a prize is paid), in the caller's transaction. */
    recomputeBuyerLevel: steps.recomputeBuyerLevel,
    sellerRecordOf: steps.sellerRecordOf,
    setStaffLevel: steps.setStaffLevel,
    /** Days a payment to this seller waits before it is available (RULES.md "Levels"): contests pay prizes so too. */
    clearanceDaysOf: steps.clearanceDaysOf,
    roleOf: roleOnOrder,
    /** A portfolio work's "delivered on Kafiil" badge (issue 17): a seller's completed sale, and its buyer's review. */
    completedSale: portfolio.completedSale,
    deliveredOrders: portfolio.deliveredOrders,
  };
}

export type OrdersService = ReturnType<typeof createOrdersService>;
