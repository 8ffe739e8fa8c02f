import type { VNode } from 'preact';
import type { FormState, ViewCtx } from '../../platform/http/pages.ts';
import { formatDateTime, formatNumber } from '../../platform/i18n/index.ts';
import { AdminShell } from '../../web/admin-shell.tsx';
import { Ref, Username } from '../../web/components/bidi.tsx';
import { ConfirmSubmit, isolate } from '../../web/components/confirm.tsx';
import {
  AttachmentList,
  ComposerForm,
  EmptyCard,
  Form,
  FormAlert,
  LinkList,
  MoreLink,
  PageTitle,
  ReportLink,
} from '../../web/components.tsx';
import { Icon } from '../../web/icons.tsx';
import { Layout } from '../../web/layout.tsx';
import { ContactAppealOffer } from '../trust/index.ts';
import type { MessageView } from './service.ts';

export interface Party {
  username: string;
  displayName: string;
  avatarUrl: string | null;
  lastSeenAt: string | null;
}

export interface InboxItem {
  id: number;
  kind: string;
  with: Party | null;
  lastMessage: MessageView | null;
  unreadCount: number;
}

const ONLINE_MS = 10 * 60_000;

function Avatar(props: { p: Party | null; size?: string }) {
  const size = props.size ?? 'w-10';
  const letter = (props.p?.displayName || props.p?.username || '?').slice(0, 1);
  return (
    <div class={`avatar ${props.p?.avatarUrl ? '' : 'avatar-placeholder'}`}>
      <div class={`${size} rounded-full bg-neutral text-neutral-content`}>
        {props.p?.avatarUrl ? <img src={props.p.avatarUrl} alt="" loading="lazy" /> : <span>{letter}</span>}
      </div>
    </div>
  );
}

/** One message in a thread; `files` link to the authorised download route. */
export function MessageItem(props: { c: ViewCtx; m: MessageView; mine: boolean; seen: boolean; filesBase: string }) {
  const { c, m } = props;
  return (
    <li id={`m-${m.id}`} data-id={m.id} data-mine={props.mine ? '1' : undefined} class={`chat ${props.mine ? 'chat-end' : 'chat-start'}`}>
      <div class="chat-header text-xs opacity-70 mb-1">
        <bdi>{m.sender.displayName || m.sender.username}</bdi>{' '}
        <bdi>
          <time datetime={m.createdAt}>{formatDateTime(c.locale, new Date(m.createdAt))}</time>
        </bdi>
      </div>
      <div class={`chat-bubble whitespace-pre-wrap break-words ${props.mine ? 'chat-bubble-primary' : ''}`} dir="auto">
        {m.removed ? <em class="opacity-70">{c.t('messaging.removed')}</em> : m.body}
        <AttachmentList c={c} label={c.t('messaging.attachments')} hrefBase={props.filesBase} files={m.files} />
      </div>
      {!props.mine && !m.removed ? (
        <div class="chat-footer mt-1">
          <ReportLink c={c} type="message" id={m.id} />
        </div>
      ) : null}
      {props.mine ? (
        <div class="chat-footer text-xs opacity-70 mt-1" data-receipt={props.seen ? 'seen' : 'sent'}>
          {props.seen ? c.t('messaging.seen') : c.t('messaging.sent')}
        </div>
      ) : null}
    </li>
  );
}

export function InboxPage(props: { c: ViewCtx; items: InboxItem[]; nextCursor: string | null; now: Date }) {
  const { c } = props;
  return (
    <Layout c={c} title={c.t('messaging.inbox_title')}>
      <PageTitle>{c.t('messaging.inbox_title')}</PageTitle>
      {props.items.length === 0 ? (
        <EmptyCard testId="inbox-empty">
          <p>{c.t('messaging.inbox_empty')}</p>
          <p class="mt-2">
            <a class="link link-primary" href={c.href('/services')}>
              {c.t('messaging.inbox_empty_cta')}
            </a>
          </p>
        </EmptyCard>
      ) : (
        <LinkList testId="inbox">
          {props.items.map((i) => {
            const online = i.with?.lastSeenAt && props.now.getTime() - Date.parse(i.with.lastSeenAt) < ONLINE_MS;
            return (
              <li key={i.id}>
                <a href={c.href(`/messages/${i.id}`)} class="flex items-center gap-3 py-3" data-conversation={i.id}>
                  <Avatar p={i.with} />
                  <div class="flex-1 min-w-0">
                    <div class="flex items-center gap-2">
                      <strong class="truncate">{i.with ? i.with.displayName || i.with.username : c.t('messaging.someone')}</strong>
                      {online ? <span class="badge badge-success badge-xs" title={c.t('messaging.online')} /> : null}
                      {i.kind !== 'direct' ? <span class="badge badge-ghost badge-sm">{c.t(`messaging.kind.${i.kind}`)}</span> : null}
                    </div>
                    <p class={`truncate text-sm ${i.unreadCount ? 'font-bold' : 'opacity-70'}`} dir="auto">
                      {i.lastMessage
                        ? i.lastMessage.removed
                          ? c.t('messaging.removed')
                          : i.lastMessage.body || (
                              <>
                                <Icon name="paperclip" /> {c.t('messaging.files_only', { n: i.lastMessage.files.length })}
                              </>
                            )
                        : ''}
                    </p>
                  </div>
                  <div class="text-end text-xs opacity-70 shrink-0">
                    {i.lastMessage ? (
                      <time datetime={i.lastMessage.createdAt}>{formatDateTime(c.locale, new Date(i.lastMessage.createdAt))}</time>
                    ) : null}
                    {i.unreadCount ? (
                      <div>
                        <span class="badge badge-primary badge-sm" data-testid="unread-count">
                          {formatNumber(c.locale, i.unreadCount)}
                        </span>
                      </div>
                    ) : null}
                  </div>
                </a>
              </li>
            );
          })}
        </LinkList>
      )}
      <MoreLink
        c={c}
        href={props.nextCursor ? `/messages?cursor=${encodeURIComponent(props.nextCursor)}` : null}
        label={c.t('messaging.more')}
      />
    </Layout>
  );
}

/** The box at the foot of a thread: the text typed stays after a refusal; files are sent with it. */
function Composer(props: {
  c: ViewCtx;
  action: string;
  state: FormState;
  disabled: string | null;
  /** Where the text was going: a refusal for contact details offers to ask a moderator to review it. */
  target: { conversationId: number } | { to: string };
}) {
  const { c, state } = props;
  if (props.disabled) {
    return (
      <div role="status" class="alert mt-4" data-testid="composer-disabled">
        {c.t(props.disabled)}
      </div>
    );
  }
  return (
    <>
      <ComposerForm
        c={c}
        action={props.action}
        state={state}
        id="composer"
        label={c.t('messaging.write')}
        labelClass="sr-only"
        placeholder={c.t('messaging.write')}
        rows={3}
        maxLength={5000}
        errorParams={{ max: 5000, files: 10 }}
        attachLabel={c.t('messaging.attach')}
        attachHint={c.t('messaging.attach_hint')}
        sendLabel={c.t('messaging.send')}
      />
      {/* Its own form, after the composer's (forms do not nest). */}
      <ContactAppealOffer c={c} state={state} target={props.target} />
    </>
  );
}

/**
 * A direct conversation's menu (a <details> dropdown: no JavaScript needed): the other person's profile, and
 * block / unblock, which asks first (ConfirmSubmit) — never a one-click button beside the name.
 */
function ThreadMenu(props: { c: ViewCtx; conversationId: number; other: Party; name: string; blockedByMe: boolean }) {
  const { c } = props;
  const action = props.blockedByMe ? 'unblock' : 'block';
  return (
    <details class="dropdown dropdown-end" data-testid="thread-menu">
      <summary class="btn btn-ghost btn-sm btn-square" aria-label={c.t('messaging.menu')} title={c.t('messaging.menu')}>
        <svg xmlns="http://www.w3.org/2000/svg" width="20" height="20" viewBox="0 0 24 24" fill="currentColor" aria-hidden="true">
          <circle cx="12" cy="5" r="2" />
          <circle cx="12" cy="12" r="2" />
          <circle cx="12" cy="19" r="2" />
        </svg>
      </summary>
      <ul class="menu dropdown-content z-10 mt-1 w-56 rounded-box border border-base-300 bg-base-100 p-2 shadow">
        <li>
          <a href={c.href(`/u/${props.other.username}`)}>{c.t('messaging.view_profile')}</a>
        </li>
        <li>
          <Form c={c} action={`/messages/${props.conversationId}/${action}`} class="p-0">
            <ConfirmSubmit
              c={c}
              id={`confirm-${action}`}
              label={c.t(`messaging.${action}`)}
              question={c.t(`messaging.${action}_confirm`, { name: isolate(props.name) })}
              confirm={c.t(`messaging.${action}_yes`)}
              class={`w-full justify-start px-3 py-1.5 text-start ${action === 'block' ? 'text-error' : ''}`}
              tone={action === 'block' ? 'danger' : 'primary'}
              testid={action}
            />
          </Form>
        </li>
      </ul>
    </details>
  );
}

export function ThreadPage(props: {
  c: ViewCtx;
  /** Other modules' parts beside the thread (custom offers), after it. */
  extras?: VNode[];
  conversationId: number;
  kind: string;
  other: Party | null;
  items: MessageView[];
  olderCursor: string | null;
  otherLastRead: number;
  meId: number;
  state: FormState;
  disabled: string | null;
  blockedByMe: boolean;
  now: Date;
}) {
  const { c } = props;
  const name = props.other ? props.other.displayName || props.other.username : c.t('messaging.someone');
  const lastId = props.items.length ? props.items[props.items.length - 1].id : 0;
  const online = props.other?.lastSeenAt && props.now.getTime() - Date.parse(props.other.lastSeenAt) < ONLINE_MS;
  return (
    <Layout c={c} title={c.t('messaging.thread_title', { name })} scripts={['messages.js']}>
      <div class="flex flex-wrap items-center gap-3 mb-3">
        <a href={c.href('/messages')} class="btn btn-ghost btn-sm">
          {c.t('messaging.back')}
        </a>
        <Avatar p={props.other} />
        <div class="flex-1 min-w-0">
          <h1 class="text-xl font-bold truncate">{props.other ? <a href={c.href(`/u/${props.other.username}`)}>{name}</a> : name}</h1>
          <p class="text-xs opacity-70">
            {online
              ? c.t('messaging.online')
              : props.other?.lastSeenAt
                ? c.t('messaging.last_seen', { when: formatDateTime(c.locale, new Date(props.other.lastSeenAt)) })
                : ''}
          </p>
        </div>
        {props.other && props.kind === 'direct' ? (
          <ThreadMenu c={c} conversationId={props.conversationId} other={props.other} name={name} blockedByMe={props.blockedByMe} />
        ) : null}
      </div>
      <section class="card bg-base-100 p-3 md:p-4" aria-label={c.t('messaging.thread')}>
        {props.olderCursor ? (
          <p class="text-center">
            <a class="link text-sm" href={c.href(`/messages/${props.conversationId}?before=${props.olderCursor}`)}>
              {c.t('messaging.older')}
            </a>
          </p>
        ) : null}
        <ol
          id="thread"
          class="space-y-1"
          aria-live="polite"
          data-conversation={props.conversationId}
          data-last={lastId}
          data-me={props.meId}
          data-seen-label={c.t('messaging.seen')}
        >
          {props.items.map((m) => (
            <MessageItem
              key={m.id}
              c={c}
              m={m}
              mine={m.sender.id === props.meId}
              seen={m.sender.id === props.meId && props.otherLastRead >= m.id}
              filesBase="/messages/files"
            />
          ))}
        </ol>
        {props.items.length === 0 ? <p class="text-center opacity-70">{c.t('messaging.thread_empty')}</p> : null}
        <Composer
          c={c}
          action={`/messages/${props.conversationId}`}
          state={props.state}
          disabled={props.disabled}
          target={{ conversationId: props.conversationId }}
        />
      </section>
      {props.extras}
    </Layout>
  );
}

export function NewMessagePage(props: { c: ViewCtx; to: Party; state: FormState; disabled: string | null }) {
  const { c, to } = props;
  const name = to.displayName || to.username;
  return (
    <Layout c={c} title={c.t('messaging.new_title', { name })} narrow>
      <PageTitle>{c.t('messaging.new_title', { name })}</PageTitle>
      <div class="card bg-base-100 p-4">
        <div class="flex items-center gap-3">
          <Avatar p={to} />
          <div class="min-w-0 flex flex-wrap items-baseline gap-x-3">
            <a class="font-bold min-w-0 wrap-anywhere" href={c.href(`/u/${to.username}`)}>
              {name}
            </a>
            <Username username={to.username} class="opacity-70 text-sm min-w-0 wrap-anywhere" />
          </div>
        </div>
        <p class="text-sm opacity-80 mt-2">{c.t('messaging.new_hint')}</p>
        <Composer
          c={c}
          action={`/messages/new?to=${encodeURIComponent(to.username)}`}
          state={props.state}
          disabled={props.disabled}
          target={{ to: to.username }}
        />
      </div>
    </Layout>
  );
}

/** Staff: a user's conversations, then one opened for a stated reason (the reading is audited). */
export function StaffConversationsPage(props: {
  c: ViewCtx;
  username: string;
  found: boolean;
  items: { id: number; kind: string; lastMessageAt: Date | null }[];
}) {
  const { c } = props;
  return (
    <AdminShell c={c} title={c.t('messaging.staff_title')}>
      <form method="get" action={c.href('/admin/conversations')} class="flex gap-2 mb-4">
        <label class="sr-only" for="f-user">
          {c.t('messaging.staff_user')}
        </label>
        <input id="f-user" name="user" value={props.username} class="input" placeholder={c.t('messaging.staff_user')} dir="ltr" />
        <button class="btn" type="submit">
          {c.t('messaging.staff_find')}
        </button>
      </form>
      {props.username && !props.found ? <p role="alert">{c.t('messaging.user_not_found')}</p> : null}
      {props.items.length ? (
        <ul class="menu bg-base-100 rounded-box w-full">
          {props.items.map((i) => (
            <li key={i.id}>
              <a href={c.href(`/admin/conversations/${i.id}`)}>
                <Ref id={i.id} /> · {c.t(`messaging.kind.${i.kind}`)}
                {i.lastMessageAt ? ` · ${formatDateTime(c.locale, i.lastMessageAt)}` : ''}
              </a>
            </li>
          ))}
        </ul>
      ) : props.found ? (
        <p>{c.t('messaging.inbox_empty')}</p>
      ) : null}
      <p class="text-sm opacity-70 mt-4">{c.t('messaging.staff_notice')}</p>
    </AdminShell>
  );
}

export function StaffThreadPage(props: {
  c: ViewCtx;
  conversationId: number;
  state: FormState;
  members: Party[];
  items: MessageView[] | null;
}) {
  const { c } = props;
  return (
    <AdminShell c={c} title={c.t('messaging.staff_thread', { id: props.conversationId })}>
      <p class="mb-2">
        {c.t('messaging.staff_members')}{' '}
        {props.members.map((m, i) => (
          <span key={m.username}>
            {i ? '، ' : ''}
            <a class="link" href={c.href(`/u/${m.username}`)}>
              {m.displayName || m.username}
            </a>
          </span>
        ))}
      </p>
      {props.items === null ? (
        <Form c={c} action={`/admin/conversations/${props.conversationId}`} class="card bg-base-100 p-4 space-y-2 max-w-xl">
          <FormAlert c={c} state={props.state} />
          <label class="fieldset-legend" for="f-reason">
            {c.t('messaging.staff_reason')}
          </label>
          <textarea id="f-reason" name="reason" rows={2} class={`textarea w-full ${props.state.errors.reason ? 'textarea-error' : ''}`}>
            {props.state.values.reason ?? ''}
          </textarea>
          {props.state.errors.reason ? (
            <p class="text-error text-sm" data-testid="error-reason">
              {c.t(props.state.errors.reason)}
            </p>
          ) : null}
          <p class="text-xs opacity-70">{c.t('messaging.staff_notice')}</p>
          <button class="btn btn-warning" type="submit">
            {c.t('messaging.staff_open')}
          </button>
        </Form>
      ) : (
        <section class="card bg-base-100 p-4">
          <ol class="space-y-1" data-testid="staff-thread">
            {props.items.map((m) => (
              <MessageItem key={m.id} c={c} m={m} mine={false} seen={false} filesBase="/messages/files" />
            ))}
          </ol>
        </section>
      )}
    </AdminShell>
  );
}
