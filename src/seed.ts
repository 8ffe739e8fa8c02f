import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { DEMO_BUYERS, seedDemoActivity } from './demo-activity.ts';
import { seedDemoBlog } from './modules/blog/index.ts';
import { seedDemoServices } from './modules/catalog/demo.ts';
import { demoImage } from './modules/catalog/demo-generator.ts';
import { seedCategories } from './modules/catalog/seed.ts';
import { seedCommunitySections, seedDemoCommunity } from './modules/community/index.ts';
import { seedPolicies } from './modules/content/seed.ts';
import { seedHelpArticles } from './modules/help/index.ts';
import { seedDemoWorks } from './modules/works/index.ts';
import type { Services } from './platform/container.ts';
import { type Db, queryRows } from './platform/db/index.ts';

/** What every database needs (policies, categories, the help centre's articles): idempotent, run at every start. */
export async function seedBase(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await seedPolicies(tx);
    await seedCategories(tx);
    await seedHelpArticles(tx);
    await seedCommunitySections(tx);
  });
}

export async function isEmpty(db: Db): Promise<boolean> {
  const rows = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM users`);
  return rows[0].n === 0;
}

const DEMO_FREELANCERS = [
  {
    username: 'sara_designs',
    name: 'سارة أحمد',
    country: 'EG',
    skills: ['تصميم شعارات', 'Illustrator', 'هوية بصرية'],
    languages: ['العربية', 'English'],
    bio: 'مصممة هويات بصرية بخبرة ثماني سنوات مع الشركات الناشئة في مصر والخليج.',
  },
  {
    username: 'omar_dev',
    name: 'عمر خالد',
    country: 'JO',
    skills: ['تطوير مواقع', 'React', 'Node.js'],
    languages: ['العربية', 'English'],
    bio: 'مطور ويب متكامل، أبني متاجر ومواقع سريعة تعمل جيدًا على الجوال.',
  },
  {
    username: 'layla_translates',
    name: 'ليلى منصور',
    country: 'MA',
    skills: ['ترجمة', 'تدقيق لغوي', 'Français'],
    languages: ['العربية', 'Français', 'English'],
    bio: 'مترجمة معتمدة بين العربية والفرنسية والإنجليزية.',
  },
];

/**
 * A small demo dataset on a new database: a staff account, a few freelancers, at least 60 published services
 * across every category (more demo sellers, images, moderator approval), and the site's life (demo-activity.ts:
 * buyers, open projects with bids, completed orders with reviews, conversations), then the freelancers' works. Returns the admin's sign-in.
 */
export async function seedDemo(services: Services): Promise<{ email: string; username: string; password: string }> {
  const password = `demo-${randomBytes(6).toString('base64url')}`;
  const admin = { email: 'admin@kafiil.local', username: 'demo_admin', password };
  // Its password is printed in the start-up log: it must be changed at the first sign-in.
  const staff = await services.accounts.createAdmin({ ...admin, mustChangePassword: true });
  for (const f of DEMO_FREELANCERS) {
    const u = await services.accounts.createDemoUser({
      email: `${f.username}@kafiil.local`,
      username: f.username,
      password: `${password}-${f.username}`,
    });
    await services.accounts.updateProfile(
      {
        id: u.id,
        username: u.username,
        displayName: u.displayName,
        email: u.email,
        roles: [],
        emailVerified: true,
        locale: 'ar',
        sessionId: 0,
      },
      { displayName: f.name, bio: f.bio, country: f.country, skills: f.skills, languages: f.languages },
    );
  }
  await seedDemoServices(services, 60, { moderator: staff, password: (username) => `${password}-${username}` });
  // Projects with bids, completed orders with both sides' reviews, conversations: the first look is not empty.
  const activity = await seedDemoActivity(services, { moderator: staff, password: (username) => `${password}-${username}` });
  // The freelancers' works, the first of each "delivered on Kafiil" through their completed order.
  await seedDemoWorks(services, {
    image: demoImage,
    completedOrders: activity?.completedOrders ?? [],
    likers: DEMO_BUYERS.map((b) => b.username),
  });
  // The blog's four articles (the seed page's footer), written by the demo admin, with generated covers.
  await seedDemoBlog(services, { author: { id: staff.id, roles: staff.roles }, image: demoImage, now: new Date() });
  // The community's first topics and questions, by the demo people.
  await seedDemoCommunity(services);
  return admin;
}
