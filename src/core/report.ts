// A complaint as the citizen confirmed it: every field LAPOR! needs, channel-neutral.
import type { Attachment } from './messages.js';
import type { Category, Classification, Language } from './taxonomy.js';

export interface ReportLocation {
  /** Kemendagri code when resolved */
  code?: string;
  /** regency/city or province name when resolved, else the citizen's words */
  name?: string;
  /** street address or place as the citizen wrote it */
  address?: string;
  latitude?: number;
  longitude?: number;
}

export interface ConfirmedReport {
  classification: Classification;
  title: string;
  /** at least 30 characters */
  content: string;
  category: Category;
  /** YYYY-MM-DD, null only for PERMINTAAN_INFORMASI */
  dateOfIncident: string | null;
  /** null only for PERMINTAAN_INFORMASI */
  location: ReportLocation | null;
  isAnonymous: boolean;
  isSecret: boolean;
  /** null when anonymous */
  reporter: { name: string; phone: string } | null;
  attachments: Attachment[];
  language: Language;
}
