// Output of the NLP layer (contracts/interfaces.md, `lapor-hub nlp parse`).
import type { Category, Intent, Language } from './taxonomy.js';

export interface LocationEntity {
  type: 'location';
  text: string;
  /** Kemendagri code of the regency/city (e.g. "32.73") or of the province ("32") */
  code: string;
  regency?: string;
  province: string;
}
export interface DateEntity {
  type: 'date';
  text: string;
  /** YYYY-MM-DD in Asia/Jakarta */
  value: string;
}
export interface TrackingIdEntity {
  type: 'tracking_id';
  text: string;
  value: string;
}
export interface PhoneEntity {
  type: 'phone';
  text: string;
  /** E.164, +62... */
  value: string;
}
export interface NikEntity {
  type: 'nik';
  text: string;
  value: string;
}
export type Entity = LocationEntity | DateEntity | TrackingIdEntity | PhoneEntity | NikEntity;

export interface NlpResult {
  text: string;
  language: Language;
  intent: Intent;
  intentScore: number;
  category: Category | null;
  categoryScore: number;
  entities: Entity[];
}

export interface NlpParser {
  parse(text: string, options?: { now?: Date }): Promise<NlpResult>;
}
