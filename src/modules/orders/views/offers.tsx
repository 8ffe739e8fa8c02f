import { newToken } from '../../../platform/crypto.ts';
import type { FormState, ViewCtx } from '../../../platform/http/pages.ts';
import { formatDateTime } from '../../../platform/i18n/index.ts';
import { Ref } from '../../../web/components/bidi.tsx';
import { ConfirmSubmit } from '../../../web/components/confirm.tsx';
import { Card, Field, Form, FormAlert, PageTitle, SelectField } from '../../../web/components.tsx';
import { Layout } from '../../../web/layout.tsx';
import { OFFER } from '../rules.ts';
import { type OfferRow, offerState } from '../service/offers.ts';

/** A direct conversation's custom offers, beside its thread: each with its state and the answer its side may give. */
export function OffersPanel(props: { c: ViewCtx; conversationId: number; offers: OfferRow[]; meId: number; now: Date }) {
  const { c } = props;
  return (
    <section class="card bg-base-100 p-3 md:p-4 mt-3 space-y-2" id="offers" aria-labelledby="offers-h" data-testid="offers">
      <div class="flex flex-wrap items-center justify-between gap-2">
        <h2 id="offers-h" class="font-bold">
          {c.t('offer.panel_title')}
        </h2>
        <a class="btn btn-sm btn-outline" href={c.href(`/messages/${props.conversationId}/offers/new`)} data-testid="offer-new">
          {c.t('offer.send_link')}
        </a>
      </div>
      <ul class="space-y-2">
        {props.offers.map((o) => {
          const state = offerState(o, props.now);
          const buyer = o.buyerId === props.meId;
          return (
            <li key={o.id} class="rounded-box border border-base-300 p-3 space-y-1" data-testid={`offer-${o.id}`}>
              <p class="flex flex-wrap gap-2 items-center">
                <Ref id={o.id} class="font-bold" />
                <span class="font-bold break-words" dir="auto">
                  {o.title}
                </span>
                <span class="badge badge-outline" data-testid={`offer-state-${o.id}`}>
                  {c.t(`offer.state.${state}`)}
                </span>
              </p>
              <p class="text-sm whitespace-pre-line break-words" dir="auto">
                {o.description}
              </p>
              <p class="text-sm">{c.t('offer.summary', { price: o.priceCents, days: o.deliveryDays, revisions: o.revisions })}</p>
              {state === 'open' ? (
                <p class="text-xs opacity-70">{c.t('offer.valid_until', { when: formatDateTime(c.locale, o.expiresAt) })}</p>
              ) : null}
              {state === 'open' && buyer ? (
                <div class="flex flex-wrap gap-2">
                  <Form c={c} action={`/offers/${o.id}/accept`} class="inline">
                    <input type="hidden" name="idempotencyKey" value={newToken()} />
                    <ConfirmSubmit
                      c={c}
                      id={`confirm-offer-${o.id}`}
                      label={c.t('offer.accept', { price: o.priceCents })}
                      question={c.t('offer.accept_question', { price: o.priceCents })}
                      confirm={c.t('offer.accept', { price: o.priceCents })}
                      class="btn btn-sm btn-primary"
                      tone="primary"
                      testid={`offer-accept-${o.id}`}
                    />
                  </Form>
                  <Form c={c} action={`/offers/${o.id}/decline`} class="inline">
                    <button type="submit" class="btn btn-sm btn-outline" data-testid={`offer-decline-${o.id}`}>
                      {c.t('offer.decline')}
                    </button>
                  </Form>
                </div>
              ) : null}
              {state === 'open' && !buyer ? (
                <Form c={c} action={`/offers/${o.id}/withdraw`} class="inline">
                  <button type="submit" class="btn btn-sm btn-ghost" data-testid={`offer-withdraw-${o.id}`}>
                    {c.t('offer.withdraw')}
                  </button>
                </Form>
              ) : null}
              {o.orderId ? (
                <a class="link text-sm" href={c.href(`/orders/${o.orderId}`)}>
                  {c.t('offer.open_order')}
                </a>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** Writing a custom offer for the other member of a conversation; what was typed comes back with a refusal. */
export function OfferFormPage(props: {
  c: ViewCtx;
  conversationId: number;
  otherName: string;
  services: { id: number; title: string }[];
  state: FormState;
}) {
  const { c, state } = props;
  return (
    <Layout c={c} title={c.t('offer.new_title')}>
      <PageTitle>{c.t('offer.new_title')}</PageTitle>
      <Card>
        <p class="text-sm opacity-80 mb-2">{c.t('offer.new_intro', { name: props.otherName, days: OFFER.validDays })}</p>
        <Form c={c} action={`/messages/${props.conversationId}/offers`} class="grid gap-3">
          <FormAlert c={c} state={state} />
          <Field c={c} state={state} name="title" label={c.t('offer.f.title')} maxLength={OFFER.titleMax} dir="auto" required />
          <Field
            c={c}
            state={state}
            name="description"
            label={c.t('offer.f.description')}
            textarea
            rows={5}
            maxLength={OFFER.descriptionMax}
            dir="auto"
            required
          />
          <div class="grid grid-cols-1 sm:grid-cols-3 gap-2">
            <Field c={c} state={state} name="price" label={c.t('offer.f.price')} dir="ltr" maxLength={10} required />
            <Field c={c} state={state} name="deliveryDays" label={c.t('offer.f.days')} dir="ltr" maxLength={3} required />
            <Field c={c} state={state} name="revisions" label={c.t('offer.f.revisions')} dir="ltr" maxLength={2} value="1" />
          </div>
          {props.services.length ? (
            <SelectField c={c} state={state} name="serviceId" label={c.t('offer.f.service')}>
              <option value="">{c.t('offer.f.no_service')}</option>
              {props.services.map((s) => (
                <option key={s.id} value={String(s.id)} selected={state.values.serviceId === String(s.id)}>
                  {s.title}
                </option>
              ))}
            </SelectField>
          ) : null}
          <button type="submit" class="btn btn-primary justify-self-start" data-testid="offer-send">
            {c.t('offer.f.send')}
          </button>
        </Form>
      </Card>
    </Layout>
  );
}
