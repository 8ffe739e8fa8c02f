export { type ContactKind, type ContactMatch, scanContacts } from './detector.ts';
