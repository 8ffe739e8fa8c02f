// The help centre's first articles (data): services, projects, contests, works and safety. Every number is the
// site's rule as RULES.md and the modules' rules.ts state it; nothing here describes a feature the site lacks.
import type { SeedArticle } from './seed-article.ts';

export const WORK_SAFETY: SeedArticle[] = [
  {
    slug: 'publish-service',
    topic: 'services',
    position: 1,
    titleAr: 'نشر خدمة للبيع ومراجعتها',
    titleEn: 'Publishing a service and its review',
    bodyAr: `تنشر خدمتك من صفحة [خدمة جديدة](/my/services/new)، وتجد خدماتك كلها في [خدماتي](/my/services).

## ما تحتاج إليه الخدمة
- عنوان من 10 إلى 100 حرف، وتصنيف وتصنيف فرعي، وحتى 10 مهارات.
- وصف لا يقل عن 100 حرف.
- صورة رئيسية وحتى 8 صور أخرى.
- سعر من 5 إلى 1,000 دولار بالدولار الكامل، ومدة تسليم من يوم إلى 90 يومًا.
- تعليمات للمشتري تظهر له بعد الشراء.
- حتى 10 إضافات، لكل منها عنوان وسعر لا يقل عن 5 دولارات وأيام إضافية.

## المراجعة
كل خدمة جديدة أو معدّلة تنتظر موافقة المشرفين: تُنشر، أو تُرفض مع ذكر السبب فتعدّلها وترسلها من جديد. وأثناء مراجعة التعديل تبقى النسخة المنشورة ظاهرة كما هي. ويمكنك إيقاف الخدمة مؤقتًا في أي وقت، وتُحفظ المسودات.

## عدد الخدمات المسموح
يحدد مستواك عدد خدماتك: 5 للبائع الجديد، و10 للمستوى الأول، و15 للثاني، و30 للثالث، وبلا حد للخبير. راجع [مستويات البائعين](/help/articles/seller-levels).

> لا تكتب في الخدمة أي وسيلة تواصل خارج كفيل: [لماذا تُرفض بيانات التواصل](/help/articles/contact-details-rule).`,
    bodyEn: `Publish a service from [New service](/my/services/new); all your services are on [My services](/my/services).

## What a service needs
- A title of 10 to 100 characters, a category and subcategory, and up to 10 skills.
- A description of at least 100 characters.
- A main image and up to 8 more.
- A price from $5 to $1,000 in whole dollars, and a delivery time from 1 to 90 days.
- Instructions to the buyer, shown after the purchase.
- Up to 10 add-ons, each with a title, a price of at least $5 and extra days.

## Review
Every new or edited service waits for moderator approval: it is published, or rejected with a reason so you can fix it and send it again. While an edit is reviewed, the published version stays as it is. You can pause a service at any time, and drafts are kept.

## How many services you may have
Your level sets the number: 5 for a new seller, 10 at Level 1, 15 at Level 2, 30 at Level 3, and no limit for an Expert. See [seller levels](/help/articles/seller-levels).

> Do not put any way of contact outside Kafiil in a service: [why contact details are refused](/help/articles/contact-details-rule).`,
  },
  {
    slug: 'seller-levels',
    topic: 'services',
    position: 2,
    titleAr: 'مستويات البائعين والمشترين وكيف ترتقي',
    titleEn: 'Seller and buyer levels and how to move up',
    bodyAr: `يُعاد حساب المستويات يوميًّا وبعد كل طلب مكتمل، وكل مستوى أعلى يمنحك حدودًا أوسع وأرباحًا تتحرر أسرع.

## مستويات البائعين
- **جديد**: 5 خدمات، و5 عروض نشطة، وتحرير الأرباح بعد 8 أيام.
- **المستوى الأول**: مبيعات من 5 إلى 300 دولار، و5 أعمال مكتملة على الأقل، وتقييم 3.0 على الأقل: 10 خدمات و10 عروض، والتحرير بعد 6 أيام.
- **المستوى الثاني**: من 301 إلى 1,000 دولار، و20 عملًا مكتملًا، وتقييم 4.25: 15 خدمة و15 عرضًا، والتحرير بعد 4 أيام.
- **المستوى الثالث**: أكثر من 1,000 دولار، و50 عملًا مكتملًا، وتقييم 4.5: 30 خدمة و20 عرضًا، والتحرير بعد يومين.
- **خبير**: يختاره فريق كفيل: بلا حدود، والأرباح متاحة فورًا.

يحصل المستوى الثالث والخبير على دعم ذي أولوية وشارة في الملف الشخصي.

## مستويات المشترين
جديد (0 دولار)، ثم المستوى الأول (من 5 إلى 300 دولار مشتريات)، والثاني (من 301 إلى 1,000)، والثالث (أكثر من 1,000)، وVIP يختاره فريق كفيل.

لا ينخفض مستوى البائع أبدًا بسبب استرداد لم يتسبب فيه. الجدول الكامل في صفحة [مستويات المستخدمين](/user-levels).`,
    bodyEn: `Levels are recomputed daily and after every completed order; each higher level brings wider limits and faster clearance of earnings.

## Seller levels
- **New**: 5 services, 5 active bids, earnings clear after 8 days.
- **Level 1**: $5–300 in sales, at least 5 completed jobs and a 3.0 rating: 10 services and 10 bids, clearing after 6 days.
- **Level 2**: $301–1,000, 20 completed jobs and a 4.25 rating: 15 services and 15 bids, clearing after 4 days.
- **Level 3**: over $1,000, 50 completed jobs and a 4.5 rating: 30 services and 20 bids, clearing after 2 days.
- **Expert**: chosen by the Kafiil team: no limits, earnings available at once.

Level 3 and Experts get priority support and a badge on their profile.

## Buyer levels
New ($0), then Level 1 ($5–300 spent), Level 2 ($301–1,000), Level 3 (over $1,000), and VIP, chosen by the Kafiil team.

A seller’s level never drops because of a refund the seller did not cause. The full table is on [user levels](/user-levels).`,
  },
  {
    slug: 'post-project',
    topic: 'projects',
    position: 1,
    titleAr: 'نشر مشروع واختيار العرض المناسب',
    titleEn: 'Posting a project and choosing a bid',
    bodyAr: `انشر مشروعك من صفحة [مشروع جديد](/projects/new)، وتابع مشاريعك في [مشاريعي](/my/projects).

## ما يحتاج إليه المشروع
عنوان من 10 إلى 100 حرف، ووصف لا يقل عن 100 حرف، وتصنيف، ومهارات، ونطاق ميزانية (مثل 25–50 أو 100–250 أو 1,000–2,500 دولار)، والمدة المتوقعة، ومرفقات إن شئت (حتى 5 ملفات).

## بعد النشر
1. يراجع المشرفون المشروع، ثم يُفتح لتلقي العروض مدة 30 يومًا.
2. تعرض صفحة المشروع تاريخ النشر والميزانية والمدة وعدد العروض ومتوسطها.
3. اختر العرض المناسب ووظّف صاحبه: يُحجز مبلغ العرض من رصيدك في الضمان، ويصبح العمل طلبًا قيد التنفيذ.

## التسليم والإتمام
يسلّم المستقل العمل فتقبله أو تطلب تعديلات. إذا لم ترد خلال **7 أيام** اكتمل تلقائيًّا. وتسري على المشروع قواعد الإلغاء والنزاع نفسها التي تسري على الطلبات: راجع [الإلغاء والاسترداد](/help/articles/refunds-and-disputes).

لا يغلق المشروع إلا صاحبه.`,
    bodyEn: `Post your project from [New project](/projects/new) and follow it on [My projects](/my/projects).

## What a project needs
A title of 10 to 100 characters, a description of at least 100 characters, a category, skills, a budget range (such as $25–50, $100–250 or $1,000–2,500), the expected duration, and attachments if you like (up to 5 files).

## After posting
1. Moderators review the project; then it is open for bids for 30 days.
2. The project page shows the publish date, budget, duration, number of bids and the average bid.
3. Pick the bid that fits and hire its freelancer: the bid’s amount is held in escrow from your balance, and the work becomes an order in progress.

## Delivery and completion
The freelancer delivers and you accept or ask for changes. With no answer from you for **7 days**, it completes by itself. The same cancellation and dispute rules as orders apply: see [cancellations and refunds](/help/articles/refunds-and-disputes).

Only the owner can close a project.`,
  },
  {
    slug: 'bid-on-project',
    topic: 'projects',
    position: 2,
    titleAr: 'تقديم عرض على مشروع',
    titleEn: 'Bidding on a project',
    bodyAr: `تقديم العروض مجاني. تصفح [المشاريع](/projects) المفتوحة وقدّم عرضك من صفحة المشروع.

## العرض
- مبلغ من 10 إلى 10,000 دولار، ومدة التنفيذ بالأيام.
- نص عرض لا يقل عن 50 حرفًا: اشرح كيف ستنفذ المطلوب، ولا تضع أي وسيلة تواصل.
- مرفقات إن شئت (حتى 5 ملفات).

عرض واحد لكل مستقل على كل مشروع، ويمكنك تعديله أو سحبه ما دام المشروع مفتوحًا.

## حدّ العروض النشطة
تُحسب عروضك النشطة من حدّ مستواك: 5 للجديد، و10 للمستوى الأول، و15 للثاني، و20 للثالث، وبلا حد للخبير. إذا أُغلق مشروع دون توظيف يتحرر مكان عرضك عليه فورًا.

## إذا اختارك صاحب المشروع
يُحجز مبلغ عرضك في الضمان من رصيد صاحب المشروع، ويصلك إشعار، ويصبح العمل طلبًا قيد التنفيذ. عند اكتماله تصل إليك قيمته ناقص عمولة 10%. تتابع عروضك في [عروضي](/my/bids).`,
    bodyEn: `Bidding is free. Browse the open [projects](/projects) and bid from the project’s page.

## Your bid
- An amount from $10 to $10,000, and the days you need.
- A proposal of at least 50 characters: explain how you will do the work, and leave out any way of contact.
- Attachments if you like (up to 5 files).

One bid per freelancer per project; you can edit or withdraw it while the project is open.

## The active bids limit
Your active bids count against your level’s limit: 5 for New, 10 at Level 1, 15 at Level 2, 20 at Level 3, no limit for an Expert. A bid on a project closed without hiring frees its place at once.

## When the owner hires you
Your bid’s amount is held in escrow from the owner’s balance, you are notified, and the work becomes an order in progress. When it completes you receive its value less the 10% commission. Follow your bids on [My bids](/my/bids).`,
  },
  {
    slug: 'run-contest',
    topic: 'contests',
    position: 1,
    titleAr: 'إطلاق مسابقة واختيار الفائزين',
    titleEn: 'Running a contest and picking the winners',
    bodyAr: `في المسابقة ترصد جائزة، فيقدّم المستقلون مشاركاتهم، وتختار الأفضل. ابدأ من [مسابقة جديدة](/contests/new).

## ما تحتاج إليه المسابقة
عنوان ووصف وشروط، وتصنيف ومهارات، ومن فائز واحد إلى 3 فائزين لكل منهم جائزة (مجموع الجوائز 20 دولارًا على الأقل، ولا تزيد جائزة مركز على جائزة المركز الذي قبله)، ومدة المشاركة (من 7 أيام إلى 3 أشهر)، ومدة تسليم الملفات النهائية. وتختار عند الإنشاء: مسابقة مفتوحة، أو سرية لا يرى فيها كل مشارك إلا مشاركاته حتى النهاية.

## ضمان الجائزة
تُحجز الجائزة كاملة في الضمان عند نشر المسابقة، ثم يراجعها المشرفون: بالموافقة تُفتح للمشاركات، وبالرفض تعود الجائزة إليك.

## أثناء المسابقة وبعدها
- تقيّم المشاركات (من 1 إلى 5) وتعلّق عليها.
- يمكنك تمديد الموعد مرة واحدة (حتى 14 يومًا)، أو إنهاء المسابقة مبكرًا متى وصلت 5 مشاركات.
- بعد الموعد تختار الفائزين خلال **14 يومًا**. إن لم تختر في الوقت انتقل الأمر إلى فريق كفيل ليختار أو يسترد.
- إذا لم تصل أي مشاركة عادت الجائزة كاملة إليك.
- مسابقة فيها مشاركات لا يلغيها صاحبها وحده: القرار لفريق كفيل مع ذكر الأسباب.`,
    bodyEn: `In a contest you fund a prize, freelancers send entries, and you pick the best. Start from [New contest](/contests/new).

## What a contest needs
A title, a description and conditions, a category and skills, one to 3 winners each with a prize (at least $20 in total, and no place wins more than the place before it), the entry period (7 days to 3 months), and the delivery time for the final files. At creation you choose: an open contest, or a blind one in which each contestant sees only their own entries until the end.

## The prize is guaranteed
The whole prize is held in escrow when you publish the contest; then moderators review it: approved, it opens for entries; rejected, the prize returns to you.

## During and after
- Rate entries (1 to 5) and comment on them.
- Extend the deadline once (up to 14 days), or end early once there are 5 entries.
- After the deadline, pick the winners within **14 days**. If you do not, the case goes to the Kafiil team, who award or refund.
- If no entries arrive, the whole prize returns to you.
- A contest with entries is never cancelled by its owner alone: the Kafiil team decides, with reasons.`,
  },
  {
    slug: 'enter-contest',
    topic: 'contests',
    position: 2,
    titleAr: 'المشاركة في مسابقة واستلام الجائزة',
    titleEn: 'Entering a contest and receiving your prize',
    bodyAr: `تصفح [المسابقات](/contests) المفتوحة، واقرأ الوصف والشروط قبل أن تشارك.

## المشاركة
- أرفق صورًا أو ملفات مع وصف لمشاركتك. يمكنك تقديم حتى 10 مشاركات في المسابقة الواحدة.
- يرى الجميع نسخة معاينة من صورك عليها علامة مائية، أما الملفات الأصلية فلا يراها إلا صاحب المسابقة.
- في المسابقة السرية لا يرى المشاركون مشاركات غيرهم حتى تنتهي.

## إذا فزت
1. تسلّم الملفات النهائية مع ملاحظة خلال مدة التسليم.
2. يقبلها صاحب المسابقة، أو تُقبل تلقائيًّا بعد 3 أيام من التسليم.
3. تنتقل جائزتك ناقص عمولة 10% إلى رصيدك المعلّق، ثم تتحرر بحسب مستواك.

إذا اختلفت مع صاحب المسابقة على التسليم يستطيع أي منكما فتح نزاع على المركز، فيقرر فريق كفيل الدفع أو الاسترداد أو إعادة التسليم، مع ذكر السبب للطرفين. تتابع مشاركاتك في [مشاركاتي](/my/contest-entries).`,
    bodyEn: `Browse the open [contests](/contests), and read the description and conditions before you enter.

## Entering
- Attach images or files with a description of your entry. You can send up to 10 entries to one contest.
- Everyone sees watermarked previews of your images; only the contest’s owner sees the original files.
- In a blind contest, contestants do not see each other’s entries until it ends.

## If you win
1. Hand over the final files with a note within the delivery time.
2. The owner accepts them, or they are accepted automatically 3 days after you deliver.
3. Your prize, less the 10% commission, moves to your pending balance and clears according to your level.

If you and the owner disagree about the handover, either of you can dispute the place, and the Kafiil team decides to pay, refund or send it back to handover, with a reason both of you see. Follow your entries on [My entries](/my/contest-entries).`,
  },
  {
    slug: 'portfolio-works',
    topic: 'works',
    position: 1,
    titleAr: 'معرض أعمالك وشارة «تم تنفيذه على كفيل»',
    titleEn: 'Your portfolio and the “Delivered on Kafiil” badge',
    bodyAr: `معرض [الأعمال](/works) يعرض ما أنجزته ليراه المشترون قبل أن يوظفوك. أضف عملًا من [عمل جديد](/works/new) وتابع أعمالك في [أعمالي](/my/works).

## العمل
- عنوان من 10 إلى 100 حرف، ووصف من 30 إلى 5,000 حرف.
- صورة غلاف وحتى 10 صور أخرى، وحتى 10 مهارات، وتصنيف.
- رابط خارجي إن شئت (يبدأ بـ http أو https)، على ألا يكون تطبيق مراسلة أو حسابًا اجتماعيًّا أو منصة عمل حر أو متجرًا آخر.

## شارة «تم تنفيذه على كفيل»
إذا ربطت العمل بطلب مكتمل كنت أنت البائع فيه، يحمل العمل شارة «تم تنفيذه على كفيل» مع تقييم المشتري بعد نشره. ويُربط الطلب الواحد بعمل واحد.

## الظهور
يمكنك حفظ العمل مسودة، ونشره، وإخفاؤه، وحذفه. ويستطيع الآخرون الإعجاب بأعمالك (إعجاب واحد لكل شخص)، وتُرتب الأعمال حسب الأفضل أو الأحدث أو الأكثر مشاهدة أو إعجابًا.`,
    bodyEn: `The [works](/works) gallery shows what you have made, for buyers to see before they hire you. Add a work from [New work](/works/new) and manage yours on [My works](/my/works).

## A work
- A title of 10 to 100 characters and a description of 30 to 5,000 characters.
- A cover image and up to 10 more, up to 10 skills, and a category.
- An outside link if you like (starting with http or https), as long as it is not a messaging app, a social account, another freelance marketplace or a shop.

## The “Delivered on Kafiil” badge
Link the work to a completed order in which you were the seller, and it carries the “Delivered on Kafiil” badge with the buyer’s review once published. One order badges one work.

## Showing it
Keep a work as a draft, publish it, hide it, or delete it. Others can like your works (one like each), and works sort by best, newest, most viewed or most liked.`,
  },
  {
    slug: 'find-freelancers',
    topic: 'works',
    position: 2,
    titleAr: 'العثور على مستقل مناسب وحفظ المفضلة',
    titleEn: 'Finding the right freelancer and saving favourites',
    bodyAr: `## دليل المستقلين
في صفحة [المستقلين](/freelancers) تبحث بالاسم أو المهارة، وتصفّي النتائج حسب: المتصل الآن، والهوية الموثّقة، والتقييم، والمستوى، والمهارات، والدولة.

## الملف الشخصي
يعرض ملف المستقل خدماته وأعماله وتقييمات المشترين والبائعين له، ومستواه، ومتى انضم. تستطيع مراسلته من زر التواصل، فتبقى المحادثة داخل كفيل.

## المفضلة
احفظ الخدمات والأعمال والمستقلين والمشاريع بزر القلب لتعود إليها من صفحة [المفضلة](/favorites)، حتى 1,000 عنصر. وتنبهك المفضلة إذا تغيّر سعر خدمة محفوظة أو لم تعد متاحة.`,
    bodyEn: `## The freelancers directory
On [Freelancers](/freelancers) you search by name or skill and filter by: online now, verified identity, rating, level, skills and country.

## A profile
A freelancer’s profile shows their services, works, the reviews buyers and sellers left them, their level and when they joined. Message them with the contact button, so the conversation stays on Kafiil.

## Favourites
Save services, works, freelancers and projects with the heart button and come back to them on [Favourites](/favorites), up to 1,000 items. Favourites tell you when a saved service’s price changed or it went offline.`,
  },
  {
    slug: 'contact-details-rule',
    topic: 'safety',
    position: 1,
    titleAr: 'لماذا تُرفض بيانات التواصل في الرسائل والنصوص؟',
    titleEn: 'Why contact details are refused in messages and texts',
    bodyAr: `لا يستطيع كفيل حماية أي تعامل يجري خارجه: لا ضمان للمبلغ، ولا نزاع، ولا تقييم. لذلك تُرفض بيانات التواصل في كل نص تكتبه على المنصة.

## ما الذي يُرفض؟
أرقام الهواتف (بأي أرقام أو مكتوبة بالحروف)، والبريد الإلكتروني، والروابط، وأسماء الحسابات المستخدمة للتواصل، في الرسائل والعروض والخدمات والمشاريع والمسابقات والتعليقات والملفات الشخصية والأعمال. وتوضّح لك رسالة الرفض ما رصدناه بالضبط.

## ما المسموح؟
مجرد ذكر منصة في سياق عرض العمل مسموح، مثل «أصمم منشورات إنستغرام» أو «أطور متاجر شوبيفاي».

## ماذا يحدث عند التكرار؟
كل محاولة مرفوضة تُسجَّل، و3 محاولات خلال 30 يومًا تفتح قضية لدى المشرفين قد تنتهي بعقوبة: راجع [العقوبات والتظلم](/help/articles/sanctions-and-appeals).`,
    bodyEn: `Kafiil cannot protect a deal made outside it: no escrow, no dispute, no review. That is why contact details are refused in every text you write on the platform.

## What is refused?
Phone numbers (in any digits or spelled out in words), email addresses, links, and account handles used as contact, in messages, bids, services, projects, contests, comments, profiles and works. The refusal tells you exactly what was found.

## What is allowed?
Merely mentioning a platform as part of an offer of work is fine, such as “I design Instagram posts” or “I build Shopify stores”.

## What happens if it repeats?
Every refused attempt is recorded, and 3 attempts within 30 days open a case for the moderators, which may end in a sanction: see [sanctions and appeals](/help/articles/sanctions-and-appeals).`,
  },
  {
    slug: 'report-content',
    topic: 'safety',
    position: 2,
    titleAr: 'الإبلاغ عن محتوى مخالف',
    titleEn: 'Reporting content that breaks the rules',
    bodyAr: `بجوار كل محتوى يكتبه المستخدمون زر «إبلاغ» ⚑: الخدمات والمشاريع والعروض والمسابقات ومشاركاتها والأعمال والرسائل والتقييمات والملفات الشخصية.

## كيف أبلّغ؟
1. اضغط «إبلاغ».
2. اختر السبب: رسائل مزعجة، أو بيانات تواصل، أو محتوى مسيء، أو احتيال، أو ملكية فكرية، أو سبب آخر.
3. أضف توضيحًا إن شئت، ثم أرسل.

## ماذا يحدث بعد البلاغ؟
يدخل البلاغ قائمة المشرفين، فيراجعونه ويقررون: رفض البلاغ، أو إخفاء المحتوى، أو حذفه (مع الاحتفاظ بنسخة لدى الفريق)، أو تحذير صاحبه، أو فرض عقوبة عليه.

إذا تعرضت لاحتيال في طلب فافتح أيضًا [تذكرة دعم](/support/new) مرتبطة بالطلب.`,
    bodyEn: `Next to every piece of content users write there is a "Report" button ⚑: services, projects, bids, contests and their entries, works, messages, reviews and profiles.

## How do I report?
1. Press "Report".
2. Choose a reason: spam, contact details, offensive, fraud, intellectual property, or other.
3. Add an explanation if you wish, and send.

## What happens next?
The report joins the moderators’ queue; they review it and decide: dismiss it, hide the content, delete it (the team keeps a copy), warn its author, or sanction them.

If you were defrauded in an order, also open a [support ticket](/support/new) linked to the order.`,
  },
  {
    slug: 'sanctions-and-appeals',
    topic: 'safety',
    position: 3,
    titleAr: 'العقوبات على الحسابات وكيف أتظلّم منها',
    titleEn: 'Account sanctions and how to appeal',
    bodyAr: `حين يخالف حساب قواعد كفيل قد يفرض المشرفون عليه عقوبة، ويُذكر له السبب دائمًا.

## أنواع العقوبات
- **كاملة** تشمل الحساب كله، أو **جزئية** تشمل بعض الأنشطة: البيع، أو الشراء، أو المراسلة، أو السحب، أو النشر.
- **مؤقتة** بتاريخ انتهاء، أو **دائمة**.

الطلبات القائمة تستمر لكلا الطرفين مع أموالها المحجوزة، فلا يتضرر مشترٍ بعقوبة البائع.

## الحظر الدائم والرصيد
الحظر الدائم الكامل يجمّد الرصيد كله، ثم يخصم فريق المالية الأضرار الثابتة ويُفرج عن الباقي بعد 30 يوم عمل افتراضيًّا: راجع [أرصدتك في كفيل](/help/articles/balances-explained).

## التظلّم
تجد عقوباتك وأسبابها في صفحة [العقوبات](/account/sanctions). للتظلّم افتح تذكرة من هناك بتصنيف «تظلّم»، واشرح موقفك، ويراجعها فريق الدعم.`,
    bodyEn: `When an account breaks Kafiil’s rules, moderators may sanction it, and the reason is always shown to its owner.

## Kinds of sanction
- **Full**, covering the whole account, or **partial**, covering some activities: selling, buying, messaging, withdrawing or posting.
- **Temporary**, with an end date, or **permanent**.

Orders already under way continue for both sides with their escrow, so a buyer is never harmed by the seller’s sanction.

## A permanent ban and your balance
A permanent full ban freezes the whole balance; finance staff then deduct proven damages and release the rest after 30 business days by default: see [your balances on Kafiil](/help/articles/balances-explained).

## Appealing
Your sanctions and their reasons are on the [sanctions page](/account/sanctions). To appeal, open a ticket from there with the category "appeal", explain your side, and support staff review it.`,
  },
];
