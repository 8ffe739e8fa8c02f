export { trustApi } from './api.ts';
export { type ContactKind, type ContactMatch, scanContacts } from './detector.ts';
export {
  createModerationService,
  DECISIONS,
  type ModerationService,
  REPORT_REASONS,
  REPORT_TARGETS,
  type TargetAdapter,
} from './moderation.ts';
export { trustPages } from './routes.tsx';
export {
  ATTEMPTS_FOR_CASE,
  contactFindings,
  contactRefusal,
  createTrustService,
  SANCTION_SCOPES,
  type SanctionScope,
  type TrustService,
} from './service.ts';
export { registerTargets } from './targets.ts';
