import { Type } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { Services } from '../../platform/container.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { Id } from '../../platform/http/api-schemas.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { claimKey, completeKey, idempotencyOf, releaseKey } from '../../platform/idempotency.ts';
import { can } from '../../platform/staff.ts';
import { maySeeEntryOriginal } from './policy.ts';
import { PLACES_MAX, seesEntry } from './rules.ts';
import type { ContestAwardRow, ContestEntryRow, ContestRow } from './service.ts';

/** What the contests API (api.ts, entries-api.ts) shares: its schemas, the views of entries and awards, the key. */

export type Viewer = AuthUser | null;
type People = Map<number, { username: string; displayName: string }>;

export const Decision = Type.Object({ id: Type.Integer(), status: Type.String() });
export const DateOrNull = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);
export const Person = Type.Union([Type.Object({ username: Type.String(), displayName: Type.String() }), Type.Null()]);
export const idemHeader = Type.Object(
  { 'idempotency-key': Type.Optional(Type.String({ maxLength: 200, description: 'required where the operation says so' })) },
  { additionalProperties: true },
);

export const Entry = Type.Object({
  id: Type.Integer(),
  contestant: Person,
  description: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  filesCount: Type.Integer(),
  fileIds: Type.Optional(
    Type.Array(Type.Integer(), { description: 'the original files: their author, the contest’s owner and staff only' }),
  ),
  previewUrl: Type.Union([Type.String(), Type.Null()], {
    description: 'the watermarked preview of its first image (`/files/{publicId}/preview`), or null (no image, or blind and still open)',
  }),
  rating: Type.Union([Type.Integer(), Type.Null()], { description: 'the owner’s 1–5; owner and staff only (else null)' }),
  shortlisted: Type.Union([Type.Boolean(), Type.Null()], { description: 'owner and staff only (else null)' }),
});

export const Award = Type.Object({
  id: Type.Integer(),
  place: Type.Integer(),
  entryId: Type.Integer(),
  prizeCents: Type.Integer(),
  status: Type.String({
    description: 'handover | delivered | disputed (staff decide) | paid | refunded (the place’s prize back to the owner)',
  }),
  winner: Person,
  awardedAt: Type.String({ format: 'date-time' }),
  deliveredAt: DateOrNull,
  paidAt: DateOrNull,
  handoverNote: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'the winner, the owner and staff only' })),
  handoverFileIds: Type.Optional(Type.Array(Type.Integer(), { description: 'the final files: the winner, the owner and staff only' })),
  dispute: Type.Optional(
    Type.Union(
      [
        Type.Object({
          openedBy: Type.Union([Type.Literal('owner'), Type.Literal('winner')]),
          reason: Type.String(),
          openedAt: DateOrNull,
          decision: Type.Union([Type.Literal('pay'), Type.Literal('refund'), Type.Literal('redo'), Type.Null()], {
            description: 'staff’s decision, null while under review',
          }),
          decisionReason: Type.Union([Type.String(), Type.Null()]),
          decidedAt: DateOrNull,
        }),
        Type.Null(),
      ],
      { description: 'the last dispute over the handover (the winner, the owner and staff only); null when none' },
    ),
  ),
});

export const Summary = {
  id: Type.Integer(),
  status: Type.String({ description: 'draft | pending | rejected | open | judging | staff | awarding | finished | refunded' }),
  title: Type.String(),
  categoryId: Type.Union([Type.Integer(), Type.Null()]),
  prizesCents: Type.Array(Type.Integer()),
  prizeTotalCents: Type.Integer(),
  blind: Type.Boolean(),
  entriesCount: Type.Integer(),
  contestantsCount: Type.Integer(),
  publishedAt: DateOrNull,
  endsAt: DateOrNull,
  url: Type.String(),
};

export const EntryParams = Type.Object({ entryId: Id() });
export const AwardParams = Type.Object({ awardId: Id() });
export const Picks = Type.Array(Type.Object({ place: Type.Integer({ minimum: 1, maximum: PLACES_MAX }), entryId: Id() }), {
  minItems: 1,
  maxItems: PLACES_MAX,
});

export const iso = (d: Date | null) => (d ? d.toISOString() : null);
export const person = (u: { username: string; displayName: string } | undefined) =>
  u ? { username: u.username, displayName: u.displayName } : null;
/** Staff who read what is private to a contest's parties (the same permission as `maySeeEntryOriginal`). */
export const isStaff = (v: Viewer) => v !== null && can(v, 'read_private');

export function summary(c: Pick<ContestRow, keyof typeof Summary & keyof ContestRow>) {
  return {
    id: c.id,
    status: c.status,
    title: c.title,
    categoryId: c.categoryId,
    prizesCents: c.prizesCents,
    prizeTotalCents: c.prizeTotalCents,
    blind: c.blind,
    entriesCount: c.entriesCount,
    contestantsCount: c.contestantsCount,
    publishedAt: iso(c.publishedAt),
    endsAt: iso(c.endsAt),
    url: `/contests/${c.id}`,
  };
}

/** The entry as `viewer` may see it: its original files only to whom `maySeeEntryOriginal` allows. */
export function entryView(viewer: Viewer, c: ContestRow, e: ContestEntryRow, people: People, previewUrl: string | null = null) {
  const judge = viewer !== null && (viewer.id === c.ownerId || isStaff(viewer));
  return {
    id: e.id,
    contestant: person(people.get(e.userId)),
    description: e.description,
    createdAt: e.createdAt.toISOString(),
    filesCount: e.fileIds.length,
    previewUrl,
    ...(maySeeEntryOriginal(viewer, e, c) ? { fileIds: e.fileIds } : {}),
    rating: judge ? e.rating : null,
    shortlisted: judge ? e.shortlisted : null,
  };
}

export function awardView(viewer: Viewer, c: ContestRow, a: ContestAwardRow, people: People) {
  const party = viewer !== null && (viewer.id === c.ownerId || viewer.id === a.winnerId || isStaff(viewer));
  return {
    id: a.id,
    place: a.place,
    entryId: a.entryId,
    prizeCents: a.prizeCents,
    status: a.status,
    winner: person(people.get(a.winnerId)),
    awardedAt: a.awardedAt.toISOString(),
    deliveredAt: iso(a.deliveredAt),
    paidAt: iso(a.paidAt),
    ...(party ? { handoverNote: a.handoverNote, handoverFileIds: a.handoverFileIds, dispute: disputeView(c, a) } : {}),
  };
}

/** The last dispute over a place's handover, as its two sides and staff see it. */
function disputeView(c: ContestRow, a: ContestAwardRow) {
  if (!a.disputeReason) return null;
  return {
    openedBy: a.disputedBy === c.ownerId ? ('owner' as const) : ('winner' as const),
    reason: a.disputeReason,
    openedAt: iso(a.disputedAt),
    decision: (a.decision as 'pay' | 'refund' | 'redo' | null) ?? null,
    decisionReason: a.decisionReason,
    decidedAt: iso(a.decidedAt),
  };
}

/** A contest's entries as `viewer` may see them (rules.ts `seesEntry`), and how many are hidden. */
export async function visibleEntries(services: Pick<Services, 'contestEntries'>, viewer: Viewer, c: ContestRow) {
  const all = await services.contestEntries.entriesOf(c.id);
  const who = viewer ? { id: viewer.id, staff: isStaff(viewer) } : null;
  const shown = all.filter((e) => seesEntry({ blind: c.blind, status: c.status as never, ownerId: c.ownerId }, e.userId, who));
  return { shown, hidden: all.length - shown.length };
}

/**
 * A money-moving operation under its Idempotency-Key (required): a replay answers as the first time, the same
 * key with another body is 409. The service runs its own transaction, so the key is claimed before it and its
 * answer stored after; a refusal frees the key for a retry. The contest's states guard the money on their own:
 * a second publish, pick or accept is `contest.wrong_state`.
 */
export async function once<T>(
  deps: Pick<Deps, 'db' | 'clock'>,
  req: FastifyRequest,
  user: AuthUser,
  scope: string,
  request: unknown,
  fn: () => Promise<{ status: number; body: T }>,
) {
  const idem = idempotencyOf(req, user, scope, request);
  if (!idem) throw new AppError('idempotency.key_required');
  const claim = await deps.db.transaction((tx) => claimKey<T>(tx, idem, deps.clock()));
  if ('replay' in claim) return claim.replay;
  let result: { status: number; body: T };
  try {
    result = await fn();
  } catch (err) {
    await releaseKey(deps.db, idem, claim.lease);
    throw err;
  }
  await completeKey(deps.db, idem, result, claim.lease);
  return result;
}

/**
 * Each entry's first public preview (entry-files.ts cards), by entry id, in one read of their files (entry by entry
 * it was two queries each: a second at 500 entries, bench/contests.ts).
 */
export async function previewsOf(services: Services, c: ContestRow, entries: ContestEntryRow[]): Promise<Map<number, string | null>> {
  return services.contestFiles.firstPreviews(c, entries);
}
