// The fixed vocabularies of contracts/interfaces.md and contracts/lapor-api-v1.md.

export const CLASSIFICATIONS = ['PENGADUAN', 'ASPIRASI', 'PERMINTAAN_INFORMASI'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

export const CATEGORIES = [
  'infrastruktur', 'kesehatan', 'pendidikan', 'kependudukan', 'lingkungan', 'sosial', 'ketertiban',
  'transportasi', 'utilitas', 'pungli_korupsi', 'ketenagakerjaan', 'perizinan', 'lainnya',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const INTENTS = [
  'pengaduan', 'aspirasi', 'permintaan_informasi', 'cek_status', 'sapaan', 'bantuan', 'batal', 'none',
] as const;
export type Intent = (typeof INTENTS)[number];

/** Intents that start a report, and the classification each one files. */
export const REPORT_INTENTS: Record<string, Classification> = {
  pengaduan: 'PENGADUAN',
  aspirasi: 'ASPIRASI',
  permintaan_informasi: 'PERMINTAAN_INFORMASI',
};

export const LAPOR_STATUSES = [
  'BELUM_TERVERIFIKASI', 'TERVERIFIKASI', 'TERDISPOSISI', 'DITINDAKLANJUTI', 'DITANGGAPI_PELAPOR',
  'SELESAI', 'DITUNDA', 'BUKAN_WEWENANG', 'DIARSIPKAN',
] as const;
export type LaporStatus = (typeof LAPOR_STATUSES)[number];

/** Hub-side statuses before or instead of a LAPOR! status. */
export const HUB_STATUSES = ['CONFIRMED', 'WAITING_MANUAL', 'REJECTED', 'FAILED'] as const;
export type HubStatus = (typeof HUB_STATUSES)[number];
export type ComplaintStatus = LaporStatus | HubStatus;

export const CLOSED_STATUSES: readonly string[] = ['SELESAI', 'BUKAN_WEWENANG', 'DIARSIPKAN'];
export const isClosed = (status: string): boolean => CLOSED_STATUSES.includes(status);

export const LANGUAGES = ['id', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const CHANNEL_TYPES = ['telegram', 'whatsapp-web', 'whatsapp-cloud', 'webchat', 'console'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

/** The `channel` field LAPOR! receives for each integration type. */
export const LAPOR_CHANNEL: Record<ChannelType, 'telegram' | 'whatsapp' | 'webchat' | 'console'> = {
  telegram: 'telegram',
  'whatsapp-web': 'whatsapp',
  'whatsapp-cloud': 'whatsapp',
  webchat: 'webchat',
  console: 'console',
};

export const PRIVACY_CHOICES = ['public', 'anonymous', 'secret'] as const;
export type Privacy = (typeof PRIVACY_CHOICES)[number];
