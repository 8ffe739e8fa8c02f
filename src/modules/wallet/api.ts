import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import { bearer, errorResponses, IdParams, Problem } from '../../platform/http/api-schemas.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { requireUser } from '../../platform/http/pages.ts';
import { cursorOf } from '../../platform/http/request.ts';
import { type IdempotencyKey, idempotencyOf as idempotencyKeyOf } from '../../platform/idempotency.ts';
import { mayManageSettings, refuseUnless } from './policy.ts';
import { MANUAL_METHODS, OPEN_WITHDRAWAL_STATES, WITHDRAWAL_METHODS } from './rules.ts';
import type { WalletService, Withdrawal } from './service.ts';
import { parseStripeWebhook, type StripeConfig } from './stripe.ts';

const errors = errorResponses;
const idemHeader = Type.Object({ 'idempotency-key': Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: true });

/** The Idempotency-Key of a money-moving request (API.md): required, and bound to this user and operation. */
const idempotencyOf = (req: FastifyRequest, user: AuthUser, scope: string, request: unknown) =>
  idempotencyKeyOf(req, user, scope, request) as IdempotencyKey;

const StatementItem = Type.Object({
  id: Type.Integer(),
  type: Type.String(),
  grossCents: Type.Integer(),
  feeCents: Type.Integer(),
  netCents: Type.Integer(),
  escrowCents: Type.Integer(),
  availableAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  reference: Type.String(),
});

const Balances = Type.Object({
  availableCents: Type.Integer(),
  pendingCents: Type.Integer(),
  escrowCents: Type.Integer(),
  withdrawingCents: Type.Integer(),
  frozenCents: Type.Integer(),
});

/** The wallet's settings as the API shows them (money in cents, the commission in basis points). */
const WalletSettingsSchema = Type.Object({
  minDepositCents: Type.Integer(),
  minWithdrawalCents: Type.Integer(),
  maxDepositCents: Type.Integer(),
  commissionBp: Type.Integer({ description: 'Basis points: 1000 = 10%' }),
  freezeReleaseBusinessDays: Type.Integer(),
  withdrawalMethods: Type.Array(Type.String()),
  manualDepositMethods: Type.Array(Type.String()),
  payoutDays: Type.Object(Object.fromEntries(WITHDRAWAL_METHODS.map((m) => [m, Type.Integer()])), {
    description: 'Business days within which a withdrawal by each method is promised to be sent (0: no promise)',
  }),
});

/** A change to any subset of them: the types here; the limits are the settings page's, checked by the service. */
const WalletSettingsPatch = Type.Object(
  {
    minDepositCents: Type.Optional(Type.Integer()),
    minWithdrawalCents: Type.Optional(Type.Integer()),
    maxDepositCents: Type.Optional(Type.Integer()),
    commissionBp: Type.Optional(Type.Integer()),
    freezeReleaseBusinessDays: Type.Optional(Type.Integer()),
    withdrawalMethods: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 })),
    manualDepositMethods: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 })),
    payoutDays: Type.Optional(
      Type.Object(Object.fromEntries(WITHDRAWAL_METHODS.map((m) => [m, Type.Optional(Type.Integer())])), { additionalProperties: false }),
    ),
  },
  { additionalProperties: false },
);

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const NullableString = Type.Union([Type.String(), Type.Null()]);

/** A withdrawal as its owner follows it: its state and timeline (requested, approved, sent or rejected, promised, late). */
const WithdrawalItem = Type.Object({
  id: Type.Integer(),
  amountCents: Type.Integer(),
  method: Type.String(),
  status: Type.String({ description: '`requested`, `approved` (being sent), `paid` (sent) or `rejected`' }),
  reason: NullableString,
  createdAt: Type.String(),
  approvedAt: NullableString,
  /** When it was sent (paid) or rejected. */
  decidedAt: NullableString,
  reference: Type.Union([Type.String(), Type.Null()], { description: 'The payout reference once sent' }),
  promisedBy: Type.Union([Type.String(), Type.Null()], { description: 'The date it is promised to be sent by (null: no promise)' }),
  late: Type.Boolean({ description: 'Still not sent past its promised date' }),
  lateAt: NullableString,
});

function withdrawalItem(w: Withdrawal) {
  return {
    id: w.id,
    amountCents: w.amountCents,
    method: w.method,
    status: w.status,
    reason: w.reason,
    createdAt: w.createdAt.toISOString(),
    approvedAt: iso(w.approvedAt),
    decidedAt: iso(w.decidedAt),
    reference: w.status === 'paid' ? w.reference : null,
    promisedBy: iso(w.promisedBy),
    late: w.lateAt !== null && (OPEN_WITHDRAWAL_STATES as readonly string[]).includes(w.status),
    lateAt: iso(w.lateAt),
  };
}

export function parseDateParam(raw: string | undefined, field: string): Date | undefined {
  if (!raw) return undefined;
  const d = new Date(raw);
  if (!/^\d{4}-\d{2}-\d{2}/.test(raw) || Number.isNaN(d.getTime()))
    throw new AppError('validation.failed', {}, { [field]: 'validation.field_invalid' });
  return d;
}

/** The wallet part of the public API (API.md "Wallet"). */
export function walletApi(app: FastifyInstance, wallet: WalletService): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/api/v1/wallet',
    { schema: { tags: ['wallet'], summary: 'Balances in cents', security: bearer, response: { 200: Balances, 401: Problem } } },
    async (req) => wallet.balances(requireUser(req).id),
  );

  api.get(
    '/api/v1/wallet/pending',
    {
      schema: {
        tags: ['wallet'],
        summary: 'Amounts in pending with the date each becomes available',
        security: bearer,
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({ amountCents: Type.Integer(), clearsAt: Type.String(), held: Type.Boolean() })),
          }),
        },
      },
    },
    async (req) => ({
      items: (await wallet.pendingClearances(requireUser(req).id)).map((c) => ({
        amountCents: c.amountCents,
        clearsAt: c.clearsAt.toISOString(),
        held: c.held !== null,
      })),
    }),
  );

  api.get(
    '/api/v1/wallet/statement',
    {
      schema: {
        tags: ['wallet'],
        summary: 'Every movement of your money, newest first',
        security: bearer,
        querystring: Type.Object({
          type: Type.Optional(Type.String({ maxLength: 40 })),
          from: Type.Optional(Type.String({ maxLength: 30 })),
          to: Type.Optional(Type.String({ maxLength: 30 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
          cursor: Type.Optional(Type.String({ maxLength: 20 })),
        }),
        response: {
          200: Type.Object({ items: Type.Array(StatementItem), nextCursor: Type.Union([Type.String(), Type.Null()]) }),
          ...errors,
        },
      },
    },
    async (req) => {
      const q = req.query;
      const r = await wallet.statement(requireUser(req).id, {
        type: q.type,
        from: parseDateParam(q.from, 'from'),
        to: parseDateParam(q.to, 'to'),
        limit: q.limit ?? 50,
        cursor: cursorOf(q.cursor),
      });
      return { items: r.items, nextCursor: r.nextCursor === null ? null : String(r.nextCursor) };
    },
  );

  api.post(
    '/api/v1/wallet/deposits',
    {
      schema: {
        tags: ['wallet'],
        summary: 'Start a deposit (needs an Idempotency-Key)',
        description:
          '`method`: the configured provider (`sandbox` in test mode, or `stripe`) returns a `checkoutUrl` to pay at; a manual method (`bank_transfer`, `vodafone_cash`, `orange_cash`, `etisalat_cash`) takes the transfer `reference`, which finance staff confirm. Money reaches the balance only when the payment is confirmed. A retry with the same key while the first request is still working is 409 `idempotency.in_progress`, for at most 60 s: after that the retry finishes the same deposit (the same checkout), so a request cut off half-way never leaves the key stuck. An account whose e-mail address is not verified is refused (`account.email_unverified`, 403).',
        security: bearer,
        headers: idemHeader,
        body: Type.Object({
          amountCents: Type.Integer(),
          method: Type.Optional(Type.String({ maxLength: 40 })),
          reference: Type.Optional(Type.String({ maxLength: 200 })),
        }),
        response: {
          201: Type.Object({ id: Type.Integer(), status: Type.String(), checkoutUrl: Type.Union([Type.String(), Type.Null()]) }),
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const r = await wallet.createDeposit(user, req.body, idempotencyOf(req, user, 'POST /api/v1/wallet/deposits', req.body));
      return reply.status(201).send(r);
    },
  );

  api.get(
    '/api/v1/wallet/deposits/:id',
    {
      schema: {
        tags: ['wallet'],
        summary: 'One of your deposits',
        security: bearer,
        params: IdParams,
        response: {
          200: Type.Object({
            id: Type.Integer(),
            status: Type.String(),
            amountCents: Type.Integer(),
            method: Type.String(),
            createdAt: Type.String(),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const d = await wallet.deposit(requireUser(req), req.params.id);
      return { id: d.id, status: d.status, amountCents: d.amountCents, method: d.method, createdAt: d.createdAt.toISOString() };
    },
  );

  api.post(
    '/api/v1/wallet/withdrawals',
    {
      schema: {
        tags: ['wallet'],
        summary: 'Request a withdrawal (needs an Idempotency-Key); the amount leaves available at once',
        description:
          '`method` and `details`: `paypal` {email}, `bank_transfer` {iban, name, bank}, `vodafone_cash` / `orange_cash` / `etisalat_cash` {phone}, `egypt_post` {name, nationalId}. An account whose e-mail address is not verified is refused (`account.email_unverified`, 403).',
        security: bearer,
        headers: idemHeader,
        body: Type.Object({
          amountCents: Type.Integer(),
          method: Type.String({ maxLength: 40 }),
          details: Type.Record(Type.String(), Type.String({ maxLength: 200 })),
        }),
        response: { 201: Type.Object({ id: Type.Integer(), status: Type.String() }), ...errors },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const r = await wallet.requestWithdrawal(user, req.body, idempotencyOf(req, user, 'POST /api/v1/wallet/withdrawals', req.body));
      return reply.status(201).send(r);
    },
  );

  api.get(
    '/api/v1/wallet/withdrawals',
    {
      schema: {
        tags: ['wallet'],
        summary: 'Your withdrawals, newest first, each with its timeline',
        security: bearer,
        response: { 200: Type.Object({ items: Type.Array(WithdrawalItem) }) },
      },
    },
    async (req) => ({ items: (await wallet.myWithdrawals(requireUser(req).id, 100)).map(withdrawalItem) }),
  );

  // ——— finance staff ———
  const decision = { params: IdParams, security: bearer, tags: ['admin'] };
  api.post(
    '/api/v1/admin/withdrawals/:id/approve',
    {
      schema: {
        ...decision,
        summary: 'Mark a withdrawal paid (sent) with the payout reference, from requested or approved (finance)',
        body: Type.Object({ reference: Type.String({ maxLength: 200 }) }),
        response: { 200: Type.Object({ id: Type.Integer(), status: Type.String() }), ...errors },
      },
    },
    async (req) => {
      const w = await wallet.approveWithdrawal(requireUser(req), req.params.id, req.body.reference);
      return { id: w.id, status: w.status };
    },
  );
  api.post(
    '/api/v1/admin/withdrawals/:id/process',
    {
      schema: {
        ...decision,
        summary: 'Accept a requested withdrawal and send it (finance)',
        description:
          "The withdrawal becomes `approved`. Sent by hand (the manual provider, the default), it is then marked paid with `/approve {reference}`. Through the payout provider registered for its method, the provider is asked to send it at once: sent, it is `paid` with the provider's `reference`; accepted and still working, it stays `approved` with `providerRef`; a failure is kept in `providerError` (send it by hand or reject it). A withdrawal a provider is sending cannot be rejected (409 `wallet.payout_in_flight`).",
        response: {
          200: Type.Object({
            id: Type.Integer(),
            status: Type.String(),
            provider: NullableString,
            providerRef: NullableString,
            providerError: NullableString,
            reference: NullableString,
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const w = await wallet.processWithdrawal(requireUser(req), req.params.id);
      return {
        id: w.id,
        status: w.status,
        provider: w.provider,
        providerRef: w.providerRef,
        providerError: w.providerError,
        reference: w.reference,
      };
    },
  );
  api.post(
    '/api/v1/admin/withdrawals/:id/reject',
    {
      schema: {
        ...decision,
        summary: 'Reject a withdrawal with a reason; the money returns to available (finance)',
        body: Type.Object({ reason: Type.String({ maxLength: 500 }) }),
        response: { 200: Type.Object({ id: Type.Integer(), status: Type.String() }), ...errors },
      },
    },
    async (req) => {
      const w = await wallet.rejectWithdrawal(requireUser(req), req.params.id, req.body.reason);
      return { id: w.id, status: w.status };
    },
  );
  api.post(
    '/api/v1/admin/deposits/:id/confirm',
    {
      schema: {
        ...decision,
        summary: 'Confirm a manual transfer arrived (finance)',
        response: { 200: Type.Object({ id: Type.Integer(), status: Type.String() }), ...errors },
      },
    },
    async (req) => {
      const d = await wallet.confirmManualDeposit(requireUser(req), req.params.id);
      return { id: d.id, status: d.status };
    },
  );
  api.post(
    '/api/v1/admin/deposits/:id/reject',
    {
      schema: {
        ...decision,
        summary: 'Reject a manual deposit with a reason (finance)',
        body: Type.Object({ reason: Type.String({ maxLength: 500 }) }),
        response: { 200: Type.Object({ id: Type.Integer(), status: Type.String() }), ...errors },
      },
    },
    async (req) => {
      const d = await wallet.rejectDeposit(requireUser(req), req.params.id, req.body.reason);
      return { id: d.id, status: d.status };
    },
  );
  // ——— admins ———
  /** Refuses before the body is read: 401 without a token, 403 for anyone but an admin, whatever was sent. */
  const adminsOnly = async (req: FastifyRequest) => {
    const user = req.user ?? null;
    refuseUnless(user, mayManageSettings(user));
  };
  api.get(
    '/api/v1/admin/settings',
    {
      schema: {
        tags: ['admin'],
        summary: 'The wallet settings: minimums and maximum in cents, commission in basis points, freeze days, methods (admin)',
        security: bearer,
        response: { 200: WalletSettingsSchema, ...errors },
      },
    },
    async (req) => wallet.editableSettings(requireUser(req)),
  );
  api.patch(
    '/api/v1/admin/settings',
    {
      schema: {
        tags: ['admin'],
        summary: 'Change any of the wallet settings; answers all of them (admin, audited as settings.update)',
        description: `Limits, as on the settings page: \`minDepositCents\` and \`minWithdrawalCents\` 100–100000, \`maxDepositCents\` 100–100000000 and not below \`minDepositCents\`, \`commissionBp\` 0–5000, \`freezeReleaseBusinessDays\` 0–365, \`withdrawalMethods\` at least one of ${WITHDRAWAL_METHODS.map((m) => `\`${m}\``).join(', ')}, \`manualDepositMethods\` any of ${MANUAL_METHODS.map((m) => `\`${m}\``).join(', ')}, \`payoutDays\` any of the withdrawal methods, each 0–60 business days (0: no promise). A refusal is 400 \`validation.failed\` with each field's code.`,
        security: bearer,
        body: WalletSettingsPatch,
        response: { 200: WalletSettingsSchema, ...errors },
      },
      preValidation: adminsOnly,
    },
    async (req) => wallet.updateSettings(requireUser(req), req.body),
  );

  api.get(
    '/api/v1/admin/ledger/reconcile',
    {
      schema: {
        tags: ['admin'],
        summary: 'Prove the ledger: balanced transactions, no negative balance, balances equal their entries (finance)',
        security: bearer,
      },
    },
    async (req) => wallet.reconcile(requireUser(req)),
  );
}

/** Stripe's webhook: a signed event; a paid Checkout Session credits its deposit once (replays add nothing). */
export function stripeWebhook(app: FastifyInstance, wallet: WalletService, cfg: StripeConfig): void {
  app.post('/webhooks/stripe', { schema: { hide: true } }, async (req, reply) => {
    const sig = req.headers['stripe-signature'];
    const confirmation = parseStripeWebhook(cfg, req.body as Buffer, typeof sig === 'string' ? sig : undefined);
    if (confirmation) {
      try {
        await wallet.confirmDeposit(confirmation);
      } catch (err) {
        // An event for a deposit already settled by another path is acknowledged, not retried forever.
        if (!(err instanceof AppError) || err.code !== 'wallet.deposit_settled') throw err;
      }
    }
    return reply.send({ received: true });
  });
}
