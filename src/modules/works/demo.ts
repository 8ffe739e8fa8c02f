import type { Services } from '../../platform/container.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { WORK_IMAGE } from './rules.ts';

/** The demo freelancers' works: two or three each, the first linked to their completed demo order (the badge). */
const DEMO_WORKS: { owner: string; category: string; top: string; title: string; description: string; skills: string[]; images: number }[] =
  [
    {
      owner: 'sara_designs',
      category: 'logo-design',
      top: 'design',
      title: 'هوية بصرية لمتجر عطور إلكتروني',
      description:
        'شعار بخط عربي حديث وألوان الذهب والعاجي، مع بطاقة العمل وأغلفة حسابات المتجر ودليل مختصر لاستخدام الهوية على العلب والشاشات.',
      skills: ['تصميم شعارات', 'هوية بصرية'],
      images: 3,
    },
    {
      owner: 'sara_designs',
      category: 'logo-design',
      top: 'design',
      title: 'شعار مقهى مختص في الرياض',
      description: 'رمز فنجان يلتقي بحرف القاف، بنسختين للأبيض والأسود وللألوان، جُرّب على الأكواب والأكياس واللافتة.',
      skills: ['تصميم شعارات', 'Illustrator'],
      images: 2,
    },
    {
      owner: 'layla_translates',
      category: 'translation',
      top: 'writing-translation',
      title: 'ترجمة دورة تعليمية من الفرنسية إلى العربية',
      description: 'ترجمة اثني عشر درسًا مع مراجعة لغوية ومسرد للمصطلحات، وتنسيق النصوص لتناسب الشرائح والترجمة المرئية.',
      skills: ['ترجمة', 'تدقيق لغوي'],
      images: 1,
    },
    {
      owner: 'layla_translates',
      category: 'translation',
      top: 'writing-translation',
      title: 'Localisation of a travel app into Arabic and French',
      description: 'Screens, store listing and help pages translated and reviewed, with a glossary the team keeps using.',
      skills: ['ترجمة', 'Français'],
      images: 2,
    },
    {
      owner: 'omar_dev',
      category: 'web-development',
      top: 'programming',
      title: 'موقع تعريفي لمنصة تعليمية بلغتين',
      description: 'صفحات سريعة تعمل على الجوال بالعربية والإنجليزية، مع نموذج تسجيل اهتمام ولوحة بسيطة لقراءة الطلبات.',
      skills: ['تطوير مواقع', 'React'],
      images: 2,
    },
    {
      owner: 'omar_dev',
      category: 'web-development',
      top: 'programming',
      title: 'متجر إلكتروني لمخبز مع الدفع عند الاستلام',
      description: 'قائمة منتجات بالصور، سلة وطلب بالجوال، وصفحة للإدارة تعرض الطلبات اليومية وترسل إشعارًا عند كل طلب.',
      skills: ['تطوير مواقع', 'Node.js'],
      images: 3,
    },
  ];

/**
 * Adds the demo freelancers' works through the works service (images re-encoded by the files service, every text
 * through the contact guard), the first of each linked to their completed demo order, and a few likes from the demo
 * buyers. `image(top, n)` makes the placeholder picture; `completedOrders`: the demo's completed orders.
 */
export async function seedDemoWorks(
  services: Services,
  opts: { image: (top: string, n: number) => Promise<Buffer>; completedOrders: number[]; likers: string[] },
): Promise<number[]> {
  const { accounts, works, files, catalog, orders, workEngagement } = services;
  const tree = await catalog.categoryTree();
  const leaf = (slug: string) => {
    for (const top of tree) for (const sub of top.children) if (sub.slug === slug) return sub.id;
    return tree[0].children[0].id;
  };
  const actor = async (username: string): Promise<AuthUser | null> => {
    const u = await accounts.byUsername(username);
    return u
      ? {
          id: u.id,
          username: u.username,
          displayName: u.displayName,
          email: u.email,
          roles: [],
          emailVerified: true,
          locale: 'ar',
          sessionId: 0,
        }
      : null;
  };
  const made: number[] = [];
  const linked = new Set<string>();
  let n = 0;
  for (const w of DEMO_WORKS) {
    const owner = await actor(w.owner);
    if (!owner) continue;
    const imageIds: number[] = [];
    for (let i = 0; i < w.images; i++) {
      const bytes = await opts.image(w.top, 1000 + n++);
      imageIds.push((await files.saveImage(owner.id, { name: `${w.owner}-${i + 1}.jpg`, bytes }, WORK_IMAGE)).id);
    }
    let orderId: number | null = null;
    if (!linked.has(w.owner)) {
      for (const id of opts.completedOrders) {
        const sale = await orders.completedSale(owner.id, id);
        if (typeof sale === 'object') {
          orderId = sale.id;
          break;
        }
      }
      linked.add(w.owner);
    }
    const row = await works.create(
      owner,
      { title: w.title, description: w.description, categoryId: leaf(w.category), skills: w.skills, imageIds, orderId },
      { publish: true },
    );
    made.push(row.id);
  }
  for (const [i, username] of opts.likers.entries()) {
    const liker = await actor(username);
    if (!liker) continue;
    for (const id of made.filter((_, k) => (k + i) % 2 === 0)) await workEngagement.like(liker, id).catch(() => undefined);
  }
  return made;
}
