import { and, asc, desc, eq } from 'drizzle-orm';
import { audit } from '../../platform/audit.ts';
import type { DbOrTx } from '../../platform/db/index.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import type { FileRow, FilesService } from '../../platform/files.ts';
import type { AuthUser, Origin } from '../../platform/http/auth.ts';
import { parseId } from '../../platform/http/request.ts';
import { translate } from '../../platform/i18n/index.ts';
import { notificationMailText } from '../../platform/mail-text.ts';
import type { NotificationsService } from '../notifications/index.ts';
import { addBusinessDays } from '../wallet/index.ts';
import { isStaffReading, mayDecideVerifications, maySeeVerificationFiles } from './policy.ts';
import {
  cleanName,
  compareNames,
  DECISION_BUSINESS_DAYS,
  FILE_MAX_BYTES,
  fileProblem,
  type NameHint,
  reasonProblem,
  requestProblems,
  submitProblem,
} from './rules.ts';
import { verificationRequests } from './schema.ts';

export type VerificationRequestRow = typeof verificationRequests.$inferSelect;
type Viewer = Pick<AuthUser, 'id' | 'roles'> | null;

/** The purposes of the files a request may name: uploaded through its page (`identity`) or the files API (`attachment`). */
const FILE_PURPOSES = new Set(['identity', 'attachment']);

/** What the module needs from others, given by the composition root (app.ts), so it imports no accounts code. */
export interface VerificationModules {
  files: Pick<FilesService, 'byIds' | 'read' | 'saveAttachment' | 'remove'>;
  notifications: Pick<NotificationsService, 'notify'>;
  accounts: {
    setIdentityVerified(tx: DbOrTx, userId: number, at: Date | null): Promise<void>;
    identityVerifiedAt(tx: DbOrTx, userId: number): Promise<Date | null>;
    publicByIds(ids: number[]): Promise<Map<number, { username: string; displayName: string }>>;
  };
}

/** A request as staff's queue shows it: the account's names beside the typed one, and the transliteration hint. */
export interface QueueItem {
  request: VerificationRequestRow;
  account: { username: string; displayName: string } | null;
  verifiedAt: Date | null;
  hint: NameHint;
  /** The document's type (from its bytes): an image is shown in the page, a PDF opened from a link. */
  documentType: string | null;
}

/** What a request's form sends: the kind of document, the name on it, the two files (ids of the user's own uploads). */
export interface RequestInput {
  documentKind: unknown;
  fullName: unknown;
  documentFileId: unknown;
  selfieFileId: unknown;
  /** A verified user replacing the document (the badge stays until staff decide). */
  replace?: boolean;
}

/** A file as a page's form sent it. */
export interface Upload {
  name: string;
  bytes: Buffer;
}

const conflict = (code: string) => new AppError(code, {}, {}, { status: 409 });

/**
 * Identity verification (RULES.md "Favourites and verification"): a user sends a document and a selfie, support
 * staff approve (the badge) or reject with a reason within DECISION_BUSINESS_DAYS business days, the user is told.
 * Every reading of the files by staff is in the audit log with the staff member and their address.
 */
export function createVerificationService(deps: Deps, m: VerificationModules) {
  const { db, clock, config } = deps;

  async function latestOf(userId: number, tx: DbOrTx = db): Promise<VerificationRequestRow | null> {
    const [r] = await tx
      .select()
      .from(verificationRequests)
      .where(eq(verificationRequests.userId, userId))
      .orderBy(desc(verificationRequests.id))
      .limit(1);
    return r ?? null;
  }

  async function byId(id: number, tx: DbOrTx = db): Promise<VerificationRequestRow | null> {
    if (!Number.isSafeInteger(id) || id < 1) return null;
    const [r] = await tx.select().from(verificationRequests).where(eq(verificationRequests.id, id));
    return r ?? null;
  }

  /** The two files a request names, checked: the sender's own uploads, a photo or PDF and a photo, each ≤ 10 MB. */
  async function checkedFiles(actorId: number, input: RequestInput): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    const ids = { documentFileId: parseId(input.documentFileId), selfieFileId: parseId(input.selfieFileId) };
    const rows = new Map<number, FileRow>(
      (await m.files.byIds([ids.documentFileId, ids.selfieFileId].filter((x): x is number => x !== null))).map((f) => [f.id, f]),
    );
    for (const [field, which] of [
      ['documentFileId', 'document'],
      ['selfieFileId', 'selfie'],
    ] as const) {
      const id = ids[field];
      const f = id === null ? undefined : rows.get(id);
      if (id === null) out[field] = which === 'document' ? 'verification.document_required' : 'verification.selfie_required';
      else if (!f || f.ownerId !== actorId || !FILE_PURPOSES.has(f.purpose)) out[field] = 'verification.file_invalid';
      else {
        const problem = fileProblem(which, f);
        if (problem) out[field] = problem;
      }
    }
    if (!out.selfieFileId && ids.documentFileId !== null && ids.documentFileId === ids.selfieFileId)
      out.selfieFileId = 'verification.same_file';
    return out;
  }

  /**
   * A new request. Refused: a field that is wrong (`validation.failed` naming it: the kind, the name, a file that
   * is not the sender's, not a photo or PDF, over 10 MB); one already pending (409 `verification.pending`, also
   * when two arrive at once: the one-pending index); an account already verified that is not replacing its
   * document (409 `verification.already_verified`).
   */
  async function submit(actor: AuthUser, input: RequestInput): Promise<VerificationRequestRow> {
    const fullName = cleanName(input.fullName);
    const problems = { ...requestProblems({ documentKind: input.documentKind, fullName }), ...(await checkedFiles(actor.id, input)) };
    if (Object.keys(problems).length) throw invalid(problems, { min: 3, max: 100, size: '10 MB' });
    const now = clock();
    return db.transaction(async (tx) => {
      const [verifiedAt, latest] = await Promise.all([m.accounts.identityVerifiedAt(tx, actor.id), latestOf(actor.id, tx)]);
      const replace = input.replace === true;
      const refusal = submitProblem({ pending: latest?.status === 'pending', verified: verifiedAt !== null, replace });
      if (refusal) throw conflict(refusal);
      const [row] = await tx
        .insert(verificationRequests)
        .values({
          userId: actor.id,
          status: 'pending',
          documentKind: String(input.documentKind),
          fullName,
          documentFileId: parseId(input.documentFileId) as number,
          selfieFileId: parseId(input.selfieFileId) as number,
          replacing: verifiedAt !== null,
          dueAt: addBusinessDays(now, DECISION_BUSINESS_DAYS),
          createdAt: now,
        })
        .onConflictDoNothing()
        .returning();
      if (!row) throw conflict('verification.pending');
      return row;
    });
  }

  /** One file of a page's request, stored privately; a refusal (empty, a program or page…) names the request's field. */
  async function saveOne(ownerId: number, which: 'document' | 'selfie', u: Upload): Promise<FileRow> {
    const field = which === 'document' ? 'documentFileId' : 'selfieFileId';
    if (u.bytes.length > FILE_MAX_BYTES) throw invalid({ [field]: 'verification.file_too_large' });
    try {
      return await m.files.saveAttachment(ownerId, u, 'identity');
    } catch (err) {
      if (!(err instanceof AppError) || !err.fields.file) throw err;
      const code = err.fields.file === 'file.blocked_type' ? `verification.${which}_type` : err.fields.file;
      throw invalid({ [field]: code }, err.params);
    }
  }

  async function decide(
    actor: AuthUser,
    id: number,
    to: 'approved' | 'rejected',
    opts: { reason?: string; revoke?: boolean },
    origin: Origin,
  ): Promise<VerificationRequestRow> {
    if (!mayDecideVerifications(actor)) throw new AppError('auth.forbidden');
    const existing = await byId(id);
    if (!existing) throw new AppError('verification.not_found');
    if (existing.userId === actor.id) throw new AppError('verification.own_request', {}, {}, { status: 403 });
    const reason = (opts.reason ?? '').trim();
    if (to === 'rejected') {
      const problem = reasonProblem(reason);
      if (problem) throw invalid({ reason: problem }, { min: 10, max: 1000 });
    }
    const now = clock();
    return db.transaction(async (tx) => {
      // Compare-and-set: two staff deciding at once, one wins; the other is told it was decided.
      const [row] = await tx
        .update(verificationRequests)
        .set({ status: to, decidedAt: now, decidedBy: actor.id, rejectReason: to === 'rejected' ? reason : null })
        .where(and(eq(verificationRequests.id, id), eq(verificationRequests.status, 'pending')))
        .returning();
      if (!row) throw conflict('verification.decided');
      const revoked = to === 'rejected' && opts.revoke === true && (await m.accounts.identityVerifiedAt(tx, row.userId)) !== null;
      if (to === 'approved') await m.accounts.setIdentityVerified(tx, row.userId, now);
      if (revoked) await m.accounts.setIdentityVerified(tx, row.userId, null);
      await audit(tx, {
        actorId: actor.id,
        action: to === 'approved' ? 'verification.approve' : 'verification.reject',
        targetType: 'verification_request',
        targetId: row.id,
        data: { userId: row.userId, ...(to === 'rejected' ? { reason, revoked } : {}) },
        ip: origin.ip,
      });
      const type = `verification.${to}`;
      const params: Record<string, string> = to === 'rejected' ? { reason } : {};
      await m.notifications.notify(tx, {
        userId: row.userId,
        type,
        params,
        url: '/account/verification',
        mail: (contact) => {
          const news = translate(contact.locale, `notification.${type}`, params);
          return {
            to: contact.email,
            subject: translate(contact.locale, `verification.mail_subject.${to}`),
            text: notificationMailText({
              locale: contact.locale,
              baseUrl: config.baseUrl,
              name: contact.name,
              news,
              path: '/account/verification',
            }),
          };
        },
      });
      return row;
    });
  }

  return {
    /** The user's verified date and their latest request (what /account/verification and the API show). */
    async statusOf(userId: number): Promise<{ verifiedAt: Date | null; request: VerificationRequestRow | null }> {
      const [verifiedAt, request] = await Promise.all([m.accounts.identityVerifiedAt(db, userId), latestOf(userId)]);
      return { verifiedAt, request };
    },

    submit,

    /**
     * A request sent from the page with its two files: they are stored (as the sender's private `identity` files),
     * then the request is made; if a file or the request is refused, the files stored are removed again, so a
     * refused request leaves nothing behind. A file's refusal names its field (`documentFileId`, `selfieFileId`).
     */
    async submitWithUploads(
      actor: AuthUser,
      input: Omit<RequestInput, 'documentFileId' | 'selfieFileId'>,
      uploads: { document: Upload | null; selfie: Upload | null },
    ): Promise<VerificationRequestRow> {
      const saved: Partial<Record<'document' | 'selfie', number>> = {};
      try {
        for (const which of ['document', 'selfie'] as const) {
          const u = uploads[which];
          if (!u) continue;
          saved[which] = (await saveOne(actor.id, which, u)).id;
        }
        return await submit(actor, { ...input, documentFileId: saved.document ?? null, selfieFileId: saved.selfie ?? null });
      } catch (err) {
        await m.files.remove(actor.id, Object.values(saved));
        throw err;
      }
    },

    /** The pending requests, oldest first (staff decide in order), with the account's names and the name hint. */
    async queue(actor: AuthUser, limit = 50): Promise<QueueItem[]> {
      if (!mayDecideVerifications(actor)) throw new AppError('auth.forbidden');
      const rows = await db
        .select()
        .from(verificationRequests)
        .where(eq(verificationRequests.status, 'pending'))
        .orderBy(asc(verificationRequests.createdAt), asc(verificationRequests.id))
        .limit(Math.min(Math.max(limit, 1), 100));
      const [people, docs] = await Promise.all([
        m.accounts.publicByIds(rows.map((r) => r.userId)),
        m.files.byIds(rows.map((r) => r.documentFileId)),
      ]);
      const types = new Map(docs.map((f) => [f.id, f.type]));
      return Promise.all(
        rows.map(async (r) => {
          const account = people.get(r.userId) ?? null;
          const names = account ? [account.displayName, account.username.replace(/_/g, ' ')] : [];
          const hint: NameHint = names.some((n) => compareNames(r.fullName, n) === 'likely_same') ? 'likely_same' : 'check';
          const verifiedAt = await m.accounts.identityVerifiedAt(db, r.userId);
          return { request: r, account, verifiedAt, hint, documentType: types.get(r.documentFileId) ?? null };
        }),
      );
    },

    /** How many requests wait for staff (the admin dashboard's queue). */
    pendingCount: (tx: DbOrTx = db) => tx.$count(verificationRequests, eq(verificationRequests.status, 'pending')),

    /**
     * A request's document or selfie, for its sender and support staff; staff's reading is written to the audit log
     * (who, which file, from where) before the bytes go out. Anyone else: `verification.file_not_found` (404).
     */
    async file(
      viewer: Viewer,
      requestId: number,
      which: 'document' | 'selfie',
      ip: string | null,
    ): Promise<{ row: FileRow; bytes: Buffer }> {
      const r = await byId(requestId);
      if (!r || !maySeeVerificationFiles(viewer, r)) throw new AppError('verification.file_not_found');
      const fileId = which === 'document' ? r.documentFileId : r.selfieFileId;
      const f = await m.files.read(fileId);
      if (!f) throw new AppError('verification.file_not_found');
      if (viewer && isStaffReading(viewer, r))
        await audit(db, {
          actorId: viewer.id,
          action: 'verification.file_read',
          targetType: 'verification_request',
          targetId: r.id,
          data: { which, fileId, userId: r.userId },
          ip,
        });
      return f;
    },

    /** Support staff approve: the account gets the verified badge (`identity_verified_at`), the user is told. */
    approve: (actor: AuthUser, id: number, origin: Origin) => decide(actor, id, 'approved', {}, origin),

    /**
     * Support staff reject with a reason (10–1000 characters) the user reads; they may try again. A verified user's
     * replacement keeps the badge unless staff also `revoke` it.
     */
    reject: (actor: AuthUser, id: number, reason: string, origin: Origin, opts: { revoke?: boolean } = {}) =>
      decide(actor, id, 'rejected', { reason, revoke: opts.revoke }, origin),

    byId,
  };
}

export type VerificationService = ReturnType<typeof createVerificationService>;
