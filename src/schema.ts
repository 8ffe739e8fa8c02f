/** Every table, for drizzle-kit (migrations) and the admin's audit search (it joins usernames to the audit log). */
export * from './modules/accounts/schema.ts';
export * from './modules/blog/schema.ts';
export * from './modules/catalog/schema.ts';
export * from './modules/content/schema.ts';
export * from './modules/contests/schema.ts';
export * from './modules/favorites/schema.ts';
export * from './modules/help/schema.ts';
export * from './modules/messaging/schema.ts';
export * from './modules/notifications/schema.ts';
export * from './modules/orders/schema.ts';
export * from './modules/projects/schema.ts';
export * from './modules/support/schema.ts';
export * from './modules/trust/schema.ts';
export * from './modules/verification/schema.ts';
export * from './modules/wallet/schema.ts';
export * from './modules/works/schema.ts';
export * from './platform/db/tables.ts';
