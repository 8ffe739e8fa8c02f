import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../platform/container.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { emptyForm, type FormState, form, page, redirectTo, requireUser, sendHtml, viewCtx } from '../../platform/http/pages.ts';
import { parseId } from '../../platform/http/request.ts';
import { liveStream } from '../../platform/live.ts';
import { TOPICS } from './service.ts';
import { NotificationSettingsPage, NotificationsPage } from './views.tsx';

/** The notifications page, mail settings (with the blocked users), and the live stream for pages. */
export function notificationsPages(app: FastifyInstance, services: Services, deps: Deps): void {
  const { notifications, messaging } = services;

  // Pages' live events (the session cookie); API clients use GET /api/v1/events with their token.
  page(app, 'GET', '/live', async (req, reply) => {
    const user = requireUser(req);
    const [unreadNotifications, unreadConversations] = await Promise.all([
      notifications.unreadCount(user.id),
      messaging.unreadConversations(user.id),
    ]);
    liveStream(deps.live, req, reply, user.id, { unreadNotifications, unreadConversations });
  });

  page(app, 'GET', '/notifications', async (req, reply) => {
    const user = requireUser(req);
    const cursor = parseId((req.query as Record<string, string>).cursor);
    const r = await notifications.list(user.id, { cursor: cursor === null ? undefined : String(cursor), limit: 30 });
    return sendHtml(reply, <NotificationsPage c={viewCtx(req)} items={r.items} nextCursor={r.nextCursor} />);
  });

  // Following a notification marks it read.
  page(app, 'GET', '/notifications/:id/open', async (req, reply) => {
    const user = requireUser(req);
    const id = parseId((req.params as { id: string }).id);
    const n = id === null ? null : await notifications.get(user.id, id);
    if (!n) throw new AppError('notification.not_found');
    if (!n.readAt) await notifications.markRead(user.id, [n.id]);
    return redirectTo(reply, n.url);
  });

  form(app, '/notifications/read', {
    auth: true,
    render: async (req) => {
      const r = await notifications.list(requireUser(req).id, { limit: 30 });
      return <NotificationsPage c={viewCtx(req)} items={r.items} nextCursor={r.nextCursor} />;
    },
    handle: async (req, _v, reply) => {
      await notifications.markRead(requireUser(req).id);
      return redirectTo(reply, '/notifications');
    },
  });

  const settingsView = async (req: FastifyRequest, state: FormState) => {
    const user = requireUser(req);
    const [mail, blocked] = await Promise.all([notifications.settings(user.id), messaging.blockedList(user.id)]);
    return <NotificationSettingsPage c={viewCtx(req)} mail={mail} blocked={blocked} state={state} />;
  };
  page(app, 'GET', '/settings/notifications', async (req, reply) => sendHtml(reply, await settingsView(req, emptyForm)));
  form(app, '/settings/notifications', {
    auth: true,
    render: settingsView,
    handle: async (req, values, reply) => {
      await notifications.saveSettings(requireUser(req).id, Object.fromEntries(TOPICS.map((t) => [t, values[`mail_${t}`] === '1'])));
      return redirectTo(reply, '/settings/notifications', 'notification.settings_saved');
    },
  });
  form(app, '/settings/blocks/:username/remove', {
    auth: true,
    render: settingsView,
    handle: async (req, _v, reply) => {
      await messaging.unblock(requireUser(req), (req.params as { username: string }).username);
      return redirectTo(reply, '/settings/notifications', 'messaging.unblocked_done');
    },
  });
}
