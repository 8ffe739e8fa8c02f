import { WITHDRAWAL_METHODS, type WithdrawalMethod } from './rules.ts';

/**
 * Payout providers behind one interface, as deposits have theirs (providers.ts). The manual provider is the
 * default for every method: finance staff send the money by hand and type the payout's reference. A provider that
 * sends by itself (PayPal Payouts, a local wallet's API) is one file implementing `PayoutProvider`, registered for
 * its methods with `wallet.registerPayoutProvider`; "process" on the finance queue then asks it to send.
 */
export interface PayoutRequest {
  /** The withdrawal's id: a provider should use it as its idempotency key, so a retried send pays once. */
  withdrawalId: number;
  userId: number;
  amountCents: number;
  method: WithdrawalMethod;
  /** What the user typed for the method (API.md "Withdrawal method ids"), e.g. `{email}` for PayPal. */
  details: Readonly<Record<string, string>>;
}

/**
 * What a provider answers when asked to send:
 * - `{ reference }`: sent; the withdrawal is paid with this reference (the same ledger posting as the manual one);
 * - `{ pending }`: accepted and still working, with the provider's id of the payout; it stays approved until
 *   finance marks it paid with the reference once the provider has sent it;
 * - `{ byHand: true }`: nothing is sent automatically (the manual provider): finance sends it and types the reference.
 * A provider that cannot send throws; the withdrawal stays approved with the error, for finance to decide.
 */
export type PayoutOutcome = { reference: string } | { pending: string } | { byHand: true };

export interface PayoutProvider {
  /** Stored on the withdrawal (`provider`); `manual` is the built-in one. */
  readonly id: string;
  /** The withdrawal methods it sends. */
  readonly methods: readonly WithdrawalMethod[];
  /**
   * Sends one payout. Called while finance waits for the answer, outside any transaction: it should give up after
   * a few seconds (e.g. `AbortSignal.timeout`) and throw, rather than keep the request open. A payout it accepted
   * and finishes later stays approved with its id until finance marks it paid (no polling or webhook here yet).
   */
  send(w: PayoutRequest): Promise<PayoutOutcome>;
}

/** The default for every method: finance sends the money by hand and marks it paid with the reference. */
export const manualPayoutProvider: PayoutProvider = {
  id: 'manual',
  methods: WITHDRAWAL_METHODS,
  async send() {
    return { byHand: true };
  },
};

/** Which provider sends each method: the manual one unless another was registered for it. */
export function payoutRegistry() {
  const byMethod = new Map<WithdrawalMethod, PayoutProvider>();
  return {
    register(p: PayoutProvider) {
      if (!/^[a-z][a-z0-9_-]{1,39}$/.test(p.id)) throw new Error(`payout provider id ${p.id}: lowercase letters, digits, - or _`);
      if (p.id === manualPayoutProvider.id && p !== manualPayoutProvider) throw new Error('payout provider id manual is the built-in one');
      for (const m of p.methods) byMethod.set(m, p);
    },
    /** The provider that sends `method` now. */
    of(method: WithdrawalMethod): PayoutProvider {
      return byMethod.get(method) ?? manualPayoutProvider;
    },
  };
}

export type PayoutRegistry = ReturnType<typeof payoutRegistry>;

/** The longest reference or provider message kept (a provider's answer is not trusted to be short). */
export const PAYOUT_TEXT_MAX = 200;
