import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../platform/container.ts';
import { bearer, errorResponses as errors } from '../../platform/http/api-schemas.ts';
import { requireUser } from '../../platform/http/pages.ts';
import { DateOrNull, iso, Summary, summary } from './api-shared.ts';
import { MINE_FILTER_KEYS, MINE_FILTERS, MINE_PAGE, ownerNextStep } from './mine.ts';

const Cursor = Type.Optional(
  Type.String({ pattern: '^[1-9][0-9]{0,15}$', description: 'the `nextCursor` of the previous page (older items follow)' }),
);
const NextCursor = Type.Union([Type.String(), Type.Null()], { description: `null on the last page (${MINE_PAGE} items a page)` });

const NextStep = Type.Union(
  [
    Type.Object({
      code: Type.String({
        description:
          'publish | fix_and_publish | pick_winners | accept_handover (the owner acts) · await_review | await_entries | staff_deciding | dispute_open | await_handover (they wait)',
      }),
      action: Type.Boolean({ description: 'true: it is the owner’s move' }),
      dueAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
        description: 'pick_winners: the end of the 14 days to pick; await_entries: the deadline',
      }),
      count: Type.Integer({
        description: 'the places it concerns (pick_winners: places without a winner; accept_handover: handovers to accept)',
      }),
    }),
    Type.Null(),
  ],
  { description: 'what the owner does next, or waits for; null when nothing is left' },
);

const OwnedItem = Type.Object({
  ...Summary,
  rejectReason: Type.Union([Type.String(), Type.Null()], {
    description: 'a rejected contest: the moderator’s reason; a refunded one: staff’s',
  }),
  updatedAt: Type.String({ format: 'date-time' }),
  deliveryDays: Type.Integer(),
  awards: Type.Object(
    { handover: Type.Integer(), delivered: Type.Integer(), disputed: Type.Integer(), paid: Type.Integer(), all: Type.Integer() },
    { description: 'how many places are at each step of the handover' },
  ),
  nextStep: NextStep,
});

const WonItem = Type.Object({
  id: Type.Integer(),
  place: Type.Integer(),
  prizeCents: Type.Integer({ description: 'before the commission' }),
  status: Type.String({ description: 'handover | delivered | paid | disputed | refunded' }),
  awardedAt: Type.String({ format: 'date-time' }),
  handoverBy: Type.String({ format: 'date-time', description: 'awardedAt + the contest’s deliveryDays' }),
  deliveredAt: DateOrNull,
  acceptsBy: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'a delivered handover is accepted on its own then (3 days after delivery)',
  }),
  paidAt: DateOrNull,
  disputedAt: DateOrNull,
  url: Type.String({ description: 'the contest page’s winners section' }),
});

const EnteredItem = Type.Object({
  contest: Type.Object({ ...Summary, deliveryDays: Type.Integer() }),
  activeEntries: Type.Integer(),
  withdrawnEntries: Type.Integer(),
  lastEntryAt: Type.String({ format: 'date-time' }),
  awards: Type.Array(WonItem, { description: 'the places you won in it' }),
});

/** "My contests" and "my entries" over the API (the pages' lists: mine.ts). */
export function contestsMineApi(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { contestsMine } = services;

  api.get(
    '/api/v1/my/contests',
    {
      schema: {
        tags: ['contests'],
        summary: 'Your contests in every state (or one `status` filter), newest first, each with your next step',
        description: `\`status\`: ${MINE_FILTER_KEYS.map((f) => `\`${f}\` (${MINE_FILTERS[f].join(', ')})`).join(', ')}; none: all. ${MINE_PAGE} a page.`,
        security: bearer,
        querystring: Type.Object({ status: Type.Optional(Type.Union(MINE_FILTER_KEYS.map((f) => Type.Literal(f)))), cursor: Cursor }),
        response: { 200: Type.Object({ items: Type.Array(OwnedItem), nextCursor: NextCursor }), ...errors },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const list = await contestsMine.owned(user.id, {
        filter: req.query.status,
        before: req.query.cursor ? Number(req.query.cursor) : undefined,
      });
      return {
        items: list.items.map((k) => {
          const step = ownerNextStep(k);
          return {
            ...summary(k),
            rejectReason: k.rejectReason,
            updatedAt: k.updatedAt.toISOString(),
            deliveryDays: k.deliveryDays,
            awards: k.awards,
            nextStep: step ? { code: step.code, action: step.action, dueAt: iso(step.dueAt), count: step.count } : null,
          };
        }),
        nextCursor: list.next ? String(list.next) : null,
      };
    },
  );

  api.get(
    '/api/v1/my/contest-entries',
    {
      schema: {
        tags: ['contests'],
        summary: 'The contests you entered (the one you entered last first), your entries in each, and the places you won',
        security: bearer,
        querystring: Type.Object({ cursor: Cursor }),
        response: { 200: Type.Object({ items: Type.Array(EnteredItem), nextCursor: NextCursor }), ...errors },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const list = await contestsMine.entered(user.id, { before: req.query.cursor ? Number(req.query.cursor) : undefined });
      return {
        items: list.items.map((r) => ({
          contest: { ...summary(r.contest), deliveryDays: r.contest.deliveryDays },
          activeEntries: r.activeEntries,
          withdrawnEntries: r.withdrawnEntries,
          lastEntryAt: r.lastEntryAt.toISOString(),
          awards: r.awards.map((a) => ({
            id: a.id,
            place: a.place,
            prizeCents: a.prizeCents,
            status: a.status,
            awardedAt: a.awardedAt.toISOString(),
            handoverBy: a.handoverBy.toISOString(),
            deliveredAt: iso(a.deliveredAt),
            acceptsBy: iso(a.acceptsBy),
            paidAt: iso(a.paidAt),
            disputedAt: iso(a.disputedAt),
            url: `/contests/${r.contest.id}#awards`,
          })),
        })),
        nextCursor: list.next ? String(list.next) : null,
      };
    },
  );
}
