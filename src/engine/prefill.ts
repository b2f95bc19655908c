// Light NLP fills, the flow confirms: what a free text already says is put in the draft
// (only into empty fields) and shown back in the summary, where the citizen can change it.
import { findDates, jakartaDateString } from '../core/dates.js';
import type { NlpResult } from '../core/nlp.js';
import { REPORT_INTENTS } from '../core/taxonomy.js';
import type { Flows } from './flow-schema.js';
import { locationFromNlp, parseDescription } from './slot-parsers.js';
import type { ReportDraft } from './state.js';
import { SENTENCE_END } from './text.js';
import { generateTitle } from './title.js';

/** NLP category guesses below this are not used (the citizen picks from the list instead). */
export const MIN_CATEGORY_SCORE = 0.5;

/** Sets the description, and the title made from it unless the citizen wrote their own. */
export function setDescription(flows: Flows, draft: ReportDraft, description: string): void {
  draft.description = description;
  if (!draft.titleEdited) {
    const { title_min, title_max } = flows.complaint.limits;
    draft.title = generateTitle(description, title_min, title_max);
  }
}

const LOCATIVE = /(?<![\p{L}\d])(?:di|ke|dekat|depan|sekitar|seberang|samping|belakang|jl\.?|jln\.?|jalan|gang|gg\.?|desa|kelurahan|kecamatan|kec\.|at|near|in|on)(?=\s)/giu;
const DROPPED_WORDS = /^(di|ke|at|in|on)\s+/i;
const MAX_PLACE_CHARS = 120;

/**
 * The citizen's words for the place: from the place words ("di depan", "dekat", "Jl.") before the
 * region's name to its end ("depan Pasar Cibeureum, Kota Bandung"), else the name as written.
 */
export function placePhrase(text: string, entityText: string): string {
  const at = text.toLowerCase().indexOf(entityText.toLowerCase());
  if (at < 0) return entityText;
  const end = at + entityText.length;
  const before = text.slice(0, at);
  const boundaries = [...before.matchAll(SENTENCE_END)];
  const sentenceStart = boundaries.length ? boundaries.at(-1)!.index + 1 : 0;
  const keywords = [...before.matchAll(LOCATIVE)].filter((m) => m.index >= sentenceStart);
  let i = keywords.length - 1;
  if (i < 0) return text.slice(at, end);
  // walk back over a chain of place words: "di depan", "dekat jl."
  while (i > 0 && /^\s+$/.test(before.slice(keywords[i - 1]!.index + keywords[i - 1]![0].length, keywords[i]!.index))) i--;
  const start = keywords[i]!.index;
  if (end - start > MAX_PLACE_CHARS) return text.slice(at, end);
  return text.slice(start, end).replace(DROPPED_WORDS, '').trim();
}

/**
 * Fills empty fields of the draft from a free text and its NLP result; returns the fields it filled.
 * `withClassification`: the intent may set the classification (the first text of a conversation).
 */
export function prefillFromText(
  flows: Flows,
  draft: ReportDraft,
  text: string,
  nlp: NlpResult | undefined,
  now: Date,
  { withClassification = true, withDescription = true } = {},
): string[] {
  const filled: string[] = [];
  const reportClassification = nlp ? REPORT_INTENTS[nlp.intent] : undefined;
  if (withClassification && !draft.classification && reportClassification) {
    draft.classification = reportClassification;
    filled.push('classification');
  }
  if (!draft.category && nlp?.category && nlp.categoryScore >= MIN_CATEGORY_SCORE) {
    draft.category = nlp.category;
    filled.push('category');
  }
  if (!draft.location) {
    // the first place NLP found: its list is best-first, so no re-sorting here
    const entity = nlp?.entities.find((e) => e.type === 'location');
    const location = entity ? locationFromNlp(nlp, placePhrase(text, entity.text)) : null;
    if (location) {
      draft.location = location;
      filled.push('location');
    }
  }
  if (draft.dateOfIncident === undefined) {
    const today = jakartaDateString(now);
    const entity = nlp?.entities.find((e) => e.type === 'date' && e.value <= today);
    const date = entity?.type === 'date' ? entity.value : findDates(text, now)[0]?.value;
    if (date) {
      draft.dateOfIncident = date;
      filled.push('date_of_incident');
    }
  }
  if (withDescription && !draft.description) {
    const description = parseDescription(text, flows.complaint.limits);
    if (description.ok) {
      setDescription(flows, draft, description.value);
      filled.push('description');
    }
  }
  for (const field of filled) if (field !== 'description' && !draft.understood.includes(field)) draft.understood.push(field);
  return filled;
}
