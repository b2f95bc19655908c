// The report as the citizen sees it before confirming, and as it is filed after.
import { maskPersonalData } from '../core/phone.js';
import type { ConfirmedReport, ReportLocation } from '../core/report.js';
import type { Language } from '../core/taxonomy.js';
import type { Flows } from './flow-schema.js';
import type { ReportDraft } from './state.js';
import { say } from './text.js';

/** Fields shown in the summary, in this order. */
export const SUMMARY_FIELDS = [
  'classification', 'title', 'description', 'category', 'location', 'date_of_incident', 'attachments', 'privacy',
  'reporter_name', 'reporter_phone',
] as const;
export type SummaryField = (typeof SUMMARY_FIELDS)[number];

const DESCRIPTION_PREVIEW = 300;

/** "27 November 2026" / "27 November 2026" from YYYY-MM-DD. */
export function formatDate(flows: Flows, language: Language, value: string): string {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  return `${d} ${flows.common.month_names[language][m - 1]} ${y}`;
}

export function formatLocation(flows: Flows, language: Language, location: ReportLocation): string {
  const place = location.address ?? location.name;
  if (place) {
    // "Jl. Cibeureum depan pasar (Kota Bandung)" when the region is not already in the words
    const region = location.name && !place.toLowerCase().includes(location.name.toLowerCase()) ? ` (${location.name})` : '';
    return `${place}${region}`;
  }
  return say(flows.complaint.summary.coordinates, language, {
    latitude: location.latitude?.toFixed(5),
    longitude: location.longitude?.toFixed(5),
  });
}

/** Fields that apply to this draft (no name/phone on an anonymous report). */
export function applicableFields(draft: ReportDraft): SummaryField[] {
  return SUMMARY_FIELDS.filter(
    (f) => draft.privacy !== 'anonymous' || (f !== 'reporter_name' && f !== 'reporter_phone'),
  );
}

/**
 * A free text of the report as it leaves the hub (and as the summary shows it): whatever the privacy
 * choice, no NIK and no phone number, as the summary tells the citizen. A known reporter's own
 * number goes in the report's reporter field, never in its text.
 */
export function reportText(text: string): string {
  return maskPersonalData(text);
}

/** Whether the title or the description had something masked. */
export function hasMaskedText(draft: ReportDraft): boolean {
  return [draft.title, draft.description].some((text) => text !== undefined && reportText(text) !== text);
}

/** One field's value in words. */
export function fieldValue(flows: Flows, language: Language, draft: ReportDraft, field: SummaryField): string {
  const { choices } = flows.common;
  const { summary } = flows.complaint;
  const none = summary.none[language];
  switch (field) {
    case 'classification':
      return draft.classification ? choices.classification[draft.classification].title[language] : none;
    case 'title':
      return draft.title ? reportText(draft.title) : none;
    case 'description': {
      const text = draft.description ? reportText(draft.description) : none;
      return [...text].length > DESCRIPTION_PREVIEW ? `${[...text].slice(0, DESCRIPTION_PREVIEW).join('')}…` : text;
    }
    case 'category':
      return draft.category ? choices.category[draft.category].title[language] : none;
    case 'location':
      return draft.location ? formatLocation(flows, language, draft.location) : none;
    case 'date_of_incident':
      if (draft.dateOfIncident === null) return summary.skipped_date[language];
      return draft.dateOfIncident ? formatDate(flows, language, draft.dateOfIncident) : none;
    case 'attachments':
      return draft.attachments.length
        ? say(summary.attachments, language, { count: draft.attachments.length })
        : summary.no_attachments[language];
    case 'privacy':
      return draft.privacy ? choices.privacy[draft.privacy].title[language] : none;
    case 'reporter_name':
      return draft.reporterName ?? none;
    case 'reporter_phone':
      return draft.reporterPhone ?? none;
  }
}

/** "• Jenis laporan: Pengaduan" lines for the given fields. */
export function fieldLines(flows: Flows, language: Language, draft: ReportDraft, fields: readonly SummaryField[]): string {
  return fields.map((f) => `• ${flows.common.fields[f][language]}: ${fieldValue(flows, language, draft, f)}`).join('\n');
}

/** The variables of the summary question. */
export function summaryVars(flows: Flows, language: Language, draft: ReportDraft) {
  const { summary } = flows.complaint;
  const understood = draft.understood
    .filter((f): f is SummaryField => (SUMMARY_FIELDS as readonly string[]).includes(f))
    .map((f) => flows.common.fields[f][language].toLowerCase());
  return {
    fields: fieldLines(flows, language, draft, applicableFields(draft)),
    understood: understood.join(', '),
    masked: hasMaskedText(draft) ? say(summary.masked, language) : null,
    // names in free text cannot be found reliably: the citizen is reminded and may change the story
    anonymous_note: draft.privacy === 'anonymous' ? say(summary.anonymous_reminder, language) : null,
  };
}

/** The filed report. Only called once nothing is missing; a gap here is a bug, so it throws. */
export function toConfirmedReport(draft: ReportDraft, language: Language): ConfirmedReport {
  const { classification, title, description, category, privacy } = draft;
  if (!classification || !title || !description || !category || !privacy) {
    throw new Error('toConfirmedReport: the draft is incomplete');
  }
  const anonymous = privacy === 'anonymous';
  if (!anonymous && (!draft.reporterName || !draft.reporterPhone)) {
    throw new Error('toConfirmedReport: reporter missing on a non-anonymous report');
  }
  return {
    classification,
    title: reportText(title),
    content: reportText(description),
    category,
    dateOfIncident: draft.dateOfIncident ?? null,
    location: draft.location ?? null,
    isAnonymous: anonymous,
    isSecret: privacy === 'secret',
    reporter: anonymous ? null : { name: draft.reporterName!, phone: draft.reporterPhone! },
    attachments: draft.attachments,
    language,
  };
}
