// The demo blog's four articles (the seed page's footer titles), in Arabic and English. Data, not code: every fact
// in them is what Kafiil does today (../shared/RULES.md and the code): escrow, the 10% commission taken from the
// seller's side only, the levels and their clearance days, the withdrawal methods, double-blind reviews, disputes.
// Nothing here promises what the site does not have.
import type { BlogCategory } from './rules.ts';

export interface DemoArticle {
  slug: string;
  category: BlogCategory;
  /** Days before the demo's start it was published (the list's order: the smallest is the newest). */
  daysAgo: number;
  /** The placeholder cover's palette (catalog's demo image generator: a top category's slug). */
  coverPalette: string;
  titleAr: string;
  bodyAr: string;
  titleEn: string;
  bodyEn: string;
}

export const DEMO_ARTICLES: DemoArticle[] = [
  {
    slug: 'how-to-sell-your-first-service',
    category: 'selling',
    daysAgo: 3,
    coverPalette: 'marketing',
    titleAr: 'كيف أبيع أول خدمة على موقع كفيل؟! ( 8 نصائح مهمة )',
    bodyAr: `أول طلب هو أصعب طلب. بعده يصبح لديك تقييم، وعمل منفذ تعرضه، ومشترٍ قد يعود إليك. جمعنا هنا ثماني نصائح عملية تساعدك على نشر خدمة يفهمها المشتري من النظرة الأولى، وعلى تحويل أول زيارة إلى أول طلب.

## 1. أكمل ملفك الشخصي قبل نشر الخدمة

المشتري لا يشتري خدمة فقط، بل يشتري من شخص. أضف صورة واضحة لوجهك، واسمًا يظهر للناس، ونبذة قصيرة عن خبرتك، ومهاراتك، وبلدك، واللغات التي تعمل بها. يمكنك أيضًا [توثيق هويتك](/account/verification) بوثيقة رسمية وصورة شخصية، فتحصل على شارة «موثّق الهوية» التي تطمئن المشتري الجديد.

## 2. اختر خدمة محددة بنتيجة واضحة

«تصميم» كلمة واسعة، أما «تصميم شعار لمتجر إلكتروني مع ثلاثة مقترحات» فهي خدمة يعرف المشتري ماذا سيستلم منها. ابدأ بخدمة واحدة تتقنها جيدًا، وتستطيع تسليمها في وقت قصير، ثم أضف غيرها. الحساب الجديد يستطيع نشر خمس خدمات، ويزيد العدد مع ترقي مستواك.

## 3. اكتب عنوانًا يبحث عنه الناس

العنوان من 10 إلى 100 حرف، فاجعله يبدأ بما يكتبه المشتري في البحث: «ترجمة»، «مونتاج فيديو»، «متجر ووردبريس». البحث في كفيل يفهم العربية كما يكتبها الناس: يتجاوز الهمزات والتاء المربوطة والتشكيل وصيغ الجمع، ويقرّب الأخطاء الإملائية الشائعة. لا تحشُ العنوان بكلمات مكررة؛ عنوان واضح واحد أفضل من خمسة متشابهة.

## 4. صف الخدمة كأنك تجيب عن أسئلة المشتري

الوصف لا يقل عن 100 حرف، لكن الوصف الجيد يجيب عن:

- ماذا يستلم المشتري بالضبط، وبأي صيغة ملفات؟
- كم مرة يستطيع طلب تعديلات؟
- ما الذي لا تشمله الخدمة؟
- ماذا تحتاج منه لتبدأ؟

ضع ما تحتاجه من المشتري في خانة «تعليمات للمشتري»، فهي تظهر له بعد الشراء مباشرة، ويبدأ الطلب بمعلومات كاملة بدل رسائل كثيرة.

## 5. أرِ المشتري أعمالك بالصور

لكل خدمة صورة رئيسية وحتى ثماني صور أخرى. استخدم نماذج حقيقية من عملك، لا صورًا منقولة من الإنترنت. وأضف أعمالك أيضًا إلى [معرض الأعمال](/works)؛ وعندما تربط عملًا بطلب أنجزته على كفيل يحمل شارة «تم تنفيذه على كفيل» مع تقييم المشتري، وهذا أقوى دليل على جودتك.

## 6. سعّر بذكاء واستخدم الإضافات

سعر الخدمة من 5 إلى 1000 دولار بالدولار الكامل. ابدأ بسعر يناسب أول طلب، ثم أضف حتى عشر إضافات مدفوعة: تسليم أسرع، ملفات المصدر، مقترح إضافي، صفحة أخرى. هكذا يجد المشتري الصغير سعرًا يبدأ به، ويدفع المشتري الذي يريد أكثر مقابل ما يريده. وتذكّر أن المشتري يدفع السعر المعلن فقط، وأن عمولة كفيل 10% تُخصم من جانب البائع عند اكتمال الطلب.

## 7. كن سريعًا وواقعيًا في المواعيد

عندما يصلك طلب لديك يومان لقبوله أو رفضه؛ إن لم ترد يُلغى الطلب ويُعاد المبلغ كاملًا إلى المشتري. اختر مدة تسليم تقدر عليها فعلًا (من يوم إلى 90 يومًا)، فالتسليم في الموعد يظهر في تقييمك، والتأخير يسمح للمشتري بإلغاء الطلب واسترداد ماله.

## 8. تواصل داخل كفيل وسلّم عملًا يُقيَّم جيدًا

أرقام الهواتف والبريد والروابط الخارجية تُرفض في الرسائل والخدمات، وهذا لحمايتك أنت: المبلغ محجوز في الضمان حتى يقبل المشتري التسليم، وأي خلاف تنظر فيه الإدارة بناء على ما جرى داخل المنصة. سلّم العمل مع رسالة توضح ما فعلته، وتقبّل طلب التعديل بصدر رحب. التقييمات مزدوجة التعمية: لا يظهر تقييم أحد الطرفين حتى يقيّم الآخر أو تمر عشرة أيام، فلا أحد يساوم على تقييم.

## بعد أول طلب

بعد اكتمال الطلب تدخل أرباحك رصيدك المعلّق، وتصبح متاحة بعد أيام التصفية الخاصة بمستواك: ثمانية أيام للحساب الجديد، وتقل كلما ارتقيت. بعدها تسحبها ابتداءً من 10 دولارات. اقرأ [مستويات المستخدمين](/user-levels) لتعرف ما الذي يرفعك إلى المستوى التالي، ثم [انشر خدمتك الأولى](/my/services/new).`,
    titleEn: 'How do I sell my first service on Kafiil? (8 important tips)',
    bodyEn: `The first order is the hardest one. After it you have a review, a finished job to show and a buyer who may come back. Here are eight practical tips to publish a service a buyer understands at first sight, and to turn a first visit into a first order.

## 1. Complete your profile before you publish

Buyers buy from a person. Add a clear photo, the name people will see, a short bio, your skills, your country and your languages. You can also [verify your identity](/account/verification) with an official document and a selfie to earn the "Identity verified" badge, which reassures a new buyer.

## 2. Offer one specific service with a clear result

"Design" is vague; "a logo for an online shop with three proposals" tells the buyer exactly what they get. Start with one service you master and can deliver quickly, then add more. A new account can publish five services, and the number grows with your level.

## 3. Write the title people search for

A title is 10 to 100 characters: start it with what buyers type, such as "translation", "video editing" or "WordPress shop". Kafiil's search reads Arabic the way people write it (hamza, ta marbuta, diacritics and plurals do not matter) and corrects common typos, so one clear title beats five repeated keywords.

## 4. Describe the service by answering the buyer's questions

The description needs at least 100 characters. A good one answers:

- What exactly will the buyer receive, in which file formats?
- How many rounds of changes are included?
- What is not included?
- What do you need from the buyer to start?

Put what you need in the "instructions to the buyer" field: they see it right after buying, so the order starts complete.

## 5. Show your work in pictures

Each service has a main image and up to eight more. Use real samples of your own work. Add them to your [portfolio](/works) too: a work linked to an order you completed on Kafiil carries the "delivered on Kafiil" badge with the buyer's review.

## 6. Price smartly and use add-ons

Prices run from $5 to $1,000 in whole dollars. Start with a price that suits a first order and add up to ten paid add-ons: faster delivery, source files, an extra proposal. Buyers pay the listed price only; Kafiil's 10% commission comes out of the seller's side when the order completes.

## 7. Be quick and realistic about time

You have two days to accept or decline a new order; without an answer it is cancelled and the buyer refunded in full. Choose a delivery time you can keep (1 to 90 days): after the deadline the buyer may cancel and get the money back.

## 8. Talk on Kafiil and deliver work worth a good review

Phone numbers, e-mails and outside links are refused in messages and services. That protects you: the money sits in escrow until the buyer accepts the delivery, and staff decide any dispute from what happened on the platform. Reviews are double-blind: neither side's review shows until both are in or ten days pass.

## After the first order

Your earnings go to your pending balance and become available after your level's clearance days (eight for a new account, fewer as you rise); you can withdraw from $10. Read about [user levels](/user-levels), then [publish your first service](/my/services/new).`,
  },
  {
    slug: 'why-kafiil-for-arab-freelancers',
    category: 'kafiil',
    daysAgo: 10,
    coverPalette: 'business',
    titleAr: 'لماذا موقع كفيل هو الإختيار الأمثل للمستقلين بالوطن العربي؟',
    bodyAr: `اسم «كفيل» يعني الضامن، وهذا بالضبط ما بُنيت المنصة لأجله: أن يضمن حق المستقل وحق المشتري معًا. إليك ما يجعل كفيل مكانًا مناسبًا للمستقل العربي ليعمل ويكسب ويكبر.

## منصة عربية أولًا

كفيل مصمم بالعربية من اليوم الأول: الواجهة من اليمين إلى اليسار، والبحث يفهم الكتابة العربية كما هي في الواقع، فمن يكتب «هويه بصريه» بلا همزة ولا تاء مربوطة يجد «هوية بصرية»، والتشكيل وصيغ الجمع لا تمنع النتائج. والموقع متاح بالإنجليزية أيضًا لمن يعمل مع عملاء من خارج المنطقة. وهو خفيف وسريع على الهاتف، حتى على الشبكات البطيئة.

## مالك في الضمان حتى يُقبل العمل

عندما يطلب المشتري خدمة أو يوظفك في مشروع، يُحجز المبلغ في الضمان قبل أن تبدأ. لا تعمل على وعد بالدفع: المال موجود. وعندما تسلّم وينقضي وقت المراجعة دون رد من المشتري يكتمل الطلب تلقائيًا (بعد ثلاثة أيام للخدمات وسبعة للمشاريع)، فلا يبقى حقك معلقًا لأن أحدًا نسي الضغط على زر.

## قواعد مال واضحة

- المشتري يدفع السعر المعلن فقط، دون رسوم إضافية.
- عمولة كفيل 10% من جانب البائع في كل طلب أو مشروع أو جائزة مسابقة مكتملة.
- أرباحك تنتظر أيام تصفية حسب مستواك: 8 أيام للجديد، ثم 6 و4 ويومان كلما ارتقيت.
- السحب من 10 دولارات عبر PayPal أو التحويل البنكي أو فودافون كاش أو أورانج كاش أو اتصالات كاش أو البريد المصري، ويراجعه فريق المالية ويدفعه.

وكل حركة في رصيدك مسجلة في كشف حساب يبيّن المبلغ والعمولة والصافي وتاريخ إتاحته.

## عدل بين الطرفين

المستقل والمشتري يقيّم كل منهما الآخر، والتقييمات مزدوجة التعمية فلا يستطيع أحد أن يشترط تقييمًا مقابل تقييم. وإذا اختلفتما يستطيع أي طرف فتح نزاع، فتنظر فيه الإدارة وتقرر: تسليم المبلغ، أو إعادته، أو تقسيمه، مع سبب مكتوب يصل إلى الطرفين. وتستطيع تقديم شكوى إلى الدعم في أي وقت ومتابعتها حتى تُغلق. اقرأ المزيد في [كيف يضمن كفيل حقوقك](/how-kafiil-guarantees-your-rights).

## ثلاث طرق للعمل

1. **الخدمات:** تنشر خدمة بسعر ومدة تسليم، ويطلبها المشترون مباشرة.
2. **المشاريع:** يصف صاحب المشروع ما يحتاجه وميزانيته، وتقدم عرضك مجانًا. عدد العروض النشطة يتبع مستواك.
3. **المسابقات:** يضع صاحب المسابقة الجائزة كاملة في الضمان عند نشرها، وتشارك بتصميماتك، ويختار الفائزين.

## ملف يكبر معك

تبدأ في مستوى «جديد»، وترتقي إلى المستويات الأول والثاني والثالث بمبيعاتك وطلباتك المكتملة وتقييمك، فيزيد عدد خدماتك وعروضك وتقصر أيام التصفية. ومعرض أعمالك يعرض ما أنجزته، والعمل المرتبط بطلب مكتمل على كفيل يحمل شارة «تم تنفيذه على كفيل». وحسابك دائم: لا يُحذف ولا يتغير اسم المستخدم، حفاظًا على تاريخك وحقوقك.

## بياناتك محمية

كفيل لا يسمح بتبادل بيانات التواصل خارج المنصة، لأن ذلك يُسقط الضمان عن الطرفين. والملفات الخاصة مثل وثائق التوثيق ومرفقات الرسائل لا يراها إلا أصحابها، وكل اطلاع من فريق العمل عليها مسجل. اقرأ [سياسة الخصوصية](/privacy) لتعرف التفاصيل.

ابدأ اليوم: [تصفح الخدمات](/services) أو [المشاريع المفتوحة](/projects)، وانضم إلى المستقلين العرب على كفيل.`,
    titleEn: 'Why is Kafiil the best choice for freelancers in the Arab world?',
    bodyEn: `"Kafiil" means guarantor, and that is what the platform is built for: guaranteeing the rights of the freelancer and of the buyer alike.

## Arabic first

Kafiil was designed in Arabic from day one: a right-to-left interface and a search that reads Arabic the way people really write it, so "هويه بصريه" typed without hamza or ta marbuta finds "هوية بصرية". The whole site is also in English for clients outside the region, and it stays light and fast on phones and slow networks.

## Your money is in escrow until the work is accepted

When a buyer orders a service or hires you for a project, the amount is held in escrow before you start. After you deliver, an order with no answer from the buyer completes by itself (three days for services, seven for projects), so your money never hangs because someone forgot a button.

## Clear money rules

- Buyers pay the listed price and nothing more.
- Kafiil keeps a 10% commission from the seller's side of every completed order, project and contest prize.
- Earnings clear after your level's days: 8 for a new seller, then 6, 4 and 2 as you rise.
- Withdrawals from $10 by PayPal, bank transfer, Vodafone Cash, Orange Cash, Etisalat Cash or Egyptian Post, paid by the finance team.

Every movement appears in your statement with the gross, the fee, the net and the date it becomes available.

## Fair to both sides

Both sides review each other, and reviews are double-blind, so nobody can trade a review for a favour. Either side can open a dispute; staff decide to release, refund or split, with a written reason both receive. You can also open a complaint with support at any time. Read [how Kafiil guarantees your rights](/how-kafiil-guarantees-your-rights).

## Three ways to work

1. **Services:** publish a service with a price and a delivery time; buyers order it directly.
2. **Projects:** a buyer describes the job and the budget, and you bid for free; your active bids follow your level.
3. **Contests:** the whole prize goes into escrow when the contest is published; you enter your designs and the owner picks the winners.

## A profile that grows with you

You start as "New" and rise through Levels 1, 2 and 3 with your sales, completed jobs and rating: more services, more bids and shorter clearance. Your portfolio shows what you made, with the "delivered on Kafiil" badge on work linked to a completed order. Accounts are permanent: never deleted, and the username never changes.

## Your data is protected

Contact details are not exchanged outside the platform, because that would take the guarantee away from both sides. Private files, such as identity documents and message attachments, are seen only by their owners, and every staff reading is logged. See the [privacy policy](/privacy).

Start today: [browse services](/services) or [open projects](/projects).`,
  },
  {
    slug: 'micro-services-for-entrepreneurs-and-startups',
    category: 'business',
    daysAgo: 17,
    coverPalette: 'programming',
    titleAr: 'الخدمات المصغرة المُهمة لرواد الأعمال وأصحاب الشركات الناشئة',
    bodyAr: `الشركة الناشئة تحتاج في أشهرها الأولى إلى عشرات المهام الصغيرة: شعار، صفحة هبوط، نصوص، ترجمة، فيديو تعريفي، خطة عمل. توظيف شخص متفرغ لكل مهمة مكلف وبطيء، بينما الخدمات المصغرة تعطيك نتيجة محددة بسعر معروف ومدة تسليم معروفة. هذه أهم الخدمات التي يحتاجها رائد الأعمال، وكيف يشتريها بذكاء.

## الخدمات التي تحتاجها أولًا

### الهوية البصرية

الشعار والألوان والخطوط هي أول ما يراه عميلك. ابحث في [تصميم الشعارات](/services?category=logo-design) عن خدمة تشمل أكثر من مقترح وملفات المصدر، واطلب دليلًا مختصرًا لاستخدام الهوية.

### صفحة هبوط أو موقع تعريفي

لا تحتاج في البداية إلى نظام ضخم؛ صفحة واحدة سريعة تشرح عرضك وتجمع بيانات المهتمين تكفي لاختبار الفكرة. ستجد ذلك في [تطوير المواقع](/services?category=web-development) و[ووردبريس](/services?category=wordpress).

### المحتوى والترجمة

نصوص الموقع ووصف المنتجات والمنشورات تحتاج كاتبًا يفهم جمهورك. وإن كنت تخاطب سوقين فالترجمة الاحترافية بين العربية والإنجليزية أو الفرنسية أفضل من الترجمة الآلية. راجع [كتابة المحتوى](/services?category=content-writing) و[الترجمة](/services?category=translation).

### الفيديو والتصاميم للتواصل الاجتماعي

فيديو قصير يشرح منتجك في ثلاثين ثانية، أو مجموعة تصاميم شهرية لحساباتك، يرفعان حضورك دون فريق تصميم داخلي.

### خطة العمل ودراسة الجدوى

قبل أن تطلب تمويلًا أو تدخل شريكًا، تحتاج أرقامًا مرتبة وعرضًا مقنعًا. ابحث في [دراسات الجدوى وخطط العمل](/services?category=business-plans).

### المهام التشغيلية

إدخال البيانات، والمساعد الافتراضي، والدعم التقني عن بعد، وإدارة حسابات التواصل: مهام متكررة توفر وقتك للقرارات المهمة.

## كيف تشتري بذكاء

1. **اكتب ما تريده قبل أن تبحث.** جملتان عن الهدف والجمهور والموعد توفران عليك رسائل كثيرة.
2. **قارن البائعين.** انظر إلى التقييم وعدد الطلبات المكتملة والمستوى، واقرأ التقييمات المكتوبة، وافتح معرض أعمال البائع.
3. **ابدأ صغيرًا.** جرّب البائع في طلب صغير، ثم وسّع التعامل معه.
4. **استخدم الإضافات.** التسليم الأسرع أو ملفات المصدر أو مقترح إضافي تُضاف إلى السعر قبل الدفع، فتعرف الإجمالي كاملًا.
5. **اقرأ تعليمات البائع.** تظهر بعد الشراء مباشرة وتخبرك بما يحتاجه ليبدأ.

## مالك محمي طوال الطلب

عندما تطلب خدمة يُحجز المبلغ في الضمان، ولا يصل إلى البائع إلا عندما تقبل التسليم، أو بعد ثلاثة أيام من التسليم إن لم ترد. إن احتجت تعديلًا تطلبه من صفحة الطلب فيعود الطلب قيد التنفيذ. وإن لم يقبل البائع طلبك خلال يومين، أو فات موعد التسليم دون تسليم، يعود إليك المبلغ كاملًا. وفي أي خلاف تستطيع فتح نزاع تقرر فيه الإدارة.

## متى تنشر مشروعًا أو مسابقة؟

إذا كانت المهمة خاصة بك ولا تشبه خدمة جاهزة، [انشر مشروعًا](/projects) بميزانيته ومدته، واستقبل عروض المستقلين، ثم وظّف من يناسبك؛ يُحجز مبلغ العرض في الضمان عند التوظيف. وإذا أردت أفكارًا كثيرة لتصميم واحد، كالشعار أو الغلاف، فالمسابقة تجمع لك مشاركات من مصممين مختلفين وتختار الأفضل، والجائزة محجوزة في الضمان من لحظة النشر.

ابدأ بالخدمة الأهم لمرحلتك الآن، ودع الباقي للمستقلين.`,
    titleEn: 'Micro services that matter for entrepreneurs and startups',
    bodyEn: `In its first months a startup needs dozens of small jobs done: a logo, a landing page, copy, translation, an explainer video, a business plan. Hiring full-time for each is slow and costly; a micro service gives you a defined result at a known price and delivery time.

## The services you need first

### Visual identity

Your logo, colours and fonts are the first thing customers see. Look in [logo design](/services?category=logo-design) for a service with several proposals and the source files.

### A landing page or a simple website

At the start one fast page that explains your offer and collects interest is enough to test the idea: see [web development](/services?category=web-development) and [WordPress](/services?category=wordpress).

### Content and translation

Website copy and product descriptions need a writer who knows your audience, and two markets need a professional translator rather than a machine. See [content writing](/services?category=content-writing) and [translation](/services?category=translation).

### Video and social media design

A thirty-second video about your product, or a monthly set of post designs, lifts your presence without an in-house design team.

### Business plan and feasibility study

Before you ask for funding or bring in a partner, you need tidy numbers and a convincing deck: see [business plans](/services?category=business-plans).

### Operations

Data entry, a virtual assistant, remote tech support and social media management free your time for the decisions that matter.

## How to buy well

1. **Write down what you want first:** the goal, the audience and the date.
2. **Compare sellers:** rating, completed jobs, level, written reviews and their portfolio.
3. **Start small:** try a seller on a small order, then grow.
4. **Use add-ons:** faster delivery or source files are added before you pay, so you know the total.
5. **Read the seller's instructions:** you see them right after buying.

## Your money is protected throughout

When you order, the amount is held in escrow and reaches the seller only when you accept the delivery, or three days after it if you do not answer. You can ask for changes from the order page. If the seller does not accept within two days, or the deadline passes without a delivery, you get the full amount back; in a disagreement you can open a dispute that staff decide.

## When to post a project or a contest

If the job is unlike any ready-made service, [post a project](/projects) with its budget and receive bids; the bid's amount goes into escrow when you hire. If you want many ideas for one design, a contest gathers entries from different designers, with the prize in escrow from the moment it is published.

Start with the service your stage needs most, and leave the rest to freelancers.`,
  },
  {
    slug: '7-myths-about-working-online',
    category: 'freelancing',
    daysAgo: 24,
    coverPalette: 'design',
    titleAr: '7 أساطير خاطئة حول العمل عبر الإنترنت لا أساس لها من الصحة',
    bodyAr: `ما زال كثيرون ينظرون إلى العمل الحر عبر الإنترنت بريبة، أو بأحلام مبالغ فيها. الحقيقة بين الطرفين: هو عمل حقيقي له قواعده، ويكافئ من يتعامل معه بجدية. إليك سبع أساطير شائعة وما يقابلها من واقع.

## الأسطورة 1: «العمل عبر الإنترنت ليس عملًا حقيقيًا»

العميل الذي يطلب شعارًا أو ترجمة أو موقعًا يدفع مالًا حقيقيًا مقابل نتيجة حقيقية، والمستقل يلتزم بموعد تسليم ويُقيَّم على جودته. الفرق الوحيد أن المكتب هو حاسوبك. على كفيل لكل طلب صفحة فيها حالته وموعده ورسائله وملفاته، تمامًا كما في أي عمل منظم.

## الأسطورة 2: «لا بد أن تتقن الإنجليزية»

السوق العربي وحده واسع، وكثير من المشترين يريدون مستقلًا يفهم لغتهم وثقافتهم. كفيل منصة عربية أولًا: الواجهة والبحث والتعامل كله بالعربية، والإنجليزية متاحة لمن يريدها. بل إن إتقانك للعربية قد يكون هو ميزتك في الكتابة والترجمة والتعليق الصوتي والتدقيق اللغوي.

## الأسطورة 3: «العمل الحر للمبرمجين والمصممين فقط»

انظر إلى [أقسام الخدمات](/services): كتابة المحتوى، والترجمة، والتعليق الصوتي، والمونتاج، وإدارة حسابات التواصل، والإعلانات، وإدخال البيانات، والمساعد الافتراضي، والدروس الخصوصية، والاستشارات القانونية، ودراسات الجدوى. إن كانت لديك مهارة يحتاجها الناس، فهناك من يبحث عنها.

## الأسطورة 4: «ستتعب ثم لن يدفع لك أحد»

هذا الخوف مفهوم حين يتفق الطرفان عبر رسالة خاصة بلا أي ضمان. على كفيل يُحجز المبلغ في الضمان قبل أن تبدأ، ولا يستطيع المشتري استرداده وحده بعد أن بدأ العمل ما دمت ملتزمًا بالموعد. وإن لم يرد المشتري على التسليم يكتمل الطلب تلقائيًا، وإن اختلفتما تنظر الإدارة في النزاع وتقرر. لهذا يُمنع تبادل بيانات التواصل: الخروج من المنصة يعني الخروج من الضمان.

## الأسطورة 5: «المبتدئ لا فرصة له أمام أصحاب الخبرة»

الجميع بدأ بحساب «جديد». ابدأ بخدمة صغيرة محددة تتقنها، وأكمل ملفك، ووثّق هويتك، واعرض أعمالك في معرض الأعمال. في المشاريع تقديم العروض مجاني، وعدد عروضك النشطة يزيد مع كل مستوى. أول تقييم جيد يفتح الباب للثاني، والمستويات ترتفع بالطلبات المكتملة والتقييم، لا بالأقدمية.

## الأسطورة 6: «لكي تفوز بالعمل يجب أن تكسر الأسعار»

السعر المنخفض جدًا يجذب المشتري الخطأ ويستنزفك. المشتري الجاد يقارن التقييمات والأعمال السابقة ووضوح الوصف قبل السعر. ضع سعرًا عادلًا لخدمتك الأساسية، واستخدم الإضافات المدفوعة للتسليم الأسرع أو الملفات الإضافية، ودع جودة عملك تبرر سعرك. وتذكّر أن المشتري يدفع السعر المعلن فقط، وأن العمولة 10% من جانب البائع، فاحسب صافي ربحك قبل أن تسعّر.

## الأسطورة 7: «العمل الحر يعني الثراء السريع ووقتًا بلا حدود»

العمل الحر حرية في اختيار ما تعمل ومتى، لكنه يحتاج انضباطًا: مواعيد تسليم تحترمها، ورسائل ترد عليها في وقتها (لديك يومان لقبول الطلب)، وجودة ثابتة تحافظ على تقييمك. والدخل يكبر تدريجيًا مع المستوى والعملاء الذين يعودون إليك. خطط لمصروفك على أساس أن أرباح كل طلب تنتظر أيام التصفية قبل أن تصبح قابلة للسحب.

## الخلاصة

العمل عبر الإنترنت ليس وهمًا ولا طريقًا سحريًا؛ إنه عمل حقيقي يحتاج مهارة والتزامًا ومنصة تحفظ الحقوق. ابدأ بخطوة صغيرة: أكمل ملفك، وانشر خدمتك الأولى، أو قدّم عرضًا على [مشروع مفتوح](/projects).`,
    titleEn: '7 myths about working online that have no basis in truth',
    bodyEn: `Many people still look at online freelancing with suspicion, or with exaggerated dreams. The truth is in between: it is real work with its own rules, and it rewards those who take it seriously.

## Myth 1: "Online work is not real work"

A client who orders a logo, a translation or a website pays real money for a real result, and the freelancer keeps a deadline and is reviewed on quality. On Kafiil every order has a page with its status, deadline, messages and files, like any organised job.

## Myth 2: "You must speak perfect English"

The Arab market alone is large, and many buyers want someone who knows their language and culture. Kafiil is Arabic first, with English for those who want it. Your Arabic may be your edge in writing, translation, voice-over and proofreading.

## Myth 3: "Freelancing is only for programmers and designers"

Look at the [service categories](/services): content writing, translation, voice-over, video editing, social media management, ads, data entry, virtual assistance, tutoring, legal consulting, business plans. If people need your skill, someone is looking for it.

## Myth 4: "You will work hard and never get paid"

That fear makes sense for deals struck in a private message with no guarantee. On Kafiil the amount is held in escrow before you start; an order with no answer after delivery completes by itself, and staff decide disputes. That is why contact details are not exchanged: leaving the platform means leaving the guarantee.

## Myth 5: "Beginners have no chance"

Everyone started as "New". Offer one small service you master, complete your profile, verify your identity and show your portfolio. Bidding on projects is free, and your active bids grow with each level. Levels rise with completed jobs and ratings, not seniority.

## Myth 6: "To win work you must undercut everyone"

A very low price attracts the wrong buyers and wears you out. Serious buyers compare reviews, past work and a clear description before price. Set a fair price for the core service and use paid add-ons for extras. Buyers pay the listed price only and the 10% commission comes from the seller's side, so work out your net before you price.

## Myth 7: "Freelancing means quick riches and endless free time"

Freelancing is freedom to choose what and when you work, and it takes discipline: deadlines, timely answers (you have two days to accept an order) and steady quality. Income grows with your level and returning clients; plan knowing each order's earnings wait for the clearance days before you can withdraw them.

## In short

Online work is neither a myth nor magic: it is real work that needs skill, commitment and a platform that protects your rights. Start small: complete your profile, publish your first service, or bid on an [open project](/projects).`,
  },
];
