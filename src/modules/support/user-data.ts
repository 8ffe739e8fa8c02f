import { asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/index.ts';
import { ticketMessages, tickets } from './schema.ts';

/** Support's part of a legal export (ModuleManifest `userData`): the user's tickets, each with its messages both ways. */
export async function supportUserData(tx: DbOrTx, userId: number) {
  const ticketRows = await tx
    .select({
      id: tickets.id,
      userId: tickets.userId,
      category: tickets.category,
      subject: tickets.subject,
      status: tickets.status,
      priority: tickets.priority,
      orderId: tickets.orderId,
      sanctionId: tickets.sanctionId,
      createdAt: tickets.createdAt,
      updatedAt: tickets.updatedAt,
      closedAt: tickets.closedAt,
    })
    .from(tickets)
    .where(eq(tickets.userId, userId))
    .orderBy(asc(tickets.id));
  const threads = ticketRows.length
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
  return { tickets: ticketRows.map((t) => ({ ...t, messages: threads.filter((m) => m.ticketId === t.id) })) };
}
