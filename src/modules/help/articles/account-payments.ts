// The help centre's first articles (data): the account and payments topics. Every number is the site's default as
// RULES.md and the code state it (an admin may change the money settings; the articles say "by default" there).
import type { SeedArticle } from './seed-article.ts';

export const ACCOUNT_PAYMENTS: SeedArticle[] = [
  {
    slug: 'create-account',
    topic: 'account',
    position: 1,
    titleAr: 'إنشاء حساب في كفيل وتأكيد البريد الإلكتروني',
    titleEn: 'Creating a Kafiil account and confirming your email',
    bodyAr: `التسجيل في كفيل مجاني، وحساب واحد يكفيك لتبيع خدماتك وتشتري ما تحتاج إليه.

## خطوات التسجيل
1. افتح صفحة [حساب جديد](/signup) واكتب بريدك الإلكتروني واسم المستخدم وكلمة المرور.
2. وافق على [شروط الخدمة](/terms) و[سياسة الخصوصية](/privacy): نحفظ نسخة كل سياسة وافقت عليها.
3. افتح الرسالة التي تصلك واضغط رابط التأكيد.

## اسم المستخدم لا يتغير
اسم المستخدم من 3 إلى 30 حرفًا من الحروف الإنجليزية الصغيرة والأرقام والشرطة السفلية (_)، وهو فريد و**لا يتغير أبدًا** بعد التسجيل، لأنه هويتك في التعاملات والتقييمات. أما الاسم الظاهر فتغيّره متى شئت من [إعدادات الحساب](/account).

## لماذا يلزم تأكيد البريد؟
لا يمكنك شحن الرصيد أو سحبه أو طلب خدمة أو توظيف مستقل قبل تأكيد بريدك الإلكتروني. إذا لم تصلك الرسالة فاطلب إرسالها مرة أخرى من صفحة حسابك.

## هل يمكنني حذف حسابي؟
لا تُحذف الحسابات في كفيل، لأن سجل التعاملات يحفظ حقوق الطرفين. يمكنك تعطيل حسابك من [إعدادات الحساب](/account): يُخفى ملفك الشخصي، وتبقى بياناتك وسجلك المالي محفوظين.`,
    bodyEn: `Signing up to Kafiil is free, and one account lets you both sell your services and buy the ones you need.

## Signing up
1. Open [Sign up](/signup) and type your email address, a username and a password.
2. Accept the [terms of service](/terms) and the [privacy policy](/privacy): we keep the version of each policy you accepted.
3. Open the mail we send you and follow the confirmation link.

## Your username never changes
A username is 3 to 30 characters of lower-case English letters, digits and the underscore (_). It is unique and **never changes** after sign-up, because it is your identity in deals and reviews. Your display name is different: change it whenever you like in [account settings](/account).

## Why confirm your email?
You cannot top up, withdraw, order a service or hire a freelancer until your email address is confirmed. If the mail did not arrive, ask for it again from your account page.

## Can I delete my account?
Accounts on Kafiil are never deleted, because the record of dealings protects both sides. You can deactivate your account in [account settings](/account): your profile is hidden, while your data and financial records are kept.`,
  },
  {
    slug: 'account-security',
    topic: 'account',
    position: 2,
    titleAr: 'حماية حسابك: كلمة المرور والتحقق بخطوتين والجلسات',
    titleEn: 'Keeping your account safe: password, two-step verification and sessions',
    bodyAr: `## كلمة مرور قوية
كلمة المرور 10 أحرف على الأقل، ولا نقبل كلمات المرور الشائعة ولا كلمة مرور تحتوي على اسم المستخدم. غيّرها من صفحة [الأمان](/account/security)، وعند تغييرها تنتهي جلساتك الأخرى كلها.

## التحقق بخطوتين
فعّل التحقق بخطوتين من صفحة [الأمان](/account/security): بعد ذلك يُطلب منك عند الدخول رمز من تطبيق مصادقة على هاتفك (مثل Google Authenticator أو Microsoft Authenticator) إلى جانب كلمة المرور.

## محاولات الدخول الخاطئة
بعد عدة محاولات خاطئة يتوقف الدخول إلى حسابك من ذلك العنوان مدة قصيرة تطول مع تكرار المحاولات، بينما تستطيع أنت الدخول من جهاز دخلت منه قبل ذلك. ونرسل إليك رسالة عند أول إيقاف، ورسالة تنبيه كلما دخل أحد إلى حسابك من جهاز لم نره من قبل.

## الجلسات المفتوحة
تعرض صفحة [الأمان](/account/security) كل جهاز دخلت منه. إن رأيت جهازًا لا تعرفه فأنهِ جلسته، أو أنهِ كل الجلسات الأخرى دفعة واحدة، ثم غيّر كلمة المرور.

> لن يطلب منك فريق كفيل كلمة المرور أو رمز التحقق أبدًا.`,
    bodyEn: `## A strong password
A password has at least 10 characters; common passwords and passwords containing your username are refused. Change it on the [security page](/account/security): changing it ends all your other sessions.

## Two-step verification
Turn on two-step verification on the [security page](/account/security): from then on, signing in asks for a code from an authenticator app on your phone (such as Google Authenticator or Microsoft Authenticator) as well as your password.

## Wrong sign-in attempts
After several wrong attempts, sign-in to your account from that address pauses for a short while, longer each time, while you can still sign in from a device you used before. We mail you at the first pause, and we send an alert whenever someone signs in to your account from a device we have not seen before.

## Open sessions
The [security page](/account/security) lists every device you are signed in on. If you see one you do not recognise, end its session or all other sessions at once, then change your password.

> The Kafiil team will never ask for your password or verification code.`,
  },
  {
    slug: 'identity-verification',
    topic: 'account',
    position: 3,
    titleAr: 'توثيق الهوية وشارة الحساب الموثّق',
    titleEn: 'Identity verification and the verified badge',
    bodyAr: `توثيق الهوية يمنح ملفك شارة «موثّق» تظهر في ملفك الشخصي وفي دليل [المستقلين](/freelancers)، ويستطيع المشترون تصفية النتائج بها.

## ما الذي تحتاج إليه؟
- صورة وثيقة رسمية: بطاقة الهوية الوطنية أو جواز السفر أو بطاقة الإقامة.
- صورة شخصية لك (سيلفي).
- يُقبل الملف بصيغة JPEG أو PNG أو WebP أو PDF، بحجم 10 ميغابايت على الأكثر.

## كيف يتم التوثيق؟
1. افتح صفحة [توثيق الهوية](/account/verification) وارفع الوثيقة والصورة واكتب اسمك كما في الوثيقة.
2. يراجع فريق الدعم الطلب ويقرر خلال 3 أيام عمل، بالموافقة أو بالرفض مع ذكر السبب.
3. إذا رُفض طلبك تستطيع تقديم طلب جديد بعد تصحيح ما ذُكر في سبب الرفض.

## خصوصية ملفاتك
لا يرى ملفاتك إلا أنت وفريق الدعم، وكل اطلاع من الفريق عليها يُسجَّل في سجل التدقيق.`,
    bodyEn: `Identity verification gives your profile a "verified" badge, shown on your profile and in the [freelancers](/freelancers) directory, where buyers can filter by it.

## What you need
- A photo of an official document: national ID card, passport or residence card.
- A photo of yourself (a selfie).
- Files in JPEG, PNG, WebP or PDF, up to 10 MB each.

## How it works
1. Open [identity verification](/account/verification), upload the document and the selfie, and type your name as it appears on the document.
2. Support staff review the request and decide within 3 business days: approved, or rejected with a reason.
3. If it is rejected, you can send a new request once you have fixed what the reason says.

## Your files stay private
Only you and support staff can see your files, and every time staff open them it is written to the audit log.`,
  },
  {
    slug: 'support-tickets',
    topic: 'account',
    position: 4,
    titleAr: 'التواصل مع الدعم: الشكاوى وتذاكر الدعم',
    titleEn: 'Contacting support: complaints and tickets',
    bodyAr: `إن لم تجد جوابك في مركز المساعدة فافتح تذكرة دعم، ويرد عليك فريق كفيل فيها.

## فتح تذكرة
1. افتح صفحة [تذكرة جديدة](/support/new) من حسابك.
2. اختر التصنيف: طلب، أو دفع، أو حساب، أو مشكلة تقنية، أو إبلاغ عن إساءة، أو تظلّم من عقوبة، أو غير ذلك.
3. اكتب الموضوع والتفاصيل، واربط التذكرة بالطلب المعني إن وُجد، وأرفق ملفات إن احتجت (حتى 5 ملفات، كل منها حتى 25 ميغابايت).

## حالة التذكرة
- **مفتوحة**: تنتظر رد الفريق.
- **تم الرد**: رد الفريق، ويمكنك الرد عليه فتعود التذكرة مفتوحة.
- **مغلقة**: انتهت المحادثة.

تجد تذاكرك كلها في صفحة [الدعم](/support). وتظهر تذاكر المستوى الثالث والخبراء أولًا في قائمة الفريق.

لأي استفسار عام لا يخص حسابك استخدم صفحة [تواصل معنا](/contact).`,
    bodyEn: `If the help centre does not answer your question, open a support ticket and the Kafiil team will reply in it.

## Opening a ticket
1. Open [New ticket](/support/new) from your account.
2. Choose a category: an order, a payment, your account, a technical problem, reporting abuse, an appeal against a sanction, or other.
3. Write a subject and the details, link the order concerned if there is one, and attach files if you need to (up to 5 files, 25 MB each).

## A ticket's status
- **Open**: waiting for the team's reply.
- **Answered**: the team replied; your reply opens it again.
- **Closed**: the conversation is over.

All your tickets are on the [support page](/support). Tickets from Level 3 sellers and Experts come first in the team's queue.

For a general question that is not about your account, use [Contact us](/contact).`,
  },
  {
    slug: 'deposit-balance',
    topic: 'payments',
    position: 1,
    titleAr: 'شحن الرصيد: الوسائل والحد الأدنى',
    titleEn: 'Topping up your balance: methods and minimum',
    bodyAr: `تدفع في كفيل من رصيدك، وتشحنه من صفحة [المحفظة](/wallet). جميع المبالغ بالدولار الأمريكي.

## الحدود
- أقل مبلغ للشحن 5 دولارات، وأكبر مبلغ في العملية الواحدة 10,000 دولار (القيم الافتراضية).
- يجب أن يكون بريدك الإلكتروني مؤكدًا.

## الوسائل
- **الدفع بالبطاقة** عبر بوابة الدفع: يصل المبلغ إلى رصيدك المتاح فور تأكيد الدفع. إذا لم تُكمل الدفع خلال يوم تنتهي العملية، وتستطيع إعادة المحاولة بالمبلغ نفسه.
- **التحويل اليدوي** (تحويل بنكي، فودافون كاش، أورنج كاش، اتصالات كاش): يراجع فريق المالية وصول التحويل ثم يضيف المبلغ إلى رصيدك.

تجد الوسائل المتاحة الآن في صفحة [وسائل الدفع](/payment-methods).

## الشحن أثناء الطلب
إذا لم يكفِ رصيدك عند طلب خدمة تُفتح صفحة الشحن بالفرق (وبالحد الأدنى للشحن على الأقل)، ثم يُنفَّذ الطلب تلقائيًّا بعد الدفع.`,
    bodyEn: `On Kafiil you pay from your balance, which you top up on the [wallet page](/wallet). All amounts are in US dollars.

## Limits
- The minimum top-up is $5 and the most in one top-up is $10,000 (the defaults).
- Your email address must be confirmed.

## Methods
- **Card payment** through the payment gateway: the amount reaches your available balance as soon as the payment is confirmed. A checkout not paid within a day expires, and you can try again with the same amount.
- **Manual transfer** (bank transfer, Vodafone Cash, Orange Cash, Etisalat Cash): finance staff check that the transfer arrived, then add the amount to your balance.

The methods offered now are on the [payment methods](/payment-methods) page.

## Topping up while ordering
If your balance is short when you order a service, the top-up page opens for the difference (at least the minimum top-up), and the order is placed by itself once you have paid.`,
  },
  {
    slug: 'withdraw-balance',
    topic: 'payments',
    position: 2,
    titleAr: 'سحب الرصيد: الحد الأدنى والوسائل ومراجعة الطلب',
    titleEn: 'Withdrawing your balance: minimum, methods and review',
    bodyAr: `تسحب أرباحك من **الرصيد المتاح** في صفحة [المحفظة](/wallet). الأرباح المعلّقة لا تُسحب حتى تنقضي أيام تحريرها.

## الحد الأدنى والوسائل
- أقل مبلغ للسحب 10 دولارات (القيمة الافتراضية).
- وسائل السحب: PayPal، والتحويل البنكي، وفودافون كاش، وأورنج كاش، واتصالات كاش، والبريد المصري. القائمة المتاحة الآن في صفحة [وسائل السحب](/withdrawal-methods).
- يجب أن يكون بريدك الإلكتروني مؤكدًا.

## ماذا يحدث بعد طلب السحب؟
1. يخرج المبلغ من رصيدك المتاح فور الطلب ويظهر في «قيد السحب».
2. يراجع فريق المالية الطلب ويحوّل المبلغ يدويًّا بالوسيلة التي اخترتها، فيُسجَّل الطلب مدفوعًا مع مرجع التحويل.
3. أو يرفض الطلب مع ذكر السبب، فيعود المبلغ كاملًا إلى رصيدك المتاح.

## متى لا يمكنني السحب؟
- إذا كانت على حسابك عقوبة تشمل السحب.
- إذا كان رصيدك مجمّدًا بعد حظر دائم: راجع [أرصدتك في كفيل](/help/articles/balances-explained).

تفاصيل كل حركة (الإجمالي والعمولة والصافي والتاريخ) في كشف الحساب بصفحة المحفظة.`,
    bodyEn: `You withdraw your earnings from your **available balance** on the [wallet page](/wallet). Pending earnings cannot be withdrawn until their clearance days have passed.

## Minimum and methods
- The minimum withdrawal is $10 (the default).
- Withdrawal methods: PayPal, bank transfer, Vodafone Cash, Orange Cash, Etisalat Cash and Egyptian Post. The list offered now is on the [withdrawal methods](/withdrawal-methods) page.
- Your email address must be confirmed.

## What happens after you ask
1. The amount leaves your available balance at once and shows under "Withdrawing".
2. Finance staff review the request and pay it out by hand with the method you chose; the request is marked paid with the transfer's reference.
3. Or they reject it with a reason, and the whole amount returns to your available balance.

## When can't I withdraw?
- When a sanction on your account covers withdrawing.
- When your balance is frozen after a permanent ban: see [your balances on Kafiil](/help/articles/balances-explained).

Every movement (gross, fee, net and date) is in the statement on the wallet page.`,
  },
  {
    slug: 'commission-and-clearance',
    topic: 'payments',
    position: 3,
    titleAr: 'عمولة كفيل ومتى تصبح أرباحي متاحة',
    titleEn: 'Kafiil’s commission and when your earnings become available',
    bodyAr: `## العمولة
يدفع المشتري السعر المعلن فقط دون أي رسوم إضافية. وتقتطع المنصة **عمولة 10%** من جانب البائع عند اكتمال كل طلب أو مشروع، ومن كل جائزة مسابقة. تُحفظ نسبة العمولة مع الطلب عند إنشائه، فيكتمل الطلب بالنسبة التي أُنشئ بها.

مثال: خدمة بسعر 50 دولارًا، عند اكتمالها تصل 45 دولارًا إلى رصيدك المعلّق، وتذهب 5 دولارات عمولة للمنصة.

## أيام تحرير الأرباح
تبقى أرباح العمل المكتمل معلّقة مدة تحددها [مستويات المستخدمين](/user-levels)، ثم تصبح متاحة للسحب أو الشراء:
- البائع الجديد: 8 أيام.
- المستوى الأول: 6 أيام.
- المستوى الثاني: 4 أيام.
- المستوى الثالث: يومان.
- الخبير: دون انتظار.

تعرض صفحة [المحفظة](/wallet) تاريخ تحرير كل مبلغ معلّق.`,
    bodyEn: `## The commission
The buyer pays only the listed price, with no extra fees. The platform keeps a **10% commission** from the seller’s side when each order or project completes, and from every contest prize. The rate is saved with the order when it is placed, so the order completes at the rate it was placed at.

Example: a $50 service pays $45 into your pending balance when it completes, and $5 goes to the platform as commission.

## Clearance days
The earnings of completed work stay pending for a time set by your [level](/user-levels), then become available to withdraw or spend:
- New seller: 8 days.
- Level 1: 6 days.
- Level 2: 4 days.
- Level 3: 2 days.
- Expert: no waiting.

The [wallet page](/wallet) shows the date each pending amount clears.`,
  },
  {
    slug: 'balances-explained',
    topic: 'payments',
    position: 4,
    titleAr: 'أرصدتك في كفيل: المتاح والمعلّق والضمان والمجمّد',
    titleEn: 'Your balances on Kafiil: available, pending, escrow and frozen',
    bodyAr: `لا تضيع الأموال في كفيل ولا تختلط: تعرض صفحة [المحفظة](/wallet) أين يوجد كل مبلغ من رصيدك في كل لحظة:

- **الرصيد المتاح**: تشتري به أو تسحبه.
- **رصيد معلّق**: أرباح عمل مكتمل تنتظر أيام تحريرها، مع تاريخ كل مبلغ.
- **في الضمان**: ما دفعته ثمنًا لطلب أو مشروع أو جائزة مسابقة، محجوز لدى كفيل حتى تستلم العمل.
- **قيد السحب**: طلبات سحب تنتظر مراجعة فريق المالية.
- **مجمّد**: رصيد موقوف بقرار إداري.

## متى يُجمَّد الرصيد؟
عند الحظر الدائم ينتقل الرصيد كله إلى «مجمّد». بعد المراجعة يخصم فريق المالية الأضرار الثابتة (مبالغ تُعاد إلى المشترين المتضررين)، ويُفرج عن الباقي للسحب، بعد 30 يوم عمل من التجميد افتراضيًّا. كل خطوة مسجلة في سجل التدقيق وتظهر لك، وتستطيع الاعتراض بتذكرة [دعم](/support/new).

## كشف الحساب
كل حركة مالية مسجلة في كشف الحساب ولا تُعدَّل أبدًا: التصحيح يكون بحركة جديدة معاكسة.`,
    bodyEn: `Money on Kafiil is never lost or mixed up: the [wallet page](/wallet) shows where every amount of your balance is at every moment:

- **Available**: spend it or withdraw it.
- **Pending**: earnings of completed work waiting for their clearance days, with each amount’s date.
- **In escrow**: what you paid for an order, a project or a contest prize, held by Kafiil until you receive the work.
- **Withdrawing**: withdrawal requests waiting for finance staff.
- **Frozen**: a balance stopped by a staff decision.

## When is a balance frozen?
A permanent ban moves the whole balance to frozen. After review, finance staff deduct proven damages (refunds to harmed buyers) and release the rest for withdrawal, by default 30 business days after the freeze. Every step is in the audit log and shown to you, and you can object through a [support ticket](/support/new).

## The statement
Every money movement is in the statement and is never edited: a correction is a new, reversing movement.`,
  },
  {
    slug: 'order-a-service',
    topic: 'orders',
    position: 1,
    titleAr: 'كيف أطلب خدمة وأدفع ثمنها بأمان',
    titleEn: 'How to order a service and pay for it safely',
    bodyAr: `## الطلب خطوة بخطوة
1. اختر خدمة من [الخدمات](/services) واقرأ وصفها وتقييمات البائع.
2. اختر الكمية (من 1 إلى 10) والإضافات التي تريدها.
3. الإجمالي = (سعر الخدمة + الإضافات) × الكمية، يُخصم من رصيدك. إن لم يكفِ رصيدك تُفتح صفحة الشحن أولًا.
4. بعد الدفع تظهر لك تعليمات البائع، وتبدأ المحادثة معه في صفحة الطلب.

## أين يذهب المبلغ؟
يبقى المبلغ **في الضمان** لدى كفيل، فلا يصل إلى البائع قبل أن تقبل العمل، ولا يضيع عليك إن لم يُنفَّذ: راجع [الإلغاء والاسترداد](/help/articles/refunds-and-disputes).

## ما الذي يُحفظ مع الطلب؟
يحفظ الطلب عنوان الخدمة وسعرها وإضافاتها ومدة التسليم كما كانت لحظة الطلب، فلا يؤثر فيه أي تعديل لاحق على الخدمة.

تجد طلباتك في صفحة [مشترياتي](/my/purchases).`,
    bodyEn: `## Ordering step by step
1. Pick a service from [Services](/services) and read its description and the seller’s reviews.
2. Choose the quantity (1 to 10) and any add-ons you want.
3. The total = (service price + add-ons) × quantity, taken from your balance. If your balance is short, the top-up page opens first.
4. Once paid, you see the seller’s instructions and the conversation with the seller starts on the order page.

## Where does the money go?
The amount stays **in escrow** with Kafiil: it does not reach the seller before you accept the work, and you do not lose it if the work is not done: see [cancellations and refunds](/help/articles/refunds-and-disputes).

## What the order keeps
The order keeps the service’s title, price, add-ons and delivery time as they were when you ordered, so later edits to the service do not change it.

Your orders are on [My purchases](/my/purchases).`,
  },
  {
    slug: 'order-lifecycle',
    topic: 'orders',
    position: 2,
    titleAr: 'مراحل الطلب: القبول والتسليم والتعديلات والإتمام',
    titleEn: 'An order’s stages: acceptance, delivery, changes and completion',
    bodyAr: `## 1. بانتظار البائع
يقبل البائع الطلب أو يرفضه خلال **يومين**. إذا رفضه أو لم يرد أُلغي الطلب وعاد المبلغ كاملًا إلى المشتري.

## 2. قيد التنفيذ
يبدأ موعد التسليم عند القبول: تاريخ البدء + مدة التسليم. تتواصلان عبر رسائل الطلب.

## 3. سُلّم
يرسل البائع التسليم برسالة وملفات. يقبله المشتري، أو يطلب تعديلات فيعود الطلب إلى «قيد التنفيذ». إذا لم يرد المشتري خلال **3 أيام** اكتمل الطلب تلقائيًّا.

## 4. مكتمل
ينتقل نصيب البائع (الإجمالي ناقص عمولة 10%) إلى رصيده المعلّق، ثم يقيّم كل طرف الآخر.

## التقييمات
التقييمات مزدوجة السرية: لا يُنشر أي منها حتى يقيّم الطرفان أو تمضي 10 أيام، فلا يستطيع أحد مقايضة تقييمه بمصلحة. يقيّم المشتري جودة العمل والتواصل والالتزام بالموعد، ويقيّم البائع وضوح المطلوب والتواصل وسرعة الرد (من 1 إلى 5)، ويمكن الرد على التقييم مرة واحدة.`,
    bodyEn: `## 1. Waiting for the seller
The seller accepts or declines the order within **2 days**. A decline, or no answer, cancels it and the full amount returns to the buyer.

## 2. In progress
The delivery deadline starts at acceptance: start date + delivery days. You talk through the order’s messages.

## 3. Delivered
The seller sends the delivery with a message and files. The buyer accepts it or asks for changes, which takes the order back to in progress. With no answer from the buyer for **3 days**, the order completes by itself.

## 4. Completed
The seller’s share (the total less the 10% commission) moves to their pending balance, and each side reviews the other.

## Reviews
Reviews are double-blind: none is published until both sides have reviewed or 10 days have passed, so nobody can trade a review for a favour. The buyer rates quality of work, communication and delivery on time; the seller rates the clarity of the brief, communication and timely answers (1 to 5). A review can be answered once.`,
  },
  {
    slug: 'refunds-and-disputes',
    topic: 'orders',
    position: 3,
    titleAr: 'إلغاء الطلب واسترداد المبلغ وفتح نزاع',
    titleEn: 'Cancelling an order, getting a refund and opening a dispute',
    bodyAr: `## متى أسترد المبلغ كاملًا؟
- قبل أن يقبل البائع الطلب: يستطيع المشتري إلغاءه بنفسه.
- إذا رفض البائع الطلب أو لم يقبله خلال يومين: يُلغى تلقائيًّا ويُسترد المبلغ.
- إذا انقضى موعد التسليم دون تسليم: يستطيع المشتري إلغاء الطلب وحده واسترداد المبلغ كاملًا.
- قبل موعد التسليم يحتاج الإلغاء إلى موافقة الطرفين: يرسل أحدكما طلب إلغاء ويقبله الآخر.

يعود المبلغ المسترد إلى رصيدك المتاح في كفيل، وتستطيع الشراء به أو سحبه.

## فتح نزاع
إذا اختلفتما على طلب قيد التنفيذ أو مُسلَّم ولم تصلا إلى حل عبر الرسائل، يستطيع أي منكما فتح نزاع من صفحة الطلب مع ذكر السبب. يدرس فريق كفيل المحادثات والتسليمات، ثم يقرر:
- تحرير المبلغ للبائع،
- أو استرداده للمشتري،
- أو تقسيمه بينكما.

يظهر القرار وسببه للطرفين، ويُسجَّل في سجل التدقيق. ولا ينخفض مستوى البائع بسبب استرداد لم يتسبب فيه.`,
    bodyEn: `## When do I get a full refund?
- Before the seller accepts the order: the buyer may cancel it.
- When the seller declines the order or does not accept it within 2 days: it is cancelled by itself and refunded.
- When the delivery deadline passes without a delivery: the buyer may cancel alone and get a full refund.
- Before the deadline, cancelling needs both sides: one of you sends a cancellation request and the other accepts it.

A refund returns to your available balance on Kafiil, where you can spend it or withdraw it.

## Opening a dispute
If you disagree over an order in progress or delivered and cannot settle it through the messages, either of you can open a dispute from the order page, giving the reason. The Kafiil team reads the conversation and the deliveries, then decides to:
- release the amount to the seller,
- refund it to the buyer,
- or split it between you.

Both sides see the decision and its reason, and it is written to the audit log. A seller’s level never drops because of a refund the seller did not cause.`,
  },
];
