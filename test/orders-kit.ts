import { expect } from 'vitest';
import { publishedService, type signedUpUser, staffUser, type TestApp } from './helpers.ts';

/** The orders suites' shared steps (tips, offers, extensions): calls through the API, a seller's live service. */
export type User = Awaited<ReturnType<typeof signedUpUser>>;

export function ordersKit(t: () => TestApp) {
  const api = (
    u: { auth: Record<string, string> },
    method: 'GET' | 'POST',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) => t().app.inject({ method, url, headers: { ...u.auth, ...headers }, payload: payload as object });
  const key = () => ({ 'idempotency-key': `k-${Math.random()}` });
  /** A finance reader, for the ledger's reconciliation (the wallet's own check). */
  const finance = { id: 0, roles: ['finance'] };

  return {
    api,
    key,
    /** A service of `seller`, published by a moderator made for it. */
    async serviceOf(seller: User, prefix: string) {
      return (await publishedService(t(), seller, await staffUser(t(), ['moderator'], prefix))).id;
    },
    /** `buyer` orders `serviceId` of `seller`, who accepts it: in progress. */
    async startedOrder(buyer: User, seller: User, serviceId: number) {
      const o = await api(buyer, 'POST', '/api/v1/orders', { serviceId, quantity: 1, addonIds: [] }, key());
      expect(o.statusCode, o.body).toBe(201);
      const id = o.json().id as number;
      expect((await api(seller, 'POST', `/api/v1/orders/${id}/accept`, {})).statusCode).toBe(200);
      return id;
    },
    /** The same order delivered and accepted by the buyer: completed. */
    async completedOrder(buyer: User, seller: User, serviceId: number) {
      const id = await this.startedOrder(buyer, seller, serviceId);
      expect((await api(seller, 'POST', `/api/v1/orders/${id}/deliver`, { message: 'تم التسليم' })).statusCode).toBe(200);
      expect((await api(buyer, 'POST', `/api/v1/orders/${id}/complete`, {})).statusCode).toBe(200);
      return id;
    },
    /** The user's statement lines of `type` for `reference` (the wallet's own reading of the ledger). */
    async ledgerLines(userId: number, type: string, reference: string) {
      return (await t().services.wallet.statement(userId, { type, limit: 1000 })).items.filter((i) => i.reference === reference);
    },
    /** Every ledger invariant holds (the wallet's reconciliation, as finance reads it). */
    async reconciled() {
      return (await t().services.wallet.reconcile(finance)).ok;
    },
  };
}
