import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../platform/container.ts';
import type { Deps } from '../../platform/deps.ts';
import { bearer, errorResponses as errors } from '../../platform/http/api-schemas.ts';
import { requireUser } from '../../platform/http/pages.ts';

const Item = Type.Object({
  displayName: Type.String({ description: 'the referred person’s display name (never their username or e-mail)' }),
  purchasesCents: Type.Integer({ description: 'their completed purchases within the year after their sign-up, in cents' }),
  rewardCents: Type.Integer({ description: 'what they earned you: rewards less rewards taken back, in cents' }),
  capLeftCents: Type.Integer({ description: 'what they can still earn you (0 when flagged or past the year), in cents' }),
  signedUpAt: Type.String({ format: 'date-time' }),
  earnsUntil: Type.String({ format: 'date-time', description: 'the first moment their purchases no longer earn' }),
  flagged: Type.Boolean({ description: 'the sign-up showed signs of one person behind both accounts: it earns nothing' }),
});

/** The affiliate programme over the API (API.md "Points, levels, promotion, referrals"). */
export function referralsApi(app: FastifyInstance, services: Services, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { referrals } = services;

  api.get(
    '/api/v1/referrals',
    {
      schema: {
        tags: ['referrals'],
        summary: 'Your referral link and the people who signed up through it, with their purchases and your rewards',
        description:
          'Rewards: a share (5% by default) of each purchase a referred person completes within a year of signing up, at most ' +
          '$50 per person (the settings), paid from the platform’s commission into your pending balance. `capLeftCents` is the ' +
          'total still to earn over all your referred people (the sum of the items’ `capLeftCents`). 401 `auth.required` without a token.',
        security: bearer,
        response: {
          200: Type.Object({
            link: Type.String({ description: 'the full address of your referral link (`/r/<username>`)' }),
            items: Type.Array(Item),
            capLeftCents: Type.Integer({ description: 'the sum of the items’ `capLeftCents`' }),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const items = await referrals.referred(user.id);
      return {
        link: `${deps.config.baseUrl}${referrals.linkPath(user.username)}`,
        items: items.map((i) => ({
          displayName: i.displayName,
          purchasesCents: i.purchasesCents,
          rewardCents: i.rewardCents,
          capLeftCents: i.capLeftCents,
          signedUpAt: i.signedUpAt.toISOString(),
          earnsUntil: i.earnsUntil.toISOString(),
          flagged: i.flagged,
        })),
        capLeftCents: items.reduce((a, i) => a + i.capLeftCents, 0),
      };
    },
  );
}
