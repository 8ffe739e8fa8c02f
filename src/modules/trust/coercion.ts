import { normalizeText } from '../../platform/text.ts';

/**
 * Reviews that cannot be extorted (issue 20): a message that ties a review to a refund or a favour — "refund or I
 * leave 1 star", «رجّع فلوسي وإلا تقييم نجمة», "give me 5 stars and I'll give you a discount", «غيّر تقييمك وأرجع لك
 * المبلغ» — is sent (it is not contact details), but flagged to the moderators as a case. It needs the three at
 * once: a review word, a demand (money back, a discount, free work), and what binds them (or / otherwise / if /
 * in exchange / and I'll…). A message that only mentions a review or only a refund passes unflagged.
 */

// On normalizeText's output: ة → ه, أ/إ/آ → ا, ى → ي, digits ASCII, lower case.
const REVIEW = [
  /\b(?:[0-5]|one|two|zero|bad|negative|low|poor|good|positive|five)[- ]?stars?\b/,
  /\b(?:review|rating|feedback)s?\b/,
  /(?:^|[\s،,.])(?:ب|و|ف)?(?:ال)?(?:تقييم|تقيم)(?:ك|ي|ا|ه)?(?=$|[\s،,.!؟?])/,
  /(?:^|[\s،,.])(?:ب|و)?(?:نجمه|نجمتين|نجمتان|نجوم|نجمات)(?=$|[\s،,.!؟?])/,
];
const DEMAND = [
  /\b(?:refund(?:ed|s)?|money back|pay (?:me )?back|discount|for free|free (?:work|revision|revisions|extra)|extra (?:work|revision|revisions)|compensat(?:e|ion)|cancel(?:led)? (?:the )?order)\b/,
  /(?:استرداد|استرجاع|ترجيع|ارجاع|اعاده|رجع|ارجع|ترجع)[\u0621-\u064a]{0,3}\s*(?:لي\s*|لك\s*)?(?:فلوس|المبلغ|مبلغ|الفلوس|اموال|الاموال|المال|حقي)/,
  /(?:فلوسي|اموالي|مبلغي|فلوسك|تعويض|خصم|مجانا|ببلاش|بدون مقابل|تعديلات مجانيه|الغاء الطلب)/,
];
const BINDING = [
  /\b(?:or|otherwise|unless|if|in exchange|in return|and i(?:'ll| will)|and you(?:'ll| will) get|i(?:'ll| will) (?:give|leave|change|remove|delete|update))\b/,
  /(?:^|[\s،,.])(?:او|والا|وإلا|ولا|لو|اذا|ان لم|مقابل|بشرط|عشان|علشان|حتي|حتى|وسا|وسوف|وراح|وح|سا|سوف)/,
  // Asking for a review to be changed is itself the bargain's half.
  /\b(?:change|edit|remove|delete|update|raise) (?:your|the|my) (?:review|rating)\b/,
  /(?:غير|عدل|احذف|امسح|ارفع|حدث)\s+(?:ال)?(?:تقييم|تقيم)/,
];

export interface CoercionScan {
  coercion: boolean;
}

export function scanCoercion(text: string): CoercionScan {
  const t = normalizeText(text ?? '');
  if (t.length < 8) return { coercion: false };
  const has = (list: RegExp[]) => list.some((re) => re.test(t));
  return { coercion: has(REVIEW) && has(DEMAND) && has(BINDING) };
}
