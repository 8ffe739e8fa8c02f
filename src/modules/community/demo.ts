import type { Services } from '../../platform/container.ts';
import type { AuthUser } from '../../platform/http/auth.ts';

type DemoComment = { by: string; body: string; replies?: { by: string; body: string }[] };
type DemoTopic = {
  by: string;
  section: string | null;
  title: string;
  body: string;
  skills?: string[];
  comments: DemoComment[];
  /** A question: the asker accepts this answer (its index). */
  accept?: number;
};

/** The demo's community: a few topics in each section and questions with answers, as people here would write them. */
const DEMO_TOPICS: DemoTopic[] = [
  {
    by: 'demo_admin',
    section: 'announcements',
    title: 'أهلًا بكم في ملتقى كفيل',
    body: 'هذا المكان للنقاش بين المستقلين وأصحاب المشاريع: شاركوا تجاربكم واسألوا عما يشغلكم.\n\nقبل أن تكتب:\n- اختر القسم المناسب لموضوعك\n- لا تضع رقم هاتف أو بريدًا أو حسابًا خارجيًا: التواصل داخل [الرسائل](/messages) يحفظ حقك\n- إن رأيت ما يخالف القواعد فاضغط «إبلاغ»',
    comments: [{ by: 'sara_designs', body: 'خطوة جميلة، كنت أبحث عن مكان أسأل فيه أصحاب الخبرة.' }],
  },
  {
    by: 'omar_dev',
    section: 'experiences',
    title: 'تجربتي مع أول مشروع برمجة على كفيل',
    body: 'قدمت على عشرة مشاريع تقريبًا قبل أن يقبل أحدهم عرضي. ما الذي تغيّر؟ صرت أكتب في العرض خطة قصيرة من ثلاث خطوات بدل الكلام العام، وأسأل صاحب المشروع سؤالًا واحدًا عن تفاصيله.\n\nالمشروع كان متجرًا صغيرًا لمخبز، وسلّمته قبل الموعد بيومين. التقييم الأول فتح لي الباب لطلبات أخرى.',
    comments: [
      {
        by: 'karim_startup',
        body: 'كصاحب مشاريع أؤكد كلامك: العرض الذي يذكر خطوات واضحة يلفت نظري أكثر من السعر.',
        replies: [{ by: 'omar_dev', body: 'شكرًا يا كريم، هذا بالضبط ما لاحظته.' }],
      },
      { by: 'layla_translates', body: 'نصيحة ذهبية، سأجربها في عروض الترجمة أيضًا.' },
    ],
  },
  {
    by: 'huda_store',
    section: 'general',
    title: 'كم يومًا تنتظرون قبل طلب التعديلات؟',
    body: 'عندي طلب تصميم سُلّم أمس، وأحتاج تعديلين صغيرين. هل الأفضل أن أطلبهما مرة واحدة أم أراجع التصميم كله أولًا؟ أريد أن أكون عادلة مع المصممة.',
    comments: [{ by: 'sara_designs', body: 'كمصممة أفضّل أن تصلني كل الملاحظات مرة واحدة ومكتوبة بنقاط، هذا يوفر الوقت على الطرفين.' }],
  },
  {
    by: 'layla_translates',
    section: null,
    title: 'كيف أسعّر ترجمة نص تقني من الإنجليزية إلى العربية؟',
    body: 'وصلني طلب ترجمة دليل استخدام لجهاز طبي، حوالي 6000 كلمة. هل التسعير بالكلمة أفضل أم بالصفحة؟ وهل أضيف مبلغًا للمصطلحات المتخصصة؟',
    skills: ['ترجمة', 'تسعير'],
    comments: [
      { by: 'omar_dev', body: 'لست مترجمًا، لكن في البرمجة نضيف نسبة للعمل المتخصص ونذكرها صراحة في العرض. أظن الفكرة نفسها تنفع هنا.' },
      {
        by: 'sara_designs',
        body: 'صديقتي مترجمة طبية وتسعّر بالكلمة دائمًا، وتضيف حوالي 20% للنصوص الطبية والقانونية لأنها تحتاج مراجعة مصطلحات. واتفقي مسبقًا على مسرد المصطلحات مع العميل.',
      },
    ],
    accept: 1,
  },
  {
    by: 'karim_startup',
    section: null,
    title: 'ما الفرق بين ملف الشعار SVG وملف PNG عند الاستلام؟',
    body: 'المصممة سلّمتني الشعار بصيغتين، ولا أعرف أيهما أرسل للمطبعة وأيهما أضعه في الموقع. هل أحتاج صيغة أخرى؟',
    skills: ['تصميم شعارات'],
    comments: [],
  },
];

/**
 * Adds the demo's community through the community service (every text through the contact guard, counts and follows
 * as for anyone): a welcome announcement, topics in the sections, two questions — one answered and accepted, one
 * waiting for an answer. Quietly skips what cannot be made (a missing demo user).
 */
export async function seedDemoCommunity(services: Services): Promise<number> {
  const { accounts, community } = services;
  const sections = await community.sections.all();
  const actor = async (username: string): Promise<AuthUser | null> => {
    const u = await accounts.byUsername(username);
    return u
      ? {
          id: u.id,
          username: u.username,
          displayName: u.displayName,
          email: u.email,
          roles: u.roles ?? [],
          emailVerified: true,
          locale: 'ar',
          sessionId: 0,
        }
      : null;
  };
  let made = 0;
  for (const d of DEMO_TOPICS) {
    const author = await actor(d.by);
    const section = sections.find((s) => s.slug === d.section);
    if (!author || (d.section && !section)) continue;
    const type = d.section ? 'discussion' : 'question';
    const t = await community.topics.create(
      author,
      { sectionId: section?.id ?? null, title: d.title, body: d.body, skills: d.skills ?? [] },
      type,
    );
    made++;
    const answers: number[] = [];
    for (const c of d.comments) {
      const who = await actor(c.by);
      if (!who) continue;
      const row = await community.comments.comment(who, t.id, { body: c.body });
      answers.push(row.id);
      for (const r of c.replies ?? []) {
        const replier = await actor(r.by);
        if (replier) await community.comments.comment(replier, t.id, { body: r.body, parentId: row.id });
      }
      // A few up-votes from the topic's author, as people do.
      if (who.id !== author.id) await community.engagement.vote(author, 'comment', row.id).catch(() => undefined);
    }
    if (d.accept !== undefined && answers[d.accept]) await community.engagement.accept(author, t.id, answers[d.accept]);
  }
  return made;
}
