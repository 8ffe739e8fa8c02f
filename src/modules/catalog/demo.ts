import { randomBytes } from 'node:crypto';
import { asc, sql } from 'drizzle-orm';
import sharp from 'sharp';
import type { Services } from '../../app.ts';
import { type Db, queryRows } from '../../platform/db/index.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { normalizeText } from '../../platform/text.ts';
import { SERVICES_ALLOWED } from './rules.ts';
import { categories, type ServiceDraft, services as servicesTable } from './schema.ts';
import { CATEGORY_TREE } from './seed.ts';

/*
 * Demo and benchmark data for the services section: realistic offers in every subcategory, mostly in
 * Arabic with some in English, generated from per-subcategory templates by a seeded pseudo-random
 * generator, so one seed always gives the same services.
 *
 * - `generateServices(n, seed)`: the offers themselves (pure, no database).
 * - `seedDemoServices(services, 60)`: demo sellers + published services through the real service layer
 *   (images through `files.saveImage`, submission, moderator approval). Used by `seedDemo` on a new database.
 * - `seedBulkServices(db, n, {services})`: N published services at once with multi-row INSERTs, for benchmarks.
 */

// ————————————————————————————————————————————— random —————————————————————————————————————————————

export const DEFAULT_SEED = 20_241_125;

export type Rng = () => number;

/** mulberry32: small, fast, good enough for test data; the same seed gives the same sequence. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (r: Rng, min: number, max: number) => min + Math.floor(r() * (max - min + 1));
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
function sample<T>(r: Rng, xs: readonly T[], k: number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a.slice(0, Math.min(k, a.length));
}
/** Fills `{a|b|c}` alternatives with one choice each. */
const fill = (r: Rng, s: string) => s.replace(/\{([^{}]+)\}/g, (_, alts: string) => pick(r, alts.split('|')));

// ———————————————————————————————————————————— templates ————————————————————————————————————————————

type AddonT = [title: string, dollars: number, extraDays: number];
/** A title, or a title with the skills that belong to it (put first among the service's skills). */
type TitleT = string | [title: string, skills: string[]];
interface Side {
  titles: TitleT[];
  pitch: string[];
  items: string[];
  skills: string[];
  instructions: string;
  addons: AddonT[];
}
interface SubTemplate {
  /** Price range in whole dollars and delivery days. */
  price: [number, number];
  days: [number, number];
  /** The work has editable source files (design, video, audio) — offers the "source files" add-on. */
  files?: boolean;
  ar: Side;
  en: Side;
}

const TEMPLATES: Record<string, SubTemplate> = {
  // ——— business ———
  'business-plans': {
    price: [30, 200],
    days: [3, 10],
    ar: {
      titles: [
        'إعداد دراسة جدوى {متكاملة|اقتصادية مفصلة} {لمشروعك|لمشروعك الناشئ|لمطعم أو مقهى|لمتجر إلكتروني}',
        'كتابة خطة عمل احترافية {للمستثمرين|لتمويل مشروعك|لشركتك الناشئة}',
        'إعداد نموذج مالي وتوقعات أرباح لثلاث سنوات',
        'تحليل السوق والمنافسين {لفكرة مشروعك|قبل إطلاق مشروعك}',
      ],
      pitch: [
        'هل لديك فكرة مشروع وتريد أن تعرف إن كانت مربحة قبل أن تستثمر أموالك؟ سأعدّ لك دراسة واضحة مبنية على أرقام واقعية من السوق المحلي، تساعدك على اتخاذ القرار بثقة.',
        'أعمل مع رواد الأعمال وأصحاب المشاريع الصغيرة على تحويل الفكرة إلى خطة مكتوبة يفهمها المستثمر والبنك، مع تقديرات مالية منطقية وخطوات تنفيذ محددة.',
      ],
      items: [
        'تحليل السوق والفئة المستهدفة',
        'دراسة المنافسين ونقاط التميز',
        'تقدير تكاليف التأسيس والتشغيل',
        'قائمة دخل وتدفقات نقدية متوقعة',
        'حساب نقطة التعادل وفترة استرداد رأس المال',
        'ملف Word وملف Excel قابلان للتعديل',
      ],
      skills: ['دراسات جدوى', 'خطط عمل', 'تحليل مالي', 'Excel', 'تحليل السوق'],
      instructions: 'أرسل لي وصفًا مختصرًا للفكرة، والمدينة أو الدولة التي ستعمل فيها، ورأس المال المتوقع إن كان معروفًا.',
      addons: [
        ['عرض تقديمي للمستثمرين من 10 شرائح', 25, 2],
        ['ترجمة الدراسة إلى الإنجليزية', 30, 3],
      ],
    },
    en: {
      titles: [
        'Professional business plan for {investors|your startup|a bank loan}',
        'Feasibility study with {a 3-year financial model|market research and cost analysis}',
        'Market and competitor analysis for your business idea',
      ],
      pitch: [
        'Thinking about starting a business? I will turn your idea into a clear, investor-ready plan backed by realistic numbers for your local market.',
        'I help founders and small business owners test their ideas before spending money: market size, competitors, costs and a financial forecast you can actually use.',
      ],
      items: [
        'Market and target customer analysis',
        'Competitor review and positioning',
        'Start-up and running cost estimates',
        'Three-year profit and cash-flow forecast',
        'Break-even point and payback period',
        'Editable Word and Excel files',
      ],
      skills: ['Business plans', 'Feasibility studies', 'Financial modeling', 'Excel', 'Market research'],
      instructions: 'Send me a short description of your idea, where you plan to operate, and your expected budget if you know it.',
      addons: [
        ['Investor pitch deck (10 slides)', 25, 2],
        ['Arabic translation of the plan', 30, 3],
      ],
    },
  },
  'data-entry': {
    price: [5, 50],
    days: [1, 5],
    ar: {
      titles: [
        'إدخال بيانات إلى Excel بدقة وسرعة',
        'تفريغ ملفات PDF والصور إلى Word أو Excel',
        'تنظيم قوائم العملاء وحذف البيانات المكررة',
        ['رفع المنتجات على متجرك في {سلة|زد|Shopify|ووكومرس}', ['رفع منتجات', 'متاجر إلكترونية']],
      ],
      pitch: [
        'أدخل بياناتك بدقة عالية وأراجعها مرتين، لتحصل على ملف منظم ونظيف جاهز للاستخدام دون أخطاء.',
        'أوفر وقتك في الأعمال الروتينية: نسخ البيانات وتنظيمها وتنسيقها، مع الحفاظ التام على سرية معلوماتك.',
      ],
      items: [
        'إدخال حتى 500 سجل',
        'تنسيق الجداول وتوحيد الحقول',
        'إزالة البيانات المكررة',
        'مراجعة الدقة قبل التسليم',
        'سرية تامة للبيانات',
      ],
      skills: ['إدخال بيانات', 'Excel', 'Google Sheets', 'تفريغ بيانات', 'Word'],
      instructions: 'أرسل لي الملفات أو الروابط المطلوب نقل البيانات منها، ونموذجًا للشكل النهائي الذي تريده.',
      addons: [
        ['500 سجل إضافي', 10, 1],
        ['معادلات وتقارير في Excel', 15, 1],
      ],
    },
    en: {
      titles: [
        'Accurate data entry into Excel or Google Sheets',
        'PDF and image to Excel or Word conversion',
        'Clean and deduplicate your customer lists',
      ],
      pitch: [
        'I enter your data accurately and check it twice, so you get a clean, organised file ready to use.',
        'Save time on routine work: copying, organising and formatting data, with your information kept confidential.',
      ],
      items: ['Up to 500 records', 'Consistent formatting', 'Duplicate removal', 'Accuracy check before delivery', 'Full confidentiality'],
      skills: ['Data entry', 'Excel', 'Google Sheets', 'Data cleaning'],
      instructions: 'Send the files or links to copy from and a sample of the final format you want.',
      addons: [
        ['500 more records', 10, 1],
        ['Excel formulas and summary report', 15, 1],
      ],
    },
  },
  'virtual-assistant': {
    price: [10, 150],
    days: [1, 7],
    ar: {
      titles: [
        'مساعد افتراضي لإدارة بريدك ومواعيدك',
        'مساعدة إدارية عن بعد {بدوام جزئي|لمدة أسبوع|لمتجرك الإلكتروني}',
        'الرد على رسائل عملائك وخدمة العملاء عن بعد',
        'تنظيم ملفاتك ومستنداتك على Google Drive',
      ],
      pitch: [
        'أتولى المهام الإدارية اليومية عنك: ترتيب البريد، وجدولة الاجتماعات، ومتابعة العملاء، لتتفرغ لما يهم في عملك.',
        'أنجز مهامك الإدارية بتنظيم ودقة، وأجيد أدوات Google وMicrosoft، وأرسل لك ملخصًا يوميًا بما تم إنجازه.',
      ],
      items: [
        'إدارة البريد الإلكتروني والرد عليه',
        'جدولة المواعيد والاجتماعات',
        'متابعة العملاء والموردين',
        'إعداد تقارير وجداول بسيطة',
        'ملخص يومي بالمهام المنجزة',
      ],
      skills: ['مساعد افتراضي', 'إدارة البريد', 'Google Workspace', 'خدمة العملاء', 'تنظيم'],
      instructions: 'أرسل لي قائمة بالمهام المطلوبة وأولوياتها، وطريقة الوصول إلى الأدوات التي سأحتاجها.',
      addons: [
        ['10 ساعات عمل إضافية', 40, 3],
        ['تقرير أسبوعي مفصل', 5, 0],
      ],
    },
    en: {
      titles: [
        'Virtual assistant for email and calendar management',
        'Remote admin support {part-time|for a week|for your online store}',
        'Customer support replies for your online store',
      ],
      pitch: [
        'I take care of your daily admin — inbox, meetings, customer follow-ups — so you can focus on what matters.',
        'An organised, reliable assistant fluent in Google and Microsoft tools, with a daily summary of what got done.',
      ],
      items: [
        'Inbox management and replies',
        'Scheduling meetings',
        'Customer and supplier follow-up',
        'Simple reports and spreadsheets',
        'Daily summary',
      ],
      skills: ['Virtual assistant', 'Email management', 'Google Workspace', 'Customer support'],
      instructions: 'Send me the task list with priorities and access to the tools I will need.',
      addons: [
        ['10 extra hours', 40, 3],
        ['Detailed weekly report', 5, 0],
      ],
    },
  },
  'legal-consulting': {
    price: [15, 150],
    days: [1, 5],
    ar: {
      titles: [
        'صياغة عقد {عمل|شراكة|إيجار} احترافي يحفظ حقوقك',
        'استشارة قانونية مكتوبة في {قضايا العمل|تأسيس الشركات|العقود التجارية}',
        'مراجعة عقد قبل توقيعه وبيان الثغرات',
        ['كتابة سياسة الخصوصية وشروط الاستخدام لموقعك', ['سياسة الخصوصية']],
      ],
      pitch: [
        'أقدم استشارات وصياغة عقود بلغة قانونية واضحة، مع مراعاة الأنظمة المعمول بها في بلدك، لتتجنب النزاعات قبل وقوعها.',
        'قبل أن توقع أي عقد، دعني أراجعه وأوضح لك البنود الخطرة والثغرات، وأقترح صياغات بديلة تحمي مصالحك.',
      ],
      items: ['دراسة الحالة والمستندات', 'رأي قانوني مكتوب', 'صياغة البنود أو تعديلها', 'ملف Word قابل للتعديل', 'جلسة توضيح بعد التسليم'],
      skills: ['استشارات قانونية', 'صياغة عقود', 'قانون تجاري', 'قانون العمل'],
      instructions: 'أرسل لي تفاصيل الحالة، والمستندات المتعلقة بها، واسم الدولة التي يخضع لها العقد.',
      addons: [
        ['ترجمة العقد إلى الإنجليزية', 25, 2],
        ['مكالمة استشارية لمدة 30 دقيقة', 15, 0],
      ],
    },
    en: {
      titles: [
        'Draft a {partnership|employment|service} agreement that protects you',
        'Contract review before you sign',
        ['Privacy policy and terms of use for your website', ['Privacy policy']],
      ],
      pitch: [
        'I draft contracts and give written legal opinions in clear language, taking local regulations into account, so disputes are avoided before they start.',
        'Before you sign anything, let me review it, point out risky clauses and suggest wording that protects you.',
      ],
      items: [
        'Review of your case and documents',
        'Written legal opinion',
        'Drafting or editing clauses',
        'Editable Word file',
        'Follow-up call after delivery',
      ],
      skills: ['Legal consulting', 'Contract drafting', 'Commercial law', 'Employment law'],
      instructions: 'Send the details of your case, the related documents and the governing country.',
      addons: [
        ['English translation of the contract', 25, 2],
        ['30-minute consultation call', 15, 0],
      ],
    },
  },

  // ——— programming ———
  'web-development': {
    price: [25, 200],
    days: [3, 14],
    ar: {
      titles: [
        'تصميم وبرمجة موقع {تعريفي|شخصي|لشركتك} متجاوب مع الجوال',
        'برمجة متجر إلكتروني متكامل {بلوحة تحكم|مع بوابة دفع}',
        'إصلاح أخطاء موقعك وتحسين سرعته',
        'تحويل تصميم Figma إلى صفحة HTML وCSS متجاوبة',
      ],
      pitch: [
        'أبني مواقع سريعة وآمنة تعمل بسلاسة على الجوال والحاسوب، بكود نظيف يسهل تطويره لاحقًا. أستخدم تقنيات حديثة مثل React وNode.js وأهتم بتجربة المستخدم وسرعة التحميل.',
        'موقعك هو واجهة عملك على الإنترنت. سأبني لك موقعًا احترافيًا يدعم اللغة العربية والاتجاه من اليمين إلى اليسار بشكل كامل، ويظهر بشكل ممتاز في نتائج البحث.',
      ],
      items: [
        'تصميم متجاوب مع جميع الشاشات',
        'دعم كامل للغتين العربية والإنجليزية',
        'لوحة تحكم سهلة لإدارة المحتوى',
        'تحسين السرعة وأساسيات SEO',
        'ربط نموذج التواصل بالبريد الإلكتروني',
        'رفع الموقع على الاستضافة وربط النطاق',
      ],
      skills: ['تطوير مواقع', 'HTML', 'CSS', 'JavaScript', 'React', 'Node.js'],
      instructions: 'أرسل لي فكرة الموقع وعدد الصفحات المطلوبة، وأمثلة لمواقع تعجبك، وبيانات الاستضافة إن وجدت.',
      addons: [
        ['صفحة إضافية', 15, 1],
        ['ربط بوابة دفع إلكتروني', 40, 3],
      ],
    },
    en: {
      titles: [
        'Responsive {business|portfolio|landing page} website built with React',
        'Fix bugs and speed up your website',
        'Convert your Figma design to clean HTML and CSS',
      ],
      pitch: [
        'I build fast, secure websites that look great on phones and desktops, with clean code that is easy to extend. I work with React, Node.js and modern tooling, and I care about performance and accessibility.',
        'Your website is the face of your business. I will build a professional site with full right-to-left Arabic support that ranks well in search engines.',
      ],
      items: [
        'Responsive layout for all screen sizes',
        'Arabic and English (RTL and LTR) support',
        'Simple admin panel to manage content',
        'Speed optimisation and SEO basics',
        'Contact form connected to your email',
        'Deployment to your hosting and domain setup',
      ],
      skills: ['Web development', 'React', 'Node.js', 'TypeScript', 'HTML', 'CSS'],
      instructions: 'Send me your idea, the pages you need, a few websites you like, and your hosting details if you have them.',
      addons: [
        ['Extra page', 15, 1],
        ['Payment gateway integration', 40, 3],
      ],
    },
  },
  'mobile-apps': {
    price: [50, 200],
    days: [5, 14],
    ar: {
      titles: [
        'برمجة تطبيق جوال {لأندرويد وآيفون|بتقنية Flutter|لمتجرك الإلكتروني}',
        'تطوير تطبيق Flutter لمتجرك أو مطعمك',
        'إصلاح أخطاء تطبيقك ونشره على Google Play وApp Store',
        'تصميم وبرمجة تطبيق لحجز المواعيد',
      ],
      pitch: [
        'أطور تطبيقات جوال بتقنية Flutter تعمل على أندرويد وآيفون بكود واحد، بواجهة عربية أنيقة وأداء سلس حتى على الأجهزة المتوسطة.',
        'هل تحتاج تطبيقًا لعملك ولا تعرف من أين تبدأ؟ سأساعدك من الفكرة إلى النشر على المتاجر، مع شرح كل خطوة بلغة بسيطة.',
      ],
      items: [
        'تطبيق يعمل على أندرويد وآيفون',
        'واجهة عربية من اليمين إلى اليسار',
        'ربط التطبيق بلوحة تحكم أو API',
        'إشعارات فورية (Push Notifications)',
        'رفع التطبيق على المتاجر',
        'تسليم الكود المصدري كاملًا',
      ],
      skills: ['Flutter', 'Dart', 'تطبيقات الجوال', 'Firebase', 'Android', 'iOS'],
      instructions: 'أرسل لي فكرة التطبيق والشاشات الأساسية التي تتخيلها، وهل لديك تصميم جاهز أو خادم (API) قائم.',
      addons: [
        ['شاشة إضافية', 20, 1],
        ['ربط Firebase للإشعارات', 25, 2],
      ],
    },
    en: {
      titles: [
        'Cross-platform mobile app with Flutter for {Android and iOS|your online store|your restaurant}',
        'Fix bugs and publish your app to Google Play and the App Store',
        'Booking app for clinics, salons and studios',
      ],
      pitch: [
        'I build Flutter apps that run on Android and iOS from a single codebase, with smooth performance and a polished interface in Arabic and English.',
        'Not sure where to start with your app? I will take you from idea to published app, and explain every step in plain language.',
      ],
      items: [
        'One app for Android and iOS',
        'Arabic RTL and English layouts',
        'Connection to your backend or API',
        'Push notifications',
        'Store listing and publishing',
        'Full source code',
      ],
      skills: ['Flutter', 'Dart', 'Mobile apps', 'Firebase', 'Android', 'iOS'],
      instructions: 'Describe your app idea and the main screens you imagine, and tell me whether you already have designs or an API.',
      addons: [
        ['Extra screen', 20, 1],
        ['Firebase push notifications', 25, 2],
      ],
    },
  },
  wordpress: {
    price: [20, 150],
    days: [1, 7],
    ar: {
      titles: [
        'إنشاء موقع ووردبريس احترافي {لشركتك|لمدونتك|لعيادتك}',
        'إنشاء متجر ووكومرس متكامل مع بوابات الدفع',
        'تسريع موقع ووردبريس وحل مشكلات الإضافات',
        'نقل موقع ووردبريس إلى استضافة جديدة دون توقف',
      ],
      pitch: [
        'أنشئ لك موقع ووردبريس سهل الإدارة، تستطيع تعديل محتواه بنفسك دون أي خبرة برمجية، مع قالب عصري يدعم العربية بالكامل.',
        'موقعك بطيء أو تظهر فيه أخطاء بعد تحديث الإضافات؟ أشخّص المشكلة وأصلحها، وأحسّن السرعة ليحصل على نتيجة أفضل في Google PageSpeed.',
      ],
      items: [
        'تثبيت ووردبريس وإعداد القالب',
        'تعريب القالب وضبط الاتجاه من اليمين إلى اليسار',
        'إعداد ووكومرس وطرق الشحن والدفع',
        'تركيب إضافات الحماية والنسخ الاحتياطي',
        'تحسين السرعة والتخزين المؤقت',
        'فيديو قصير يشرح إدارة الموقع',
      ],
      skills: ['WordPress', 'WooCommerce', 'Elementor', 'PHP', 'ووردبريس'],
      instructions: 'أرسل لي بيانات الدخول إلى لوحة التحكم والاستضافة، ومثالًا لموقع يعجبك، والشعار والمحتوى إن كانا جاهزين.',
      addons: [
        ['إضافة صفحة جديدة', 10, 1],
        ['تثبيت شهادة SSL وضبط HTTPS', 10, 0],
      ],
    },
    en: {
      titles: [
        'Professional WordPress website for {your business|your blog|your clinic}',
        'WooCommerce store setup with payment gateways',
        'Speed up your WordPress site and fix plugin errors',
      ],
      pitch: [
        'I set up WordPress sites you can manage yourself, no coding required, with a modern theme and full Arabic support.',
        'Slow site or errors after a plugin update? I will find the cause, fix it, and tune your site for a better PageSpeed score.',
      ],
      items: [
        'WordPress installation and theme setup',
        'RTL and translation ready',
        'WooCommerce shipping and payment setup',
        'Security and backup plugins',
        'Caching and speed optimisation',
        'Short video showing how to manage your site',
      ],
      skills: ['WordPress', 'WooCommerce', 'Elementor', 'PHP'],
      instructions: 'Send me your admin and hosting logins, a site you like, and your logo and content if ready.',
      addons: [
        ['Extra page', 10, 1],
        ['SSL certificate and HTTPS setup', 10, 0],
      ],
    },
  },
  'scripts-bots': {
    price: [10, 120],
    days: [1, 7],
    ar: {
      titles: [
        'برمجة بوت تيليجرام {لمتجرك|للرد الآلي|لإدارة مجموعتك}',
        'سكربت بايثون لجمع البيانات من المواقع وتصديرها إلى Excel',
        'أتمتة المهام المتكررة بسكربت بايثون',
        ['أتمتة جداول Google Sheets بسكربتات Apps Script', ['Google Apps Script']],
        ['برمجة بوت واتساب للرد على العملاء', ['WhatsApp API']],
      ],
      pitch: [
        'أوفر عليك ساعات من العمل اليدوي المتكرر ببرمجة سكربتات وبوتات دقيقة، تعمل تلقائيًا وتنفذ المهمة في دقائق.',
        'أبرمج بوتات تيليجرام وديسكورد وسكربتات بايثون حسب حاجتك، مع توثيق واضح وطريقة تشغيل سهلة.',
      ],
      items: [
        'كود بايثون نظيف وموثق',
        'تشغيل البوت على خادم أو على جهازك',
        'تصدير النتائج إلى Excel أو CSV',
        'معالجة الأخطاء وتسجيل العمليات',
        'شرح طريقة التشغيل والتعديل',
        'دعم فني لمدة أسبوع بعد التسليم',
      ],
      skills: ['Python', 'بوتات تيليجرام', 'أتمتة', 'Web Scraping', 'Selenium'],
      instructions: 'اشرح لي المهمة التي تريد أتمتتها خطوة بخطوة، وأرسل روابط المواقع أو ملفات مثال إن وجدت.',
      addons: [
        ['تشغيل البوت على خادم لمدة شهر', 15, 1],
        ['لوحة تحكم بسيطة للبوت', 30, 3],
      ],
    },
    en: {
      titles: [
        'Custom Telegram bot for {your store|customer support|your community}',
        'Python web scraper that exports data to Excel or CSV',
        'Automate repetitive tasks with Python scripts',
      ],
      pitch: [
        'Stop doing the same task by hand every day. I write reliable scripts and bots that do it for you in minutes.',
        'I build Telegram and Discord bots and Python automations tailored to your workflow, with clear documentation.',
      ],
      items: [
        'Clean, documented Python code',
        'Deployment to a server or your computer',
        'Export to Excel or CSV',
        'Error handling and logging',
        'Instructions to run and adjust it',
        'One week of support after delivery',
      ],
      skills: ['Python', 'Telegram bots', 'Automation', 'Web scraping', 'Selenium'],
      instructions: 'Describe the task step by step and send links or sample files if you have them.',
      addons: [
        ['One month of hosting for the bot', 15, 1],
        ['Simple admin dashboard', 30, 3],
      ],
    },
  },

  // ——— design ———
  'logo-design': {
    price: [10, 100],
    days: [1, 5],
    files: true,
    ar: {
      titles: [
        'تصميم شعار احترافي {لشركتك|لمشروعك|لمتجرك الإلكتروني|لمطعمك}',
        'تصميم شعار نصي أنيق بالخط العربي',
        'تصميم هوية بصرية كاملة مع الشعار',
        'تصميم لوجو عصري بثلاثة نماذج مختلفة',
      ],
      pitch: [
        'الشعار هو أول ما يراه عميلك. سأصمم لك شعارًا بسيطًا ومعبرًا يُحفظ بسهولة، ويظهر بوضوح على اللافتات والمواقع وحسابات التواصل.',
        'أصمم شعارات يدويًا دون قوالب جاهزة، بعد دراسة نشاطك وجمهورك، لتحصل على علامة مميزة تليق بمشروعك.',
      ],
      items: [
        'ثلاثة نماذج أولية مختلفة',
        'تعديلات على النموذج المختار',
        'ملفات PNG بخلفية شفافة',
        'ملفات متجهة SVG وPDF للطباعة',
        'نسخة بالأبيض والأسود',
        'لوحة ألوان وخطوط مقترحة',
      ],
      skills: ['تصميم شعارات', 'هوية بصرية', 'Adobe Illustrator', 'خط عربي', 'Branding'],
      instructions: 'أرسل لي اسم المشروع ومجاله، والألوان التي تفضلها أو تتجنبها، وأمثلة لشعارات أعجبتك.',
      addons: [
        ['تصميم بطاقة عمل بنفس الهوية', 15, 1],
        ['نموذج رابع إضافي', 10, 1],
      ],
    },
    en: {
      titles: [
        'Professional logo design for your {brand|business|online store}',
        'Modern minimalist logo with {3 concepts|unlimited revisions}',
        'Arabic calligraphy logo for your brand',
      ],
      pitch: [
        'Your logo is the first thing customers notice. I design simple, memorable logos that work on signs, websites and social media alike.',
        'Every logo I make is drawn from scratch — no templates — after learning about your business and your audience.',
      ],
      items: [
        'Three initial concepts',
        'Revisions on the chosen concept',
        'Transparent PNG files',
        'Vector SVG and print-ready PDF',
        'Black and white version',
        'Suggested colour palette and fonts',
      ],
      skills: ['Logo design', 'Branding', 'Adobe Illustrator', 'Visual identity'],
      instructions: 'Send me your business name, what you do, colours you like or dislike, and a few logos you admire.',
      addons: [
        ['Matching business card design', 15, 1],
        ['A fourth concept', 10, 1],
      ],
    },
  },
  'social-media-design': {
    price: [5, 60],
    days: [1, 5],
    files: true,
    ar: {
      titles: [
        'تصميم {10 منشورات|15 منشورًا|20 منشورًا|30 منشورًا} لحساباتك على مواقع التواصل',
        'تصميم منشورات إنستغرام احترافية بهوية موحدة',
        'تصميم غلاف احترافي لصفحتك على فيسبوك ويوتيوب',
        'تصميم ستوري وإعلانات ممولة جذابة لمنتجك',
      ],
      pitch: [
        'أصمم منشورات جذابة بهوية موحدة تجعل حسابك يبدو احترافيًا وتلفت انتباه المتابعين أثناء التصفح.',
        'التصميم الجيد يرفع التفاعل ويزيد المبيعات. أصمم لك محتوى بصريًا يناسب كل منصة بمقاساتها الصحيحة.',
      ],
      items: [
        'مقاسات مناسبة لإنستغرام وفيسبوك وX',
        'هوية ألوان وخطوط موحدة لكل التصاميم',
        'كتابة النصوص العربية بخطوط واضحة',
        'نسخة ستوري لكل تصميم',
        'ملفات PNG عالية الجودة',
        'قالب قابل للتعديل على Canva',
      ],
      skills: ['تصميم سوشيال ميديا', 'Photoshop', 'Canva', 'تصميم إعلانات', 'Instagram'],
      instructions: 'أرسل لي شعارك وألوان علامتك، والنصوص أو العروض التي تريد إبرازها، وروابط حساباتك.',
      addons: [
        ['5 تصاميم إضافية', 10, 1],
        ['تحريك بسيط للتصميم (GIF)', 15, 1],
      ],
    },
    en: {
      titles: [
        '{10|15|20} eye-catching social media post designs',
        'Instagram post and story templates for your brand',
        'Facebook and YouTube cover design',
      ],
      pitch: [
        'I design scroll-stopping posts with a consistent look that makes your account feel professional.',
        'Good design lifts engagement and sales. I create visuals in the right size for every platform.',
      ],
      items: [
        'Sizes for Instagram, Facebook and X',
        'Consistent colours and fonts',
        'Clear Arabic and English typography',
        'Story version of each design',
        'High-resolution PNG files',
        'Editable Canva template',
      ],
      skills: ['Social media design', 'Photoshop', 'Canva', 'Instagram'],
      instructions: 'Send me your logo, brand colours, the text or offers to feature, and links to your accounts.',
      addons: [
        ['5 extra designs', 10, 1],
        ['Simple animated GIF version', 15, 1],
      ],
    },
  },
  'ui-ux': {
    price: [20, 200],
    days: [2, 10],
    files: true,
    ar: {
      titles: [
        'تصميم واجهات تطبيق جوال احترافية على Figma',
        'تصميم واجهة موقع {عصرية|متجاوبة} مع تجربة مستخدم مدروسة',
        'تحسين تجربة المستخدم لموقعك أو تطبيقك',
        'تصميم لوحة تحكم (Dashboard) أنيقة وسهلة الاستخدام',
      ],
      pitch: [
        'أصمم واجهات جميلة وسهلة الاستخدام تبدأ من فهم المستخدم وأهدافه، ثم أحولها إلى نماذج تفاعلية جاهزة للتسليم إلى المبرمج.',
        'التصميم ليس ألوانًا فقط؛ بل رحلة مستخدم واضحة. سأراجع منتجك وأقترح تحسينات عملية ترفع معدلات التحويل.',
      ],
      items: [
        'تصميم على Figma بملفات منظمة',
        'نموذج تفاعلي (Prototype) قابل للتجربة',
        'نسخة عربية من اليمين إلى اليسار',
        'نظام ألوان ومكونات قابلة لإعادة الاستخدام',
        'تسليم جاهز للمبرمج مع المقاسات',
        'تصميم للجوال والحاسوب',
      ],
      skills: ['UI/UX', 'Figma', 'تصميم واجهات', 'تجربة المستخدم', 'Prototyping'],
      instructions: 'أرسل لي وصف المنتج والمستخدمين المستهدفين، والشاشات المطلوبة، وأي تطبيقات منافسة تعجبك.',
      addons: [
        ['شاشة إضافية', 10, 1],
        ['نسخة الوضع الداكن', 20, 2],
      ],
    },
    en: {
      titles: [
        'Mobile app UI design in Figma',
        'Modern website UI/UX design with a clickable prototype',
        'UX audit of your website or app with actionable fixes',
      ],
      pitch: [
        'I design clean, usable interfaces that start from your users and their goals, delivered as organised Figma files your developer will love.',
        'Design is more than colours — it is a clear user journey. I will review your product and suggest practical changes that improve conversion.',
      ],
      items: [
        'Organised Figma file',
        'Clickable prototype',
        'Arabic RTL version',
        'Reusable colours and components',
        'Developer-ready handoff',
        'Mobile and desktop layouts',
      ],
      skills: ['UI/UX', 'Figma', 'Prototyping', 'User research'],
      instructions: 'Describe your product, its users and the screens you need, and share any competitor apps you like.',
      addons: [
        ['Extra screen', 10, 1],
        ['Dark mode version', 20, 2],
      ],
    },
  },
  'print-design': {
    price: [5, 80],
    days: [1, 5],
    files: true,
    ar: {
      titles: [
        'تصميم بطاقة عمل (بزنس كارد) أنيقة',
        'تصميم بروشور أو مطوية {إعلانية|لشركتك} جاهزة للطباعة',
        'تصميم منيو مطعم {عصري|أنيق} جاهز للطباعة',
        'تصميم رول أب ولافتات للمعارض',
      ],
      pitch: [
        'أصمم مطبوعات بجودة عالية جاهزة للطباعة مباشرة، بمقاسات صحيحة وهوامش أمان وألوان CMYK حتى تخرج كما تراها على الشاشة.',
        'سواء كنت تحتاج بطاقة عمل أو قائمة طعام أو بروشورًا، سأصمم لك مطبوعة أنيقة تعكس هوية مشروعك.',
      ],
      items: [
        'ملف PDF جاهز للمطبعة بدقة 300 DPI',
        'ألوان CMYK وهوامش قص',
        'تصميم الوجهين عند الحاجة',
        'تعديلات حتى الرضا',
        'نسخة رقمية للنشر على الإنترنت',
      ],
      skills: ['تصميم مطبوعات', 'InDesign', 'Illustrator', 'بروشور', 'منيو'],
      instructions: 'أرسل لي الشعار والنصوص والصور المطلوبة، والمقاس ونوع الورق إن كنت اتفقت مع مطبعة.',
      addons: [
        ['تصميم الوجه الخلفي', 5, 0],
        ['نسخة بمقاس إضافي', 10, 1],
      ],
    },
    en: {
      titles: [
        'Elegant business card design, print ready',
        'Brochure or flyer design for your business',
        'Restaurant menu design ready for print',
      ],
      pitch: [
        'I design print-ready materials with correct bleed, safe margins and CMYK colours, so the result looks just like the screen.',
        'Business cards, menus or brochures — I will design print pieces that match your brand.',
      ],
      items: [
        'Print-ready 300 DPI PDF',
        'CMYK colours and bleed',
        'Double-sided design when needed',
        'Revisions until you are happy',
        'Digital version for online use',
      ],
      skills: ['Print design', 'InDesign', 'Illustrator', 'Brochures'],
      instructions: 'Send me your logo, text, images, and the size and paper if you already chose a printer.',
      addons: [
        ['Back side design', 5, 0],
        ['Extra size version', 10, 1],
      ],
    },
  },

  // ——— video ———
  'video-editing': {
    price: [10, 150],
    days: [1, 7],
    files: true,
    ar: {
      titles: [
        'مونتاج احترافي لفيديوهات يوتيوب',
        'مونتاج {ريلز|فيديوهات قصيرة} لتيك توك وإنستغرام',
        'مونتاج فيديو إعلاني لمنتجك مع موسيقى ومؤثرات',
        'مونتاج فيديو الحفلات والمناسبات',
      ],
      pitch: [
        'أحول اللقطات الخام إلى فيديو مشوق يحافظ على انتباه المشاهد حتى النهاية، بقص ذكي وانتقالات سلسة وتصحيح ألوان.',
        'أعمل على مونتاج المحتوى العربي منذ سنوات، وأعرف ما يجعل الفيديو ينتشر: إيقاع سريع، وترجمة واضحة على الشاشة، وصوت نقي.',
      ],
      items: [
        'قص اللقطات وترتيبها',
        'تصحيح الألوان وتحسين الإضاءة',
        'إضافة موسيقى خالية من حقوق النشر',
        'ترجمة نصية (Subtitles) عربية أو إنجليزية',
        'تصدير بمقاسات يوتيوب والريلز',
        'صورة مصغرة (Thumbnail) للفيديو',
      ],
      skills: ['مونتاج فيديو', 'Premiere Pro', 'After Effects', 'DaVinci Resolve', 'يوتيوب'],
      instructions: 'ارفع اللقطات على Google Drive وأرسل لي الرابط، مع مثال لأسلوب المونتاج الذي تفضله والمدة المطلوبة.',
      addons: [
        ['دقيقة إضافية من الفيديو', 10, 1],
        ['تصميم صورة مصغرة إضافية', 5, 0],
      ],
    },
    en: {
      titles: [
        'Professional YouTube video editing',
        'Short-form video editing for {Reels|TikTok|YouTube Shorts}',
        'Promotional product video with music and effects',
      ],
      pitch: [
        'I turn raw footage into engaging videos that keep viewers watching, with smart cuts, smooth transitions and colour grading.',
        'I know what makes short videos perform: fast pacing, clear on-screen captions and clean sound.',
      ],
      items: [
        'Cutting and arranging footage',
        'Colour correction',
        'Royalty-free music',
        'Arabic or English subtitles',
        'Exports for YouTube and Reels',
        'Custom thumbnail',
      ],
      skills: ['Video editing', 'Premiere Pro', 'After Effects', 'DaVinci Resolve'],
      instructions: 'Upload your footage to Google Drive, send me the link, and share an example of the style you like.',
      addons: [
        ['Extra minute of video', 10, 1],
        ['Extra thumbnail', 5, 0],
      ],
    },
  },
  'motion-graphics': {
    price: [30, 200],
    days: [3, 14],
    files: true,
    ar: {
      titles: [
        'فيديو موشن جرافيك {يشرح خدمتك|تسويقي لمنتجك|يعرّف بتطبيقك}',
        'فيديو موشن جرافيك تعليمي بأسلوب بسيط وجذاب',
        'تحريك شعارك باحترافية (Logo Animation)',
        'إنفوجرافيك متحرك يعرض أرقامك بطريقة مشوقة',
      ],
      pitch: [
        'أشرح فكرتك في أقل من دقيقتين عبر فيديو موشن جرافيك واضح ومبهج، يجذب العملاء ويبسط المعلومات المعقدة.',
        'أبدأ بكتابة السيناريو ورسم لوحات القصة، ثم التحريك والتعليق الصوتي، لتحصل على فيديو متكامل جاهز للنشر.',
      ],
      items: [
        'كتابة السيناريو',
        'لوحات قصة (Storyboard) قبل التحريك',
        'رسوم وشخصيات مخصصة',
        'تعليق صوتي وموسيقى خلفية',
        'تصدير بدقة Full HD',
        'نسخة مربعة لمواقع التواصل',
      ],
      skills: ['موشن جرافيك', 'After Effects', 'Illustrator', 'تحريك', 'Animation'],
      instructions: 'أرسل لي نبذة عن المنتج أو الخدمة والجمهور المستهدف، والشعار والألوان، والمدة المقترحة للفيديو.',
      addons: [
        ['10 ثوانٍ إضافية', 15, 1],
        ['تعليق صوتي احترافي', 20, 1],
      ],
    },
    en: {
      titles: [
        'Animated explainer video for your {product|app|service}',
        'Logo animation intro for your brand',
        'Animated infographic video for your data',
      ],
      pitch: [
        'I explain your idea in under two minutes with a clear, cheerful explainer video that simplifies complex information.',
        'Script, storyboard, animation and voice-over — you get a complete video ready to publish.',
      ],
      items: [
        'Script writing',
        'Storyboard before animation',
        'Custom illustrations and characters',
        'Voice-over and background music',
        'Full HD export',
        'Square version for social media',
      ],
      skills: ['Motion graphics', 'After Effects', 'Animation', 'Illustrator'],
      instructions: 'Tell me about your product, your audience, your brand colours and the length you have in mind.',
      addons: [
        ['10 extra seconds', 15, 1],
        ['Professional voice-over', 20, 1],
      ],
    },
  },
  intros: {
    price: [5, 60],
    days: [1, 4],
    files: true,
    ar: {
      titles: [
        'تصميم مقدمة فيديو (إنترو) احترافية لقناتك على يوتيوب',
        'إنترو قصير بشعارك مع مؤثرات صوتية',
        'تصميم خاتمة فيديو (Outro) مع زر الاشتراك',
        'مقدمة سينمائية {لقناتك|لبرنامجك|لبودكاست الفيديو}',
      ],
      pitch: [
        'المقدمة الجيدة تعطي قناتك طابعًا احترافيًا من الثانية الأولى. أصمم إنترو قصيرًا ومميزًا بشعارك وألوانك.',
        'أصمم مقدمات وخواتيم فيديو بأساليب متعددة: بسيطة، أو سينمائية، أو مرحة، مع مؤثرات صوتية متناسقة.',
      ],
      items: ['مدة من 5 إلى 15 ثانية', 'شعارك واسم القناة', 'مؤثرات صوتية وموسيقى', 'دقة Full HD أو 4K', 'نسخة بخلفية شفافة عند الطلب'],
      skills: ['إنترو', 'After Effects', 'مونتاج فيديو', 'موشن جرافيك'],
      instructions: 'أرسل لي الشعار واسم القناة، ومثالًا لمقدمة تعجبك، والألوان التي تريدها.',
      addons: [
        ['دقة 4K', 10, 0],
        ['نسخة ثانية بأسلوب مختلف', 15, 1],
      ],
    },
    en: {
      titles: [
        'YouTube intro with your logo and sound effects',
        'Cinematic video intro and outro for your channel',
        'Short logo reveal intro in Full HD or 4K',
      ],
      pitch: [
        'A good intro makes your channel look professional from the first second. I create short, distinctive intros with your logo and colours.',
        'Simple, cinematic or playful — I design intros and outros in many styles, with matching sound effects.',
      ],
      items: [
        '5 to 15 seconds long',
        'Your logo and channel name',
        'Sound effects and music',
        'Full HD or 4K export',
        'Transparent background version on request',
      ],
      skills: ['Video intros', 'After Effects', 'Motion graphics'],
      instructions: 'Send me your logo, channel name, colours, and an intro you like.',
      addons: [
        ['4K resolution', 10, 0],
        ['Second version in another style', 15, 1],
      ],
    },
  },

  // ——— audio ———
  'voice-over': {
    price: [5, 80],
    days: [1, 3],
    ar: {
      titles: [
        'تعليق صوتي احترافي باللغة العربية الفصحى',
        'تسجيل تعليق صوتي {لإعلانك|لفيديو موشن جرافيك|للرد الآلي الهاتفي} بصوت {رجالي|نسائي}',
        ['تعليق صوتي باللهجة {المصرية|الخليجية|الشامية} للإعلانات', ['لهجات عربية']],
        ['قراءة كتاب صوتي بأداء معبّر', ['كتب صوتية']],
      ],
      pitch: [
        'أسجل بصوت واضح ودافئ في استوديو منزلي معزول، بأداء يناسب طبيعة النص: حماسي للإعلانات، وهادئ للمحتوى التعليمي.',
        'تعليق صوتي نقي خالٍ من الضوضاء، بنطق سليم لمخارج الحروف، وتسليم سريع بصيغة WAV أو MP3.',
      ],
      items: [
        'تسجيل حتى 100 كلمة',
        'تنقية الصوت من الضوضاء',
        'ملف WAV وMP3 عالي الجودة',
        'إعادة تسجيل مجانية لأي خطأ في النطق',
        'ضبط الإيقاع على مدة الفيديو',
      ],
      skills: ['تعليق صوتي', 'فويس أوفر', 'الفصحى', 'Adobe Audition', 'إلقاء'],
      instructions: 'أرسل لي النص مشكولًا إن أمكن، والأسلوب المطلوب، ومدة الفيديو إن كان التسجيل لفيديو.',
      addons: [
        ['100 كلمة إضافية', 10, 0],
        ['مزج الصوت مع موسيقى خلفية', 10, 1],
      ],
    },
    en: {
      titles: [
        'Arabic voice-over in Modern Standard Arabic',
        'Native {male|female} Arabic voice-over for ads and videos',
        'Arabic and English phone greeting (IVR) recording',
      ],
      pitch: [
        'I record clean, warm voice-overs in a treated home studio, with delivery matched to your script: energetic for ads, calm for e-learning.',
        'Noise-free audio, accurate pronunciation and quick delivery in WAV or MP3.',
      ],
      items: [
        'Up to 100 words',
        'Noise reduction and cleanup',
        'High-quality WAV and MP3',
        'Free retake for pronunciation errors',
        'Timing matched to your video',
      ],
      skills: ['Voice-over', 'Arabic voice', 'Adobe Audition', 'Narration'],
      instructions: 'Send me the script (with diacritics if possible), the tone you want, and your video length if any.',
      addons: [
        ['100 extra words', 10, 0],
        ['Mix with background music', 10, 1],
      ],
    },
  },
  'audio-editing': {
    price: [5, 100],
    days: [1, 5],
    files: true,
    ar: {
      titles: [
        'تنقية الصوت من الضوضاء وتحسين جودته',
        'هندسة صوتية ومكساج {لأغنيتك|لأنشودتك|لتسجيلك}',
        'تحرير تسجيلات المحاضرات والدورات وتنظيفها',
        'مزامنة الصوت مع الفيديو وضبط مستوياته',
      ],
      pitch: [
        'تسجيلك فيه صدى أو ضجيج أو تفاوت في مستوى الصوت؟ سأعالجه بأدوات احترافية ليصبح واضحًا ومريحًا للأذن.',
        'أقدم مكساج وماستر للأصوات والأناشيد والتسجيلات، مع توازن دقيق بين الطبقات وصوت جاهز للنشر على كل المنصات.',
      ],
      items: ['إزالة الضوضاء والصدى', 'توحيد مستوى الصوت', 'مكساج وماستر', 'قص الأخطاء والفراغات الطويلة', 'تسليم بصيغة WAV وMP3'],
      skills: ['هندسة صوتية', 'مكساج', 'Adobe Audition', 'Audacity', 'تحرير صوت'],
      instructions: 'أرسل لي الملفات الأصلية بأعلى جودة متاحة، واذكر مدتها ومكان نشرها.',
      addons: [
        ['30 دقيقة إضافية من التسجيل', 10, 1],
        ['نسخة مختصرة للإعلانات', 10, 1],
      ],
    },
    en: {
      titles: [
        'Audio cleanup: remove noise, echo and hum',
        'Mixing and mastering for your {song|vocals|podcast}',
        'Edit and clean up lecture and course recordings',
      ],
      pitch: [
        'Echo, background noise or uneven levels? I will clean your recording so it sounds clear and comfortable to listen to.',
        'Professional mixing and mastering with balanced layers, ready for every streaming platform.',
      ],
      items: [
        'Noise and echo removal',
        'Level normalisation',
        'Mixing and mastering',
        'Cutting mistakes and long pauses',
        'WAV and MP3 delivery',
      ],
      skills: ['Audio editing', 'Mixing', 'Mastering', 'Adobe Audition'],
      instructions: 'Send the original files in the best quality you have, with their length and where they will be published.',
      addons: [
        ['30 extra minutes of audio', 10, 1],
        ['Short cut for ads', 10, 1],
      ],
    },
  },
  podcasts: {
    price: [10, 120],
    days: [1, 7],
    ar: {
      titles: [
        'مونتاج حلقات البودكاست وتجهيزها للنشر',
        'إطلاق بودكاست كامل {من الفكرة إلى النشر|مع الشعار والمقدمة}',
        'تحرير حلقة بودكاست مع مقدمة وموسيقى',
        'نشر البودكاست على Spotify وApple Podcasts',
      ],
      pitch: [
        'أتولى الجانب التقني من بودكاستك لتتفرغ أنت للمحتوى: تحرير الحلقات، وتحسين الصوت، والنشر على المنصات.',
        'ساعدت عددًا من البرامج العربية على الانطلاق، من اختيار المعدات إلى نشر الحلقة الأولى.',
      ],
      items: [
        'تحرير الحلقة وحذف الأخطاء',
        'تحسين الصوت وتوحيد المستويات',
        'إضافة المقدمة والخاتمة والموسيقى',
        'ملاحظات الحلقة (Show Notes)',
        'النشر على المنصات الصوتية',
      ],
      skills: ['بودكاست', 'تحرير صوت', 'Audacity', 'Spotify', 'إنتاج صوتي'],
      instructions: 'أرسل لي ملفات الحلقة الخام، والمقدمة والموسيقى إن وجدت، وبيانات حسابك على منصة الاستضافة.',
      addons: [
        ['نسخة فيديو للحلقة على يوتيوب', 20, 2],
        ['مقاطع قصيرة للترويج على مواقع التواصل', 15, 1],
      ],
    },
    en: {
      titles: [
        'Podcast editing and publishing, episode ready',
        'Launch your podcast from idea to first episode',
        'Podcast episode editing with intro and music',
      ],
      pitch: [
        'I handle the technical side of your podcast so you can focus on content: editing, sound quality and publishing.',
        'I have helped Arabic and English shows launch, from choosing equipment to publishing episode one.',
      ],
      items: [
        'Episode editing and mistake removal',
        'Sound enhancement and levelling',
        'Intro, outro and music',
        'Show notes',
        'Publishing to podcast platforms',
      ],
      skills: ['Podcast production', 'Audio editing', 'Audacity', 'Spotify'],
      instructions: 'Send the raw episode files, your intro and music if any, and access to your podcast host.',
      addons: [
        ['Video version for YouTube', 20, 2],
        ['Short promo clips for social media', 15, 1],
      ],
    },
  },

  // ——— marketing ———
  'social-media-marketing': {
    price: [30, 200],
    days: [7, 14],
    ar: {
      titles: [
        'إدارة حساباتك على مواقع التواصل لمدة شهر',
        'إدارة صفحة {إنستغرام|فيسبوك|تيك توك} وكتابة المحتوى ونشره',
        'إعداد خطة محتوى شهرية لمواقع التواصل',
        'زيادة التفاعل على حسابك بطرق طبيعية وآمنة',
      ],
      pitch: [
        'أدير حساباتك بخطة واضحة: محتوى منتظم يناسب جمهورك، وردود سريعة على الرسائل والتعليقات، وتقارير توضح ما تحقق.',
        'لا أعدك بمتابعين وهميين؛ بل بنمو حقيقي من جمهور مهتم بمنتجك، عبر محتوى مدروس ونشر في الأوقات المناسبة.',
      ],
      items: [
        'خطة محتوى شهرية',
        'كتابة المنشورات وتصميمها',
        'جدولة النشر في أفضل الأوقات',
        'الرد على التعليقات والرسائل',
        'تقرير أداء في نهاية الشهر',
      ],
      skills: ['إدارة حسابات التواصل', 'تسويق إلكتروني', 'كتابة محتوى', 'Meta Business Suite', 'Instagram'],
      instructions: 'أرسل لي روابط حساباتك، ونبذة عن منتجاتك وجمهورك، وأهدافك من الحسابات خلال الشهر.',
      addons: [
        ['إدارة منصة إضافية', 30, 0],
        ['تصميم 10 ستوريات إضافية', 15, 1],
      ],
    },
    en: {
      titles: [
        'Monthly social media management for your business',
        'Instagram and {Facebook|TikTok} content plan and posting',
        'Social media content calendar for 30 days',
      ],
      pitch: [
        'I run your accounts with a clear plan: regular content for your audience, quick replies to messages, and a report of what worked.',
        'No fake followers — just real growth from people interested in your product, through planned content and well-timed posting.',
      ],
      items: [
        'Monthly content plan',
        'Post writing and design',
        'Scheduling at the best times',
        'Replies to comments and messages',
        'End-of-month performance report',
      ],
      skills: ['Social media marketing', 'Content strategy', 'Meta Business Suite', 'Instagram'],
      instructions: 'Send links to your accounts, a short description of your products and audience, and your goals for the month.',
      addons: [
        ['One more platform', 30, 0],
        ['10 extra story designs', 15, 1],
      ],
    },
  },
  seo: {
    price: [15, 200],
    days: [2, 10],
    ar: {
      titles: [
        'تحسين ظهور موقعك في نتائج Google (SEO)',
        'بحث كلمات مفتاحية شامل {لموقعك|لمتجرك|لمدونتك}',
        'تدقيق SEO تقني لموقعك مع تقرير مفصل',
        'تحسين صفحات متجرك لمحركات البحث',
      ],
      pitch: [
        'أساعدك على الظهور في الصفحة الأولى لعبارات البحث التي يكتبها عملاؤك فعلًا، بأساليب آمنة تتوافق مع إرشادات Google.',
        'أبدأ بتدقيق شامل لموقعك: السرعة، والفهرسة، والمحتوى، والروابط، ثم أسلمك خطة عمل مرتبة حسب الأولوية.',
      ],
      items: [
        'تحليل الكلمات المفتاحية والمنافسين',
        'تحسين العناوين والأوصاف',
        'إصلاح مشكلات الفهرسة والسرعة',
        'ربط Google Search Console',
        'تقرير بالنتائج والخطوات التالية',
      ],
      skills: ['SEO', 'تحسين محركات البحث', 'Google Search Console', 'كلمات مفتاحية', 'Google Analytics'],
      instructions: 'أرسل لي رابط موقعك، وصلاحية الوصول إلى Search Console إن وجدت، وأهم المنتجات أو الخدمات التي تريد الظهور بها.',
      addons: [
        ['تحسين 5 صفحات إضافية', 20, 2],
        ['تقرير موسع عن المنافسين', 15, 1],
      ],
    },
    en: {
      titles: [
        'SEO audit with an actionable report',
        'Keyword research for your {website|online store|blog}',
        'On-page SEO optimisation to rank higher on Google',
      ],
      pitch: [
        'I help you reach the first page for the searches your customers actually make, with safe techniques that follow Google guidelines.',
        'I start with a full audit — speed, indexing, content and links — then hand you a prioritised action plan.',
      ],
      items: [
        'Keyword and competitor research',
        'Title and meta description optimisation',
        'Indexing and speed fixes',
        'Google Search Console setup',
        'Report with results and next steps',
      ],
      skills: ['SEO', 'Keyword research', 'Google Search Console', 'Google Analytics'],
      instructions: 'Send me your site URL, Search Console access if available, and the products or services you want to rank for.',
      addons: [
        ['Optimise 5 more pages', 20, 2],
        ['Extended competitor report', 15, 1],
      ],
    },
  },
  ads: {
    price: [20, 200],
    days: [3, 14],
    ar: {
      titles: [
        'إدارة حملات إعلانية ممولة على {فيسبوك وإنستغرام|تيك توك|سناب شات}',
        'إعداد حملة Google Ads {لمتجرك|لخدمتك} بميزانية مدروسة',
        'إعداد بيكسل فيسبوك وتتبع التحويلات',
        'تحسين حملاتك الإعلانية الحالية وخفض تكلفة العميل',
      ],
      pitch: [
        'أدير حملاتك الإعلانية بهدف واحد: عملاء حقيقيون بأقل تكلفة. أختار الجمهور بدقة، وأختبر أكثر من إعلان، وأوقف ما لا ينجح بسرعة.',
        'تنفق على الإعلانات ولا ترى مبيعات؟ سأراجع حملاتك وأعيد هيكلتها بناءً على البيانات، مع تقرير أسبوعي واضح.',
      ],
      items: [
        'تحديد الجمهور المستهدف بدقة',
        'كتابة نصوص الإعلانات',
        'اختبار A/B لأكثر من نسخة',
        'إعداد التتبع والتحويلات',
        'تقرير أداء أسبوعي',
      ],
      skills: ['إعلانات ممولة', 'Facebook Ads', 'Google Ads', 'TikTok Ads', 'تسويق رقمي'],
      instructions:
        'أرسل لي رابط المنتج أو الموقع، والميزانية الإعلانية اليومية، والمدن أو الدول المستهدفة. ميزانية الإعلان نفسها ليست ضمن سعر الخدمة.',
      addons: [
        ['تصميم 3 إعلانات إضافية', 15, 1],
        ['إدارة الحملة أسبوعًا إضافيًا', 25, 7],
      ],
    },
    en: {
      titles: [
        'Facebook and Instagram ads campaign management',
        'Google Ads search campaign setup for {your store|your service}',
        'Fix your ad account and lower your cost per customer',
      ],
      pitch: [
        'I run your paid campaigns with one goal: real customers at the lowest cost. Careful targeting, several ad variants, and quick cuts of what does not work.',
        'Spending on ads without sales? I will audit and restructure your campaigns from the data, with a clear weekly report.',
      ],
      items: [
        'Precise audience targeting',
        'Ad copywriting',
        'A/B testing of several variants',
        'Pixel and conversion tracking',
        'Weekly performance report',
      ],
      skills: ['Paid ads', 'Facebook Ads', 'Google Ads', 'TikTok Ads'],
      instructions:
        'Send your product or website link, daily ad budget and target locations. The ad spend itself is not part of this price.',
      addons: [
        ['3 extra ad designs', 15, 1],
        ['One more week of management', 25, 7],
      ],
    },
  },
  sales: {
    price: [10, 150],
    days: [2, 7],
    ar: {
      titles: [
        'كتابة نصوص بيعية مقنعة لصفحة منتجك',
        'إعداد قمع مبيعات ورسائل بريد إلكتروني آلية',
        'إيجاد عملاء محتملين وبناء قائمة تواصل {لشركتك|لخدماتك}',
        'تسويق منتجك بالعمولة عبر شبكة من المسوقين',
      ],
      pitch: [
        'أكتب نصوصًا بيعية تخاطب احتياج العميل مباشرة وتقوده إلى الشراء، بناءً على خبرة في المتاجر الإلكترونية العربية.',
        'أبني لك نظام مبيعات بسيطًا: جذب العميل المحتمل، ثم متابعته برسائل مدروسة حتى يتخذ قرار الشراء.',
      ],
      items: [
        'تحليل المنتج والعميل المثالي',
        'عناوين جذابة ونصوص مقنعة',
        'سلسلة رسائل بريد للمتابعة',
        'قائمة عملاء محتملين في ملف Excel',
        'نصائح لرفع معدل التحويل',
      ],
      skills: ['مبيعات', 'كتابة إعلانية', 'تسويق بالعمولة', 'Email Marketing', 'Copywriting'],
      instructions: 'أرسل لي رابط منتجك أو وصفه، وسعره، والفئة التي تستهدفها، وأي نصوص تستخدمها حاليًا.',
      addons: [
        ['3 رسائل بريد إضافية', 10, 1],
        ['نسخة إنجليزية من النصوص', 15, 1],
      ],
    },
    en: {
      titles: [
        'Persuasive sales copy for your product page',
        'Email sales funnel with an automated follow-up sequence',
        'B2B lead generation: a verified list of prospects',
      ],
      pitch: [
        'I write sales copy that speaks to the customer’s need and leads them to buy, based on experience with Arabic and international online stores.',
        'I build a simple sales system: attract leads, then follow up with well-planned emails until they decide to buy.',
      ],
      items: [
        'Product and ideal customer analysis',
        'Strong headlines and persuasive copy',
        'Follow-up email sequence',
        'Lead list in Excel',
        'Tips to raise your conversion rate',
      ],
      skills: ['Sales', 'Copywriting', 'Email marketing', 'Lead generation'],
      instructions: 'Send your product link or description, price, target customers and any copy you use now.',
      addons: [
        ['3 more emails', 10, 1],
        ['Arabic version of the copy', 15, 1],
      ],
    },
  },

  // ——— writing and translation ———
  'content-writing': {
    price: [5, 80],
    days: [1, 5],
    ar: {
      titles: [
        'كتابة مقالات {حصرية|متوافقة مع SEO} لموقعك أو مدونتك',
        'كتابة محتوى صفحات موقعك بأسلوب تسويقي جذاب',
        'كتابة أوصاف منتجات لمتجرك الإلكتروني',
        ['كتابة سيناريو فيديو قصير لمواقع التواصل', ['كتابة سيناريو']],
      ],
      pitch: [
        'أكتب محتوى عربيًا أصيلًا خاليًا من الأخطاء، بأسلوب سلس يناسب جمهورك ويخدم أهدافك، بعيدًا عن النسخ والترجمة الحرفية.',
        'المحتوى الجيد يبني الثقة ويجلب الزيارات. أبحث جيدًا في الموضوع قبل الكتابة، وأقسم النص بعناوين واضحة تسهل القراءة.',
      ],
      items: [
        'محتوى يصل إلى 1000 كلمة',
        'بحث في المصادر الموثوقة',
        'عناوين فرعية وكلمات مفتاحية',
        'تدقيق لغوي قبل التسليم',
        'محتوى حصري يجتاز فحص الانتحال',
      ],
      skills: ['كتابة محتوى', 'كتابة مقالات', 'SEO', 'تسويق بالمحتوى', 'كتابة إبداعية'],
      instructions: 'أرسل لي الموضوع والكلمات المفتاحية، والجمهور المستهدف، ومثالًا لأسلوب كتابة يعجبك.',
      addons: [
        ['500 كلمة إضافية', 10, 1],
        ['صور مناسبة للمقال', 5, 0],
      ],
    },
    en: {
      titles: [
        'SEO blog articles for your {website|blog|online store}',
        'Website copy that turns visitors into customers',
        'Product descriptions for your online store',
      ],
      pitch: [
        'I write original, error-free content in a natural style that fits your audience and supports your goals.',
        'Good content builds trust and brings visitors. I research every topic and structure the text with clear headings.',
      ],
      items: [
        'Up to 1,000 words of content',
        'Research from reliable sources',
        'Subheadings and keywords',
        'Proofread before delivery',
        'Original, plagiarism-free content',
      ],
      skills: ['Content writing', 'Blog writing', 'SEO writing', 'Copywriting'],
      instructions: 'Send me the topic, keywords, target audience and an example of a style you like.',
      addons: [
        ['500 extra words', 10, 1],
        ['Matching stock images', 5, 0],
      ],
    },
  },
  translation: {
    price: [5, 100],
    days: [1, 5],
    ar: {
      titles: [
        'ترجمة احترافية من الإنجليزية إلى العربية',
        ['ترجمة {من الفرنسية إلى العربية|من العربية إلى الفرنسية} بدقة وأمانة', ['Français', 'ترجمة فرنسي عربي']],
        'ترجمة المستندات الرسمية والشهادات',
        'ترجمة المواقع والتطبيقات وتعريبها',
      ],
      pitch: [
        'أترجم بأسلوب طبيعي يقرؤه القارئ العربي كأنه كُتب بلغته أصلًا، مع الحفاظ على المعنى الدقيق والمصطلحات المتخصصة.',
        'خبرتي تشمل النصوص التسويقية والتقنية والقانونية، وألتزم بالمواعيد وأراجع كل ترجمة مرتين قبل التسليم.',
      ],
      items: [
        'ترجمة حتى 500 كلمة',
        'مراجعة المصطلحات المتخصصة',
        'الحفاظ على تنسيق الملف الأصلي',
        'تدقيق لغوي نهائي',
        'تعديل مجاني لأي ملاحظة',
      ],
      skills: ['ترجمة', 'ترجمة إنجليزي عربي', 'تعريب', 'ترجمة تقنية', 'ترجمة قانونية'],
      instructions: 'أرسل لي الملف بصيغة Word أو PDF، وحدد اللغة المطلوبة والغرض من الترجمة.',
      addons: [
        ['500 كلمة إضافية', 10, 1],
        ['ترجمة معتمدة بختم', 25, 2],
      ],
    },
    en: {
      titles: [
        'English to Arabic translation by a native speaker',
        'Arabic to English translation of {documents|websites|marketing copy}',
        'Website and app localisation into Arabic',
      ],
      pitch: [
        'I translate into natural Arabic that reads as if it were written in Arabic, keeping the exact meaning and terminology.',
        'Marketing, technical and legal texts — I meet deadlines and review every translation twice.',
      ],
      items: ['Up to 500 words', 'Terminology check', 'Original formatting preserved', 'Final proofreading', 'Free edits on your feedback'],
      skills: ['Translation', 'English to Arabic', 'Localisation', 'Arabic'],
      instructions: 'Send the file in Word or PDF and tell me the target language and purpose.',
      addons: [
        ['500 extra words', 10, 1],
        ['Certified translation with stamp', 25, 2],
      ],
    },
  },
  proofreading: {
    price: [5, 60],
    days: [1, 5],
    ar: {
      titles: [
        'تدقيق لغوي ونحوي شامل لنصوصك العربية',
        'مراجعة {رسالة ماجستير|بحث جامعي|كتاب} وتدقيقها قبل النشر',
        'تدقيق إملائي ونحوي للمقالات ومحتوى المواقع',
        'تحرير أدبي وتحسين صياغة النصوص',
      ],
      pitch: [
        'أصحح الأخطاء الإملائية والنحوية وعلامات الترقيم، وأحسن الصياغة دون المساس بأسلوبك أو بالمعنى الذي تريده.',
        'أراجع الأبحاث والكتب والمحتوى التسويقي بعين متخصصة في اللغة العربية، وأعيد الملف مع تتبع التغييرات لترى كل تعديل.',
      ],
      items: ['تصحيح الإملاء والنحو', 'ضبط علامات الترقيم', 'تحسين الصياغة والتراكيب', 'ملف بتتبع التغييرات', 'نسخة نهائية نظيفة'],
      skills: ['تدقيق لغوي', 'نحو وصرف', 'تحرير أدبي', 'اللغة العربية'],
      instructions: 'أرسل لي الملف بصيغة Word، واذكر نوع النص والجمهور الذي سيقرؤه.',
      addons: [
        ['1000 كلمة إضافية', 10, 1],
        ['تنسيق الملف حسب دليل الجامعة', 15, 1],
      ],
    },
    en: {
      titles: [
        'English proofreading and editing for {essays|articles|books}',
        'Arabic and English proofreading for your website',
        'Academic editing for theses and research papers',
      ],
      pitch: [
        'I fix spelling, grammar and punctuation and improve flow without changing your voice or meaning.',
        'I edit research papers, books and marketing copy, and return a tracked-changes file so you see every edit.',
      ],
      items: ['Spelling and grammar fixes', 'Punctuation', 'Improved sentence flow', 'Tracked-changes file', 'Clean final version'],
      skills: ['Proofreading', 'Editing', 'Academic writing', 'Grammar'],
      instructions: 'Send the file in Word and tell me the kind of text and its readers.',
      addons: [
        ['1,000 extra words', 10, 1],
        ['Formatting to your style guide', 15, 1],
      ],
    },
  },

  // ——— training and remote help ———
  tutoring: {
    price: [5, 50],
    days: [1, 7],
    ar: {
      titles: [
        ['دروس خصوصية في الرياضيات {للمرحلة الثانوية|للمرحلة الإعدادية|لطلاب الجامعة} عبر الإنترنت', ['رياضيات']],
        ['دروس في الفيزياء والكيمياء بشرح مبسط', ['فيزياء', 'كيمياء']],
        ['تعليم اللغة الإنجليزية للمبتدئين بطريقة ممتعة', ['اللغة الإنجليزية']],
        ['تعليم القرآن الكريم والتجويد عن بعد', ['القرآن الكريم', 'تجويد']],
        ['تأسيس الأطفال في القراءة والكتابة العربية', ['اللغة العربية', 'تأسيس القراءة']],
      ],
      pitch: [
        'أشرح المادة خطوة بخطوة بأمثلة من الحياة اليومية، وأتأكد من فهم الطالب قبل الانتقال إلى الدرس التالي.',
        'دروس مباشرة عبر Zoom أو Google Meet بمواعيد مرنة تناسبك، مع متابعة الواجبات وتقرير عن تقدم الطالب.',
      ],
      items: [
        'حصة مباشرة مدتها ساعة',
        'خطة دروس حسب مستوى الطالب',
        'تمارين وواجبات بعد كل حصة',
        'تسجيل الحصة للمراجعة',
        'تقرير أسبوعي عن التقدم',
      ],
      skills: ['دروس خصوصية', 'تعليم عن بعد', 'Zoom', 'تدريس'],
      instructions: 'أخبرني بالمرحلة الدراسية، والمنهج، والمواعيد المناسبة لك، وما تجده صعبًا في المادة.',
      addons: [
        ['حصة إضافية', 10, 0],
        ['ملخص مكتوب للدرس', 5, 0],
      ],
    },
    en: {
      titles: [
        ['Online math tutoring for {high school|middle school|university} students', ['Mathematics']],
        ['Spoken English lessons for beginners', ['English']],
        ['Learn Arabic online with a native teacher', ['Arabic']],
        ['IELTS and TOEFL preparation sessions', ['IELTS', 'TOEFL']],
      ],
      pitch: [
        'I explain step by step with everyday examples and make sure the student understands before moving on.',
        'Live lessons on Zoom or Google Meet at flexible times, with homework follow-up and progress reports.',
      ],
      items: [
        'One-hour live session',
        'Lesson plan for the student’s level',
        'Exercises after each session',
        'Session recording',
        'Weekly progress report',
      ],
      skills: ['Tutoring', 'Online teaching', 'Zoom'],
      instructions: 'Tell me the grade, curriculum, suitable times and what you find hard.',
      addons: [
        ['Extra session', 10, 0],
        ['Written lesson summary', 5, 0],
      ],
    },
  },
  'tech-support': {
    price: [5, 40],
    days: [1, 3],
    ar: {
      titles: [
        'حل مشكلات حاسوبك عن بعد {بسرعة|خلال ساعة}',
        'تثبيت البرامج وإعداد حاسوبك الجديد عن بعد',
        'إعداد البريد الإلكتروني للشركة على Google Workspace',
        'إزالة الفيروسات وتسريع الحاسوب',
      ],
      pitch: [
        'أتصل بجهازك عن بعد عبر AnyDesk أو TeamViewer بموافقتك، وأحل المشكلة وأنت تتابع كل خطوة على الشاشة.',
        'دعم تقني صبور وواضح لأصحاب الأعمال وغير المتخصصين: البريد الإلكتروني، والطابعات، والشبكات، والبرامج المكتبية.',
      ],
      items: [
        'جلسة دعم عن بعد حتى ساعة',
        'تشخيص المشكلة وحلها',
        'تثبيت البرامج وتحديثها',
        'نصائح لتجنب تكرار المشكلة',
        'متابعة بعد الجلسة',
      ],
      skills: ['دعم فني', 'ويندوز', 'Google Workspace', 'AnyDesk', 'شبكات'],
      instructions: 'صف المشكلة بالتفصيل، وأرسل صورة لرسالة الخطأ إن وجدت، وجهّز برنامج AnyDesk على جهازك.',
      addons: [
        ['ساعة دعم إضافية', 10, 0],
        ['إعداد نسخ احتياطي تلقائي', 10, 0],
      ],
    },
    en: {
      titles: [
        'Remote tech support for {Windows|Mac} problems',
        'Set up Google Workspace email for your business',
        'Virus removal and PC speed-up',
      ],
      pitch: [
        'With your permission I connect via AnyDesk or TeamViewer and fix the problem while you watch every step.',
        'Patient, clear tech help for business owners: email, printers, networks and office software.',
      ],
      items: [
        'Up to one hour of remote support',
        'Diagnosis and fix',
        'Software installation and updates',
        'Tips to avoid the problem again',
        'Follow-up after the session',
      ],
      skills: ['Tech support', 'Windows', 'macOS', 'Google Workspace'],
      instructions: 'Describe the problem, send a screenshot of any error, and install AnyDesk.',
      addons: [
        ['Extra hour of support', 10, 0],
        ['Automatic backup setup', 10, 0],
      ],
    },
  },
  courses: {
    price: [20, 200],
    days: [3, 14],
    ar: {
      titles: [
        ['دورة Excel مباشرة {للمحاسبين|للمبتدئين|لإعداد التقارير}', ['Excel']],
        ['دورة مباشرة في أساسيات التسويق الرقمي', ['تسويق رقمي']],
        ['دورة أساسيات البرمجة بلغة بايثون للمبتدئين', ['Python', 'برمجة']],
        'إعداد محتوى دورة تدريبية كاملة مع العروض التقديمية',
        ['تدريب فريقك على أدوات العمل عن بعد', ['العمل عن بعد']],
        ['دورة التصوير بالجوال للمبتدئين', ['تصوير']],
      ],
      pitch: [
        'أقدم دورات عملية مركزة تعتمد على التطبيق لا الحفظ، يخرج منها المتدرب بمهارة يستطيع استخدامها في عمله من اليوم التالي.',
        'أصمم الحقائب التدريبية وأقدمها مباشرة عبر الإنترنت للأفراد والشركات، مع تمارين وملفات يحتفظ بها المتدرب.',
      ],
      items: ['4 جلسات مباشرة عبر Zoom', 'ملفات وتمارين تطبيقية', 'تسجيل لكل الجلسات', 'شهادة حضور', 'جلسة أسئلة وأجوبة ختامية'],
      skills: ['تدريب', 'إعداد حقائب تدريبية', 'تعليم إلكتروني', 'عروض تقديمية'],
      instructions: 'أخبرني بعدد المتدربين ومستواهم، والمواعيد المناسبة، والمهارات التي تريد التركيز عليها.',
      addons: [
        ['جلسة إضافية', 15, 0],
        ['اختبار تقييم نهائي', 10, 1],
      ],
    },
    en: {
      titles: [
        ['Live online course: Excel {for accountants|for beginners|for reporting}', ['Excel']],
        ['Live online course: digital marketing basics', ['Digital marketing']],
        ['Intro to programming with Python for beginners', ['Python']],
        'Complete training course content with slides',
        ['Remote team training on collaboration tools', ['Remote work']],
      ],
      pitch: [
        'Practical, focused courses built on doing rather than memorising — your trainees use the skill at work the next day.',
        'I design training materials and teach live online for individuals and companies, with exercises and files trainees keep.',
      ],
      items: [
        'Four live Zoom sessions',
        'Practice files and exercises',
        'Recordings of every session',
        'Certificate of attendance',
        'Final Q&A session',
      ],
      skills: ['Training', 'Course design', 'E-learning', 'Presentations'],
      instructions: 'Tell me how many trainees, their level, suitable times and the skills to focus on.',
      addons: [
        ['Extra session', 15, 0],
        ['Final assessment quiz', 10, 1],
      ],
    },
  },

  // ——— other ———
  miscellaneous: {
    price: [5, 50],
    days: [1, 5],
    ar: {
      titles: [
        ['تصميم سيرة ذاتية احترافية تلفت انتباه أصحاب العمل', ['سيرة ذاتية']],
        ['البحث عن المعلومات في أي موضوع وتلخيصها', ['بحث', 'تلخيص']],
        ['استشارة شخصية في {تنظيم الوقت|اختيار التخصص الجامعي|بدء العمل الحر}', ['استشارات']],
        ['كتابة رسالة تحفيزية للمنح الدراسية والجامعات', ['منح دراسية', 'كتابة رسائل']],
      ],
      pitch: [
        'خدمات متنوعة أنجزها بسرعة وجودة: من السيرة الذاتية إلى البحث وجمع المعلومات، بعناية بالتفاصيل واحترام لخصوصيتك.',
        'أساعدك في المهام التي لا تجد لها وقتًا، بأسلوب منظم وتواصل واضح وتسليم في الموعد.',
      ],
      items: ['تنفيذ حسب طلبك بالتفصيل', 'ملف Word وPDF', 'تعديلان مجانيان', 'سرية تامة لمعلوماتك'],
      skills: ['تنظيم', 'كتابة', 'Word', 'خدمات متنوعة'],
      instructions: 'اشرح لي ما تحتاجه بالتفصيل، وأرسل أي ملفات أو معلومات تساعدني على البدء.',
      addons: [
        ['نسخة إنجليزية', 10, 1],
        ['خطاب تغطية (Cover Letter)', 10, 1],
      ],
    },
    en: {
      titles: [
        ['Professional CV and resume design that gets interviews', ['CV writing']],
        ['Online research and summary on any topic', ['Research', 'Summaries']],
        ['Motivation letter for scholarships and universities', ['Scholarships', 'Letter writing']],
      ],
      pitch: [
        'Various tasks done quickly and well — from CVs to research — with care for detail and your privacy.',
        'I help with the tasks you do not have time for: organised work, clear communication and on-time delivery.',
      ],
      items: ['Done exactly to your brief', 'Word and PDF files', 'Two free revisions', 'Full confidentiality'],
      skills: ['Writing', 'Word', 'Organisation'],
      instructions: 'Explain what you need in detail and send any files or information that help me start.',
      addons: [
        ['Arabic version', 10, 1],
        ['Cover letter', 10, 1],
      ],
    },
  },
};

const COMMON = {
  ar: {
    headers: ['ما ستحصل عليه:', 'تشمل الخدمة:', 'ماذا يتضمن العرض؟', 'تفاصيل الخدمة:'],
    experience: 'خبرتي في هذا المجال تزيد على {3|4|5|6|7|8|10} سنوات.',
    closings: [
      'أحرص على التواصل معك طوال فترة العمل، ولا أعدّ الطلب منتهيًا حتى تكون راضيًا تمامًا عن النتيجة.',
      'راسلني قبل الطلب إن كان لديك أي سؤال، ويسعدني أن أقترح عليك ما يناسب احتياجك.',
      'أقدم تعديلات مجانية حتى تصل إلى النتيجة التي تريدها، مع التزام كامل بموعد التسليم.',
      'أنجزت عشرات الطلبات المشابهة، وأتعامل مع كل مشروع بعناية كأنه مشروعي الخاص.',
    ],
    fast: 'تسليم سريع خلال 24 ساعة',
    source: 'ملفات المصدر',
    revision: 'جولة تعديلات إضافية',
  },
  en: {
    headers: ['What you get:', 'This service includes:', 'What’s included:'],
    experience: 'I have {3|4|5|6|8|10} years of experience in this field.',
    closings: [
      'I keep you updated throughout the work and revise until you are completely happy with the result.',
      'Feel free to message me before ordering — I am happy to suggest what fits your needs best.',
      'Revisions are included, and I always deliver on time.',
      'I have completed dozens of similar orders and treat every project as if it were my own.',
    ],
    fast: 'Express delivery in 24 hours',
    source: 'Source files',
    revision: 'Extra revision round',
  },
};

/** Whole-dollar prices sellers actually use. */
const PRICE_STEPS = [5, 10, 15, 20, 25, 30, 35, 40, 50, 60, 75, 80, 100, 120, 150, 200];

// ———————————————————————————————————————————— generator ————————————————————————————————————————————

export interface SubcategoryInfo {
  slug: string;
  topSlug: string;
  nameAr: string;
  nameEn: string;
  topAr: string;
  topEn: string;
}

/** Every subcategory of the starting tree, in order. */
export const SUBCATEGORIES: SubcategoryInfo[] = CATEGORY_TREE.flatMap((top) =>
  top.children.map(([slug, nameAr, nameEn]) => ({ slug, topSlug: top.slug, nameAr, nameEn, topAr: top.ar, topEn: top.en })),
);

export interface GeneratedService {
  /** Position in the generated sequence. */
  index: number;
  subSlug: string;
  topSlug: string;
  lang: 'ar' | 'en';
  title: string;
  description: string;
  skills: string[];
  priceCents: number;
  deliveryDays: number;
  instructions: string;
  addons: { title: string; priceCents: number; extraDays: number }[];
  /** How many images the demo gives it (1–3) and the seed of their pattern. */
  imageCount: number;
  imageSeed: number;
}

/**
 * An endless, deterministic stream of realistic services. Subcategories come round in shuffled rounds, so
 * any 29 consecutive services cover every subcategory; about three in four are in Arabic.
 */
export function serviceGenerator(seed = DEFAULT_SEED): () => GeneratedService {
  const r = rng(seed);
  let index = 0;
  let round: SubcategoryInfo[] = [];
  return () => {
    if (round.length === 0) round = sample(r, SUBCATEGORIES, SUBCATEGORIES.length);
    const sub = round.pop() as SubcategoryInfo;
    const t = TEMPLATES[sub.slug];
    const lang: 'ar' | 'en' = r() < 0.75 ? 'ar' : 'en';
    const side = t[lang];
    const common = COMMON[lang];

    const chosen = pick(r, side.titles);
    const [titleT, ownSkills] = typeof chosen === 'string' ? [chosen, []] : chosen;
    const title = fill(r, titleT);
    const steps = PRICE_STEPS.filter((p) => p >= t.price[0] && p <= t.price[1]);
    // Cheaper offers are more common than expensive ones.
    const dollars = steps[Math.floor(r() ** 1.6 * steps.length)];
    const deliveryDays = int(r, t.days[0], t.days[1]);
    const items = sample(r, side.items, int(r, 3, Math.min(5, side.items.length)));
    const description = [
      fill(r, pick(r, side.pitch)) + (r() < 0.5 ? ` ${fill(r, common.experience)}` : ''),
      [pick(r, common.headers), ...items.map((i) => `- ${i}`)].join('\n'),
      pick(r, common.closings),
    ].join('\n\n');
    const skills = [...new Set([...ownSkills, ...sample(r, side.skills, int(r, 3, Math.min(5, side.skills.length)))])].slice(0, 6);

    const pool: AddonT[] = [...side.addons, [common.revision, 5, 1]];
    if (deliveryDays >= 2) pool.push([common.fast, dollars >= 50 ? 20 : 10, 0]);
    if (t.files) pool.push([common.source, 15, 0]);
    const nAddons = pick(r, [0, 1, 1, 1, 2, 2, 2, 3]);
    const addons = sample(r, pool, nAddons).map(([a, d, days]) => ({ title: a, priceCents: d * 100, extraDays: days }));

    return {
      index: index++,
      subSlug: sub.slug,
      topSlug: sub.topSlug,
      lang,
      title,
      description,
      skills,
      priceCents: dollars * 100,
      deliveryDays,
      instructions: side.instructions,
      addons,
      imageCount: pick(r, [1, 1, 1, 1, 2, 2, 3]),
      imageSeed: Math.floor(r() * 2 ** 31),
    };
  };
}

export function generateServices(n: number, seed = DEFAULT_SEED): GeneratedService[] {
  const next = serviceGenerator(seed);
  return Array.from({ length: n }, () => next());
}

/** The draft the service layer receives for a generated service. */
export function draftOf(s: GeneratedService, categoryId: number, imageIds: number[]): ServiceDraft {
  return {
    title: s.title,
    categoryId,
    description: s.description,
    priceCents: s.priceCents,
    deliveryDays: s.deliveryDays,
    instructions: s.instructions,
    skills: s.skills,
    imageIds,
    addons: s.addons,
  };
}

/**
 * `services.search_text` exactly as the catalog service computes it: title, skills, the subcategory's and
 * its parent's names in both languages, and the description, normalised (keep in step with `searchTextOf`
 * in service.ts — demo.test.ts compares the two).
 */
export function serviceSearchText(
  d: Pick<ServiceDraft, 'title' | 'skills' | 'description'>,
  cat: { nameAr: string; nameEn: string; parentAr?: string; parentEn?: string } | null,
): string {
  const names = cat ? [cat.nameAr, cat.nameEn, cat.parentAr, cat.parentEn].filter(Boolean).join(' ') : '';
  return normalizeText(`${d.title} ${d.skills.join(' ')} ${names} ${d.description}`).slice(0, 8000);
}

// ————————————————————————————————————————————— images —————————————————————————————————————————————

/** Each top category's hue, so a category's images share a colour. */
const HUES: Record<string, number> = {
  business: 215,
  programming: 250,
  design: 330,
  video: 12,
  audio: 285,
  marketing: 32,
  'writing-translation': 168,
  training: 195,
  other: 140,
};

/** A pleasant 800×600 placeholder as SVG: a gradient in the category's colour and a few soft shapes. */
export function demoImageSvg(topSlug: string, seed: number): string {
  const r = rng(seed);
  const h = (HUES[topSlug] ?? 200) + int(r, -12, 12);
  const h2 = h + int(r, 25, 50);
  const shapes: string[] = [];
  const n = int(r, 4, 7);
  for (let i = 0; i < n; i++) {
    const x = int(r, 40, 760);
    const y = int(r, 40, 560);
    const o = (0.1 + r() * 0.22).toFixed(2);
    const fill = r() < 0.75 ? '#ffffff' : `hsl(${h2},80%,25%)`;
    const kind = int(r, 0, 3);
    if (kind === 0) shapes.push(`<circle cx="${x}" cy="${y}" r="${int(r, 30, 150)}" fill="${fill}" fill-opacity="${o}"/>`);
    else if (kind === 1) {
      const w = int(r, 80, 260);
      const hh = int(r, 60, 200);
      shapes.push(
        `<rect x="${x - w / 2}" y="${y - hh / 2}" width="${w}" height="${hh}" rx="${int(r, 10, 40)}" fill="${fill}" fill-opacity="${o}" transform="rotate(${int(r, -25, 25)} ${x} ${y})"/>`,
      );
    } else if (kind === 2) {
      const s = int(r, 60, 170);
      shapes.push(`<polygon points="${x},${y - s} ${x + s},${y + s * 0.8} ${x - s},${y + s * 0.8}" fill="${fill}" fill-opacity="${o}"/>`);
    } else {
      shapes.push(
        `<circle cx="${x}" cy="${y}" r="${int(r, 40, 130)}" fill="none" stroke="#ffffff" stroke-opacity="${o}" stroke-width="${int(r, 8, 22)}"/>`,
      );
    }
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600" viewBox="0 0 800 600">` +
    `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">` +
    `<stop offset="0" stop-color="hsl(${h},72%,60%)"/><stop offset="1" stop-color="hsl(${h2},68%,38%)"/>` +
    `</linearGradient></defs><rect width="800" height="600" fill="url(#g)"/>${shapes.join('')}</svg>`
  );
}

/** The placeholder as JPEG bytes, as a seller would upload a photo (`saveImage` re-encodes it). */
export async function demoImage(topSlug: string, seed: number): Promise<Buffer> {
  return sharp(Buffer.from(demoImageSvg(topSlug, seed)))
    .jpeg({ quality: 90 })
    .toBuffer();
}

// ————————————————————————————————————————————— sellers —————————————————————————————————————————————

export interface SellerProfile {
  username: string;
  name: string;
  country: string;
  skills: string[];
  languages: string[];
  bio: string;
  /** Top categories this seller works in. */
  specialties: string[];
}

/** The three demo freelancers `seedDemo` creates, and what they sell. */
const EXISTING_DEMO_SELLERS: Record<string, string[]> = {
  sara_designs: ['design'],
  omar_dev: ['programming'],
  layla_translates: ['writing-translation'],
};

/** More demo sellers, created with their profiles the way `seedDemo` creates its freelancers. */
export const DEMO_SELLERS: SellerProfile[] = [
  {
    username: 'nour_creative',
    name: 'نور الهدى سليمان',
    country: 'SA',
    skills: ['موشن جرافيك', 'تصميم سوشيال ميديا', 'After Effects'],
    languages: ['العربية', 'English'],
    bio: 'مصممة ومحرّكة رسوم، أحب تحويل الأفكار المعقدة إلى فيديوهات قصيرة ومبهجة. عملت مع علامات تجارية سعودية وخليجية.',
    specialties: ['design', 'video'],
  },
  {
    username: 'khaled_codes',
    name: 'خالد العتيبي',
    country: 'KW',
    skills: ['Python', 'Flutter', 'أتمتة'],
    languages: ['العربية', 'English'],
    bio: 'مهندس برمجيات، أحب الأتمتة وبناء التطبيقات العملية التي توفر وقت أصحاب الأعمال.',
    specialties: ['programming', 'training'],
  },
  {
    username: 'yousef_studio',
    name: 'يوسف الحداد',
    country: 'LB',
    skills: ['مونتاج فيديو', 'هندسة صوتية', 'Premiere Pro'],
    languages: ['العربية', 'English', 'Français'],
    bio: 'صانع محتوى ومونتير منذ عشر سنوات، أملك استوديو صغيرًا للتسجيل والمونتاج في بيروت.',
    specialties: ['video', 'audio'],
  },
  {
    username: 'huda_voice',
    name: 'هدى الشمري',
    country: 'IQ',
    skills: ['تعليق صوتي', 'الفصحى', 'إلقاء'],
    languages: ['العربية'],
    bio: 'معلّقة صوتية بالفصحى واللهجة العراقية، سجلت إعلانات ووثائقيات وكتبًا صوتية.',
    specialties: ['audio', 'writing-translation'],
  },
  {
    username: 'ahmed_growth',
    name: 'أحمد السيد',
    country: 'EG',
    skills: ['إعلانات ممولة', 'SEO', 'تسويق رقمي'],
    languages: ['العربية', 'English'],
    bio: 'مسوق رقمي ساعد أكثر من خمسين متجرًا إلكترونيًا على مضاعفة مبيعاتها عبر الإعلانات وتحسين محركات البحث.',
    specialties: ['marketing'],
  },
  {
    username: 'rana_social',
    name: 'رنا الخطيب',
    country: 'PS',
    skills: ['إدارة حسابات التواصل', 'كتابة محتوى', 'Canva'],
    languages: ['العربية', 'English'],
    bio: 'أدير حسابات التواصل لعلامات تجارية ناشئة، وأكتب محتوى قريبًا من الناس.',
    specialties: ['marketing', 'writing-translation'],
  },
  {
    username: 'fatima_consult',
    name: 'فاطمة بن علي',
    country: 'TN',
    skills: ['دراسات جدوى', 'تحليل مالي', 'استشارات قانونية'],
    languages: ['العربية', 'Français'],
    bio: 'مستشارة أعمال ومحاسبة، أعددت دراسات جدوى لمشاريع صغيرة ومتوسطة في تونس والخليج.',
    specialties: ['business'],
  },
  {
    username: 'mahmoud_va',
    name: 'محمود ياسين',
    country: 'DZ',
    skills: ['مساعد افتراضي', 'إدخال بيانات', 'Excel'],
    languages: ['العربية', 'Français'],
    bio: 'مساعد افتراضي دقيق ومنظم، أساعد رواد الأعمال على إدارة مهامهم اليومية عن بعد.',
    specialties: ['business', 'other'],
  },
  {
    username: 'mariam_teaches',
    name: 'مريم العلي',
    country: 'JO',
    skills: ['دروس خصوصية', 'رياضيات', 'تدريب'],
    languages: ['العربية', 'English'],
    bio: 'معلمة رياضيات ومدربة معتمدة، أقدم دروسًا ودورات مباشرة عبر الإنترنت لطلاب من مختلف الدول العربية.',
    specialties: ['training', 'other'],
  },
];

const FIRST_NAMES: [string, string, 'm' | 'f'][] = [
  ['محمد', 'mohamed', 'm'],
  ['أحمد', 'ahmed', 'm'],
  ['علي', 'ali', 'm'],
  ['عمر', 'omar', 'm'],
  ['يوسف', 'yousef', 'm'],
  ['خالد', 'khaled', 'm'],
  ['حسن', 'hassan', 'm'],
  ['إبراهيم', 'ibrahim', 'm'],
  ['مصطفى', 'mostafa', 'm'],
  ['عبدالله', 'abdullah', 'm'],
  ['كريم', 'karim', 'm'],
  ['طارق', 'tarek', 'm'],
  ['سامي', 'sami', 'm'],
  ['زياد', 'ziad', 'm'],
  ['فيصل', 'faisal', 'm'],
  ['باسل', 'basel', 'm'],
  ['هشام', 'hisham', 'm'],
  ['وليد', 'walid', 'm'],
  ['فاطمة', 'fatima', 'f'],
  ['مريم', 'mariam', 'f'],
  ['سارة', 'sara', 'f'],
  ['نور', 'nour', 'f'],
  ['ليلى', 'layla', 'f'],
  ['هدى', 'huda', 'f'],
  ['رنا', 'rana', 'f'],
  ['آمنة', 'amina', 'f'],
  ['ياسمين', 'yasmin', 'f'],
  ['دينا', 'dina', 'f'],
  ['ريم', 'reem', 'f'],
  ['سلمى', 'salma', 'f'],
  ['هبة', 'heba', 'f'],
  ['لينا', 'lina', 'f'],
];
const LAST_NAMES = [
  'الأحمد',
  'الحسن',
  'السيد',
  'المصري',
  'العتيبي',
  'القحطاني',
  'الزهراني',
  'الشمري',
  'الحداد',
  'النجار',
  'الخطيب',
  'بن علي',
  'منصور',
  'عبد الرحمن',
  'التميمي',
  'السعدي',
  'العمري',
  'حجازي',
  'سليمان',
  'الشريف',
  'البنا',
  'الكبيسي',
];
const COUNTRIES = ['EG', 'SA', 'JO', 'MA', 'DZ', 'TN', 'AE', 'KW', 'LB', 'PS', 'IQ', 'SY', 'YE', 'SD', 'OM', 'QA', 'BH', 'LY'];
const ROLES: Record<string, [string, string]> = {
  business: ['مستشار أعمال', 'مستشارة أعمال'],
  programming: ['مطور برمجيات', 'مطورة برمجيات'],
  design: ['مصمم جرافيك', 'مصممة جرافيك'],
  video: ['محرر فيديو', 'محررة فيديو'],
  audio: ['مهندس صوت', 'مهندسة صوت'],
  marketing: ['مسوق رقمي', 'مسوقة رقمية'],
  'writing-translation': ['كاتب ومترجم', 'كاتبة ومترجمة'],
  training: ['مدرب ومعلم', 'مدربة ومعلمة'],
  other: ['مستقل', 'مستقلة'],
};
const BIO_ENDINGS = [
  'أهتم بالتفاصيل وألتزم بالمواعيد، وأتواصل بوضوح مع كل عميل.',
  'أحب العمل مع المشاريع الناشئة وأساعدها على الظهور بأفضل صورة.',
  'رضا العميل عندي قبل كل شيء، وأراجع عملي مرتين قبل التسليم.',
  'أعمل عن بعد مع عملاء من مختلف الدول العربية منذ سنوات.',
];

/** A generated seller (name, username, country, skills, bio) for seller number `i`, working in `topSlug`. */
export function sellerProfileOf(i: number, topSlug: string, tag: string, seed = DEFAULT_SEED): SellerProfile {
  const r = rng(seed ^ Math.imul(i + 1, 0x9e3779b1));
  const [first, latin, gender] = pick(r, FIRST_NAMES);
  const top = CATEGORY_TREE.find((c) => c.slug === topSlug) ?? CATEGORY_TREE[0];
  const subs = SUBCATEGORIES.filter((s) => s.topSlug === top.slug);
  const skills = sample(r, [...new Set(subs.flatMap((s) => TEMPLATES[s.slug].ar.skills))], 3);
  const role = ROLES[top.slug]?.[gender === 'm' ? 0 : 1] ?? 'مستقل';
  return {
    username: `${latin}_${tag}${i}`.slice(0, 30),
    name: `${first} ${pick(r, LAST_NAMES)}`,
    country: pick(r, COUNTRIES),
    skills,
    languages: r() < 0.6 ? ['العربية', 'English'] : r() < 0.5 ? ['العربية', 'Français'] : ['العربية'],
    bio: `${role} بخبرة ${int(r, 3, 10)} سنوات في مجال ${top.ar}. ${pick(r, BIO_ENDINGS)}`,
    specialties: [top.slug],
  };
}

const actorOf = (u: { id: number; username: string; displayName: string; email: string }): AuthUser => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  email: u.email,
  roles: [],
  emailVerified: true,
  locale: 'ar',
  sessionId: 0,
});

/** Creates a verified account with its public profile, as `seedDemo` does for its freelancers. */
export async function createDemoSeller(services: Services, p: SellerProfile, password: string) {
  const u = await services.accounts.createDemoUser({ email: `${p.username}@kafiil.local`, username: p.username, password });
  return services.accounts.updateProfile(actorOf(u), {
    displayName: p.name,
    bio: p.bio,
    country: p.country,
    skills: p.skills,
    languages: p.languages,
  });
}

/** A gate that lets at most `n` of the functions given to it run at once, in the order given. */
function limiter(n: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    if (active >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await fn();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

/** Runs `fn` over `items` with at most `limit` in flight; results in order. */
async function pool<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

type SubcategoryRow = SubcategoryInfo & { id: number };

/** The subcategories' ids in this database (from the catalog service, or straight from the table). */
async function subcategoryIds(source: Services | Db): Promise<Map<string, SubcategoryRow>> {
  const out = new Map<string, SubcategoryRow>();
  if ('catalog' in source) {
    for (const top of await source.catalog.categoryTree()) {
      for (const c of top.children) {
        out.set(c.slug, {
          id: c.id,
          slug: c.slug,
          topSlug: top.slug,
          nameAr: c.nameAr,
          nameEn: c.nameEn,
          topAr: top.nameAr,
          topEn: top.nameEn,
        });
      }
    }
  } else {
    const rows = await source.select().from(categories).orderBy(asc(categories.id));
    const byId = new Map(rows.map((c) => [c.id, c]));
    for (const c of rows) {
      const top = c.parentId === null ? undefined : byId.get(c.parentId);
      if (top)
        out.set(c.slug, {
          id: c.id,
          slug: c.slug,
          topSlug: top.slug,
          nameAr: c.nameAr,
          nameEn: c.nameEn,
          topAr: top.nameAr,
          topEn: top.nameEn,
        });
    }
  }
  const missing = SUBCATEGORIES.filter((s) => !out.has(s.slug)).map((s) => s.slug);
  if (missing.length) throw new Error(`demo services: categories missing (run seedBase first): ${missing.join(', ')}`);
  return out;
}

// ——————————————————————————————————————————— demo services ———————————————————————————————————————————

type Staff = Pick<AuthUser, 'id' | 'roles'>;

export interface DemoSeedResult {
  services: number[];
  sellers: number;
  images: number;
}

/**
 * Demo sellers and `count` published services through the real service layer: images uploaded with
 * `files.saveImage`, services submitted with `catalog.create` and approved by a moderator. Sellers keep
 * within their level's service limit: the demo freelancers `seedDemo` made, then more demo sellers, then
 * generated ones as needed.
 */
export async function seedDemoServices(
  services: Services,
  count = 60,
  opts: {
    seed?: number;
    /** Who approves; defaults to the demo admin if present, else a system moderator. */
    moderator?: Staff;
    /** Password of each newly created seller (default: random, unusable until reset). */
    password?: (username: string) => string;
    concurrency?: number;
  } = {},
): Promise<DemoSeedResult> {
  const seed = opts.seed ?? DEFAULT_SEED;
  const subs = await subcategoryIds(services);
  const password = opts.password ?? (() => randomBytes(18).toString('base64url'));
  let moderator = opts.moderator;
  if (!moderator) {
    const admin = await services.accounts.byUsername('demo_admin');
    moderator = admin?.roles.some((r) => r === 'moderator' || r === 'admin') ? admin : { id: 0, roles: ['moderator'] };
  }

  interface Slot {
    user: AuthUser;
    specialties: string[];
    free: number;
  }
  const slots: Slot[] = [];
  const addSlot = async (user: AuthUser, specialties: string[]) => {
    const level = await services.accounts.sellerLevelOf(user.id);
    const allowed = SERVICES_ALLOWED[level] ?? SERVICES_ALLOWED.new;
    const active = (await services.catalog.bySeller(user.id, user, 1000)).filter((s) =>
      ['pending', 'published', 'paused'].includes(s.status),
    ).length;
    slots.push({ user, specialties, free: Math.min(Math.max(0, allowed - active), 1_000_000) });
  };
  for (const [username, specialties] of Object.entries(EXISTING_DEMO_SELLERS)) {
    const u = await services.accounts.byUsername(username);
    if (u) await addSlot(actorOf(u), specialties);
  }
  for (const p of DEMO_SELLERS) {
    const u = (await services.accounts.byUsername(p.username)) ?? (await createDemoSeller(services, p, password(p.username)));
    await addSlot(actorOf(u), p.specialties);
  }

  const generated = generateServices(count, seed);
  const plan: { s: GeneratedService; seller: Slot }[] = [];
  let extra = 0;
  for (const s of generated) {
    const open = slots.filter((x) => x.free > 0);
    const specialists = open.filter((x) => x.specialties.includes(s.topSlug));
    let seller = (specialists.length ? specialists : open).sort((a, b) => b.free - a.free)[0];
    if (!seller) {
      let p: SellerProfile;
      do p = sellerProfileOf(extra++, s.topSlug, 'demo', seed);
      while (await services.accounts.byUsername(p.username));
      const u = await createDemoSeller(services, p, password(p.username));
      await addSlot(actorOf(u), p.specialties);
      seller = slots[slots.length - 1];
      if (seller.free <= 0) throw new Error('demo services: a new seller may not publish any service');
    }
    seller.free--;
    plan.push({ s, seller });
  }

  // Images are made and uploaded (CPU work in sharp's threads) ahead of the services that use them, so the
  // encoding overlaps the database work of creating and approving.
  const uploadOne = limiter(3);
  const uploads = plan.map(({ s, seller }) =>
    Promise.all(
      Array.from({ length: s.imageCount }, (_, k) =>
        uploadOne(async () => {
          const bytes = await demoImage(s.topSlug, s.imageSeed + k);
          const f = await services.files.saveImage(
            seller.user.id,
            { name: `${s.subSlug}-${s.index + 1}-${k + 1}.jpg`, bytes },
            'service_image',
          );
          return f.id;
        }),
      ),
    ),
  );
  for (const u of uploads) u.catch(() => {}); // awaited below; this only keeps an early failure from being "unhandled"
  const images = plan.reduce((a, p) => a + p.s.imageCount, 0);
  const ids = await pool(plan, opts.concurrency ?? 2, async ({ s, seller }, i) => {
    const sub = subs.get(s.subSlug) as SubcategoryRow;
    const imageIds = await uploads[i];
    const created = await services.catalog.create(seller.user, { ...draftOf(s, sub.id, imageIds) }, { submit: true });
    await services.catalog.approve(moderator, created.id);
    return created.id;
  });
  return { services: ids, sellers: new Set(plan.map((p) => p.seller.user.id)).size, images };
}

// ——————————————————————————————————————————— bulk services ———————————————————————————————————————————

/** The search indexes of `services` as schema.ts declares them. */
const SEARCH_INDEXES = [
  { name: 'services_vector_idx', def: 'CREATE INDEX services_vector_idx ON services USING gin (search_vector)' },
  { name: 'services_trgm_idx', def: 'CREATE INDEX services_trgm_idx ON services USING gin (search_text gin_trgm_ops)' },
];

export interface BulkSeedResult {
  services: number;
  sellers: number;
  images: number;
  firstId: number;
  lastId: number;
  /** Whether the search indexes were dropped during the inserts and built again after. */
  rebuiltIndexes: boolean;
  seconds: { sellers: number; images: number; services: number; indexes: number; total: number };
}

/**
 * N published services inserted straight into `services` with multi-row INSERTs (for benchmarks). Sellers
 * are created through the accounts service, each working in one top category. A small pool of placeholder
 * images per top category is uploaded through `files.saveImage` by that category's first seller, and the
 * category's services show one or two of them (so most bulk services show images another seller uploaded:
 * fine to look at, but an edit through the service layer would ask for the seller's own images). Titles and
 * descriptions come from the same generator as the demo; `search_text` is computed as the service layer
 * does; publication dates spread over the past year. Level limits are not applied (a benchmark seller has
 * hundreds of services).
 *
 * For large N the two GIN search indexes are dropped first and built again at the end (several times faster
 * than updating them row by row); meanwhile searches still work, only slower. The end runs ANALYZE.
 */
export async function seedBulkServices(
  db: Db,
  n: number,
  opts: {
    services: Services;
    seed?: number;
    /** Default: one per 5 services, at most 300. */
    sellers?: number;
    /** Images uploaded per top category (default 3). */
    imagePool?: number;
    batchSize?: number;
    /** Batches in flight at once (PostgreSQL: a few; PGlite runs one at a time anyway). */
    concurrency?: number;
    /** Drop and rebuild the GIN search indexes around the inserts (default: when n ≥ 10,000). */
    rebuildIndexes?: boolean;
    now?: Date;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<BulkSeedResult> {
  const t0 = performance.now();
  const seed = opts.seed ?? DEFAULT_SEED;
  const svc = opts.services;
  const subs = await subcategoryIds(db);
  const sellerCount = Math.max(1, opts.sellers ?? Math.min(300, Math.ceil(n / 5)));
  const tops = CATEGORY_TREE.map((c) => c.slug);
  // Usernames carry a random tag (1.7 million values), so runs on one database do not collide.
  const tag = Array.from(randomBytes(4), (b) => 'abcdefghijklmnopqrstuvwxyz0123456789'[b % 36]).join('');
  const password = randomBytes(18).toString('base64url');

  // Sellers: seller i works in top category i mod 9.
  const sellers = await pool(
    Array.from({ length: sellerCount }, (_, i) => i),
    8,
    async (i) => {
      const top = tops[i % tops.length];
      const u = await createDemoSeller(svc, sellerProfileOf(i, top, tag, seed), password);
      return { id: u.id, top, level: u.sellerLevel };
    },
  );
  const t1 = performance.now();

  // Images: a few per top category, uploaded by the category's first seller.
  const perTop = Math.max(1, Math.min(9, opts.imagePool ?? 3));
  const imagesOf = new Map<string, number[]>();
  await pool(tops, 3, async (top) => {
    const owner = sellers.find((s) => s.top === top) ?? sellers[0];
    const ids: number[] = [];
    for (let k = 0; k < perTop; k++) {
      const bytes = await demoImage(top, seed + 7919 * (k + 1) + top.length);
      ids.push((await svc.files.saveImage(owner.id, { name: `${top}-${k + 1}.jpg`, bytes }, 'service_image')).id);
    }
    imagesOf.set(top, ids);
  });
  const t2 = performance.now();

  const rebuild = opts.rebuildIndexes ?? n >= 10_000;
  const ginIndexes = rebuild
    ? await queryRows<{ name: string; def: string }>(
        db,
        sql`SELECT indexname AS name, indexdef AS def FROM pg_indexes
            WHERE schemaname = current_schema() AND tablename = 'services' AND indexdef ILIKE '% USING gin %'`,
      )
    : [];
  for (const ix of ginIndexes) await db.execute(sql.raw(`DROP INDEX IF EXISTS "${ix.name}"`));
  // Also the schema's own (schema.ts): a run killed before it rebuilt them leaves them missing; this heals it.
  for (const ix of SEARCH_INDEXES) if (!ginIndexes.some((g) => g.name === ix.name)) ginIndexes.push(ix);

  const byTop = new Map<string, number[]>();
  sellers.forEach((s, i) => {
    byTop.set(s.top, [...(byTop.get(s.top) ?? []), i]);
  });
  const next = serviceGenerator(seed);
  const r = rng(seed + 1);
  const now = (opts.now ?? new Date()).getTime();
  const batchSize = opts.batchSize ?? 1000;
  let done = 0;
  let firstId = Number.POSITIVE_INFINITY;
  let lastId = 0;
  let t3 = t2;
  try {
    await pool(
      Array.from({ length: Math.ceil(n / batchSize) }, (_, b) => b),
      opts.concurrency ?? 3,
      async (b) => {
        // Rows are made synchronously before the first await, so the generator's order is the batches' order.
        const rows: (typeof servicesTable.$inferInsert)[] = [];
        for (let k = b * batchSize; k < Math.min(n, (b + 1) * batchSize); k++) {
          const s = next();
          const sub = subs.get(s.subSlug) as SubcategoryRow;
          const candidates = byTop.get(s.topSlug) ?? [];
          const seller = sellers[candidates.length ? candidates[Math.floor(r() * candidates.length)] : Math.floor(r() * sellers.length)];
          const pics = imagesOf.get(s.topSlug) ?? [];
          const first = Math.floor(r() * pics.length);
          const imageIds = Array.from({ length: Math.min(pics.length, s.imageCount, 2) }, (_, j) => pics[(first + j) % pics.length]);
          const publishedAt = new Date(now - Math.floor(r() * 365 * 86_400_000));
          rows.push({
            sellerId: seller.id,
            sellerLevel: seller.level,
            status: 'published',
            title: s.title,
            categoryId: sub.id,
            description: s.description,
            priceCents: s.priceCents,
            deliveryDays: s.deliveryDays,
            instructions: s.instructions,
            skills: s.skills,
            imageIds,
            addons: s.addons.map((a, j) => ({ id: j + 1, ...a })),
            searchText: serviceSearchText(s, { nameAr: sub.nameAr, nameEn: sub.nameEn, parentAr: sub.topAr, parentEn: sub.topEn }),
            publishedAt,
            createdAt: new Date(publishedAt.getTime() - Math.floor(r() * 3 * 86_400_000)),
            updatedAt: publishedAt,
          });
        }
        const ids = await db.insert(servicesTable).values(rows).returning({ id: servicesTable.id });
        for (const { id } of ids) {
          if (id < firstId) firstId = id;
          if (id > lastId) lastId = id;
        }
        done += rows.length;
        opts.onProgress?.(done, n);
      },
    );
  } finally {
    t3 = performance.now();
    // Both GIN indexes build at once, on two connections (PGlite takes them in turn).
    await Promise.all(
      ginIndexes.map((ix) =>
        db.transaction(async (tx) => {
          await tx.execute(sql`SET LOCAL maintenance_work_mem = '256MB'`);
          await tx.execute(sql.raw(ix.def.replace(/^CREATE INDEX /i, 'CREATE INDEX IF NOT EXISTS ')));
        }),
      ),
    );
  }
  // Fresh statistics, so the planner knows the new rows at once (autovacuum would, later).
  await db.execute(sql`ANALYZE services`);
  const t4 = performance.now();
  const sec = (ms: number) => Math.round(ms) / 1000;
  return {
    services: n,
    sellers: sellerCount,
    images: perTop * tops.length,
    firstId: n ? firstId : 0,
    lastId,
    rebuiltIndexes: rebuild,
    seconds: { sellers: sec(t1 - t0), images: sec(t2 - t1), services: sec(t3 - t2), indexes: sec(t4 - t3), total: sec(t4 - t0) },
  };
}
