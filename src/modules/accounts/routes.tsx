import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { serverSecret } from '../../config.ts';
import type { Services } from '../../platform/container.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { clearReferralCookie, clearSessionCookie, referralCookieOf, setSessionCookie } from '../../platform/http/cookies.ts';
import { csrfValid, emptyForm, type FormState, form, page, redirectTo, requireUser, sendHtml, viewCtx } from '../../platform/http/pages.ts';
import { safeNextPath } from '../../platform/http/redirect.ts';
import { originOf, parseId } from '../../platform/http/request.ts';
import { oidcPages } from './oidc-routes.tsx';
import { NEW_PASSWORD_PATH } from './password-gate.ts';
import { peoplePages } from './people-routes.tsx';
import { selfView } from './service.ts';
import { bindSignup, signupBindingOf, unbindSignup } from './signup-binding.ts';
import { ProfileSettingsPage, SecurityPage } from './views/account.tsx';
import {
  CheckEmailPage,
  LoginPage,
  ResetConfirmPage,
  ResetRequestPage,
  SignupPage,
  SignupProblemPage,
  TwoFactorPage,
} from './views/auth.tsx';
import { NewPasswordPage } from './views/new-password.tsx';
import { RecoveryCodesPage, TwoFactorSetupPage } from './views/two-factor.tsx';

type Q = Record<string, string | undefined>;

export function accountsPages(app: FastifyInstance, services: Services, deps: Deps): void {
  const { accounts, content } = services;
  const secret = serverSecret(deps.config);
  // "Sign in with …" appears only when OpenID Connect is configured (its pages exist only then).
  const oidcName = deps.config.oidc?.name ?? null;

  const signupView = async (req: FastifyRequest, state: FormState) => {
    const v = await content.currentVersions();
    // Who invited this person: the form's referrer (from the link's `?ref=` or the referral cookie), if they may refer.
    const invitedBy = await accounts.inviterName(state.values.referrer);
    return SignupPage({ c: viewCtx(req), state, termsVersion: v.terms, privacyVersion: v.privacy, invitedBy, oidcName });
  };
  page(app, 'GET', '/signup', async (req, reply) => {
    if (req.user) return redirectTo(reply, '/');
    // A referral link's cookie (`/r/<username>`), or a `?ref=` on the address.
    const ref = (req.query as Q).ref || referralCookieOf(req);
    return sendHtml(reply, await signupView(req, { ...emptyForm, values: ref ? { referrer: ref } : {} }));
  });
  form(app, '/signup', {
    secret: ['password'],
    render: signupView,
    handle: async (req, v, reply) => {
      const current = await content.currentVersions();
      // The form was shown with one version of the terms; if a new one was published since, show it again.
      if (
        (v.termsVersion && Number(v.termsVersion) !== current.terms) ||
        (v.privacyVersion && Number(v.privacyVersion) !== current.privacy)
      ) {
        throw new AppError('signup.policy_changed', {}, { acceptTerms: 'signup.policy_changed' });
      }
      const r = await accounts.signup(
        {
          email: v.email ?? '',
          username: v.username ?? '',
          password: v.password ?? '',
          acceptTerms: v.acceptTerms === 'yes',
          referrer: v.referrer || referralCookieOf(req),
          locale: req.locale,
        },
        originOf(req),
      );
      // The referral link did its work: the referrer is recorded (or refused) once, at this sign-up.
      if (referralCookieOf(req)) clearReferralCookie(reply);
      // This browser is bound to the new account for a while: it may ask for the mail again, and opening the
      // mailed link here signs the person in (signup-binding.ts).
      bindSignup(reply, secret, { userId: r.id, email: r.user.email, username: r.user.username }, deps.clock());
      const page = CheckEmailPage({ c: viewCtx(req), email: r.user.email, username: r.user.username, typedUsername: v.username });
      return sendHtml(reply, page, 200);
    },
  });
  const checkEmailView = (req: FastifyRequest, state: FormState, resent = false) => {
    const b = signupBindingOf(req, secret, deps.clock());
    if (!b) return SignupProblemPage({ c: viewCtx(req), error: 'signup.resend_expired' });
    return CheckEmailPage({ c: viewCtx(req), email: b.email, username: b.username, resent, state });
  };
  form(app, '/signup/resend', {
    render: checkEmailView,
    handle: async (req, _v, reply) => {
      const b = signupBindingOf(req, secret, deps.clock());
      if (!b) throw new AppError('signup.resend_expired');
      await accounts.resendSignupMail(b);
      return sendHtml(reply, checkEmailView(req, emptyForm, true));
    },
  });

  page(app, 'GET', '/login', async (req, reply) => {
    const next = safeNextPath((req.query as Q).next);
    if (req.user) return redirectTo(reply, next);
    return sendHtml(reply, LoginPage({ c: viewCtx(req), state: emptyForm, next, oidcName }));
  });
  form(app, '/login', {
    secret: ['password'],
    render: (req, state) => LoginPage({ c: viewCtx(req), state, next: safeNextPath(state.values.next), oidcName }),
    handle: async (req, v, reply) => {
      const r = await accounts.login({ login: v.login ?? '', password: v.password ?? '' }, 'web', originOf(req));
      if ('challenge' in r) {
        return sendHtml(reply, TwoFactorPage({ c: viewCtx(req), state: emptyForm, challenge: r.challenge, next: safeNextPath(v.next) }));
      }
      setSessionCookie(reply, r.token, deps.config.sessionDays * 86400);
      return redirectTo(reply, safeNextPath(v.next), r.reactivated ? 'login.reactivated' : undefined);
    },
  });
  form(app, '/login/2fa', {
    render: (req, state) =>
      state.formError === 'token.invalid' || state.formError === 'token.expired'
        ? LoginPage({ c: viewCtx(req), state, next: safeNextPath(state.values.next), oidcName })
        : TwoFactorPage({ c: viewCtx(req), state, challenge: state.values.challenge ?? '', next: safeNextPath(state.values.next) }),
    secret: ['code'],
    handle: async (req, v, reply) => {
      const r = await accounts.completeLogin({ challenge: v.challenge ?? '', code: v.code ?? '' }, originOf(req));
      setSessionCookie(reply, r.token, deps.config.sessionDays * 86400);
      return redirectTo(reply, safeNextPath(v.next), r.reactivated ? 'login.reactivated' : undefined);
    },
  });

  page(app, 'POST', '/logout', async (req, reply) => {
    const body = (req.body ?? {}) as Q;
    if (req.user && csrfValid(req, body._csrf)) await accounts.logout(req.user);
    else if (req.user) throw new AppError('http.csrf');
    clearSessionCookie(reply);
    return redirectTo(reply, '/', 'logout.done');
  });

  /**
   * The mailed link confirms the address at once. In the browser that signed up (still bound to the account) it
   * also signs the person in; anywhere else it says so and asks them to sign in.
   */
  const openMailedLink = async (req: FastifyRequest, reply: FastifyReply, token: string) => {
    let confirmed: Awaited<ReturnType<typeof accounts.confirmEmailLink>>;
    try {
      confirmed = await accounts.confirmEmailLink(token);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      return sendHtml(reply, SignupProblemPage({ c: viewCtx(req), error: err.code }), err.status);
    }
    if (req.user) return redirectTo(reply, '/', 'verify.confirmed');
    const binding = signupBindingOf(req, secret, deps.clock());
    if (binding?.userId === confirmed.user.id) {
      const s = await accounts.signInFromSignup(confirmed.user.id, originOf(req));
      unbindSignup(reply);
      if (s) {
        setSessionCookie(reply, s.token, deps.config.sessionDays * 86400);
        return redirectTo(reply, '/', 'verify.signed_in');
      }
    }
    return redirectTo(reply, '/login', 'verify.done');
  };
  page(app, 'GET', '/verify-email', async (req, reply) => openMailedLink(req, reply, (req.query as Q).token ?? ''));
  // Links mailed before the link confirmed on opening showed a button posting here.
  form(app, '/verify-email', {
    render: (req, state) => SignupProblemPage({ c: viewCtx(req), error: state.formError ?? 'token.invalid' }),
    handle: async (req, v, reply) => openMailedLink(req, reply, v.token ?? ''),
  });
  page(app, 'POST', '/verify-email/resend', async (req, reply) => {
    const user = requireUser(req);
    if (!csrfValid(req, ((req.body ?? {}) as Q)._csrf)) throw new AppError('http.csrf');
    await accounts.resendVerification(user);
    return redirectTo(reply, '/account', 'verify.resent');
  });

  page(app, 'GET', '/password-reset', async (req, reply) =>
    sendHtml(reply, ResetRequestPage({ c: viewCtx(req), state: emptyForm, sent: false })),
  );
  form(app, '/password-reset', {
    render: (req, state) => ResetRequestPage({ c: viewCtx(req), state, sent: false }),
    handle: async (req, v, reply) => {
      await accounts.requestPasswordReset({ email: v.email ?? '' }, originOf(req));
      return sendHtml(reply, ResetRequestPage({ c: viewCtx(req), state: { ...emptyForm, values: { email: v.email ?? '' } }, sent: true }));
    },
  });
  page(app, 'GET', '/password-reset/confirm', async (req, reply) =>
    sendHtml(reply, ResetConfirmPage({ c: viewCtx(req), state: emptyForm, token: (req.query as Q).token ?? '' })),
  );
  form(app, '/password-reset/confirm', {
    secret: ['password'],
    render: (req, state) => ResetConfirmPage({ c: viewCtx(req), state, token: state.values.token ?? '' }),
    handle: async (_req, v, reply) => {
      await accounts.resetPassword({ token: v.token ?? '', password: v.password ?? '' });
      clearSessionCookie(reply);
      return redirectTo(reply, '/login', 'reset.done');
    },
  });

  // ——— the signed-in account ———
  const settingsView = async (req: FastifyRequest, state: FormState, avatarState: FormState = emptyForm) => {
    const me = selfView(await accounts.byId(requireUser(req).id));
    return ProfileSettingsPage({ c: viewCtx(req), me, state, avatarState });
  };
  page(app, 'GET', '/account', async (req, reply) => sendHtml(reply, await settingsView(req, emptyForm)));
  form(app, '/account', {
    auth: true,
    render: (req, state) => settingsView(req, state),
    handle: async (req, v, reply) => {
      await accounts.updateProfile(requireUser(req), {
        displayName: v.displayName ?? '',
        bio: v.bio ?? '',
        country: v.country ?? '',
        skills: v.skills ?? '',
        languages: v.languages ?? '',
        locale: v.locale,
        ...(v.username !== undefined ? { username: v.username } : {}),
      });
      return redirectTo(reply, '/account', 'profile.saved');
    },
  });
  page(app, 'POST', '/account/avatar', async (req, reply) => {
    const user = requireUser(req);
    let state: FormState = emptyForm;
    try {
      if (!req.isMultipart()) throw new AppError('validation.failed', {}, { avatar: 'file.missing' });
      const part = await req.file();
      if (!part) throw new AppError('validation.failed', {}, { avatar: 'file.missing' });
      const csrfField = part.fields._csrf as { value?: string } | undefined;
      if (!csrfValid(req, csrfField?.value)) {
        part.file.resume();
        throw new AppError('http.csrf');
      }
      const bytes = await part.toBuffer().catch(() => {
        throw new AppError('validation.failed', { max: '10 MB' }, { avatar: 'file.too_large' });
      });
      await accounts.setAvatar(user, { name: part.filename, bytes });
      return redirectTo(reply, '/account', 'profile.avatar_saved');
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      state = {
        ...emptyForm,
        errors: err.fields,
        formError: Object.keys(err.fields).length ? null : err.code,
        params: err.params,
      };
      return sendHtml(reply, await settingsView(req, emptyForm, state), err.status);
    }
  });

  const securityView = async (
    req: FastifyRequest,
    password: FormState = emptyForm,
    deactivate: FormState = emptyForm,
    twoFactor: FormState = emptyForm,
    identities: FormState = emptyForm,
  ) => {
    const me = await accounts.byId(requireUser(req).id);
    return SecurityPage({
      c: viewCtx(req),
      sessions: await accounts.listSessions(requireUser(req)),
      password,
      deactivate,
      twoFactor,
      twoFactorOn: me.totpEnabledAt !== null,
      oidc: oidcName ? { name: oidcName, identities: await accounts.listIdentities(requireUser(req)), state: identities } : null,
    });
  };
  const setupView = async (req: FastifyRequest, state: FormState) => {
    const s = await accounts.totpSetup(requireUser(req));
    return TwoFactorSetupPage({ c: viewCtx(req), state, ...s, qrSvg: await QRCode.toString(s.otpauthUri, { type: 'svg', margin: 1 }) });
  };
  page(app, 'GET', '/account/2fa', async (req, reply) => sendHtml(reply, await setupView(req, emptyForm)));
  form(app, '/account/2fa', {
    auth: true,
    secret: ['code'],
    render: setupView,
    handle: async (req, v, reply) => {
      const codes = await accounts.totpEnable(requireUser(req), v.code ?? '');
      return sendHtml(reply, RecoveryCodesPage({ c: viewCtx(req), codes }));
    },
  });
  form(app, '/account/2fa/disable', {
    auth: true,
    secret: ['password', 'code'],
    render: (req, state) => securityView(req, emptyForm, emptyForm, state),
    handle: async (req, v, reply) => {
      await accounts.totpDisable(requireUser(req), { password: v.password ?? '', code: v.code ?? '' });
      return redirectTo(reply, '/account/security', 'security.2fa_off');
    },
  });
  page(app, 'GET', '/account/security', async (req, reply) => sendHtml(reply, await securityView(req)));
  form(app, '/account/password', {
    auth: true,
    secret: ['current', 'password'],
    render: (req, state) => securityView(req, state),
    handle: async (req, v, reply) => {
      await accounts.changePassword(requireUser(req), { current: v.current ?? '', password: v.password ?? '' });
      return redirectTo(reply, '/account/security', 'security.password_changed');
    },
  });
  // An account that must choose its own password (password-gate.ts) is sent here and can open nothing else.
  page(app, 'GET', NEW_PASSWORD_PATH, async (req, reply) => {
    const user = requireUser(req);
    const next = safeNextPath((req.query as Q).next);
    if (!user.mustChangePassword) return redirectTo(reply, '/account/security');
    return sendHtml(reply, NewPasswordPage({ c: viewCtx(req), state: emptyForm, next }));
  });
  form(app, NEW_PASSWORD_PATH, {
    auth: true,
    secret: ['current', 'password'],
    render: (req, state) => NewPasswordPage({ c: viewCtx(req), state, next: safeNextPath(state.values.next) }),
    handle: async (req, v, reply) => {
      await accounts.changePassword(requireUser(req), { current: v.current ?? '', password: v.password ?? '' });
      const next = safeNextPath(v.next);
      return redirectTo(reply, next === NEW_PASSWORD_PATH ? '/' : next, 'new_password.done');
    },
  });
  form(app, '/account/sessions/:id/revoke', {
    auth: true,
    render: (req) => securityView(req),
    handle: async (req, _v, reply) => {
      const id = parseId((req.params as { id: string }).id);
      if (id === null) throw new AppError('session.not_found');
      await accounts.revokeSession(requireUser(req), id);
      return redirectTo(reply, '/account/security', 'security.revoked');
    },
  });
  form(app, '/account/sessions/revoke-others', {
    auth: true,
    render: (req) => securityView(req),
    handle: async (req, _v, reply) => {
      await accounts.revokeOtherSessions(requireUser(req));
      return redirectTo(reply, '/account/security', 'security.revoked');
    },
  });
  form(app, '/account/identities/:id/unlink', {
    auth: true,
    render: (req, state) => securityView(req, emptyForm, emptyForm, emptyForm, state),
    handle: async (req, _v, reply) => {
      const id = parseId((req.params as { id: string }).id);
      if (id === null) throw new AppError('oidc.identity_not_found', {}, {}, { status: 404 });
      await accounts.unlinkIdentity(requireUser(req), id, originOf(req));
      return redirectTo(reply, '/account/security', 'oidc.unlinked');
    },
  });
  form(app, '/account/deactivate', {
    auth: true,
    secret: ['password'],
    render: (req, state) => securityView(req, emptyForm, state),
    handle: async (req, v, reply) => {
      await accounts.deactivate(requireUser(req), { password: v.password ?? '' });
      clearSessionCookie(reply);
      return redirectTo(reply, '/', 'security.deactivated');
    },
  });

  // ——— sign-in with OpenID Connect, when configured (oidc-routes.tsx) ———
  oidcPages(app, services, deps);

  // ——— people: the directory and public profiles (people-routes.tsx) ———
  peoplePages(app, services, deps.clock);
  // An avatar at its random address, public while the profile is (a deactivated one's is gone).
  app.get('/avatars/:publicId', async (req: FastifyRequest, reply: FastifyReply) => {
    const a = await accounts.avatar((req.params as { publicId: string }).publicId);
    if (!a) throw new AppError('http.not_found');
    return reply
      .header('content-type', a.type)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff')
      .send(a.bytes);
  });
}
