// Who filed a report, as each audience may see it; the one rule for the API, the /admin page
// and the officers' Telegram chat:
// - anonymous (the citizen chose it): no one sees who, not even the agency: a per-report pseudonym;
// - secret (rahasia) or public: the agency's signed-in officers (the API, the page) see the name
//   and the phone number they need to follow up;
// - the officers' group chat, a wider room: the name only on a public report, never the phone.
import { maskContacts, pseudonym } from './pseudonym.js';

export interface ReporterFields {
  id: string;
  isAnonymous: boolean;
  isSecret: boolean;
  reporterName: string | null;
  reporterPhone?: string | null;
}

export interface ShownReporter {
  /** what to call them: the name where it may be shown, else the report's pseudonym */
  label: string;
  /** whether label is the pseudonym */
  pseudonymous: boolean;
  name: string | null;
  phone: string | null;
}

export type ReporterAudience = 'desk' | 'group';

export function shownReporter(c: ReporterFields, audience: ReporterAudience): ShownReporter {
  const name = c.reporterName?.trim() || null;
  const nameShown = !c.isAnonymous && name !== null && (audience === 'desk' || !c.isSecret);
  if (!nameShown) return { label: pseudonym(c.id), pseudonymous: true, name: null, phone: desk(c, audience) };
  return { label: audience === 'group' ? maskContacts(name) : name, pseudonymous: false, name, phone: desk(c, audience) };
}

const desk = (c: ReporterFields, audience: ReporterAudience): string | null =>
  audience === 'desk' && !c.isAnonymous ? (c.reporterPhone ?? null) : null;
