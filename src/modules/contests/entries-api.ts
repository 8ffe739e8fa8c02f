import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../platform/container.ts';
import type { Deps } from '../../platform/deps.ts';
import { bearer, errorResponses as errors, Id, IdParams } from '../../platform/http/api-schemas.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { requireUser } from '../../platform/http/pages.ts';
import {
  Award,
  AwardParams,
  awardView,
  DateOrNull,
  Decision,
  Entry,
  EntryParams,
  entryView,
  idemHeader,
  iso,
  once,
  Picks,
  previewsOf,
  visibleEntries,
} from './api-shared.ts';
import { ENTRY_FILES_MAX, EXTEND_DAYS_MAX } from './rules.ts';
import type { ContestAwardRow, ContestRow } from './service.ts';

/** Contests' entries, deadline, picks and handovers (API.md "Contests"; the contests themselves are in api.ts). */
export function contestEntriesApi(app: FastifyInstance, services: Services, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { contests, contestEntries, accounts } = services;

  api.get(
    '/api/v1/contests/:id/entries',
    {
      schema: {
        tags: ['contests'],
        summary: 'A contest’s entries that you may see (as in GET /api/v1/contests/{id}), oldest first',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(Entry), nextCursor: Type.Null(), hidden: Type.Integer() }), ...errors },
      },
    },
    async (req) => {
      const viewer = req.user ?? null;
      const c = await contests.get(req.params.id, viewer);
      const { shown, hidden } = await visibleEntries(services, viewer, c);
      const people = await accounts.publicByIds(shown.map((e) => e.userId));
      const previews = await previewsOf(services, c, shown);
      return { items: shown.map((e) => entryView(viewer, c, e, people, previews.get(e.id) ?? null)), nextCursor: null, hidden };
    },
  );

  api.post(
    '/api/v1/contests/:id/entries',
    {
      schema: {
        tags: ['contests'],
        summary: 'Enter an open contest with a description and your files',
        description: `Up to 10 active entries per contestant. Refusals: \`contest.own_contest\` (422), \`contest.closed\` (422: the deadline passed), \`contest.entries_limit\` (422), \`trust.sanctioned_selling\` (403), \`contest.not_found\` (404); \`errors[]\` for \`entry_description\` (\`trust.contact_info\`), \`description\` (\`contest.entry_description_length\`), \`fileIds\` (1–${ENTRY_FILES_MAX} of your uploads from POST /api/v1/files).`,
        security: bearer,
        params: IdParams,
        body: Type.Object({
          description: Type.String({ maxLength: 20_000, description: '10–2000 characters, no contact details' }),
          fileIds: Type.Array(Id(), { maxItems: 50, description: `1–${ENTRY_FILES_MAX} of your uploads` }),
        }),
        response: { 201: Type.Object({ id: Type.Integer() }), ...errors },
      },
    },
    async (req, reply) => {
      const e = await contestEntries.enter(requireUser(req), req.params.id, req.body);
      return reply.status(201).send({ id: e.id });
    },
  );

  api.delete(
    '/api/v1/contests/entries/:entryId',
    {
      schema: {
        tags: ['contests'],
        summary: 'Withdraw your entry while the contest is open',
        security: bearer,
        params: EntryParams,
        response: { 200: Decision, ...errors },
      },
    },
    async (req) => {
      const e = await contestEntries.withdraw(requireUser(req), req.params.entryId);
      return { id: e.id, status: e.status };
    },
  );

  api.patch(
    '/api/v1/contests/entries/:entryId',
    {
      schema: {
        tags: ['contests'],
        summary: 'The contest’s owner rates an entry (1–5, or null to clear) and shortlists it, until the winners are picked',
        security: bearer,
        params: EntryParams,
        body: Type.Object({
          rating: Type.Optional(Type.Union([Type.Integer(), Type.Null()], { description: '1–5 (contest.rating_invalid otherwise)' })),
          shortlisted: Type.Optional(Type.Boolean()),
        }),
        response: {
          200: Type.Object({ id: Type.Integer(), rating: Type.Union([Type.Integer(), Type.Null()]), shortlisted: Type.Boolean() }),
          ...errors,
        },
      },
    },
    async (req) => {
      const e = await contestEntries.rate(requireUser(req), req.params.entryId, req.body);
      return { id: e.id, rating: e.rating, shortlisted: e.shortlisted };
    },
  );

  const Deadline = Type.Object({ id: Type.Integer(), status: Type.String(), endsAt: DateOrNull, extended: Type.Boolean() });
  const deadline = (c: ContestRow) => ({ id: c.id, status: c.status, endsAt: iso(c.endsAt), extended: c.extended });

  api.post(
    '/api/v1/contests/:id/extend',
    {
      schema: {
        tags: ['contests'],
        summary: `Move your open contest’s deadline once, by 1–${EXTEND_DAYS_MAX} days`,
        description: 'Refusals: `contest.already_extended`, `contest.not_open` (422), `contest.forbidden` (403); `errors[]` for `days`.',
        security: bearer,
        params: IdParams,
        body: Type.Object({ days: Type.Integer({ description: `1–${EXTEND_DAYS_MAX}` }) }),
        response: { 200: Deadline, ...errors },
      },
    },
    async (req) => deadline(await contestEntries.extend(requireUser(req), req.params.id, req.body.days)),
  );

  api.post(
    '/api/v1/contests/:id/end',
    {
      schema: {
        tags: ['contests'],
        summary: 'End your open contest now (it needs 5 entries): judging starts and your 14 days to pick begin',
        description: 'Refusals: `contest.too_few_entries`, `contest.not_open` (422), `contest.forbidden` (403).',
        security: bearer,
        params: IdParams,
        response: { 200: Deadline, ...errors },
      },
      preValidation: async (req) => {
        req.body ??= {};
      },
    },
    async (req) => deadline(await contestEntries.endEarly(requireUser(req), req.params.id)),
  );

  api.post(
    '/api/v1/contests/:id/picks',
    {
      schema: {
        tags: ['contests'],
        summary: 'Pick the winners after the deadline: one entry per place, every place at once (Idempotency-Key required)',
        description:
          'Within 14 days of the deadline (then staff decide: `contest.pick_window_passed`). Each winner is told to hand over the final files. `errors[]` on `picks`: `contest.pick_every_place`, `contest.pick_places_invalid`, `contest.pick_entry_twice`, `contest.pick_entry_invalid`. Before the deadline or once picked: `contest.wrong_state` (409).',
        security: bearer,
        headers: idemHeader,
        params: IdParams,
        body: Type.Object({ picks: Picks }),
        response: { 200: Type.Object({ items: Type.Array(Award) }), ...errors },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const id = req.params.id;
      const r = await once(deps, req, user, `POST /api/v1/contests/${id}/picks`, req.body, async () => {
        const awards = await contestEntries.pick(user, id, req.body.picks);
        const c = await contests.get(id, user);
        const people = await accounts.publicByIds(awards.map((a) => a.winnerId));
        return { status: 200, body: { items: awards.map((a) => awardView(user, c, a, people)) } };
      });
      return reply.status(r.status).send(r.body);
    },
  );

  api.post(
    '/api/v1/contests/:id/winners',
    {
      schema: {
        tags: ['contests'],
        summary: 'Pick one place’s winner after the deadline (API.md); the other places may follow (Idempotency-Key required)',
        description:
          'The owner, within 14 days of the deadline (`contest.pick_window_passed`). Once every place has its winner, the handovers begin. A place picked already is `contest.place_taken` (409), an entry that won another place `contest.pick_entry_twice`, one not among the contest’s entries `contest.pick_entry_invalid` (both in `errors[]` on `picks`); before the deadline `contest.wrong_state` (409).',
        security: bearer,
        headers: idemHeader,
        params: IdParams,
        body: Type.Object({ place: Type.Integer({ minimum: 1, maximum: 3 }), entryId: Id() }),
        response: { 200: Type.Object({ place: Type.Integer(), entryId: Type.Integer() }), ...errors },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const id = req.params.id;
      const r = await once(deps, req, user, `POST /api/v1/contests/${id}/winners`, req.body, async () => {
        const a = await contestEntries.pickPlace(user, id, req.body.place, req.body.entryId);
        return { status: 200, body: { place: a.place, entryId: a.entryId } };
      });
      return reply.status(r.status).send(r.body);
    },
  );

  async function awardAnswer(user: AuthUser, a: ContestAwardRow) {
    const c = await contests.get(a.contestId, user);
    return awardView(user, c, a, await accounts.publicByIds([a.winnerId]));
  }

  api.post(
    '/api/v1/contests/awards/:awardId/handover',
    {
      schema: {
        tags: ['contests'],
        summary: 'The winner hands over the final files of a place: the owner accepts, or it is accepted on its own after 3 days',
        description:
          'Refusals: `contest.award_not_found` (404: not your award), `contest.wrong_state` (409: delivered already); `errors[]` for `handover_note` (up to 2000 characters, `trust.contact_info`) and `fileIds` (1–10 of your uploads).',
        security: bearer,
        params: AwardParams,
        body: Type.Object({
          note: Type.Optional(Type.String({ maxLength: 20_000, description: 'up to 2000 characters' })),
          fileIds: Type.Array(Id(), { maxItems: 50, description: '1–10 of your uploads (POST /api/v1/files)' }),
        }),
        response: { 200: Award, ...errors },
      },
    },
    async (req) => {
      const user = requireUser(req);
      return awardAnswer(user, await contestEntries.deliver(user, req.params.awardId, req.body));
    },
  );

  api.post(
    '/api/v1/contests/awards/:awardId/accept',
    {
      schema: {
        tags: ['contests'],
        summary: 'Accept a delivered handover: the place’s prize, less the commission, goes to the winner (Idempotency-Key required)',
        description:
          'The prize reaches the winner’s pending balance and clears after their level’s days. Refusals: `contest.forbidden` (403), `contest.wrong_state` (409: not delivered, or paid already), `idempotency.*`.',
        security: bearer,
        headers: idemHeader,
        params: AwardParams,
        response: { 200: Award, ...errors },
      },
      preValidation: async (req) => {
        req.body ??= {};
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const id = req.params.awardId;
      const r = await once(deps, req, user, `POST /api/v1/contests/awards/${id}/accept`, {}, async () => ({
        status: 200,
        body: await awardAnswer(user, await contestEntries.accept(user, id)),
      }));
      return reply.status(r.status).send(r.body);
    },
  );
}
