import { normalizeText } from '../../../platform/text.ts';
import { type ContactMatch, scanContacts } from '../../trust/index.ts';

/** The normalised text the directory and the admin list search in. */
export function searchTextOf(u: { displayName: string; username: string; skills: string[]; bio?: string }): string {
  return normalizeText(`${u.displayName} ${u.username} ${u.skills.join(' ')}`);
}

/** Contact details in a profile's texts, by field (RULES.md "Trust and safety": profiles too). */
export function contactsInProfile(p: {
  displayName: string;
  bio: string;
  skills: string[];
  languages: string[];
}): Record<string, ContactMatch[]> {
  const texts: [string, string][] = [
    ['displayName', p.displayName],
    ['bio', p.bio],
    ['skills', p.skills.join(' ، ')],
    ['languages', p.languages.join(' ، ')],
  ];
  const out: Record<string, ContactMatch[]> = {};
  for (const [field, text] of texts) {
    const scan = scanContacts(text);
    if (scan.contact) out[field] = scan.matches;
  }
  return out;
}

/** The contact details found, as one line for the error message. */
export const foundText = (contacts: Record<string, ContactMatch[]>) =>
  Object.values(contacts)
    .flatMap((ms) => ms.map((m) => m.text))
    .join('، ');
