/** Pure rules of identity verification (RULES.md "Favourites and verification"; issue 17). */

export { compareNames, isArabicName, type NameHint, nameSkeleton, skeletonDistance } from './transliteration.ts';

/** The documents accepted: a national identity card, a passport, a residence card. */
export const DOCUMENT_KINDS = ['national_id', 'passport', 'residence_card'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const isDocumentKind = (v: unknown): v is DocumentKind => typeof v === 'string' && (DOCUMENT_KINDS as readonly string[]).includes(v);

/** Each file at most 10 MB. */
export const FILE_MAX_BYTES = 10 * 1024 * 1024;
/** The document: a photo or a scan (JPEG, PNG, WebP) or a PDF — as the file's bytes say (platform/files.ts), not its name. */
export const DOCUMENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
/** The selfie: a photo. */
export const SELFIE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

/** Staff decide within this many business days (Sunday–Thursday). */
export const DECISION_BUSINESS_DAYS = 3;

export const FULL_NAME_MIN = 3;
export const FULL_NAME_MAX = 100;
export const REASON_MIN = 10;
export const REASON_MAX = 1000;

/**
 * pending (staff decide) → approved (the badge: `users.identity_verified_at`) | rejected (with the reason; the user
 * may try again). A verified user who replaces the document has a pending request again; the badge stays meanwhile.
 */
export type VerificationStatus = 'pending' | 'approved' | 'rejected';

/** Letters of any script (Arabic, Latin with its accents…), spaces, and the marks names carry: - ' ’ . */
const NAME_CHARS = /^[\p{L}\p{M}][\p{L}\p{M} .'’-]*$/u;

/** The full name as on the document, cleaned: one line, single spaces. */
export const cleanName = (v: unknown) => (typeof v === 'string' ? v.normalize('NFC').replace(/\s+/g, ' ').trim() : '');

/** What is wrong with a request's typed fields (field → code), or nothing. */
export function requestProblems(input: { documentKind: unknown; fullName: string }): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isDocumentKind(input.documentKind)) out.documentKind = 'verification.kind_invalid';
  const n = [...input.fullName].length;
  if (n < FULL_NAME_MIN || n > FULL_NAME_MAX) out.fullName = 'verification.name_length';
  else if (!NAME_CHARS.test(input.fullName) || !/\s/.test(input.fullName)) out.fullName = 'verification.name_invalid';
  return out;
}

/** Why a file cannot be the document or the selfie (its type as sniffed from its bytes, its size), or null. */
export function fileProblem(which: 'document' | 'selfie', f: { type: string; size: number }): string | null {
  if (f.size > FILE_MAX_BYTES) return 'verification.file_too_large';
  const allowed: readonly string[] = which === 'document' ? DOCUMENT_TYPES : SELFIE_TYPES;
  if (!allowed.includes(f.type)) return which === 'document' ? 'verification.document_type' : 'verification.selfie_type';
  return null;
}

/** A rejection's reason: 10–1000 characters, said to the user. */
export function reasonProblem(reason: string): string | null {
  const n = [...reason.trim()].length;
  return n < REASON_MIN || n > REASON_MAX ? 'verification.reason_length' : null;
}

/**
 * Whether a new request may be made now: never while one is pending; a verified user only to replace the document
 * (`replace`), keeping the badge until staff decide. The code of the refusal, or null.
 */
export function submitProblem(s: { pending: boolean; verified: boolean; replace: boolean }): string | null {
  if (s.pending) return 'verification.pending';
  if (s.verified && !s.replace) return 'verification.already_verified';
  return null;
}
