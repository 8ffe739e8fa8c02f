import type { ComponentChildren } from 'preact';
import type { ViewCtx } from '../platform/http/pages.ts';
import { localePath } from '../platform/i18n/index.ts';
import { assetUrl } from './assets.ts';
import { HeaderSearch, HeaderSearchLink } from './components/header-search.tsx';
import { FOOTER, SECTIONS } from './nav.ts';

/** An unread count on a header icon; the live script updates it (hidden at zero). */
function Badge(props: { n: number; name: string }) {
  return (
    <span
      class={`badge badge-primary badge-xs absolute -top-1 -end-1 min-w-4 ${props.n ? '' : 'hidden'}`}
      data-badge={props.name}
      aria-live="polite"
    >
      {props.n > 99 ? '99+' : String(props.n)}
    </span>
  );
}

/** A header link drawn as an icon (lucide paths) with its unread count. */
function HeaderIcon(props: { href: string; label: string; testId: string; badge: number; name: string; children: ComponentChildren }) {
  return (
    <a
      href={props.href}
      class="btn btn-ghost btn-sm btn-square relative"
      aria-label={props.label}
      title={props.label}
      data-testid={props.testId}
    >
      <svg
        xmlns="http://www.w3.org/2000/svg"
        width="20"
        height="20"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        stroke-width="2"
        stroke-linecap="round"
        stroke-linejoin="round"
        aria-hidden="true"
      >
        {props.children}
      </svg>
      <Badge n={props.badge} name={props.name} />
    </a>
  );
}

/** The site's shell: header with the sections, account menu and language switch; footer; one stylesheet. */
export function Layout(props: {
  c: ViewCtx;
  title: string;
  description?: string;
  children: ComponentChildren;
  narrow?: boolean;
  /** Small enhancers from src/web/client/ this page uses (deferred; the page works without them). */
  scripts?: string[];
  /** More tags for the head (a blog article's canonical address, Open Graph and feed links). */
  head?: ComponentChildren;
}) {
  const { c } = props;
  const other = c.locale === 'ar' ? 'en' : 'ar';
  const bare = c.path;
  const arHref = localePath('ar', bare);
  const enHref = localePath('en', bare);
  const isStaff = c.user?.roles.some((r) => ['admin', 'moderator', 'finance', 'support'].includes(r));
  return (
    <html lang={c.locale} dir={c.dir} data-theme="kafiil">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} | ${c.t('site.name')}`}</title>
        {props.description ? <meta name="description" content={props.description} /> : null}
        <link rel="alternate" hreflang="ar" href={arHref} />
        <link rel="alternate" hreflang="en" href={enHref} />
        {/* The Arabic font (subset, ~21 KB) is fetched at once on Arabic pages; English pages never load it. */}
        {c.locale === 'ar' ? <link rel="preload" href={assetUrl('font')} as="font" type="font/woff2" crossorigin="anonymous" /> : null}
        <link rel="stylesheet" href={assetUrl('css')} />
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        {props.head}
        {(c.user ? ['live.js', ...(props.scripts ?? [])] : (props.scripts ?? [])).map((name) => (
          <script key={name} src={`/static/js/${name}`} defer />
        ))}
      </head>
      <body class="min-h-screen flex flex-col bg-base-200 text-base-content">
        <a href="#main" class="sr-only focus:not-sr-only">
          {c.t('a11y.skip')}
        </a>
        <header class="bg-base-100 border-b border-base-300">
          <div class="navbar max-w-6xl mx-auto px-2 gap-1 flex-wrap">
            <div class="flex-1 md:flex-none">
              <a href={c.href('/')} class="text-2xl font-bold text-primary px-2" aria-label={c.t('site.name')}>
                {c.t('site.name')}
              </a>
            </div>
            {/* On a phone the sections wrap onto a second line, every one in sight (a row that scrolls sideways hid the last). */}
            <nav class="order-last md:order-none w-full md:w-auto md:flex-1" aria-label={c.t('nav.sections')}>
              <ul class="menu menu-horizontal menu-sm md:menu-md flex-wrap md:flex-nowrap justify-center md:justify-start px-0 py-0 md:py-2">
                {SECTIONS.map((s) => (
                  <li key={s.path}>
                    <a href={c.href(s.path)} class={bare.startsWith(s.path) ? 'menu-active' : ''}>
                      {c.t(s.key)}
                    </a>
                  </li>
                ))}
                <HeaderSearchLink c={c} />
              </ul>
            </nav>
            <div class="flex-none flex items-center gap-1">
              <HeaderSearch c={c} />
              <a href={c.locale === 'ar' ? enHref : arHref} hreflang={other} lang={other} class="btn btn-ghost btn-sm">
                {c.locale === 'ar' ? 'English' : 'العربية'}
              </a>
              {c.user ? (
                <>
                  <HeaderIcon
                    href={c.href('/messages')}
                    label={c.t('menu.messages')}
                    testId="inbox-link"
                    badge={c.badges?.messages ?? 0}
                    name="messages"
                  >
                    <path d="M7.9 20A9 9 0 1 0 4 16.1L2 22Z" />
                  </HeaderIcon>
                  <HeaderIcon
                    href={c.href('/notifications')}
                    label={c.t('menu.notifications')}
                    testId="bell"
                    badge={c.badges?.notifications ?? 0}
                    name="notifications"
                  >
                    <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
                    <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
                  </HeaderIcon>
                  <details class="dropdown dropdown-end">
                    <summary class="btn btn-sm btn-ghost flex-nowrap" data-testid="user-menu" title={c.user.displayName}>
                      <span class="truncate max-w-24 sm:max-w-48">{c.user.displayName}</span>
                    </summary>
                    <ul class="menu dropdown-content bg-base-100 rounded-box z-10 w-52 p-2 shadow">
                      <li>
                        <a href={c.href(`/u/${c.user.username}`)}>{c.t('menu.profile')}</a>
                      </li>
                      <li>
                        <a href={c.href('/my/services')}>{c.t('menu.my_services')}</a>
                      </li>
                      <li>
                        <a href={c.href('/my/works')}>{c.t('menu.my_works')}</a>
                      </li>
                      <li>
                        <a href={c.href('/my/projects')}>{c.t('menu.my_projects')}</a>
                      </li>
                      <li>
                        <a href={c.href('/my/contests')}>{c.t('menu.my_contests')}</a>
                      </li>
                      <li>
                        <a href={c.href('/my/contest-entries')}>{c.t('menu.my_contest_entries')}</a>
                      </li>
                      <li>
                        <a href={c.href('/favorites')}>{c.t('menu.favorites')}</a>
                      </li>
                      <li>
                        <a href={c.href('/my/purchases')}>{c.t('menu.purchases')}</a>
                      </li>
                      <li>
                        <a href={c.href('/my/sales')}>{c.t('menu.sales')}</a>
                      </li>
                      <li>
                        <a href={c.href('/wallet')}>{c.t('menu.wallet')}</a>
                      </li>
                      <li>
                        <a href={c.href('/points')}>{c.t('menu.points')}</a>
                      </li>
                      <li>
                        <a href={c.href('/referrals')}>{c.t('menu.referrals')}</a>
                      </li>
                      <li>
                        <a href={c.href('/messages')}>{c.t('menu.messages')}</a>
                      </li>
                      <li>
                        <a href={c.href('/notifications')}>{c.t('menu.notifications')}</a>
                      </li>
                      <li>
                        <a href={c.href('/account')}>{c.t('menu.settings')}</a>
                      </li>
                      <li>
                        <a href={c.href('/account/security')}>{c.t('menu.security')}</a>
                      </li>
                      <li>
                        <a href={c.href('/account/verification')}>{c.t('menu.verification')}</a>
                      </li>
                      <li>
                        <a href={c.href('/account/level')}>{c.t('menu.level')}</a>
                      </li>
                      <li>
                        <a href={c.href('/settings/notifications')}>{c.t('menu.notification_settings')}</a>
                      </li>
                      <li>
                        <a href={c.href('/support')}>{c.t('menu.support')}</a>
                      </li>
                      <li>
                        <a href={c.href('/account/sanctions')}>{c.t('menu.sanctions')}</a>
                      </li>
                      {isStaff ? (
                        <li>
                          <a href={c.href('/admin')}>{c.t('menu.admin')}</a>
                        </li>
                      ) : null}
                      {c.user.roles.some((r) => r === 'support' || r === 'admin') ? (
                        <li>
                          <a href={c.href('/admin/support')}>{c.t('menu.support_queue')}</a>
                        </li>
                      ) : null}
                      <li>
                        <form method="post" action={c.href('/logout')}>
                          <input type="hidden" name="_csrf" value={c.csrf} />
                          <button type="submit" class="w-full text-start">
                            {c.t('menu.logout')}
                          </button>
                        </form>
                      </li>
                    </ul>
                  </details>
                </>
              ) : (
                <>
                  <a href={c.href('/login')} class="btn btn-ghost btn-sm">
                    {c.t('nav.login')}
                  </a>
                  <a href={c.href('/signup')} class="btn btn-primary btn-sm">
                    {c.t('nav.signup')}
                  </a>
                </>
              )}
            </div>
          </div>
        </header>
        {c.testMode ? (
          <div class="bg-warning text-warning-content text-center text-sm py-1" data-testid="test-mode">
            {c.t('test_mode.banner')}
          </div>
        ) : null}
        {c.user && !c.user.emailVerified ? (
          <div class="bg-warning/20 text-sm">
            <div class="max-w-6xl mx-auto p-2 flex flex-wrap items-center gap-2">
              <span>{c.t('verify.banner')}</span>
              <form method="post" action={c.href('/verify-email/resend')}>
                <input type="hidden" name="_csrf" value={c.csrf} />
                <button class="btn btn-xs" type="submit">
                  {c.t('verify.resend')}
                </button>
              </form>
            </div>
          </div>
        ) : null}
        {c.flash ? (
          <div class="max-w-6xl mx-auto w-full px-2 pt-3">
            <div role="status" class="alert alert-success" data-testid="flash">
              {c.t(c.flash)}
            </div>
          </div>
        ) : null}
        <main id="main" class={`flex-1 w-full mx-auto p-3 md:p-6 ${props.narrow ? 'max-w-lg' : 'max-w-6xl'}`}>
          {props.children}
        </main>
        <footer class="bg-neutral text-neutral-content mt-8">
          <div class="max-w-6xl mx-auto p-6 grid gap-6 sm:grid-cols-2 md:grid-cols-3">
            {FOOTER.map((col) => (
              <nav key={col.key} aria-label={c.t(col.key)}>
                <h2 class="footer-title">{c.t(col.key)}</h2>
                <ul class="space-y-1">
                  {col.links.map((l) => (
                    <li key={l.path}>
                      <a class="link link-hover" href={c.href(l.path)}>
                        {c.t(l.key)}
                      </a>
                    </li>
                  ))}
                </ul>
              </nav>
            ))}
          </div>
          <p class="text-center text-sm pb-4 opacity-80">{c.t('footer.rights', { year: String(new Date().getUTCFullYear()) })}</p>
        </footer>
      </body>
    </html>
  );
}
