import type { FormState, ViewCtx } from '../../platform/http/pages.ts';
import { formatDate } from '../../platform/i18n/index.ts';
import { Card, Field, Form, FormAlert, PageTitle } from '../../web/components.tsx';
import { Layout } from '../../web/layout.tsx';
import type { PolicyKind, PolicyVersion } from './service.ts';
import type { Block, StaticPage } from './static-pages.ts';

/** Policy text: "N- title" lines are headings, "ملاحظة"/"Note" lines stand out, the rest are paragraphs. */
export function PolicyBody(props: { text: string }) {
  const lines = props.text.split('\n').filter((l) => l.trim() !== '');
  return (
    <div class="space-y-3 leading-relaxed">
      {lines.map((line, i) =>
        /^\d+\s*-\s*/.test(line) ? (
          <h2 key={i} class="text-lg font-bold mt-4">
            {line}
          </h2>
        ) : /^(ملاحظة|Note)\s*:/.test(line) ? (
          <p key={i} class="alert alert-info">
            {line}
          </p>
        ) : (
          <p key={i}>{line}</p>
        ),
      )}
    </div>
  );
}

export function PolicyPage(props: { c: ViewCtx; policy: PolicyKind; doc: PolicyVersion; isCurrent: boolean }) {
  const { c, doc } = props;
  const ar = c.locale === 'ar';
  const title = ar ? doc.titleAr : doc.titleEn;
  return (
    <Layout c={c} title={title}>
      <article class="card bg-base-100 shadow-sm">
        <div class="card-body">
          <PageTitle>{title}</PageTitle>
          <p class="text-sm opacity-80" data-testid="last-updated">
            {c.t('policy.last_updated')}: <time datetime={doc.lastUpdated}>{doc.lastUpdated}</time> ·{' '}
            {c.t('policy.version', { n: doc.version })}
          </p>
          {!props.isCurrent ? (
            <p class="alert alert-warning">
              {c.t('policy.old_version')}{' '}
              <a class="link" href={c.href(`/${props.policy}`)}>
                {c.t('policy.read_current')}
              </a>
            </p>
          ) : null}
          <PolicyBody text={ar ? doc.bodyAr : doc.bodyEn} />
          <p class="mt-4">
            <a class="link link-primary" href={c.href(`/${props.policy}/history`)}>
              {c.t('policy.history')}
            </a>
          </p>
        </div>
      </article>
    </Layout>
  );
}

export function PolicyHistoryPage(props: { c: ViewCtx; policy: PolicyKind; versions: PolicyVersion[] }) {
  const { c } = props;
  const ar = c.locale === 'ar';
  const title = props.versions[0] ? (ar ? props.versions[0].titleAr : props.versions[0].titleEn) : '';
  return (
    <Layout c={c} title={`${title} — ${c.t('policy.history')}`}>
      <Card>
        <PageTitle>
          {title} — {c.t('policy.history')}
        </PageTitle>
        <ol class="divide-y divide-base-300" data-testid="policy-history">
          {props.versions.map((v) => (
            <li key={v.id} class="py-2">
              <a class="link link-primary font-semibold" href={c.href(`/${props.policy}/v/${v.version}`)}>
                {c.t('policy.version', { n: v.version })}
              </a>{' '}
              — {c.t('policy.last_updated')}: <time datetime={v.lastUpdated}>{v.lastUpdated}</time>
              <span class="text-sm opacity-70"> · {c.t('policy.published_at', { date: formatDate(c.locale, v.publishedAt) })}</span>
              {(ar ? v.changeNoteAr : v.changeNoteEn) ? <p class="text-sm">{ar ? v.changeNoteAr : v.changeNoteEn}</p> : null}
            </li>
          ))}
        </ol>
      </Card>
    </Layout>
  );
}

function BlockView(props: { c: ViewCtx; b: Block }) {
  const b = props.b;
  if ('h' in b) return <h2 class="text-xl font-bold mt-4">{b.h}</h2>;
  if ('p' in b) return <p class="leading-relaxed">{b.p}</p>;
  if ('list' in b)
    return (
      <ul class="list-disc ps-6 space-y-1">
        {b.list.map((x) => (
          <li key={x}>{x}</li>
        ))}
      </ul>
    );
  if ('table' in b)
    return (
      <div class="overflow-x-auto">
        <table class="table table-zebra">
          <thead>
            <tr>
              {b.table.head.map((h) => (
                <th key={h}>{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {b.table.rows.map((r) => (
              <tr key={r.join('|')}>
                {r.map((cell, i) => (
                  <td key={i}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  return (
    <details class="collapse collapse-arrow bg-base-200">
      <summary class="collapse-title font-semibold">{b.q}</summary>
      <div class="collapse-content space-y-2">
        <p>{b.a}</p>
        {b.help ? (
          <p>
            <a class="link link-primary" href={props.c.href(`/help/articles/${b.help}`)} data-testid="faq-help-link">
              {props.c.t('faq.read_more')}
            </a>
          </p>
        ) : null}
      </div>
    </details>
  );
}

export function StaticPageView(props: { c: ViewCtx; page: StaticPage }) {
  const { c, page } = props;
  return (
    <Layout c={c} title={page.title[c.locale]} description={page.description[c.locale]}>
      <article class="card bg-base-100 shadow-sm">
        <div class="card-body space-y-3">
          <PageTitle>{page.title[c.locale]}</PageTitle>
          {page.body[c.locale].map((b, i) => (
            <BlockView key={i} c={c} b={b} />
          ))}
        </div>
      </article>
    </Layout>
  );
}

export function ContactPage(props: { c: ViewCtx; state: FormState; sent: boolean }) {
  const { c, state } = props;
  return (
    <Layout c={c} title={c.t('footer.contact')} narrow>
      <Card>
        <PageTitle>{c.t('footer.contact')}</PageTitle>
        {props.sent ? (
          <div role="status" class="alert alert-success" data-testid="contact-sent">
            {c.t('contact.sent')}
          </div>
        ) : (
          <>
            <p class="text-sm">{c.t('contact.intro')}</p>
            <a class="link link-primary text-sm" href={c.href('/support/new')} data-testid="contact-support">
              {c.t('contact.support_link')}
            </a>
            <FormAlert c={c} state={state} />
            <Form c={c} action="/contact">
              <Field c={c} state={state} name="name" label={c.t('contact.name')} value={c.user?.displayName} required />
              <Field c={c} state={state} name="email" type="email" label={c.t('field.email')} value={c.user?.email} dir="ltr" required />
              <Field c={c} state={state} name="subject" label={c.t('contact.subject')} maxLength={150} required />
              <Field c={c} state={state} name="body" label={c.t('contact.body')} textarea rows={6} required />
              <button type="submit" class="btn btn-primary w-full">
                {c.t('contact.submit')}
              </button>
            </Form>
          </>
        )}
      </Card>
    </Layout>
  );
}
