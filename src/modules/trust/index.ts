export { type ContactKind, type ContactMatch, scanContacts } from './detector.ts';
export { trustPages } from './routes.tsx';
export { ATTEMPTS_FOR_CASE, contactFindings, contactRefusal, createTrustService, SANCTION_SCOPES, type SanctionScope, type TrustService } from './service.ts';
