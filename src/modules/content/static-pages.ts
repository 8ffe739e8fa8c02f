/**
 * The site's fixed pages (about, how Kafiil guarantees your rights, user levels, FAQ), in both
 * languages. A block is a heading, a paragraph, a list, or a table; FAQ pages use question/answer pairs, an answer
 * linked to the help centre's article that says more (`help`: its slug, `/help/articles/{slug}`).
 */
export type Block =
  | { h: string }
  | { p: string }
  | { list: string[] }
  | { table: { head: string[]; rows: string[][] } }
  | { q: string; a: string; help?: string };

export interface StaticPage {
  slug: string;
  title: { ar: string; en: string };
  description: { ar: string; en: string };
  body: { ar: Block[]; en: Block[] };
}

const about: StaticPage = {
  slug: 'about',
  title: { ar: 'عن كفيل', en: 'About Kafiil' },
  description: {
    ar: 'كفيل منصة عربية للعمل الحر تجمع المستقلين وأصحاب المشاريع، وتضمن حقوق الطرفين بالدفع المحجوز والعدالة بينهما.',
    en: 'Kafiil is an Arabic-first freelance marketplace that brings freelancers and clients together and guarantees both sides through escrow and fair rules.',
  },
  body: {
    ar: [
      { h: 'ما هو كفيل؟' },
      {
        p: 'كفيل منصة عربية للعمل الحر، صُمّمت باللغة العربية أولًا، تجمع المستقلين من أنحاء الوطن العربي مع المشترين وأصحاب المشاريع الذين يبحثون عن خدمات احترافية موثوقة. وبحساب واحد يمكنك أن تبيع خدماتك وأن تشتري ما تحتاج إليه.',
      },
      {
        p: 'واسم «كفيل» يعني الضامن، وهذا هو دورنا: نحجز مال المشتري لدينا حتى يتسلّم العمل ويقبله، ونضمن للمستقل أن أجره مدفوع مسبقًا وسيصل إليه عند إتمام العمل.',
      },
      { h: 'أقسام المنصة' },
      {
        list: [
          'الخدمات: خدمات جاهزة بسعر وموعد تسليم محددين، تطلبها وتدفع ثمنها مباشرة.',
          'المسابقات: ترصد جائزة لمركز أو أكثر، فيقدّم المستقلون مشاركاتهم، وتختار الفائزين؛ الجائزة محجوزة لدى كفيل منذ النشر، وكل مسابقة فيها مشاركات تدفع لأحد.',
          'المشاريع: تنشر مشروعك وميزانيته، ويقدّم المستقلون عروضهم، فتختار الأنسب وتوظّفه.',
          'الأعمال: معارض أعمال المستقلين قبل أن توظّفهم، بالصور والمهارات، ويحمل ما نُفّذ على كفيل شارة «تم تنفيذه على كفيل» مع تقييم المشتري.',
          'المستقلين: دليل للمستقلين يمكنك البحث فيه وتصفيته بحسب المهارة والمستوى والدولة.',
          'الملتقى: مجتمع كفيل للنقاش وتبادل التجارب، وفيه بنك الأسئلة: اسأل ويجيبك أهل الخبرة، وتختار أنت أفضل إجابة.',
        ],
      },
      { h: 'وعدنا: العدالة بين الطرفين' },
      {
        p: 'تجتهد منصة كفيل في تحقيق العدالة الكاملة بين المستقلين والمشترين، ولا تسمح بالانتقاص من أي طرف أو استنزافه أو استغلاله تحت أي دعوى، وتؤمن بأن العلاقة السديدة بين الطرفين تقوم على الاحترام والتقدير المتبادل.',
      },
      {
        p: 'لذلك يتمتّع الطرفان بالحقوق نفسها: كلاهما يقيّم الآخر، وكلاهما يستطيع تقديم شكوى أو فتح نزاع، ويفصل فريق كفيل في النزاعات بحياد. ويدفع المشتري السعر المعلن فقط، بينما تقتطع المنصة عمولتها من جانب البائع عند اكتمال العمل.',
      },
    ],
    en: [
      { h: 'What is Kafiil?' },
      {
        p: 'Kafiil is an Arabic-first freelance marketplace. It brings freelancers from across the Arab world together with buyers and clients who are looking for reliable professional services. With a single account you can sell your services and buy the ones you need.',
      },
      {
        p: 'The name Kafiil means guarantor, and that is our role: we hold the buyer’s money until the work is delivered and accepted, and we assure the freelancer that the fee has been paid up front and will reach them when the work is done.',
      },
      { h: 'Sections of the platform' },
      {
        list: [
          'Services: ready-made services with a set price and delivery time, which you order and pay for directly.',
          'Contests: you fund a prize for one to three places, freelancers submit entries, and you pick the winners; the prize is held by Kafiil from publishing, and every contest with entries pays someone.',
          'Projects: you post your project and its budget, freelancers send their bids, and you hire the one who fits best.',
          'Works: freelancers’ portfolios to look at before you hire, with images and skills; what was made on Kafiil carries the “Delivered on Kafiil” badge with the buyer’s review.',
          'Freelancers: a directory of freelancers you can search and filter by skill, level and country.',
          'Community: Kafiil’s forum for discussion and shared experience, with the question bank: ask, people who know answer, and you pick the best answer.',
        ],
      },
      { h: 'Our promise: fairness to both sides' },
      {
        p: 'Kafiil strives for complete fairness between freelancers and buyers. It does not allow either party to be diminished, drained or exploited under any pretext, and it believes that a sound relationship between the two rests on mutual respect and appreciation.',
      },
      {
        p: 'That is why both sides have the same rights: each reviews the other, each can file a complaint or open a dispute, and disputes are decided impartially by the Kafiil team. The buyer pays only the listed price, while the platform takes its commission from the seller’s side when the work is completed.',
      },
    ],
  },
};

const guarantees: StaticPage = {
  slug: 'how-kafiil-guarantees-your-rights',
  title: { ar: 'كيف يضمن كفيل حقوقك', en: 'How Kafiil guarantees your rights' },
  description: {
    ar: 'كيف يحمي كفيل حقوق المشترين والمستقلين: الدفع المحجوز، والحقوق المتكافئة، وحل النزاعات، وحماية البيانات وأمان الحساب.',
    en: 'How Kafiil protects buyers and freelancers: escrow, equal rights, dispute resolution, data protection and account security.',
  },
  body: {
    ar: [
      { h: 'الدفع المحجوز خطوة بخطوة' },
      {
        list: [
          'يختار المشتري الخدمة ويدفع ثمنها من رصيده في كفيل، وإذا لم يكفِ رصيده يُطلب منه الشحن أولًا.',
          'يُحجز المبلغ لدى كفيل، فلا يصل إلى البائع بعد، ولا يضيع على المشتري.',
          'يقبل البائع الطلب خلال يومين، فإن رفضه أو لم يرد أُلغي الطلب وعاد المبلغ كاملًا إلى المشتري.',
          'يسلّم البائع العمل، فيقبله المشتري أو يطلب تعديلات عليه، وإذا لم يرد المشتري خلال 3 أيام اكتمل الطلب تلقائيًّا.',
          'عند اكتمال الطلب ينتقل نصيب البائع بعد خصم عمولة 10% إلى رصيده المعلّق، ثم يصبح متاحًا للسحب بعد أيام تحرير الأرباح الخاصة بمستواه.',
          'إذا انقضى موعد التسليم دون تسليم يستطيع المشتري إلغاء الطلب منفردًا واسترداد المبلغ كاملًا.',
        ],
      },
      {
        p: 'وتسري القاعدة نفسها على المشاريع، إذ يُحجز مبلغ العرض عند التوظيف، وعلى المسابقات، إذ تُحجز الجائزة كاملة عند نشر المسابقة: إن لم تصل مشاركات عادت كاملة إلى صاحبها، وإن وصلت ولم يختر الفائزين خلال 14 يومًا اختارهم فريق كفيل، فلا يضيع عمل المشاركين.',
      },
      { h: 'حقوق متكافئة للطرفين' },
      {
        list: [
          'كلا الطرفين يقيّم الآخر بعد اكتمال العمل، والتقييمات مزدوجة السرية فلا يُنشر أي منها حتى يقيّم الطرفان أو تمضي 10 أيام.',
          'كلا الطرفين يستطيع تقديم شكوى عبر تذكرة دعم.',
          'كلا الطرفين يستطيع فتح نزاع على طلب أو مشروع نشط.',
        ],
      },
      { h: 'حل النزاعات' },
      {
        p: 'يدرس فريق كفيل كل نزاع بالاطلاع على المحادثات والتسليمات، ثم يفصل فيه بأحد ثلاثة قرارات: تحرير المبلغ للبائع، أو إعادته إلى المشتري، أو تقسيمه بينهما. ويُسجَّل كل إجراء يتخذه الفريق في سجل تدقيق لا يقبل التعديل.',
      },
      { h: 'لماذا يُمنع تبادل بيانات التواصل؟' },
      {
        p: 'لا يستطيع كفيل حماية أي تعامل يجري خارج المنصة، فلا دفع محجوز ولا نزاع ولا تقييم. لذلك ترفض المنصة أي نص يحتوي على رقم هاتف أو بريد إلكتروني أو وسيلة تواصل أخرى، وتوضّح لك ما رصدته، وتُسجّل المحاولة. وتكرار المحاولة قد يؤدي إلى مراجعة الحساب وتجميده، أما مجرد ذكر منصة في سياق عرض عمل فمسموح.',
      },
      { h: 'حماية بياناتك الخاصة' },
      {
        p: 'خصوصية بياناتك أولوية قصوى، فهي مؤمّنة بإحكام ولا تُستخدم إلا فيما يتسق مع مصلحتك أو تطوير الخدمة وفق السياسات المعلنة، ما لم يصدر حكم قضائي ملزم بالإفصاح. وكل اطلاع من فريق كفيل على المحادثات الخاصة يُسجَّل في سجل التدقيق.',
      },
      { h: 'أدوات أمان حسابك' },
      {
        list: [
          'تُحفظ كلمات المرور بعد معالجتها بخوارزمية تجزئة قوية (Argon2id)، فلا يستطيع أحد، ولا فريق كفيل، معرفة كلمة مرورك.',
          'قائمة بالجلسات النشطة تعرض الأجهزة التي دخلت منها إلى حسابك، ويمكنك إنهاء أي جلسة منها.',
          'تنبيه بالبريد الإلكتروني عند كل تسجيل دخول جديد، وعند تغيير كلمة المرور.',
        ],
      },
      {
        p: 'وتبقى بيانات الدخول مسؤولية صاحب الحساب، فاحرص على كلمة مرور قوية لا تستخدمها في موقع آخر، ولا تشاركها مع أحد.',
      },
    ],
    en: [
      { h: 'Escrow, step by step' },
      {
        list: [
          'The buyer chooses a service and pays for it from their Kafiil balance; if the balance is short, a top-up is requested first.',
          'The amount is held by Kafiil: it does not reach the seller yet, and the buyer does not lose it.',
          'The seller accepts the order within 2 days; if the seller declines or does not answer, the order is cancelled and the full amount returns to the buyer.',
          'The seller delivers the work, and the buyer accepts it or asks for changes; if the buyer does not answer within 3 days, the order completes automatically.',
          'On completion, the seller’s share minus the 10% commission moves to their pending balance, and becomes available for withdrawal after the clearance days of their level.',
          'If the delivery deadline passes without a delivery, the buyer can cancel the order alone and get a full refund.',
        ],
      },
      {
        p: 'The same rule applies to projects, where the bid amount is held in escrow on hiring, and to contests, where the whole prize is held when the contest is published: with no entries it goes back to its owner in full, and with entries but no winners picked within 14 days the Kafiil team picks them, so the contestants’ work is never lost.',
      },
      { h: 'Equal rights for both sides' },
      {
        list: [
          'Both sides review each other after the work is completed. Reviews are double-blind: none is published until both have reviewed or 10 days have passed.',
          'Both sides can file a complaint through a support ticket.',
          'Both sides can open a dispute on an active order or project.',
        ],
      },
      { h: 'Resolving disputes' },
      {
        p: 'The Kafiil team examines every dispute by reviewing the conversations and deliveries, then decides it in one of three ways: releasing the amount to the seller, refunding it to the buyer, or splitting it between them. Every action the team takes is written to an audit log that cannot be altered.',
      },
      { h: 'Why is exchanging contact details not allowed?' },
      {
        p: 'Kafiil cannot protect any deal made outside the platform: there is no escrow, no dispute and no review. So the platform refuses any text that contains a phone number, an email address or another means of contact, tells you what it found, and records the attempt. Repeated attempts may lead to the account being reviewed and frozen. Merely mentioning a platform as part of an offer of work is allowed.',
      },
      { h: 'Protecting your private data' },
      {
        p: 'The privacy of your data is a top priority. It is tightly secured and used only in ways consistent with your interest or with improving the service under the published policies, unless a binding court order requires disclosure. Every time the Kafiil team reads a private conversation, it is recorded in the audit log.',
      },
      { h: 'Your account security tools' },
      {
        list: [
          'Passwords are stored only after being processed with a strong hashing algorithm (Argon2id), so nobody, not even the Kafiil team, can learn your password.',
          'A list of active sessions shows the devices signed in to your account, and you can end any of them.',
          'An email alert for every new sign-in and whenever your password is changed.',
        ],
      },
      {
        p: 'Login details remain the account owner’s responsibility, so use a strong password that you do not use on any other site, and never share it with anyone.',
      },
    ],
  },
};

const userLevels: StaticPage = {
  slug: 'user-levels',
  title: { ar: 'مستويات المستخدمين', en: 'User levels' },
  description: {
    ar: 'مستويات البائعين والمشترين في كفيل، وشروط كل مستوى ومزاياه من عدد الخدمات والعروض وأيام تحرير الأرباح.',
    en: 'Seller and buyer levels on Kafiil: the requirements of each level and its benefits, from services and bids allowed to clearance days.',
  },
  body: {
    ar: [
      {
        p: 'يرتقي المستخدم في كفيل عبر مستويات تعكس نشاطه وجودة عمله، وتُحسب المستويات من جديد يوميًّا وبعد كل طلب مكتمل. وكل مستوى أعلى يمنح حدودًا أوسع وأرباحًا تتحرّر أسرع.',
      },
      { h: 'مستويات البائعين' },
      {
        table: {
          head: ['المستوى', 'المبيعات', 'الأعمال المكتملة', 'التقييم', 'الخدمات المسموحة', 'العروض النشطة', 'أيام تحرير الأرباح'],
          rows: [
            ['جديد', '0 دولار', '0', '—', '5', '5', '8'],
            ['المستوى الأول', 'من 5 إلى 300 دولار', '5 على الأقل', '3.0 على الأقل', '10', '10', '6'],
            ['المستوى الثاني', 'من 301 إلى 1,000 دولار', '20 على الأقل', '4.25 على الأقل', '15', '15', '4'],
            ['المستوى الثالث', 'أكثر من 1,000 دولار', '50 على الأقل', '4.5 على الأقل', '30', '20', '2'],
            ['خبير (يختاره فريق كفيل)', '—', '—', '—', 'بلا حد', 'بلا حد', '0'],
          ],
        },
      },
      {
        p: 'أيام تحرير الأرباح هي المدة التي تبقى فيها أرباح الطلب المكتمل معلّقة قبل أن تصبح متاحة للسحب.',
      },
      { h: 'مستويات المشترين' },
      {
        table: {
          head: ['المستوى', 'إجمالي المشتريات'],
          rows: [
            ['جديد', '0 دولار'],
            ['المستوى الأول', 'من 5 إلى 300 دولار'],
            ['المستوى الثاني', 'من 301 إلى 1,000 دولار'],
            ['المستوى الثالث', 'أكثر من 1,000 دولار'],
            ['VIP', 'يختاره فريق كفيل'],
          ],
        },
      },
      { h: 'مزايا المستويات العليا' },
      {
        list: [
          'دعم ذو أولوية للمستوى الثالث والخبير: تظهر تذاكرهم في مقدمة قائمة الدعم.',
          'شارة مميزة للمستوى الثالث والخبير تظهر في الملف الشخصي.',
          'ترويج مجاني لخدمة واحدة كل شهر للخبير: تظهر خدمته «ممولة» في نتائج البحث التي تطابقها، ويُستعمل المجاني قبل النقاط والرصيد (من صفحة «خدماتي»).',
        ],
      },
      { h: 'مستواك محمي' },
      {
        p: 'لا ينخفض مستوى البائع أبدًا بسبب استرداد مبلغ لم يكن هو المتسبب فيه. ويُحسب مستوى المشتري من المبالغ التي وصلت إلى البائعين من طلباته ومشاريعه المكتملة وجوائز مسابقاته المدفوعة، فلا يُنقصه أي استرداد. ويبقى مستوى الخبير ومستوى VIP حتى يسحبه فريق كفيل. تجد تقدّمك نحو المستوى التالي في صفحة «مستواي».',
      },
    ],
    en: [
      {
        p: 'On Kafiil, users move up through levels that reflect their activity and the quality of their work. Levels are recomputed daily and after every completed order, and each higher level brings wider limits and faster clearance of earnings.',
      },
      { h: 'Seller levels' },
      {
        table: {
          head: ['Level', 'Sales', 'Completed jobs', 'Rating', 'Services allowed', 'Active bids', 'Clearance days'],
          rows: [
            ['New', '$0', '0', '—', '5', '5', '8'],
            ['Level 1', '$5–300', '≥ 5', '≥ 3.0', '10', '10', '6'],
            ['Level 2', '$301–1,000', '≥ 20', '≥ 4.25', '15', '15', '4'],
            ['Level 3', '> $1,000', '≥ 50', '≥ 4.5', '30', '20', '2'],
            ['Expert (chosen by the Kafiil team)', '—', '—', '—', 'No limit', 'No limit', '0'],
          ],
        },
      },
      {
        p: 'Clearance days are how long the earnings of a completed order stay pending before they become available for withdrawal.',
      },
      { h: 'Buyer levels' },
      {
        table: {
          head: ['Level', 'Total spent'],
          rows: [
            ['New', '$0'],
            ['Level 1', '$5–300'],
            ['Level 2', '$301–1,000'],
            ['Level 3', '> $1,000'],
            ['VIP', 'Chosen by the Kafiil team'],
          ],
        },
      },
      { h: 'Benefits of the higher levels' },
      {
        list: [
          'Priority support for Level 3 and Expert: their tickets appear first in the support queue.',
          'A badge on the profile for Level 3 and Expert.',
          'One free service promotion a month for Expert: the service shows as “Sponsored” in the search results it matches, and the free one is used before points or balance (from “My services”).',
        ],
      },
      { h: 'Your level is protected' },
      {
        p: 'A seller’s level never drops because of a refund the seller did not cause. A buyer’s level counts what reached sellers from their completed orders and projects and their contest prizes paid, so no refund lowers it. Expert and VIP stay until the Kafiil team takes them back. Your progress towards the next level is on the “My level” page.',
      },
    ],
  },
};

const faq: StaticPage = {
  slug: 'faq',
  title: { ar: 'الأسئلة الشائعة', en: 'Frequently asked questions' },
  description: {
    ar: 'إجابات عن أكثر الأسئلة شيوعًا حول التسجيل والدفع والعمولة والسحب والحساب والنزاعات والتقييمات في كفيل.',
    en: 'Answers to the most common questions about registration, payment, commission, withdrawals, accounts, disputes and reviews on Kafiil.',
  },
  body: {
    ar: [
      {
        q: 'هل التسجيل في كفيل مجاني؟',
        a: 'نعم، التسجيل مجاني بالبريد الإلكتروني وكلمة المرور، وتقديم العروض على المشاريع مجاني أيضًا. وبحساب واحد يمكنك أن تبيع وتشتري.',
        help: 'create-account',
      },
      {
        q: 'كيف يتم الدفع؟ وما الذي يضمن حقي؟',
        a: 'يدفع المشتري ثمن الخدمة من رصيده في كفيل، ويبقى المبلغ محجوزًا لدى المنصة حتى يسلّم البائع العمل ويقبله المشتري. فإن لم يُنفَّذ العمل عاد المبلغ إلى المشتري، وإن اكتمل وصل إلى البائع.',
        help: 'order-a-service',
      },
      {
        q: 'كم عمولة كفيل؟',
        a: 'يدفع المشتري السعر المعلن فقط دون أي رسوم إضافية، وتقتطع المنصة عمولة 10% من جانب البائع في كل طلب أو مشروع مكتمل.',
        help: 'commission-and-clearance',
      },
      {
        q: 'متى تصبح أرباحي متاحة للسحب؟',
        a: 'تبقى أرباح الطلب المكتمل معلّقة بحسب مستواك: 8 أيام للبائع الجديد، و6 للمستوى الأول، و4 للمستوى الثاني، ويومان للمستوى الثالث، ودون انتظار للخبير. ويعرض رصيدك تاريخ تحرير كل مبلغ.',
        help: 'commission-and-clearance',
      },
      {
        q: 'كيف أشحن رصيدي؟ وما أقل مبلغ؟',
        a: 'الحد الأدنى للإيداع 5 دولارات، وإذا لم يكفِ رصيدك عند الطلب تُفتح لك صفحة الشحن أولًا. وجميع المبالغ بالدولار الأمريكي.',
        help: 'deposit-balance',
      },
      {
        q: 'كيف أسحب أرباحي؟',
        a: 'الحد الأدنى للسحب 10 دولارات، ووسائل السحب هي: PayPal، والتحويل البنكي، وفودافون كاش، وأورنج كاش، واتصالات كاش، والبريد المصري. يراجع فريق المالية كل طلب سحب ويصرفه، أو يرفضه مع بيان السبب فيعود المبلغ إلى رصيدك المتاح.',
        help: 'withdraw-balance',
      },
      {
        q: 'هل يمكنني تغيير اسم المستخدم؟',
        a: 'لا، اسم المستخدم ثابت ولا يتغير بعد التسجيل حفاظًا على حقوق المستقلين والمشترين، لكن يمكنك تعديل الاسم الظاهر في أي وقت.',
        help: 'create-account',
      },
      {
        q: 'هل يمكنني حذف حسابي؟',
        a: 'لا تُحذف الحسابات في كفيل، لأن سجل التعاملات يحفظ حقوق الطرفين. يمكنك طلب تعطيل حسابك، فيُخفى ملفك الشخصي مع بقاء بياناتك وسجلّك المالي محفوظين.',
        help: 'create-account',
      },
      {
        q: 'لماذا لا أستطيع مشاركة رقم هاتفي أو بريدي الإلكتروني؟',
        a: 'لأن أي تعامل خارج المنصة لا يحميه الدفع المحجوز ولا النزاعات ولا التقييمات. لذلك تُرفض الرسائل والنصوص التي تحتوي على بيانات تواصل وتُسجَّل المحاولة، وتكرارها قد يؤدي إلى تجميد الحساب. أما ذكر منصة في سياق عرض عمل، مثل «أصمم منشورات إنستغرام»، فمسموح.',
        help: 'contact-details-rule',
      },
      {
        q: 'ماذا لو اختلفت مع الطرف الآخر؟',
        a: 'حاول أولًا التفاهم عبر رسائل الطلب. فإن لم تصلا إلى حل يستطيع أي منكما فتح نزاع على الطلب أو المشروع النشط، ويفصل فيه فريق كفيل بتحرير المبلغ للبائع، أو إعادته إلى المشتري، أو تقسيمه بينكما.',
        help: 'refunds-and-disputes',
      },
      {
        q: 'ماذا لو لم يرد البائع أو تأخر في التسليم؟',
        a: 'إذا لم يقبل البائع الطلب خلال يومين يُلغى تلقائيًّا ويعود المبلغ كاملًا إليك. وإذا انقضى موعد التسليم دون تسليم يمكنك إلغاء الطلب بنفسك واسترداد المبلغ كاملًا.',
        help: 'refunds-and-disputes',
      },
      {
        q: 'كيف تعمل التقييمات؟',
        a: 'بعد اكتمال العمل يقيّم كل طرف الآخر: المشتري يقيّم البائع في جودة العمل والتواصل والالتزام بالموعد، والبائع يقيّم المشتري في وضوح المطلوب والتواصل وسرعة الرد. والتقييمات مزدوجة السرية: لا يُنشر أي منها حتى يقيّم الطرفان أو تمضي 10 أيام، فلا يستطيع أحد مقايضة تقييمه بمصلحة. ويمكن الرد على التقييم مرة واحدة.',
        help: 'order-lifecycle',
      },
      {
        q: 'كيف أبلغ عن محتوى مخالف؟',
        a: 'اضغط زر «إبلاغ» بجوار المحتوى، واختر السبب (رسائل مزعجة، بيانات تواصل، محتوى مسيء، احتيال، ملكية فكرية، أو سبب آخر)، وأضف توضيحًا إن شئت. يراجع المشرفون كل بلاغ.',
        help: 'report-content',
      },
      {
        q: 'كيف أتواصل مع الدعم؟',
        a: 'للشكاوى المتعلقة بحسابك أو بطلب أو مشروع افتح تذكرة دعم من حسابك، ولأي استفسار آخر استخدم صفحة «تواصل معنا».',
        help: 'support-tickets',
      },
    ],
    en: [
      {
        q: 'Is registration on Kafiil free?',
        a: 'Yes. Signing up is free with an email and password, and bidding on projects is free too. A single account lets you both sell and buy.',
        help: 'create-account',
      },
      {
        q: 'How does payment work, and what protects me?',
        a: 'The buyer pays for the service from their Kafiil balance, and the amount is held by the platform until the seller delivers the work and the buyer accepts it. If the work is not done, the money returns to the buyer; if it is completed, it goes to the seller.',
        help: 'order-a-service',
      },
      {
        q: 'What is the Kafiil commission?',
        a: 'The buyer pays only the listed price, with no additional fees. The platform keeps a 10% commission from the seller’s side of every completed order and project.',
        help: 'commission-and-clearance',
      },
      {
        q: 'When do my earnings become available for withdrawal?',
        a: 'The earnings of a completed order stay pending according to your level: 8 days for a new seller, 6 at Level 1, 4 at Level 2, 2 at Level 3, and no waiting for an Expert. Your balance shows the date each amount clears.',
        help: 'commission-and-clearance',
      },
      {
        q: 'How do I top up my balance, and what is the minimum?',
        a: 'The minimum deposit is $5. If your balance is short when you order, the top-up page opens first. All amounts are in US dollars.',
        help: 'deposit-balance',
      },
      {
        q: 'How do I withdraw my earnings?',
        a: 'The minimum withdrawal is $10, and the withdrawal methods are PayPal, bank transfer, Vodafone Cash, Orange Cash, Etisalat Cash and Egyptian Post. The finance team reviews every withdrawal request and pays it out, or rejects it with a reason, in which case the amount returns to your available balance.',
        help: 'withdraw-balance',
      },
      {
        q: 'Can I change my username?',
        a: 'No. The username is fixed after registration to protect the rights of freelancers and buyers, but you can change your display name at any time.',
        help: 'create-account',
      },
      {
        q: 'Can I delete my account?',
        a: 'Accounts on Kafiil are never deleted, because the record of dealings protects both sides. You can ask for your account to be deactivated: your profile is hidden, while your data and financial records are kept.',
        help: 'create-account',
      },
      {
        q: 'Why can’t I share my phone number or email address?',
        a: 'Because a deal made outside the platform is not protected by escrow, disputes or reviews. Messages and texts containing contact details are refused and the attempt is recorded; repeated attempts may lead to the account being frozen. Mentioning a platform as part of an offer of work, such as “I design Instagram posts”, is allowed.',
        help: 'contact-details-rule',
      },
      {
        q: 'What if I disagree with the other side?',
        a: 'First try to settle it through the order messages. If you cannot agree, either of you can open a dispute on the active order or project, and the Kafiil team decides it by releasing the amount to the seller, refunding it to the buyer, or splitting it between you.',
        help: 'refunds-and-disputes',
      },
      {
        q: 'What if the seller does not respond or delivers late?',
        a: 'If the seller does not accept the order within 2 days, it is cancelled automatically and the full amount returns to you. If the delivery deadline passes without a delivery, you can cancel the order yourself and get a full refund.',
        help: 'refunds-and-disputes',
      },
      {
        q: 'How do reviews work?',
        a: 'After the work is completed, each side rates the other: the buyer rates the seller on quality of work, communication and delivery on time; the seller rates the buyer on the clarity of the brief, communication and timely answers. Reviews are double-blind: none is published until both sides have reviewed or 10 days have passed, so nobody can trade a review for a favour. A review can be answered once.',
        help: 'order-lifecycle',
      },
      {
        q: 'How do I report content that breaks the rules?',
        a: 'Click the “Report” button next to the content, choose a reason (spam, contact details, offensive, fraud, intellectual property, or other) and add an explanation if you wish. Moderators review every report.',
        help: 'report-content',
      },
      {
        q: 'How do I contact support?',
        a: 'For complaints about your account, an order or a project, open a support ticket from your account; for any other question, use the Contact us page.',
        help: 'support-tickets',
      },
    ],
  },
};

// The points page comes with the points system (issue 19): a page promises only what the code does.
export const STATIC_PAGES: StaticPage[] = [about, guarantees, userLevels, faq];
