import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../platform/container.ts';
import { bearer, errorResponses as errors } from '../../platform/http/api-schemas.ts';
import { requireUser } from '../../platform/http/pages.ts';
import { Award, AwardParams, awardView } from './api-shared.ts';
import { DISPUTE_REASON_MAX, DISPUTE_REASON_MIN } from './disputes.ts';

/** Disputes over a place's handover (API.md "Contests"); staff decide them on the admin pages. */
export function contestDisputesApi(app: FastifyInstance, services: Services): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { contests, contestDisputes, accounts } = services;

  api.post(
    '/api/v1/contests/awards/:awardId/dispute',
    {
      schema: {
        tags: ['contests'],
        summary: 'The contest’s owner or the place’s winner disputes its handover: Kafiil’s staff decide',
        description: `While the place waits for the final files (\`handover\`) or for acceptance (\`delivered\`). The place becomes \`disputed\`: it is no longer accepted on its own, nobody can accept or hand over, and staff decide with a reason both sides see — pay the winner, refund this place’s prize to the owner (\`refunded\`), or back to \`handover\`. No money moves when it is opened, so no Idempotency-Key: a second dispute is \`contest.wrong_state\` (409). Refusals: \`contest.dispute_forbidden\` (403: neither the owner nor the winner), \`contest.award_not_found\` (404), \`contest.wrong_state\` (409: paid, refunded or disputed already); \`errors[]\` for \`reason\` (\`contest.dispute_reason_length\`, \`trust.contact_info\`: the attempt is recorded).`,
        security: bearer,
        params: AwardParams,
        body: Type.Object({
          reason: Type.String({
            maxLength: 20_000,
            description: `${DISPUTE_REASON_MIN}–${DISPUTE_REASON_MAX} characters, no contact details`,
          }),
        }),
        response: { 200: Award, ...errors },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const a = await contestDisputes.open(user, req.params.awardId, { reason: req.body.reason });
      const c = await contests.get(a.contestId, user);
      return awardView(user, c, a, await accounts.publicByIds([a.winnerId]));
    },
  );
}
