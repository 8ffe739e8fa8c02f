export { stripeWebhook, walletApi } from './api.ts';
export { walletPages } from './routes.tsx';
export { DEFAULT_WALLET_SETTINGS, type WalletSettings } from './rules.ts';
export { createWalletService, type Recipients, type WalletService } from './service.ts';
export { createStripeProvider } from './stripe.ts';
