import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../platform/container.ts';
import { newToken } from '../../platform/crypto.ts';
import { AppError } from '../../platform/errors.ts';
import { csrfValid, emptyForm, type FormState, form, page, redirectTo, requireUser, sendHtml, viewCtx } from '../../platform/http/pages.ts';
import { redirect } from '../../platform/http/redirect.ts';
import { parseId } from '../../platform/http/request.ts';
import { readFormWithFiles, withSavedUploads } from '../../platform/http/uploads.ts';
import { orderTotalCents, parseMoney } from '../../platform/money.ts';
import { asciiDigits } from '../../platform/text.ts';
import { isPartyTo } from './policy.ts';
import { ACTIONS, ORDER_STATES, type OrderAction, QUANTITY_MAX } from './rules.ts';
import { CheckoutPage } from './views/checkout.tsx';
import { DisputePage, DisputesPage } from './views/disputes.tsx';
import { OrdersListPage } from './views/lists.tsx';
import { OrderPage } from './views/order-page.tsx';

/** An id from the path, query or form, or 0 (no row has it: the service says not found) for anything else. */
const num = (raw: unknown) => parseId(raw) ?? 0;
const list = (raw: unknown): string[] => (Array.isArray(raw) ? raw.map(String) : raw === undefined ? [] : [String(raw)]);

/** A form that may carry files (deliveries, order messages): text fields and up to 10 files of 25 MB. */
const readForm = (req: FastifyRequest) => readFormWithFiles(req, 10);

/** What the order page says once an action went through (the one-time notice, as after placing an order). */
const ACTION_FLASH: Record<OrderAction, string> = {
  accept: 'order.flash.accept',
  decline: 'order.flash.decline',
  deliver: 'order.flash.deliver',
  'request-changes': 'order.flash.request_changes',
  complete: 'order.flash.complete',
  cancel: 'order.flash.cancel',
  'request-cancel': 'order.flash.request_cancel',
  'accept-cancel': 'order.flash.accept_cancel',
  'reject-cancel': 'order.flash.reject_cancel',
  'request-extension': 'order.flash.request_extension',
  'accept-extension': 'order.flash.accept_extension',
  'reject-extension': 'order.flash.reject_extension',
  dispute: 'order.flash.dispute',
};

/** Orders in the browser: checkout, the order page with its actions and conversation, purchases and sales, disputes. */
export function ordersPages(app: FastifyInstance, services: Services): void {
  const { orders, catalog, wallet, accounts, messaging, files } = services;

  // ——— checkout: GET shows it (from the service page's form), POST pays or opens the deposit for the rest ———
  async function checkoutView(req: FastifyRequest, state: FormState, q: Record<string, unknown>) {
    const user = requireUser(req);
    const s = await catalog.get(num(String(q.serviceId ?? q.service ?? '')), null).catch(() => null);
    if (s?.status !== 'published') throw new AppError('order.service_unavailable');
    if (s.sellerId === user.id) throw new AppError('order.own_service');
    const wanted = new Set(list(q.addon).map(num));
    const addons = s.addons.filter((a) => wanted.has(a.id));
    const qn = Number(q.qty ?? 1);
    const quantity = Number.isInteger(qn) && qn >= 1 && qn <= QUANTITY_MAX ? qn : 1;
    // The package chosen on the service page (`package=standard`): as the seller offers it now.
    const tier = typeof q.package === 'string' && q.package !== '' ? q.package : null;
    const pkg = tier ? (await catalog.packagesOf(s.id)).find((p) => p.tier === tier) : null;
    if (tier && !pkg) throw new AppError('order.package_unavailable');
    const totalCents = orderTotalCents(
      pkg?.priceCents ?? s.priceCents,
      addons.map((a) => a.priceCents),
      quantity,
    );
    const [b, settings] = await Promise.all([wallet.balances(user.id), wallet.settings()]);
    return (
      <CheckoutPage
        c={viewCtx(req)}
        service={s}
        pkg={pkg ?? null}
        allAddons={s.addons}
        addons={addons}
        quantity={quantity}
        totalCents={totalCents}
        availableCents={b.availableCents}
        minDepositCents={settings.minDepositCents}
        idemKey={typeof q.idem === 'string' && q.idem.length >= 20 ? q.idem : newToken()}
        state={state}
      />
    );
  }

  page(app, 'GET', '/orders/new', async (req, reply) =>
    sendHtml(reply, await checkoutView(req, emptyForm, (req.query ?? {}) as Record<string, unknown>)),
  );

  page(app, 'POST', '/orders/new', async (req, reply) => {
    const user = requireUser(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const again = async (state: FormState, status: number) => sendHtml(reply, await checkoutView(req, state, body), status);
    if (!csrfValid(req, typeof body._csrf === 'string' ? body._csrf : undefined))
      return again({ ...emptyForm, formError: 'http.csrf' }, 403);
    const input = {
      serviceId: num(String(body.serviceId ?? '')),
      quantity: Number(body.qty ?? 1),
      addonIds: list(body.addon).map(num),
      packageTier: typeof body.package === 'string' && body.package !== '' ? body.package : null,
    };
    const key = typeof body.idem === 'string' && body.idem.length >= 20 ? body.idem : null;
    const idem = key ? { userId: user.id, key, scope: 'orders.place', request: input } : null;
    try {
      const r = await orders.place(user, input, idem);
      return redirectTo(reply, `/orders/${r.body.id}`, 'order.placed_flash');
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      if (err.code !== 'wallet.insufficient_funds') return again({ ...emptyForm, formError: err.code, params: err.params }, err.status);
      // Short: a deposit for the difference (at least the minimum deposit); the order is placed when it is paid.
      const d = await orders.checkoutForRest(user, input);
      return redirect(reply, d.checkoutUrl, 303);
    }
  });

  // ——— the order page ———
  async function orderView(req: FastifyRequest, id: number, state: FormState, failedAction: string | null) {
    const user = requireUser(req);
    const v = await orders.get(user, id, req.ip);
    const people = await accounts.publicByIds([v.order.buyerId, v.order.sellerId]);
    const name = (uid: number) => people.get(uid)?.displayName || people.get(uid)?.username || '';
    // A completed order's tip: what was sent, or (for its buyer) the form with the balance it comes from.
    const tip = v.order.status === 'completed' ? await orders.tipOf(v.order.id) : null;
    const availableCents =
      v.order.status === 'completed' && v.role === 'buyer' && !tip ? (await services.wallet.balances(user.id)).availableCents : null;
    const messages =
      v.order.conversationId && isPartyTo(v.order, user)
        ? (await messaging.thread(user, v.order.conversationId, { limit: 100 })).items
        : [];
    return (
      <OrderPage
        c={viewCtx(req)}
        order={v.order}
        role={v.role}
        late={v.late}
        events={v.events}
        dispute={v.dispute}
        reviews={v.reviews}
        names={{ buyer: name(v.order.buyerId), seller: name(v.order.sellerId) }}
        messages={messages}
        meId={user.id}
        now={new Date()}
        state={state}
        failedAction={failedAction}
        tip={tip}
        availableCents={availableCents}
      />
    );
  }

  page(app, 'GET', '/orders/:id', async (req, reply) =>
    sendHtml(reply, await orderView(req, num((req.params as { id: string }).id), emptyForm, null)),
  );

  /** An action's form (or a message, or a review): refusals come back on the order page with what was typed. */
  page(app, 'POST', '/orders/:id/:action', async (req, reply) => {
    const user = requireUser(req);
    const id = num((req.params as { id: string }).id);
    const action = (req.params as { action: string }).action;
    if (!(ACTIONS as readonly string[]).includes(action) && !['messages', 'review', 'reply', 'tip'].includes(action))
      throw new AppError('http.not_found');
    const { values, uploads } = await readForm(req);
    const kept = { ...values };
    delete kept._csrf;
    const fail = async (state: FormState, status: number) =>
      sendHtml(reply, await orderView(req, id, state, action === 'messages' ? 'message' : action), status);
    if (!csrfValid(req, values._csrf)) return fail({ values: kept, errors: {}, formError: 'http.csrf', params: {} }, 403);
    const big = uploads.find((u) => u.tooLarge);
    if (big) return fail({ values: kept, errors: { files: 'file.too_large' }, formError: null, params: { max: '25 MB' } }, 400);
    if (uploads.length > 10) return fail({ values: kept, errors: { files: 'messaging.too_many_files' }, formError: null, params: {} }, 400);
    try {
      const flash = await withSavedUploads(files, user.id, uploads, async (saved): Promise<string | undefined> => {
        if (action === 'messages') {
          const v = await orders.access(user, id);
          if (!v.order.conversationId || !isPartyTo(v.order, user)) throw new AppError('order.not_found');
          await messaging.send(user, v.order.conversationId, values.body ?? '', saved);
          return undefined;
        }
        if (action === 'reply') {
          await orders.reply(user, num(values.review ?? ''), values.reply ?? '');
          return 'review.replied_flash';
        }
        if (action === 'tip') {
          // Typed in dollars (Arabic digits too); a repeated form (its hidden key) tips once.
          const cents = parseMoney(values.amount ?? '');
          const key = values.idempotencyKey ?? '';
          await orders
            .tip(user, id, cents ?? Number.NaN, key ? { userId: user.id, key, scope: 'orders.tip', request: { id, cents } } : null)
            .catch((err) => {
              if (err instanceof AppError && err.fields.amountCents)
                throw new AppError(err.code, err.params, { amount: err.fields.amountCents });
              throw err;
            });
          return 'order.tip_sent';
        }
        if (action === 'review') {
          // A star not chosen is no score (the service refuses it with the field's message), never a default.
          const score = (raw: string | undefined) => (raw ? Number(raw) : undefined);
          const r = await orders.review(user, id, {
            quality: score(values.quality),
            communication: score(values.communication),
            onTime: score(values.onTime),
            comment: values.comment ?? '',
          });
          return r.published ? 'review.published_flash' : 'review.waiting_flash';
        }
        const days = values.days === undefined ? undefined : Number(asciiDigits(values.days).trim() || Number.NaN);
        await orders.act(user, id, action as OrderAction, { message: values.message, reason: values.reason, fileIds: saved, days });
        return ACTION_FLASH[action as OrderAction];
      });
      return redirectTo(reply, `/orders/${id}`, flash);
    } catch (err) {
      if (!(err instanceof AppError) || err.code === 'auth.required' || err.code === 'order.not_found') throw err;
      const fields = Object.keys(err.fields).length;
      return fail({ values: kept, errors: err.fields, formError: fields ? null : err.code, params: err.params }, err.status);
    }
  });

  // ——— my purchases, my sales (with earnings) ———
  for (const [path, side] of [
    ['/my/purchases', 'buyer'],
    ['/my/sales', 'seller'],
  ] as const) {
    page(app, 'GET', path, async (req, reply) => {
      const user = requireUser(req);
      const raw = String((req.query as Record<string, string>).status ?? '');
      const status = (ORDER_STATES as readonly string[]).includes(raw) ? raw : '';
      const r = await orders.list(user.id, side, status || undefined);
      const earnings = side === 'seller' ? await orders.earnings(user.id) : undefined;
      // Back from the gateway after "deposit and order": what became of that order.
      const depositId = side === 'buyer' ? parseId((req.query as Record<string, string>).deposit) : null;
      const afterDeposit = depositId ? await orders.intentOfDeposit(user.id, depositId) : null;
      return sendHtml(
        reply,
        <OrdersListPage
          c={viewCtx(req)}
          side={side}
          items={r.items}
          counts={r.counts}
          status={status}
          earnings={earnings}
          afterDeposit={afterDeposit}
        />,
      );
    });
  }

  // ——— staff: the dispute queue and a dispute's decision ———
  page(app, 'GET', '/admin/disputes', async (req, reply) => {
    const items = await orders.disputeQueue(requireUser(req));
    return sendHtml(reply, <DisputesPage c={viewCtx(req)} items={items} />);
  });

  async function disputeView(req: FastifyRequest, state: FormState) {
    const user = requireUser(req);
    const id = num((req.params as { id: string }).id);
    const queue = await orders.disputeQueue(user);
    const v = await orders.get(user, id, req.ip);
    const people = await accounts.publicByIds([v.order.buyerId, v.order.sellerId]);
    const name = (uid: number) => people.get(uid)?.displayName || people.get(uid)?.username || '';
    // The whole conversation, read for the dispute: the reading is audited by staffRead.
    const t = v.order.conversationId
      ? await messaging.staffRead(user, v.order.conversationId, `dispute on order ${id}`, req.ip, { limit: 100 })
      : null;
    const dispute = queue.find((q) => q.order.id === id)?.dispute ?? v.dispute;
    return (
      <DisputePage
        c={viewCtx(req)}
        order={v.order}
        dispute={dispute}
        events={v.events}
        messages={t?.items ?? []}
        names={{ buyer: name(v.order.buyerId), seller: name(v.order.sellerId) }}
        state={state}
      />
    );
  }

  page(app, 'GET', '/admin/disputes/:id', async (req, reply) => sendHtml(reply, await disputeView(req, emptyForm)));

  form(app, '/admin/disputes/:id', {
    auth: true,
    render: disputeView,
    handle: async (req, values, reply: FastifyReply) => {
      const id = num((req.params as { id: string }).id);
      // The split's amount as typed (Arabic digits and separators too); unreadable = no amount, refused by the service.
      const buyerCents = parseMoney(values.buyerDollars) ?? undefined;
      await orders.resolve(requireUser(req), id, { decision: values.decision ?? '', buyerCents, reason: values.reason ?? '' }, req.ip);
      return redirectTo(reply, '/admin/disputes', 'dispute.resolved_flash');
    },
  });
}
