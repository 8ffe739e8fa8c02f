export { type ContentService, createContentService, isPolicyKind, type PolicyKind, type PolicyVersion } from './service.ts';
