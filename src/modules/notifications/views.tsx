import type { FormState, ViewCtx } from '../../platform/http/pages.ts';
import { formatDateTime } from '../../platform/i18n/index.ts';
import { Username } from '../../web/components/bidi.tsx';
import { ConfirmSubmit, isolate } from '../../web/components/confirm.tsx';
import { EmptyCard, Form, FormAlert, LinkList, MoreLink, PageTitle } from '../../web/components.tsx';
import { Layout } from '../../web/layout.tsx';
import { type NotificationRow, TOPICS, type Topic } from './service.ts';

export function NotificationsPage(props: { c: ViewCtx; items: NotificationRow[]; nextCursor: string | null }) {
  const { c } = props;
  const unread = props.items.some((n) => !n.readAt);
  return (
    <Layout c={c} title={c.t('notification.page_title')}>
      <div class="flex flex-wrap items-center gap-2 mb-4">
        <PageTitle>{c.t('notification.page_title')}</PageTitle>
        <div class="ms-auto flex gap-2">
          {unread ? (
            <Form c={c} action="/notifications/read" class="">
              <button class="btn btn-sm" type="submit" data-testid="mark-all-read">
                {c.t('notification.mark_all')}
              </button>
            </Form>
          ) : null}
          <a class="btn btn-sm btn-ghost" href={c.href('/settings/notifications')}>
            {c.t('notification.settings')}
          </a>
        </div>
      </div>
      {props.items.length === 0 ? (
        <EmptyCard testId="notifications-empty">{c.t('notification.empty')}</EmptyCard>
      ) : (
        <LinkList testId="notifications">
          {props.items.map((n) => (
            <li key={n.id}>
              <a
                href={c.href(`/notifications/${n.id}/open`)}
                class={`flex flex-col items-start gap-0 py-3 ${n.readAt ? 'opacity-70' : 'font-bold'}`}
                data-unread={n.readAt ? undefined : '1'}
              >
                <span dir="auto">{c.t(`notification.${n.type}`, n.params)}</span>
                <time class="text-xs font-normal opacity-70" datetime={n.createdAt.toISOString()}>
                  {formatDateTime(c.locale, n.createdAt)}
                </time>
              </a>
            </li>
          ))}
        </LinkList>
      )}
      <MoreLink c={c} href={props.nextCursor ? `/notifications?cursor=${props.nextCursor}` : null} label={c.t('notification.more')} />
    </Layout>
  );
}

export function NotificationSettingsPage(props: {
  c: ViewCtx;
  mail: Record<Topic, boolean>;
  blocked: { username: string; displayName: string; since: string }[];
  state: FormState;
}) {
  const { c } = props;
  return (
    <Layout c={c} title={c.t('notification.settings')} narrow>
      <PageTitle>{c.t('notification.settings')}</PageTitle>
      <section class="card bg-base-100 p-4 mb-4">
        <Form c={c} action="/settings/notifications" class="space-y-3">
          <FormAlert c={c} state={props.state} />
          <p class="text-sm opacity-80">{c.t('notification.settings_intro')}</p>
          {TOPICS.map((t) => (
            <label key={t} class="flex items-center gap-3">
              <input type="checkbox" class="toggle toggle-primary" name={`mail_${t}`} value="1" checked={props.mail[t]} />
              <span>{c.t(`notification.topic.${t}`)}</span>
            </label>
          ))}
          <p class="text-xs opacity-70">{c.t('notification.security_always')}</p>
          <button class="btn btn-primary" type="submit">
            {c.t('notification.save')}
          </button>
        </Form>
      </section>
      <section class="card bg-base-100 p-4" aria-labelledby="blocked-title">
        <h2 id="blocked-title" class="font-bold mb-2">
          {c.t('messaging.blocked_list')}
        </h2>
        {props.blocked.length === 0 ? (
          <p class="text-sm opacity-70">{c.t('messaging.blocked_none')}</p>
        ) : (
          <ul class="space-y-2">
            {props.blocked.map((b) => (
              <li key={b.username} class="flex items-center gap-2">
                <span class="flex-1">
                  {b.displayName || b.username} <Username username={b.username} class="opacity-70 text-sm" />
                </span>
                <Form c={c} action={`/settings/blocks/${encodeURIComponent(b.username)}/remove`} class="">
                  <ConfirmSubmit
                    c={c}
                    id={`confirm-unblock-${b.username}`}
                    label={c.t('messaging.unblock')}
                    question={c.t('messaging.unblock_confirm', { name: isolate(b.displayName || b.username) })}
                    confirm={c.t('messaging.unblock_yes')}
                    class="btn btn-xs"
                    tone="primary"
                    testid={`unblock-${b.username}`}
                  />
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  );
}
