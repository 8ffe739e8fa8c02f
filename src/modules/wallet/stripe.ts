import Stripe from 'stripe';
import { AppError } from '../../platform/errors.ts';
import type { CheckoutProvider, ProviderConfirmation } from './providers.ts';

/**
 * Stripe Checkout as a deposit method: a hosted payment page per deposit, and the signed webhook that
 * confirms it. Deposits are in US dollars, whole cents, as everywhere in the wallet.
 */
export interface StripeConfig {
  secretKey: string;
  webhookSecret: string;
  /** Where the API client sends requests instead of api.stripe.com, e.g. `http://127.0.0.1:12111` (a local fake); null = real Stripe. */
  apiBase: string | null;
}

/** Client tuning; the defaults suit production. Tests against a fake set no retries and a short timeout. */
export interface StripeClientOptions {
  timeoutMs?: number;
  maxNetworkRetries?: number;
}

function clientFor(cfg: StripeConfig, opts: StripeClientOptions): Stripe {
  const config: Stripe.StripeConfig = {
    maxNetworkRetries: opts.maxNetworkRetries ?? 2,
    timeout: opts.timeoutMs ?? 20_000,
    appInfo: { name: 'Kafiil' },
  };
  if (cfg.apiBase) {
    const u = new URL(cfg.apiBase);
    const protocol = u.protocol === 'http:' ? 'http' : 'https';
    config.protocol = protocol;
    config.host = u.hostname;
    config.port = u.port || (protocol === 'http' ? 80 : 443);
  }
  return new Stripe(cfg.secretKey, config);
}

/**
 * Where Stripe sends the payer back: the wallet's page of this top-up (`/wallet/deposits/:id`), which says how it
 * went and offers the next step — continue to `returnUrl` (what the person was doing) once paid, or try again with
 * the same amount and the same way back when they left the payment page. The language of `returnUrl` is kept.
 */
export function stripeReturnUrl(returnUrl: string, depositId: number, result: 'success' | 'cancel'): string {
  const u = new URL(returnUrl);
  const en = u.pathname === '/en' || u.pathname.startsWith('/en/');
  const back = `${u.pathname}${u.search}${u.hash}`;
  const page = new URL(`${en ? '/en' : ''}/wallet/deposits/${depositId}`, u.origin);
  page.searchParams.set('result', result);
  if (back !== '/wallet' && back !== '/en/wallet') page.searchParams.set('r', back);
  return page.toString();
}

export function createStripeProvider(cfg: StripeConfig, opts: StripeClientOptions = {}): CheckoutProvider {
  const stripe = clientFor(cfg, opts);
  return {
    id: 'stripe',
    async createCheckout(req) {
      // req.secret is the sandbox page's; Stripe's own checkout URL needs none.
      const session = await stripe.checkout.sessions.create(
        {
          mode: 'payment',
          line_items: [
            {
              quantity: 1,
              price_data: {
                currency: 'usd',
                unit_amount: req.amountCents,
                product_data: { name: `Kafiil wallet top-up #${req.depositId}` },
              },
            },
          ],
          customer_email: req.email,
          client_reference_id: String(req.depositId),
          metadata: { depositId: String(req.depositId) },
          payment_intent_data: { metadata: { depositId: String(req.depositId) } },
          locale: req.locale,
          success_url: stripeReturnUrl(req.returnUrl, req.depositId, 'success'),
          cancel_url: stripeReturnUrl(req.returnUrl, req.depositId, 'cancel'),
        },
        { idempotencyKey: `deposit-${req.depositId}` },
      );
      if (!session.url) throw new Error(`Stripe Checkout Session ${session.id} has no url`);
      return { checkoutUrl: session.url, providerRef: session.id };
    },
  };
}

const PAID_EVENTS = new Set(['checkout.session.completed', 'checkout.session.async_payment_succeeded']);

/**
 * Verifies a Stripe webhook (the raw request body, byte for byte, and its `Stripe-Signature` header) and
 * reads the payment it confirms. A missing, forged or stale signature throws `wallet.webhook_signature`.
 * Returns null for events that confirm nothing (other types, a session not yet paid, a session that is
 * not a Kafiil deposit): acknowledge those and do nothing.
 */
export function parseStripeWebhook(
  cfg: StripeConfig,
  rawBody: Buffer | string,
  signatureHeader: string | undefined,
): ProviderConfirmation | null {
  if (!signatureHeader) throw new AppError('wallet.webhook_signature');
  let event: Stripe.Event;
  try {
    event = Stripe.webhooks.constructEvent(rawBody, signatureHeader, cfg.webhookSecret);
  } catch {
    throw new AppError('wallet.webhook_signature');
  }
  if (!PAID_EVENTS.has(event.type)) return null;
  const session = event.data.object as Stripe.Checkout.Session;
  if (session.payment_status !== 'paid') return null;
  const depositId = Number(session.metadata?.depositId ?? session.client_reference_id);
  if (!Number.isSafeInteger(depositId) || depositId <= 0) return null;
  if (session.currency !== 'usd' || typeof session.amount_total !== 'number') return null;
  return { provider: 'stripe', eventId: event.id, depositId, amountCents: session.amount_total };
}
