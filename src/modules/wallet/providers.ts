/**
 * Payment providers behind one interface. The sandbox is the built-in test-mode gateway (on when no real
 * provider is configured); Stripe Checkout is on when its keys are set. Manual methods need no provider:
 * finance staff confirm the transfer reference.
 */
export interface CheckoutRequest {
  depositId: number;
  amountCents: number;
  email: string;
  locale: 'ar' | 'en';
  /** Where the provider sends the payer back. */
  returnUrl: string;
}

export interface CheckoutProvider {
  readonly id: 'sandbox' | 'stripe';
  createCheckout(req: CheckoutRequest & { secret: string }): Promise<{ checkoutUrl: string; providerRef: string }>;
}

/** A confirmed payment as a provider reports it (webhook or sandbox form). */
export interface ProviderConfirmation {
  provider: string;
  eventId: string;
  depositId: number;
  amountCents: number;
}

export function sandboxProvider(baseUrl: string): CheckoutProvider {
  return {
    id: 'sandbox',
    async createCheckout(req) {
      // Where to go back to after paying (a path on this site, e.g. the purchases page after "deposit and order").
      const back = req.returnUrl.startsWith(baseUrl) ? req.returnUrl.slice(baseUrl.length) : '';
      const r = back && back !== '/wallet' && back !== '/en/wallet' ? `&r=${encodeURIComponent(back)}` : '';
      return { checkoutUrl: `${baseUrl}/pay/sandbox/${req.depositId}?s=${req.secret}${r}`, providerRef: `sandbox-${req.depositId}` };
    },
  };
}

/** The sandbox's test cards (API.md). */
export const SANDBOX_CARD_PAYS = '4242424242424242';
export const SANDBOX_CARD_DECLINED = '4000000000000002';
