import { asc, eq, inArray, or } from 'drizzle-orm';
import { audit } from '../../platform/audit.ts';
import type { DbOrTx } from '../../platform/db/index.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import type { AuthUser, Origin } from '../../platform/http/auth.ts';
import {
  contactAttempts,
  conversationMembers,
  deposits,
  freezes,
  loginEvents,
  messages,
  moderatedContent,
  moderationCases,
  orders,
  policyAcceptances,
  reports,
  reviews,
  sanctions,
  services,
  sessions,
  ticketMessages,
  tickets,
  users,
  withdrawals,
} from '../../schema.ts';

/** The wallet's read of a user's ledger (only the wallet module touches ledger tables). */
export interface LedgerReader {
  ledgerExport(
    tx: DbOrTx,
    userId: number,
  ): Promise<{ balances: { kind: string; balanceCents: number }[]; ledger: Record<string, unknown>[] }>;
}

export const REFERENCE_MIN = 3;
export const REFERENCE_MAX = 200;
export const REASON_MIN = 10;
export const REASON_MAX = 2000;

const text = (v: unknown) => (typeof v === 'string' ? v.replace(/\r\n/g, '\n').trim() : '');

/**
 * Everything held about one user, for a recorded legal request (privacy policy 2: disclosures are logged).
 *
 * This is the one place a module reads other modules' tables directly (accounts, catalog, orders, messaging,
 * support, trust, and the wallet's deposits, withdrawals and freezes): an admin export has to see every table as
 * it is, and going through each module's index would mean a private "read anything" call in every module. The
 * ledger is the exception: only the wallet touches ledger tables, so the balances and entries come from the
 * wallet's `ledgerExport`, given this export's transaction. It only reads; the one write is its own audit row,
 * in the same transaction as the reads.
 *
 * Never exported: password hashes, TOTP secrets, recovery codes, session and mail token hashes, deposit
 * checkout secrets. Each select names its columns, so a new secret column is never picked up by accident.
 */
export async function legalExport(
  deps: Deps,
  wallet: LedgerReader,
  actor: AuthUser,
  userId: number,
  input: { reference?: unknown; reason?: unknown },
  origin: Origin,
) {
  const reference = text(input.reference).replace(/\s+/g, ' ');
  const reason = text(input.reason);
  const fields: Record<string, string> = {};
  if (reference.length < REFERENCE_MIN || reference.length > REFERENCE_MAX) fields.reference = 'admin.export_reference_invalid';
  if (reason.length < REASON_MIN || reason.length > REASON_MAX) fields.reason = 'admin.export_reason_invalid';
  if (Object.keys(fields).length) throw invalid(fields);
  if (!Number.isSafeInteger(userId) || userId < 1 || userId > 2_147_483_647) throw new AppError('account.not_found');
  const now = deps.clock();

  return deps.db.transaction(async (tx) => {
    const [account] = await tx
      .select({
        id: users.id,
        username: users.username,
        email: users.email,
        displayName: users.displayName,
        roles: users.roles,
        locale: users.locale,
        sellerLevel: users.sellerLevel,
        buyerLevel: users.buyerLevel,
        createdAt: users.createdAt,
        updatedAt: users.updatedAt,
        emailVerifiedAt: users.emailVerifiedAt,
        termsVersion: users.termsVersion,
        privacyVersion: users.privacyVersion,
        deactivatedAt: users.deactivatedAt,
        twoFactorEnabledAt: users.totpEnabledAt,
        lockedUntil: users.lockedUntil,
        referrerId: users.referrerId,
        lastSeenAt: users.lastSeenAt,
        bio: users.bio,
        country: users.country,
        skills: users.skills,
        languages: users.languages,
        avatarFileId: users.avatarFileId,
      })
      .from(users)
      .where(eq(users.id, userId));
    if (!account) throw new AppError('account.not_found');

    const policyVersions = await tx
      .select({
        policy: policyAcceptances.policy,
        version: policyAcceptances.version,
        ip: policyAcceptances.ip,
        acceptedAt: policyAcceptances.acceptedAt,
      })
      .from(policyAcceptances)
      .where(eq(policyAcceptances.userId, userId))
      .orderBy(asc(policyAcceptances.id));
    const sessionRows = await tx
      .select({
        id: sessions.id,
        kind: sessions.kind,
        ip: sessions.ip,
        userAgent: sessions.userAgent,
        createdAt: sessions.createdAt,
        lastSeenAt: sessions.lastSeenAt,
        expiresAt: sessions.expiresAt,
        revokedAt: sessions.revokedAt,
      })
      .from(sessions)
      .where(eq(sessions.userId, userId))
      .orderBy(asc(sessions.id));
    const logins = await tx
      .select({ ip: loginEvents.ip, userAgent: loginEvents.userAgent, success: loginEvents.success, createdAt: loginEvents.createdAt })
      .from(loginEvents)
      .where(eq(loginEvents.userId, userId))
      .orderBy(asc(loginEvents.id));

    const serviceRows = await tx
      .select({
        id: services.id,
        status: services.status,
        title: services.title,
        categoryId: services.categoryId,
        description: services.description,
        priceCents: services.priceCents,
        deliveryDays: services.deliveryDays,
        instructions: services.instructions,
        skills: services.skills,
        addons: services.addons,
        pendingEdit: services.pendingEdit,
        rejectReason: services.rejectReason,
        ordersCount: services.ordersCount,
        salesCents: services.salesCents,
        publishedAt: services.publishedAt,
        createdAt: services.createdAt,
        updatedAt: services.updatedAt,
      })
      .from(services)
      .where(eq(services.sellerId, userId))
      .orderBy(asc(services.id));

    const orderColumns = {
      id: orders.id,
      serviceId: orders.serviceId,
      buyerId: orders.buyerId,
      sellerId: orders.sellerId,
      status: orders.status,
      title: orders.title,
      unitPriceCents: orders.unitPriceCents,
      quantity: orders.quantity,
      addons: orders.addons,
      totalCents: orders.totalCents,
      commissionBp: orders.commissionBp,
      instructions: orders.instructions,
      createdAt: orders.createdAt,
      startedAt: orders.startedAt,
      deliveredAt: orders.deliveredAt,
      completedAt: orders.completedAt,
      cancelledAt: orders.cancelledAt,
      cancelReason: orders.cancelReason,
    };
    const asBuyer = await tx.select(orderColumns).from(orders).where(eq(orders.buyerId, userId)).orderBy(asc(orders.id));
    const asSeller = await tx.select(orderColumns).from(orders).where(eq(orders.sellerId, userId)).orderBy(asc(orders.id));

    const reviewRows = await tx
      .select({
        id: reviews.id,
        orderId: reviews.orderId,
        serviceId: reviews.serviceId,
        authorId: reviews.authorId,
        subjectId: reviews.subjectId,
        authorRole: reviews.authorRole,
        quality: reviews.quality,
        communication: reviews.communication,
        onTime: reviews.onTime,
        comment: reviews.comment,
        reply: reviews.reply,
        createdAt: reviews.createdAt,
        publishedAt: reviews.publishedAt,
        repliedAt: reviews.repliedAt,
        removedAt: reviews.removedAt,
      })
      .from(reviews)
      .where(or(eq(reviews.authorId, userId), eq(reviews.subjectId, userId)))
      .orderBy(asc(reviews.id));

    const sent = await tx
      .select({
        id: messages.id,
        conversationId: messages.conversationId,
        body: messages.body,
        fileIds: messages.fileIds,
        createdAt: messages.createdAt,
        removedAt: messages.removedAt,
      })
      .from(messages)
      .where(eq(messages.senderId, userId))
      .orderBy(asc(messages.id));
    const conversationIds = await tx
      .select({ conversationId: conversationMembers.conversationId, joinedAt: conversationMembers.joinedAt })
      .from(conversationMembers)
      .where(eq(conversationMembers.userId, userId));

    // Wallet: the user's balances and every ledger entry on them (read by the wallet module, in this transaction).
    const { balances, ledger } = await wallet.ledgerExport(tx, userId);
    const depositRows = await tx
      .select({
        id: deposits.id,
        amountCents: deposits.amountCents,
        method: deposits.method,
        status: deposits.status,
        providerRef: deposits.providerRef,
        reason: deposits.reason,
        decidedBy: deposits.decidedBy,
        createdAt: deposits.createdAt,
        settledAt: deposits.settledAt,
      })
      .from(deposits)
      .where(eq(deposits.userId, userId))
      .orderBy(asc(deposits.id));
    const withdrawalRows = await tx
      .select({
        id: withdrawals.id,
        amountCents: withdrawals.amountCents,
        method: withdrawals.method,
        details: withdrawals.details,
        status: withdrawals.status,
        reference: withdrawals.reference,
        reason: withdrawals.reason,
        decidedBy: withdrawals.decidedBy,
        createdAt: withdrawals.createdAt,
        decidedAt: withdrawals.decidedAt,
      })
      .from(withdrawals)
      .where(eq(withdrawals.userId, userId))
      .orderBy(asc(withdrawals.id));
    const freezeRows = await tx
      .select({
        id: freezes.id,
        reason: freezes.reason,
        releaseAfter: freezes.releaseAfter,
        createdBy: freezes.createdBy,
        createdAt: freezes.createdAt,
        releasedAt: freezes.releasedAt,
      })
      .from(freezes)
      .where(eq(freezes.userId, userId))
      .orderBy(asc(freezes.id));

    // Trust and safety.
    const attempts = await tx
      .select({
        id: contactAttempts.id,
        context: contactAttempts.context,
        found: contactAttempts.found,
        createdAt: contactAttempts.createdAt,
      })
      .from(contactAttempts)
      .where(eq(contactAttempts.userId, userId))
      .orderBy(asc(contactAttempts.id));
    const cases = await tx.select().from(moderationCases).where(eq(moderationCases.userId, userId)).orderBy(asc(moderationCases.id));
    const sanctionRows = await tx.select().from(sanctions).where(eq(sanctions.userId, userId)).orderBy(asc(sanctions.id));
    const moderated = await tx
      .select()
      .from(moderatedContent)
      .where(eq(moderatedContent.authorId, userId))
      .orderBy(asc(moderatedContent.id));
    const filed = await tx.select().from(reports).where(eq(reports.reporterId, userId)).orderBy(asc(reports.id));
    const against = await tx.select().from(reports).where(eq(reports.authorId, userId)).orderBy(asc(reports.id));

    const ticketRows = await tx.select().from(tickets).where(eq(tickets.userId, userId)).orderBy(asc(tickets.id));
    const ticketThreads = ticketRows.length
      ? await tx
          .select({
            id: ticketMessages.id,
            ticketId: ticketMessages.ticketId,
            authorId: ticketMessages.authorId,
            staff: ticketMessages.staff,
            body: ticketMessages.body,
            fileIds: ticketMessages.fileIds,
            createdAt: ticketMessages.createdAt,
          })
          .from(ticketMessages)
          .where(
            inArray(
              ticketMessages.ticketId,
              ticketRows.map((r) => r.id),
            ),
          )
          .orderBy(asc(ticketMessages.id))
      : [];

    await audit(tx, {
      actorId: actor.id,
      action: 'user.legal_export',
      targetType: 'user',
      targetId: userId,
      data: { reference, reason },
      ip: origin.ip,
    });

    const { bio, country, skills, languages, avatarFileId, twoFactorEnabledAt, ...rest } = account;
    return {
      exportedAt: now.toISOString(),
      exportedBy: { id: actor.id, username: actor.username },
      request: { reference, reason },
      account: {
        ...rest,
        verified: account.emailVerifiedAt !== null,
        deactivated: account.deactivatedAt !== null,
        twoFactor: twoFactorEnabledAt !== null,
        policyAcceptances: policyVersions,
      },
      profile: { displayName: account.displayName, bio, country, skills, languages, avatarFileId },
      sessions: sessionRows,
      logins,
      services: serviceRows,
      orders: { asBuyer, asSeller },
      reviews: {
        written: reviewRows.filter((r) => r.authorId === userId),
        received: reviewRows.filter((r) => r.subjectId === userId),
      },
      conversations: conversationIds,
      messages: sent,
      wallet: {
        balances,
        ledger,
        deposits: depositRows,
        withdrawals: withdrawalRows,
        freezes: freezeRows,
      },
      contactAttempts: attempts,
      moderationCases: cases,
      sanctions: sanctionRows,
      moderatedContent: moderated,
      reports: { filed, against },
      tickets: ticketRows.map((t) => ({ ...t, messages: ticketThreads.filter((m) => m.ticketId === t.id) })),
    };
  });
}

export type LegalExport = Awaited<ReturnType<typeof legalExport>>;
