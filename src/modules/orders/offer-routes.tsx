import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../platform/container.ts';
import { AppError } from '../../platform/errors.ts';
import { csrfValid, emptyForm, type FormState, form, page, redirectTo, requireUser, sendHtml, viewCtx } from '../../platform/http/pages.ts';
import { pathId } from '../../platform/http/request.ts';
import { parseMoney } from '../../platform/money.ts';
import { asciiDigits } from '../../platform/text.ts';
import { OfferFormPage, OffersPanel } from './views/offers.tsx';

const digits = (v: string | undefined) => {
  const s = asciiDigits(v ?? '').trim();
  return s === '' ? Number.NaN : Number(s);
};

/**
 * Custom offers in the browser: the panel beside a direct conversation (messaging's thread page asks for it), the
 * seller's form, and the buyer's accept (paid into escrow, the order starts) or decline, the seller's withdraw.
 */
export function offerPages(app: FastifyInstance, services: Services): void {
  const { orders, messaging, accounts, catalog } = services;
  const { offers } = orders;

  const formView = async (req: FastifyRequest, state: FormState) => {
    const user = requireUser(req);
    const id = pathId((req.params as { id: string }).id, 'messaging.not_found');
    const t = await messaging.thread(user, id, { limit: 1 });
    const other = t.members.find((m) => m.userId !== user.id);
    if (t.conversation.kind !== 'direct' || !other) throw new AppError('offer.not_direct');
    const [people, mine] = await Promise.all([accounts.publicByIds([other.userId]), catalog.bySeller(user.id, user)]);
    const p = people.get(other.userId);
    return (
      <OfferFormPage
        c={viewCtx(req)}
        conversationId={id}
        otherName={p?.displayName || p?.username || ''}
        services={mine.filter((s) => s.status === 'published').map((s) => ({ id: s.id, title: s.title }))}
        state={state}
      />
    );
  };

  page(app, 'GET', '/messages/:id/offers/new', async (req, reply) => sendHtml(reply, await formView(req, emptyForm)));
  form(app, '/messages/:id/offers', {
    auth: true,
    render: formView,
    handle: async (req, v, reply) => {
      const id = pathId((req.params as { id: string }).id, 'messaging.not_found');
      await offers
        .send(requireUser(req), id, {
          title: v.title,
          description: v.description,
          priceCents: parseMoney(v.price ?? '') ?? Number.NaN,
          deliveryDays: digits(v.deliveryDays),
          revisions: digits(v.revisions || '0'),
          serviceId: v.serviceId ? digits(v.serviceId) : null,
        })
        .catch((err) => {
          // The form's names for the service's fields.
          if (err instanceof AppError && err.fields.priceCents)
            throw new AppError(err.code, err.params, { ...err.fields, price: err.fields.priceCents });
          throw err;
        });
      return redirectTo(reply, `/messages/${id}#offers`, 'offer.sent');
    },
  });

  // The buyer's and the seller's answers: back to the conversation, with what happened (or why not).
  for (const [action, flash] of [
    ['accept', 'offer.accepted_flash'],
    ['decline', 'offer.declined_flash'],
    ['withdraw', 'offer.withdrawn_flash'],
  ] as const) {
    page(app, 'POST', `/offers/:id/${action}`, async (req, reply) => {
      const user = requireUser(req);
      const id = pathId((req.params as { id: string }).id, 'offer.not_found');
      const body = (req.body ?? {}) as Record<string, string>;
      const o = await offers.get(user, id);
      const back = `/messages/${o.conversationId}#offers`;
      if (!csrfValid(req, body._csrf)) return redirectTo(reply, back, 'http.csrf');
      try {
        if (action === 'accept') {
          const r = await offers.accept(
            user,
            id,
            body.idempotencyKey ? { userId: user.id, key: body.idempotencyKey, scope: 'offers.accept', request: { id } } : null,
          );
          return redirectTo(reply, `/orders/${r.orderId}`, flash);
        }
        await offers.close(user, id, action === 'decline' ? 'declined' : 'withdrawn');
        return redirectTo(reply, back, flash);
      } catch (err) {
        if (!(err instanceof AppError) || err.code === 'auth.required') throw err;
        return redirectTo(reply, back, err.code);
      }
    });
  }
}

/** The panel messaging's thread page shows for a direct conversation (null when it has none to show). */
export function offersThreadPanel(services: Services, clock: () => Date) {
  return async (req: FastifyRequest, conversation: { id: number; kind: string }) => {
    if (conversation.kind !== 'direct' || !req.user) return null;
    const list = await services.orders.offers.ofConversation(req.user, conversation.id);
    return <OffersPanel c={viewCtx(req)} conversationId={conversation.id} offers={list} meId={req.user.id} now={clock()} />;
  };
}
