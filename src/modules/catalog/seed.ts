import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/index.ts';
import { categories } from './schema.ts';

/** The starting category tree (category → subcategories), as Arabic freelance marketplaces group work. */
export const CATEGORY_TREE: { slug: string; ar: string; en: string; children: [string, string, string][] }[] = [
  {
    slug: 'business',
    ar: 'أعمال واستشارات',
    en: 'Business & consulting',
    children: [
      ['business-plans', 'دراسات جدوى وخطط عمل', 'Business plans'],
      ['data-entry', 'إدخال بيانات', 'Data entry'],
      ['virtual-assistant', 'مساعد افتراضي', 'Virtual assistant'],
      ['legal-consulting', 'استشارات قانونية', 'Legal consulting'],
    ],
  },
  {
    slug: 'programming',
    ar: 'برمجة وتطوير',
    en: 'Programming & development',
    children: [
      ['web-development', 'تطوير مواقع', 'Web development'],
      ['mobile-apps', 'تطبيقات الجوال', 'Mobile apps'],
      ['wordpress', 'ووردبريس', 'WordPress'],
      ['scripts-bots', 'سكربتات وبوتات', 'Scripts & bots'],
    ],
  },
  {
    slug: 'design',
    ar: 'تصميم',
    en: 'Design',
    children: [
      ['logo-design', 'تصميم شعارات', 'Logo design'],
      ['social-media-design', 'تصاميم سوشيال ميديا', 'Social media design'],
      ['ui-ux', 'تصميم واجهات المستخدم', 'UI/UX design'],
      ['print-design', 'تصميم مطبوعات', 'Print design'],
    ],
  },
  {
    slug: 'video',
    ar: 'فيديو وأنيميشن',
    en: 'Video & animation',
    children: [
      ['video-editing', 'مونتاج فيديو', 'Video editing'],
      ['motion-graphics', 'موشن جرافيك', 'Motion graphics'],
      ['intros', 'مقدمات فيديو', 'Video intros'],
    ],
  },
  {
    slug: 'audio',
    ar: 'صوتيات',
    en: 'Audio',
    children: [
      ['voice-over', 'تعليق صوتي', 'Voice-over'],
      ['audio-editing', 'هندسة وتحرير صوت', 'Audio editing'],
      ['podcasts', 'إنتاج بودكاست', 'Podcast production'],
    ],
  },
  {
    slug: 'marketing',
    ar: 'تسويق ومبيعات',
    en: 'Marketing & sales',
    children: [
      ['social-media-marketing', 'إدارة حسابات التواصل', 'Social media management'],
      ['seo', 'تحسين محركات البحث', 'SEO'],
      ['ads', 'إعلانات ممولة', 'Paid ads'],
      ['sales', 'مبيعات وتسويق بالعمولة', 'Sales & affiliate marketing'],
    ],
  },
  {
    slug: 'writing-translation',
    ar: 'كتابة وترجمة',
    en: 'Writing & translation',
    children: [
      ['content-writing', 'كتابة محتوى', 'Content writing'],
      ['translation', 'ترجمة', 'Translation'],
      ['proofreading', 'تدقيق لغوي', 'Proofreading'],
    ],
  },
  {
    slug: 'training',
    ar: 'تدريب ومساعدة عن بعد',
    en: 'Training & remote help',
    children: [
      ['tutoring', 'دروس خصوصية', 'Tutoring'],
      ['tech-support', 'دعم تقني عن بعد', 'Remote tech support'],
      ['courses', 'دورات تدريبية', 'Courses'],
    ],
  },
  {
    slug: 'other',
    ar: 'أخرى',
    en: 'Other',
    children: [['miscellaneous', 'خدمات متنوعة', 'Miscellaneous']],
  },
];

export async function seedCategories(tx: DbOrTx): Promise<void> {
  const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(categories);
  if (n > 0) return;
  for (const [i, top] of CATEGORY_TREE.entries()) {
    const [parent] = await tx
      .insert(categories)
      .values({ slug: top.slug, nameAr: top.ar, nameEn: top.en, position: i })
      .returning({ id: categories.id });
    await tx
      .insert(categories)
      .values(top.children.map(([slug, ar, en], j) => ({ slug, nameAr: ar, nameEn: en, parentId: parent.id, position: j })));
  }
}
