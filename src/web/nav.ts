/**
 * The site's sections in its own order, and the footer's links. A link is listed only once the page
 * behind it works: add an entry here in the same change that makes its page.
 */
export interface NavLink {
  key: string;
  path: string;
}

export const SECTIONS: NavLink[] = [
  { key: 'nav.services', path: '/services' },
  { key: 'nav.contests', path: '/contests' },
  { key: 'nav.projects', path: '/projects' },
  { key: 'nav.works', path: '/works' },
  { key: 'nav.freelancers', path: '/freelancers' },
  { key: 'nav.community', path: '/community' },
];

export const FOOTER: { key: string; links: NavLink[] }[] = [
  {
    key: 'footer.help',
    links: [
      { key: 'footer.help_centre', path: '/help' },
      { key: 'footer.faq', path: '/faq' },
      { key: 'footer.questions', path: '/questions' },
      { key: 'footer.contact', path: '/contact' },
    ],
  },
  {
    key: 'footer.kafiil',
    links: [
      { key: 'footer.terms', path: '/terms' },
      { key: 'footer.privacy', path: '/privacy' },
      { key: 'footer.about', path: '/about' },
      { key: 'footer.guarantee', path: '/how-kafiil-guarantees-your-rights' },
      { key: 'footer.levels', path: '/user-levels' },
      { key: 'footer.affiliate', path: '/referrals/how' },
      { key: 'footer.blog', path: '/blog' },
    ],
  },
  {
    key: 'footer.payments',
    links: [
      { key: 'footer.payment_methods', path: '/payment-methods' },
      { key: 'footer.withdrawal_methods', path: '/withdrawal-methods' },
    ],
  },
];
