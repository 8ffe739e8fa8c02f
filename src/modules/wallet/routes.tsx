import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import {
  emptyForm,
  type FormState,
  type FormValues,
  form,
  page,
  redirectTo,
  requireUser,
  sendHtml,
  viewCtx,
} from '../../platform/http/pages.ts';
import { redirect, sameSitePath } from '../../platform/http/redirect.ts';
import { parseId } from '../../platform/http/request.ts';
import { localePath, splitLocale } from '../../platform/i18n/index.ts';
import { parseMoney } from '../../platform/money.ts';
import { asciiDigits } from '../../platform/text.ts';
import { parseDateParam } from './api.ts';
import { mayExploreLedger, refuseUnless } from './policy.ts';
import { MANUAL_METHODS, type SettingsPatch, WITHDRAWAL_METHODS } from './rules.ts';
import type { WalletService } from './service.ts';
import { DepositReturnPage } from './views/deposit-page.tsx';
import { FinanceQueuePage, LedgerPage, TransactionPage, UserLedgerPage } from './views/finance.tsx';
import { MethodsPage } from './views/methods.tsx';
import { SandboxCheckoutPage } from './views/sandbox.tsx';
import { WalletSettingsPage } from './views/settings.tsx';
import { WalletPage } from './views/wallet-page.tsx';

type Q = Record<string, string | undefined>;

function idNum(req: FastifyRequest): number {
  const id = parseId((req.params as { id: string }).id);
  if (id === null) throw new AppError('http.not_found');
  return id;
}

function statementFilter(q: Q) {
  return { type: q.type || undefined, from: q.from || undefined, to: q.to || undefined };
}

/** Amount field of a wallet form in dollars → cents, or a field error. */
function centsFrom(v: FormValues): number {
  const cents = parseMoney(v.amount);
  if (cents === null) throw new AppError('validation.failed', {}, { amount: 'wallet.amount_invalid' });
  return cents;
}

/** Maps the service's field errors (`amountCents` by default) onto the form's fields (`amount`). */
async function asForm<T>(fn: () => Promise<T>, fieldOf: Record<string, string> = { amountCents: 'amount' }): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AppError && Object.keys(err.fields).some((f) => f in fieldOf)) {
      const fields = Object.fromEntries(Object.entries(err.fields).map(([f, code]) => [fieldOf[f] ?? f, code]));
      throw new AppError(err.code, err.params, fields);
    }
    throw err;
  }
}

/** The settings page's fields named differently from the settings they set (the page types dollars and a percent). */
const SETTINGS_FORM_FIELDS = {
  minDepositCents: 'minDeposit',
  maxDepositCents: 'maxDeposit',
  minWithdrawalCents: 'minWithdrawal',
  commissionBp: 'commissionPercent',
  ...Object.fromEntries(WITHDRAWAL_METHODS.map((m) => [`payoutDays.${m}`, `payoutDays_${m}`])),
};

/**
 * The settings page's form → a settings change for the check the API shares: dollars and the percent read by
 * parseMoney (a percent with up to two decimals, ×100, is basis points). What cannot be read stays null, which
 * the check refuses with the field's own message.
 */
function settingsFromForm(v: FormValues): SettingsPatch {
  const days = asciiDigits(v.freezeReleaseBusinessDays ?? '').trim();
  const methods = (name: string) => (v[name] ?? '').split(',').filter(Boolean);
  return {
    minDepositCents: parseMoney(v.minDeposit),
    maxDepositCents: parseMoney(v.maxDeposit),
    minWithdrawalCents: parseMoney(v.minWithdrawal),
    commissionBp: parseMoney(v.commissionPercent),
    freezeReleaseBusinessDays: /^\d{1,3}$/.test(days) ? Number(days) : null,
    withdrawalMethods: methods('withdrawalMethods'),
    manualDepositMethods: methods('manualDepositMethods'),
    // Each method's promised business days; what cannot be read is refused by the check with the field's message.
    // (a method whose field was not sent keeps its days).
    payoutDays: Object.fromEntries(
      WITHDRAWAL_METHODS.filter((m) => v[`payoutDays_${m}`] !== undefined).map((m) => {
        const d = asciiDigits(v[`payoutDays_${m}`] ?? '').trim();
        return [m, /^\d{1,3}$/.test(d) ? Number(d) : null];
      }),
    ),
  };
}

export function walletPages(app: FastifyInstance, wallet: WalletService, userExists: (id: number) => Promise<boolean>): void {
  const walletView = async (req: FastifyRequest, deposit: FormState = emptyForm, withdraw: FormState = emptyForm) => {
    const user = requireUser(req);
    const q = req.query as Q;
    const filter = statementFilter(q);
    const cursor = parseId(q.cursor) ?? undefined;
    const freeze = await wallet.freezeOf(user.id);
    const statement = await wallet.statement(user.id, {
      type: filter.type,
      from: parseDateParam(filter.from, 'from'),
      to: parseDateParam(filter.to, 'to'),
      limit: 50,
      cursor,
    });
    return WalletPage({
      c: viewCtx(req),
      balances: await wallet.balances(user.id),
      pending: await wallet.pendingClearances(user.id),
      statement,
      references: await wallet.describeReferences(statement.items.map((i) => i.reference)),
      filter,
      deposits: await wallet.myDeposits(user.id, 10),
      withdrawals: await wallet.myWithdrawals(user.id, 10),
      settings: await wallet.settings(),
      promises: await wallet.payoutPromises(),
      provider: wallet.providerId,
      frozen: freeze ? { reason: freeze.reason, releaseAfter: freeze.releaseAfter } : null,
      deposit,
      withdraw,
    });
  };

  page(app, 'GET', '/wallet', async (req, reply) => sendHtml(reply, await walletView(req)));
  for (const kind of ['payment', 'withdrawal'] as const) {
    page(app, 'GET', `/${kind}-methods`, async (req, reply) =>
      sendHtml(reply, MethodsPage({ c: viewCtx(req), kind, settings: await wallet.settings(), provider: wallet.providerId })),
    );
  }

  form(app, '/wallet/deposits', {
    auth: true,
    render: (req, state) => walletView(req, state),
    handle: async (req, v, reply) => {
      const user = requireUser(req);
      const r = await asForm(() =>
        wallet.createDeposit(
          user,
          { amountCents: centsFrom(v), method: v.method, reference: v.reference },
          {
            userId: user.id,
            key: `form-${v.idempotencyKey ?? ''}`,
            scope: 'POST /wallet/deposits',
            request: { a: v.amount, m: v.method, r: v.reference },
          },
        ),
      );
      if (r.checkoutUrl) return redirect(reply, r.checkoutUrl, 303);
      return redirectTo(reply, '/wallet', 'wallet.deposit_submitted');
    },
  });

  // ——— after a checkout: the page a provider brings the payer back to, and "try again" ———
  /** A way back carried in `r`: a path of this site (never another host), in its own language. */
  const backOf = (raw: unknown): string | null => {
    const path = sameSitePath(raw);
    return path ? localePath(splitLocale(String(raw)).locale, path) : null;
  };
  page(app, 'GET', '/wallet/deposits/:id', async (req, reply) => {
    const q = req.query as Q;
    const deposit = await wallet.deposit(requireUser(req), idNum(req));
    const result = q.result === 'success' || q.result === 'cancel' ? q.result : null;
    return sendHtml(reply, DepositReturnPage({ c: viewCtx(req), deposit, result, back: backOf(q.r) }));
  });
  form(app, '/wallet/deposits/:id/retry', {
    auth: true,
    render: async (req, state) => {
      const deposit = await wallet.deposit(requireUser(req), idNum(req));
      return DepositReturnPage({ c: viewCtx(req), deposit, result: null, back: backOf(state.values.r), error: state.formError });
    },
    handle: async (req, v, reply) => {
      // The way back keeps its language (the gateway's page may be in another one).
      const user = requireUser(req);
      const back = sameSitePath(v.r);
      const actor = back ? { ...user, locale: splitLocale(String(v.r)).locale } : user;
      const r = await wallet.retryDeposit(actor, idNum(req), back);
      return redirect(reply, r.checkoutUrl as string, 303);
    },
  });

  form(app, '/wallet/withdrawals', {
    auth: true,
    render: (req, state) => walletView(req, emptyForm, state),
    handle: async (req, v, reply) => {
      const user: AuthUser = requireUser(req);
      await asForm(() =>
        wallet.requestWithdrawal(
          user,
          { amountCents: centsFrom(v), method: v.method ?? '', details: v },
          {
            userId: user.id,
            key: `form-${v.idempotencyKey ?? ''}`,
            scope: 'POST /wallet/withdrawals',
            request: { ...v, _csrf: undefined },
          },
        ),
      );
      return redirectTo(reply, '/wallet', 'wallet.withdrawal_requested');
    },
  });

  app.get('/wallet/statement.csv', async (req, reply) => {
    const user = requireUser(req);
    const f = statementFilter(req.query as Q);
    const r = await wallet.statement(user.id, {
      type: f.type,
      from: parseDateParam(f.from, 'from'),
      to: parseDateParam(f.to, 'to'),
      limit: 1000,
    });
    const cell = (v: string | number | null) => {
      const s = v === null ? '' : String(v);
      // A leading =, +, - or @ would be read as a formula by spreadsheets.
      const safe = /^[=+\-@]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s) ? `'${s}` : s;
      return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
    };
    const dollars = (cents: number) => (cents / 100).toFixed(2);
    const lines = [
      ['id', 'created_at', 'type', 'gross_usd', 'fee_usd', 'net_usd', 'escrow_usd', 'available_at', 'reference'].join(','),
      ...r.items.map((i) =>
        [
          i.id,
          i.createdAt,
          i.type,
          dollars(i.grossCents),
          dollars(i.feeCents),
          dollars(i.netCents),
          dollars(i.escrowCents),
          i.availableAt,
          i.reference,
        ]
          .map(cell)
          .join(','),
      ),
    ];
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="kafiil-statement-${user.username}.csv"`)
      .header('cache-control', 'no-store')
      .send(`\uFEFF${lines.join('\r\n')}\r\n`);
  });

  // ——— the sandbox gateway (test mode): its own pages, no sign-in, the URL carries the secret ———
  const sandboxView = async (req: FastifyRequest, state: FormState, done: 'paid' | 'failed' | null = null) => {
    const id = idNum(req);
    const secret = state.values.s ?? (req.query as Q).s ?? '';
    // Only a path on this site (never another host) is a way back; it keeps its language.
    const back = backOf(String(state.values.r ?? (req.query as Q).r ?? ''));
    return SandboxCheckoutPage({ c: viewCtx(req), deposit: await wallet.sandboxDeposit(id, secret), secret, state, done, back });
  };
  page(app, 'GET', '/pay/sandbox/:id', async (req, reply) => sendHtml(reply, await sandboxView(req, emptyForm)));
  form(app, '/pay/sandbox/:id', {
    render: (req, state) => sandboxView(req, state, state.formError === 'wallet.card_declined' ? 'failed' : null),
    handle: async (req, v, reply) => {
      await wallet.paySandbox(idNum(req), v.s ?? '', v.card ?? '');
      return sendHtml(reply, await sandboxView(req, { ...emptyForm, values: { s: v.s ?? '', r: v.r ?? '' } }, 'paid'));
    },
  });

  // ——— finance staff ———
  const queueView = async (req: FastifyRequest, state: FormState) => {
    const q = await wallet.queue(requireUser(req));
    return FinanceQueuePage({ c: viewCtx(req), ...q, state, manualMethods: MANUAL_METHODS, providers: wallet.payoutProviders() });
  };
  page(app, 'GET', '/admin/finance', async (req, reply) => {
    await wallet.queue(requireUser(req));
    return redirectTo(reply, '/admin/finance/queue');
  });
  page(app, 'GET', '/admin/finance/queue', async (req, reply) => sendHtml(reply, await queueView(req, emptyForm)));
  const decide = (path: string, act: (actor: AuthUser, id: number, v: FormValues) => Promise<unknown>, flash: string) =>
    form(app, path, {
      auth: true,
      render: queueView,
      handle: async (req, v, reply) => {
        await act(requireUser(req), idNum(req), v);
        return redirectTo(reply, '/admin/finance/queue', flash);
      },
    });
  // Accept and send: by hand (then marked paid with the reference), or through the method's payout provider.
  form(app, '/admin/finance/withdrawals/:id/process', {
    auth: true,
    render: queueView,
    handle: async (req, _v, reply) => {
      const w = await wallet.processWithdrawal(requireUser(req), idNum(req));
      return redirectTo(reply, '/admin/finance/queue', w.status === 'paid' ? 'finance.sent' : 'finance.processed');
    },
  });
  decide('/admin/finance/withdrawals/:id/approve', (a, id, v) => wallet.approveWithdrawal(a, id, v.reference ?? ''), 'finance.done');
  decide('/admin/finance/withdrawals/:id/reject', (a, id, v) => wallet.rejectWithdrawal(a, id, v.reason ?? ''), 'finance.done');
  decide('/admin/finance/deposits/:id/confirm', (a, id) => wallet.confirmManualDeposit(a, id), 'finance.done');
  decide('/admin/finance/deposits/:id/reject', (a, id, v) => wallet.rejectDeposit(a, id, v.reason ?? ''), 'finance.done');

  const settingsView = async (req: FastifyRequest, state: FormState) => {
    return WalletSettingsPage({ c: viewCtx(req), settings: await wallet.editableSettings(requireUser(req)), state });
  };
  page(app, 'GET', '/admin/settings', async (req, reply) => sendHtml(reply, await settingsView(req, emptyForm)));
  form(app, '/admin/settings', {
    auth: true,
    multi: ['withdrawalMethods', 'manualDepositMethods'],
    render: settingsView,
    handle: async (req, v, reply) => {
      await asForm(() => wallet.updateSettings(requireUser(req), settingsFromForm(v)), SETTINGS_FORM_FIELDS);
      return redirectTo(reply, '/admin/settings', 'settings.saved');
    },
  });

  page(app, 'GET', '/admin/finance/ledger', async (req, reply) => {
    const actor = requireUser(req);
    return sendHtml(
      reply,
      LedgerPage({
        c: viewCtx(req),
        check: await wallet.reconcile(actor),
        revenue: await wallet.revenue(actor),
        recent: { deposits: await wallet.recentDeposits(actor, 10), withdrawals: await wallet.recentWithdrawals(actor, 10) },
      }),
    );
  });
  page(app, 'GET', '/admin/finance/lookup', async (req, reply) => {
    const raw = ((req.query as Q).q ?? '').trim();
    await wallet.queue(requireUser(req));
    const tx = /^(?:t|tx|#)?(\d+)$/i.exec(raw);
    const user = /^u(\d+)$/i.exec(raw);
    if (user) return redirectTo(reply, `/admin/finance/users/${user[1]}`);
    if (tx) return redirectTo(reply, `/admin/finance/tx/${tx[1]}`);
    throw new AppError('wallet.transaction_not_found');
  });
  page(app, 'GET', '/admin/finance/tx/:id', async (req, reply) => {
    const t = await wallet.transaction(requireUser(req), idNum(req));
    return sendHtml(reply, TransactionPage({ c: viewCtx(req), t, references: await wallet.describeReferences([t.reference]) }));
  });
  const userLedgerView = async (req: FastifyRequest, state: FormState) => {
    const id = idNum(req);
    const actor = requireUser(req);
    // Finance staff only; an id that is no user's is a page that does not exist.
    refuseUnless(actor, mayExploreLedger(actor));
    if (!(await userExists(id))) throw new AppError('http.not_found');
    const r = await wallet.userLedger(actor, id, { ip: req.ip ?? null });
    const references = await wallet.describeReferences(r.statement.items.map((i) => i.reference));
    return UserLedgerPage({
      c: viewCtx(req),
      userId: id,
      balances: r.balances,
      items: r.statement.items,
      freeze: r.freeze,
      references,
      state,
    });
  };
  page(app, 'GET', '/admin/finance/users/:id', async (req, reply) => sendHtml(reply, await userLedgerView(req, emptyForm)));
  // A permanent ban's frozen balance after review: damages refunded to a harmed user, then the rest released.
  form(app, '/admin/finance/users/:id/deduct-frozen', {
    auth: true,
    render: userLedgerView,
    handle: async (req, v, reply) => {
      const id = idNum(req);
      const amountCents = parseMoney(v.amount) ?? Number.NaN;
      await asForm(() =>
        wallet.staffDeductFrozen(requireUser(req), id, { toUserId: v.toUserId, amountCents, reason: v.reason }, userExists),
      );
      return redirectTo(reply, `/admin/finance/users/${id}`, 'finance.done');
    },
  });
  form(app, '/admin/finance/users/:id/release-frozen', {
    auth: true,
    render: userLedgerView,
    handle: async (req, _v, reply) => {
      const id = idNum(req);
      await wallet.staffReleaseFrozen(requireUser(req), id);
      return redirectTo(reply, `/admin/finance/users/${id}`, 'finance.done');
    },
  });
}
