import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/index.ts';
import { bids, projects } from './schema.ts';

/**
 * The projects' part of a legal export (ModuleManifest `userData`): the projects the user posted and the bids they
 * made (others' bids on the user's projects are the bidders' data). Each select names its columns (the search text
 * is left out: it is the title and description again, normalised).
 */
export async function projectsUserData(tx: DbOrTx, userId: number) {
  const posted = await tx
    .select({
      id: projects.id,
      status: projects.status,
      title: projects.title,
      description: projects.description,
      categoryId: projects.categoryId,
      skills: projects.skills,
      budgetMinCents: projects.budgetMinCents,
      budgetMaxCents: projects.budgetMaxCents,
      expectedDays: projects.expectedDays,
      fileIds: projects.fileIds,
      rejectReason: projects.rejectReason,
      bidsCount: projects.bidsCount,
      publishedAt: projects.publishedAt,
      closesAt: projects.closesAt,
      closedAt: projects.closedAt,
      hiredBidId: projects.hiredBidId,
      orderId: projects.orderId,
      createdAt: projects.createdAt,
      updatedAt: projects.updatedAt,
    })
    .from(projects)
    .where(eq(projects.ownerId, userId))
    .orderBy(asc(projects.id));
  const made = await tx
    .select({
      id: bids.id,
      projectId: bids.projectId,
      status: bids.status,
      amountCents: bids.amountCents,
      days: bids.days,
      proposal: bids.proposal,
      fileIds: bids.fileIds,
      shortlisted: bids.shortlisted,
      createdAt: bids.createdAt,
      updatedAt: bids.updatedAt,
    })
    .from(bids)
    .where(eq(bids.freelancerId, userId))
    .orderBy(asc(bids.id));
  return { projects: { posted, bids: made } };
}
