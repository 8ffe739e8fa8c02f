export { type ContactKind, type ContactMatch, scanContacts } from './detector.ts';
export { ATTEMPTS_FOR_CASE, contactFindings, contactRefusal, createTrustService, type TrustService } from './service.ts';
