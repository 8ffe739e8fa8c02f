import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../platform/container.ts';
import type { Deps } from '../../platform/deps.ts';
import { referralCookieOf, setReferralCookie } from '../../platform/http/cookies.ts';
import { emptyForm, type FormState, form, page, redirectTo, requireUser, sendHtml, viewCtx } from '../../platform/http/pages.ts';
import { can, requirePermission } from '../../platform/staff.ts';
import { referralsCsv } from './csv.ts';
import { referralVisit } from './policy.ts';
import { ReferralsAdminPage } from './views/admin.tsx';
import { ReferralsHowPage } from './views/how.tsx';
import { ReferralsPage } from './views/referrals-page.tsx';

/** The referral link (`/r/<username>`), the referrer's page and CSV, and the admin's numbers. */
export function referralsPages(app: FastifyInstance, services: Services, deps: Deps): void {
  const { referrals } = services;

  // A referral link: remembered in this browser (the cookie) for the sign-up, which says who invited the visitor.
  page(app, 'GET', '/r/:username', async (req, reply) => {
    const username = String((req.params as { username: string }).username ?? '').toLowerCase();
    const what = referralVisit(req.user, username);
    if (what === 'own') return redirectTo(reply, '/referrals', 'referrals.own_link');
    if (what === 'signed_in') return redirectTo(reply, '/', 'referrals.signed_in');
    // Only a link of someone who may refer is remembered; any other still leads to the sign-up, as a plain visit.
    if ((await referrals.inviterName(username)) !== null && referralCookieOf(req) !== username) {
      const s = await referrals.settings();
      setReferralCookie(reply, username, s.cookieDays * 86_400);
    }
    return redirectTo(reply, '/signup');
  });

  page(app, 'GET', '/referrals/how', async (req, reply) =>
    sendHtml(reply, ReferralsHowPage({ c: viewCtx(req), s: await referrals.settings() })),
  );

  page(app, 'GET', '/referrals', async (req, reply) => {
    const user = requireUser(req);
    const [settings, referred, rewards] = await Promise.all([
      referrals.settings(),
      referrals.referred(user.id),
      referrals.rewards(user.id),
    ]);
    return sendHtml(
      reply,
      ReferralsPage({
        c: viewCtx(req),
        link: `${deps.config.baseUrl}${referrals.linkPath(user.username)}`,
        settings,
        referred,
        rewards,
      }),
    );
  });

  app.get('/referrals.csv', async (req, reply) => {
    const user = requireUser(req);
    const rewards = await referrals.rewards(user.id, 10_000);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="kafiil-referrals-${user.username}.csv"`)
      .header('cache-control', 'no-store')
      .send(referralsCsv(rewards));
  });

  async function adminPage(req: FastifyRequest, state: FormState) {
    const user = requireUser(req);
    requirePermission(user, 'finance');
    const [totals, settings] = await Promise.all([referrals.totals(user), referrals.settings()]);
    return ReferralsAdminPage({ c: viewCtx(req), state, totals, settings, mayEditSettings: can(user, 'admin') });
  }

  page(app, 'GET', '/admin/referrals', async (req, reply) => sendHtml(reply, await adminPage(req, emptyForm)));

  form(app, '/admin/referrals/settings', {
    auth: true,
    render: (req, state) => adminPage(req, state),
    async handle(req, v, reply) {
      await referrals.updateSettings(requireUser(req), v);
      return redirectTo(reply, '/admin/referrals', 'referrals.admin.saved');
    },
  });
}
