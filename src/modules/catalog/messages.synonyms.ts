import type { Messages } from '../../platform/i18n/index.ts';

/** Messages of the search synonyms page (Arabic and English, the same keys). */
export const synonymsMessages: Messages = {
  ar: {
    'synonyms.title': 'مرادفات البحث',
    'synonyms.intro':
      'كلمات يُبحث بها عن الشيء نفسه: عامية ومعرّبة وعربية وإنجليزية. من يبحث بكلمة من مجموعة يجد ما يحوي أي كلمة منها، في الخدمات والمشاريع.',
    'synonyms.groups.zero': 'لا توجد مجموعات',
    'synonyms.groups.one': 'مجموعة واحدة',
    'synonyms.groups.two': 'مجموعتان',
    'synonyms.groups.few': '{count} مجموعات',
    'synonyms.groups.many': '{count} مجموعة',
    'synonyms.groups.other': '{count} مجموعة',
    'synonyms.default': 'القائمة الافتراضية (لم تُعدَّل بعد)',
    'synonyms.field': 'المجموعات',
    'synonyms.hint':
      'مجموعة في كل سطر، كلماتها مفصولة بعلامة = أو فاصلة؛ مثال: لوجو = شعار = logo. كل كلمة كلمة واحدة، ومن كلمتين إلى {max:count.words} في المجموعة.',
    'synonyms.saved': 'حُفظت مرادفات البحث، وتسري على البحث الآن.',
    'synonyms.term_invalid': '«{term}» في السطر {line} ليست كلمة واحدة من حروف وأرقام (من {min} إلى {max:count.characters}).',
    'synonyms.term_repeated': '«{term}» في السطر {line} موجودة أيضًا في السطر {other}: الكلمة تنتمي إلى مجموعة واحدة.',
    'synonyms.group_too_small': 'السطر {line} فيه كلمة واحدة: المجموعة تحتاج إلى كلمتين على الأقل.',
    'synonyms.group_too_big': 'السطر {line} فيه أكثر من {max:count.words}.',
    'synonyms.too_many': 'القائمة أطول من {max:count.groups}.',
  },
  en: {
    'synonyms.title': 'Search synonyms',
    'synonyms.intro':
      'Words people search with for the same thing: colloquial, loan words, Arabic and English. A search for one word of a group finds anything with any word of it, in services and projects.',
    'synonyms.groups.zero': 'No groups',
    'synonyms.groups.one': '1 group',
    'synonyms.groups.other': '{count} groups',
    'synonyms.groups.two': '{count} groups',
    'synonyms.groups.few': '{count} groups',
    'synonyms.groups.many': '{count} groups',
    'synonyms.default': 'the default list (not edited yet)',
    'synonyms.field': 'Groups',
    'synonyms.hint':
      'One group a line, its words separated by = or a comma; e.g. لوجو = شعار = logo. Each is one word; 2 to {max:count.words} a group.',
    'synonyms.saved': 'Search synonyms saved; searches use them now.',
    'synonyms.term_invalid': '“{term}” on line {line} is not one word of letters and digits ({min} to {max:count.characters}).',
    'synonyms.term_repeated': '“{term}” on line {line} is also on line {other}: a word belongs to one group.',
    'synonyms.group_too_small': 'Line {line} has one word: a group needs at least two.',
    'synonyms.group_too_big': 'Line {line} has more than {max:count.words}.',
    'synonyms.too_many': 'The list is longer than {max:count.groups}.',
  },
};
