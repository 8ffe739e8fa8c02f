import type { Services } from './platform/container.ts';
import type { AuthUser } from './platform/http/auth.ts';

/**
 * The demo's life, on top of its users and services (seed.ts): buyers with money paid in through the sandbox
 * gateway, open projects with freelancers' bids, orders carried through to completion with both sides' reviews,
 * one order under way, and conversations. Everything goes through the modules' services, as people would do it
 * (the ledger moves the money, the contact-detail detector reads every text). Deterministic texts; run once: a
 * database that already has the demo buyers is left as it is.
 */

type Staff = { id: number; roles: string[] };

const actorOf = (u: { id: number; username: string; displayName: string; email: string; roles?: string[] }): AuthUser => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  email: u.email,
  roles: u.roles ?? [],
  emailVerified: true,
  locale: 'ar',
  sessionId: 0,
});

export const DEMO_BUYERS = [
  {
    username: 'huda_store',
    name: 'هدى سالم',
    country: 'SA',
    bio: 'صاحبة متجر إلكتروني صغير للعطور، أبحث دائمًا عن مصممين وكتّاب محتوى يفهمون السوق الخليجي.',
  },
  {
    username: 'karim_startup',
    name: 'كريم يوسف',
    country: 'EG',
    bio: 'مؤسس شركة ناشئة في التعليم الإلكتروني، أعمل مع مستقلين في البرمجة والترجمة والتسويق.',
  },
] as const;

/** Open projects (owner, texts, budget in cents, days) and who bids on each (amount in cents, days, proposal). */
const DEMO_PROJECTS = [
  {
    owner: 'huda_store',
    category: 'logo-design',
    title: 'تصميم شعار وهوية بصرية لمتجر عطور',
    description:
      'أحتاج إلى شعار جديد لمتجر عطور إلكتروني يعبّر عن الفخامة والبساطة معًا، مع ألوان الهوية والخطوط وبطاقة عمل وغلاف لحسابات التواصل الاجتماعي. أريد ثلاثة مقترحات أولية ثم تعديلات على المقترح المختار حتى الاعتماد النهائي.',
    skills: ['تصميم شعارات', 'هوية بصرية'],
    budget: [10_000, 25_000],
    days: 10,
    bids: [
      {
        by: 'sara_designs',
        amountCents: 18_000,
        days: 8,
        proposal:
          'صممت هويات لمتاجر عطور ومستحضرات تجميل في الخليج. أقدم ثلاثة مقترحات خلال أربعة أيام، ثم التعديلات حتى الاعتماد، مع دليل استخدام مختصر للهوية.',
      },
      {
        by: 'nour_creative',
        amountCents: 15_000,
        days: 10,
        proposal:
          'أبدأ بدراسة قصيرة للمنافسين وذوق جمهورك، ثم أرسل مقترحين أو ثلاثة بالأبيض والأسود قبل الألوان، وأسلّم كل الملفات المصدرية بصيغ الطباعة والشاشة.',
      },
    ],
  },
  {
    owner: 'karim_startup',
    category: 'web-development',
    title: 'موقع تعريفي لمنصة تعليمية مع صفحة تسجيل',
    description:
      'نريد موقعًا تعريفيًا سريعًا لمنصة تعليمية باللغتين العربية والإنجليزية: صفحة رئيسية، صفحة للدورات، صفحة من نحن، ونموذج تسجيل اهتمام يحفظ البيانات في لوحة تحكم بسيطة. يجب أن يعمل جيدًا على الجوال وأن تكون الصفحات خفيفة.',
    skills: ['تطوير مواقع', 'React'],
    budget: [50_000, 100_000],
    days: 21,
    bids: [
      {
        by: 'omar_dev',
        amountCents: 80_000,
        days: 18,
        proposal:
          'أبني الموقع بصفحات خفيفة تعمل دون انتظار على الجوال، باللغتين مع اتجاه الكتابة الصحيح لكل لغة، ولوحة تحكم بسيطة لقائمة المهتمين مع تصديرها إلى ملف جدول.',
      },
    ],
  },
  {
    owner: 'karim_startup',
    category: 'translation',
    title: 'ترجمة محتوى دورة تدريبية من الإنجليزية إلى العربية',
    description:
      'لدينا دورة تدريبية في مهارات العرض والتقديم من عشرة دروس، في كل درس نحو ألف ومئتي كلمة. نحتاج ترجمة عربية سلسة تناسب المتعلمين وليست حرفية، مع الحفاظ على المصطلحات ومراجعة لغوية قبل التسليم.',
    skills: ['ترجمة', 'تدقيق لغوي'],
    budget: [25_000, 50_000],
    days: 14,
    bids: [
      {
        by: 'layla_translates',
        amountCents: 40_000,
        days: 12,
        proposal:
          'أترجم المحتوى التعليمي منذ سنوات، وأراعي أن يكون النص العربي طبيعيًا للمتعلم. أسلّم الدروس على دفعات لتراجعوها أولًا بأول، مع قائمة بالمصطلحات المعتمدة.',
      },
    ],
  },
  {
    owner: 'huda_store',
    category: 'social-media-marketing',
    title: 'إدارة حسابات المتجر على إنستغرام لمدة شهر',
    description:
      'أبحث عن مستقل يدير حساب المتجر على إنستغرام لمدة شهر: خطة محتوى أسبوعية، تصميم اثني عشر منشورًا وثماني قصص، كتابة التعليقات المرافقة، والرد على التعليقات في أوقات محددة، مع تقرير أداء في نهاية الشهر.',
    skills: ['تسويق', 'إدارة حسابات'],
    budget: [25_000, 50_000],
    days: 30,
    bids: [
      {
        by: 'rana_social',
        amountCents: 35_000,
        days: 30,
        proposal:
          'أدير حسابات متاجر على إنستغرام منذ أربع سنوات. أرسل لك خطة الشهر في أول يومين لتعتمديها، ثم المنشورات والقصص أسبوعًا بأسبوع، وتقريرًا واضحًا بالأرقام في النهاية.',
      },
    ],
  },
] as const;

/** Orders carried to completion (buyer, seller, reviews both ways) and one left under way. */
const DEMO_ORDERS = [
  {
    buyer: 'huda_store',
    seller: 'sara_designs',
    delivery: 'أرفقت لك المقترحات النهائية للشعار مع الألوان والخطوط كما اتفقنا، وكل الملفات المصدرية جاهزة.',
    buyerReview: { quality: 5, communication: 5, onTime: 5, comment: 'عمل راقٍ وتواصل ممتاز، فهمت ما أريد من أول مرة.' },
    sellerReview: { quality: 5, communication: 5, onTime: 5, comment: 'وصف واضح للمطلوب وردود سريعة، سعدت بالعمل معها.' },
  },
  {
    buyer: 'karim_startup',
    seller: 'layla_translates',
    delivery: 'سلّمت الترجمة كاملة مع المراجعة اللغوية، وأضفت ملاحظات قليلة على المصطلحات لتختاروا بينها.',
    buyerReview: { quality: 5, communication: 4, onTime: 5, comment: 'ترجمة سلسة ودقيقة وفي الموعد، سأعود إليها في الدورات القادمة.' },
    sellerReview: { quality: 5, communication: 5, onTime: 4, comment: 'متعاون ويعرف ما يريد، والملفات كانت منظمة.' },
  },
  {
    buyer: 'karim_startup',
    seller: 'omar_dev',
    delivery: 'الصفحة تعمل الآن على الجوال والحاسوب، وأرفقت شرحًا قصيرًا لطريقة تعديل النصوص.',
    buyerReview: { quality: 4, communication: 5, onTime: 4, comment: 'عمل نظيف وشرح واضح، تأخر يومًا لكنه أبلغني مسبقًا.' },
    sellerReview: { quality: 5, communication: 5, onTime: 5, comment: 'مشتري محترم وواضح في طلباته.' },
  },
] as const;

const UNDER_WAY = { buyer: 'huda_store', seller: 'omar_dev' } as const;

/** Direct conversations: who writes first, to whom, and the exchange. */
const DEMO_CONVERSATIONS = [
  {
    from: 'huda_store',
    to: 'layla_translates',
    messages: [
      'مرحبًا ليلى، هل تترجمين أوصاف المنتجات من العربية إلى الفرنسية؟ لدي نحو ثلاثين منتجًا.',
      'أهلًا هدى، نعم بكل سرور. أرسلي لي نموذجًا من وصفين لأقدّر الوقت، ويمكنك طلب الخدمة من صفحتي عندما تكونين جاهزة.',
      'ممتاز، سأجهز النموذج وأرسله هنا غدًا إن شاء الله.',
    ],
  },
  {
    from: 'karim_startup',
    to: 'sara_designs',
    messages: [
      'مرحبًا سارة، أعجبتني أعمالك. هل تصممين شعارات للتطبيقات التعليمية بأسلوب مرح؟',
      'أهلًا كريم، نعم صممت عدة شعارات لتطبيقات أطفال وتعليم. ما الفئة العمرية التي تستهدفونها؟',
    ],
  },
] as const;

export interface DemoActivity {
  projects: number[];
  bids: number;
  completedOrders: number[];
  ordersUnderWay: number[];
  conversations: number[];
}

/** Adds the demo's projects, bids, orders, reviews and conversations; a second run finds the demo buyers and adds nothing. */
export async function seedDemoActivity(
  services: Services,
  opts: { moderator: Staff; password: (username: string) => string },
): Promise<DemoActivity | null> {
  const { accounts, catalog, wallet, orders, projects, bids, messaging } = services;
  if (await accounts.byUsername(DEMO_BUYERS[0].username)) return null;
  const result: DemoActivity = { projects: [], bids: 0, completedOrders: [], ordersUnderWay: [], conversations: [] };

  const user = async (username: string): Promise<AuthUser> => {
    const u = await accounts.byUsername(username);
    if (!u) throw new Error(`demo activity: no user ${username}`);
    return actorOf({ ...u, roles: [] });
  };

  // The buyers, with money paid in through the sandbox gateway (the ledger records each deposit).
  for (const b of DEMO_BUYERS) {
    const u = await accounts.createDemoUser({
      email: `${b.username}@kafiil.local`,
      username: b.username,
      password: opts.password(b.username),
    });
    const actor = actorOf(u);
    await accounts.updateProfile(actor, { displayName: b.name, bio: b.bio, country: b.country, skills: [], languages: ['العربية'] });
    const d = await wallet.createDeposit(actor, { amountCents: 50_000, method: 'sandbox' }, null);
    if (!d.checkoutUrl) throw new Error('demo activity: the sandbox gave no checkout');
    const secret = new URL(d.checkoutUrl).searchParams.get('s') ?? '';
    await wallet.paySandbox(d.id, secret, '4242424242424242');
  }

  // Open projects, reviewed by the moderator, and the freelancers' bids.
  const tree = await catalog.categoryTree();
  const leafId = (slug: string) => {
    for (const top of tree) for (const sub of top.children) if (sub.slug === slug) return sub.id;
    return tree[0].children[0].id;
  };
  for (const p of DEMO_PROJECTS) {
    const owner = await user(p.owner);
    const row = await projects.create(
      owner,
      {
        title: p.title,
        description: p.description,
        categoryId: leafId(p.category),
        skills: [...p.skills],
        budgetMinCents: p.budget[0],
        budgetMaxCents: p.budget[1],
        expectedDays: p.days,
      },
      { submit: true },
    );
    await projects.approve(opts.moderator, row.id);
    result.projects.push(row.id);
    for (const b of p.bids) {
      const by = await accounts.byUsername(b.by);
      if (!by) continue;
      await bids.place(actorOf(by), row.id, { amountCents: b.amountCents, days: b.days, proposal: b.proposal });
      result.bids++;
    }
  }

  // Orders of the freelancers' services: accepted, delivered, completed, then reviewed by both sides.
  const serviceOf = async (seller: AuthUser) => {
    const live = (await catalog.bySeller(seller.id, null, 10)).filter((s) => s.status === 'published');
    if (!live[0]) throw new Error(`demo activity: ${seller.username} sells nothing`);
    return live[0].id;
  };
  for (const o of DEMO_ORDERS) {
    const buyer = await user(o.buyer);
    const seller = await user(o.seller);
    const placed = await orders.place(buyer, { serviceId: await serviceOf(seller), quantity: 1, addonIds: [] }, null);
    const id = (placed.body as { id: number }).id;
    await orders.act(seller, id, 'accept');
    await orders.act(seller, id, 'deliver', { message: o.delivery });
    await orders.act(buyer, id, 'complete');
    await orders.review(buyer, id, o.buyerReview);
    await orders.review(seller, id, o.sellerReview);
    result.completedOrders.push(id);
  }
  {
    const buyer = await user(UNDER_WAY.buyer);
    const seller = await user(UNDER_WAY.seller);
    const placed = await orders.place(buyer, { serviceId: await serviceOf(seller), quantity: 1, addonIds: [] }, null);
    const id = (placed.body as { id: number }).id;
    await orders.act(seller, id, 'accept');
    result.ordersUnderWay.push(id);
  }

  // Conversations between buyers and freelancers, the last message left unread by its recipient.
  for (const conv of DEMO_CONVERSATIONS) {
    const a = await user(conv.from);
    const b = await user(conv.to);
    const first = await messaging.start(a, b.username, conv.messages[0]);
    for (let i = 1; i < conv.messages.length; i++) await messaging.send(i % 2 === 1 ? b : a, first.conversationId, conv.messages[i]);
    result.conversations.push(first.conversationId);
  }
  return result;
}
