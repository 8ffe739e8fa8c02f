import type { ModuleManifest } from '../../platform/module.ts';
import { blogMessages } from './messages.ts';
import type { BlogService } from './service.ts';
import { blogUserData } from './user-data.ts';

export { blogApi } from './api.ts';
export { seedDemoBlog } from './demo.ts';
export * from './policy.ts';
export { blogPages } from './routes.tsx';
export { BLOG_CATEGORIES, BLOG_COVER, type BlogCategory } from './rules.ts';
export { type BlogArticleRow, type BlogService, createBlogService } from './service.ts';

// This module's entries in the services container (platform/container.ts).
declare module '../../platform/container.ts' {
  interface Services {
    blog: BlogService;
  }
}

/** What this module registers for the rest of the site (platform/module.ts). */
export const blogModule: ModuleManifest = {
  name: 'blog',
  // What it holds about a user, for the legal export (admin).
  userData: blogUserData,
  messages: [blogMessages],
  adminTabs: [{ label: 'admin.blog', path: '/admin/blog', permission: 'content', order: 105 }],
};
