// What the bot says in the officers' Telegram chat: Indonesian first, English second (officers
// of one group may read either). Reports are shown without the reporter's contact: a pseudonym
// unless the report is public, and long digit runs (phone numbers, NIK) hidden in free text.
import { maskContacts } from '../../core/pseudonym.js';
import { shownReporter } from '../../core/reporter-identity.js';
import { LAPOR_STATUSES } from '../../core/taxonomy.js';

export interface AnnouncedComplaint {
  id: string;
  citizenId: string;
  trackingId: string | null;
  status: string;
  classification: string;
  category: string;
  title: string;
  content: string;
  locationName: string | null;
  locationAddress: string | null;
  dateOfIncident: string | null;
  isAnonymous: boolean;
  isSecret: boolean;
  reporterName: string | null;
  channel: string;
}

const DESCRIPTION_CHARS = 400;

const short = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The reporter as officers see them: the name only on a public report, else the pseudonym. */
export function reporterLabel(c: Pick<AnnouncedComplaint, 'id' | 'isAnonymous' | 'isSecret' | 'reporterName'>): string {
  return shownReporter(c, 'group').label;
}

/** How a report is named in the chat: its LAPOR! number, else the start of its id. */
export const reportLabel = (c: Pick<AnnouncedComplaint, 'id' | 'trackingId'>): string => c.trackingId ?? `#${c.id.slice(0, 8)}`;

export function topicName(c: Pick<AnnouncedComplaint, 'id' | 'trackingId' | 'category'>): string {
  return `${reportLabel(c)} · ${c.category}`;
}

function stateLine(c: AnnouncedComplaint): string {
  if (c.status === 'WAITING_MANUAL') {
    return '⏳ Belum diajukan: ajukan laporan ini di lapor.go.id lalu catat nomornya di /admin.\n'
      + '⏳ Not filed yet: file this report on lapor.go.id, then enter its number in /admin.';
  }
  if (c.status === 'FAILED') {
    return '⚠️ Gagal diteruskan ke LAPOR!: ajukan manual di lapor.go.id lalu catat nomornya di /admin.\n'
      + '⚠️ Could not be forwarded to LAPOR!: file it by hand on lapor.go.id, then enter its number in /admin.';
  }
  return `Nomor LAPOR! / Tracking number: ${c.trackingId ?? '-'} (${c.status})`;
}

export function announcement(c: AnnouncedComplaint): string {
  // the address often repeats the place's name: shown once
  const place = c.locationAddress && c.locationName && c.locationAddress.includes(c.locationName)
    ? c.locationAddress
    : [c.locationName, c.locationAddress].filter(Boolean).join(' — ');
  return [
    `📢 Laporan baru / New report ${reportLabel(c)}`,
    stateLine(c),
    `Jenis / Type: ${c.classification} · Kategori / Category: ${c.category}`,
    `Lokasi / Place: ${place ? maskContacts(place) : '-'}`,
    ...(c.dateOfIncident ? [`Tanggal kejadian / Date: ${c.dateOfIncident}`] : []),
    `Pelapor / Reporter: ${reporterLabel(c)} (${c.channel})`,
    '',
    `“${short(maskContacts(c.title), 120)}”`,
    short(maskContacts(c.content), DESCRIPTION_CHARS),
    '',
    '↩️ Balas (reply) pesan ini untuk menjawab pelapor; /bantuan untuk perintah lain.',
    '↩️ Reply to this message to answer the reporter; /bantuan for the other commands.',
  ].join('\n');
}

export function filedLine(trackingId: string): string {
  return `✅ Tercatat di LAPOR! dengan nomor ${trackingId}.\n✅ Filed on LAPOR! as ${trackingId}.`;
}

export function waitingManualLine(): string {
  return '⏳ Menunggu diajukan manual di lapor.go.id (catat nomornya di /admin).\n⏳ Waiting to be filed by hand on lapor.go.id (enter its number in /admin).';
}

export function failedLine(): string {
  return '⚠️ Gagal diteruskan ke LAPOR!: ajukan manual di lapor.go.id.\n⚠️ Could not be forwarded to LAPOR!: file it by hand on lapor.go.id.';
}

export function citizenWrote(c: AnnouncedComplaint, message: string, attachments: number): string {
  return [
    `💬 ${reporterLabel(c)} menulis / wrote (${reportLabel(c)}):`,
    short(maskContacts(message), 3000),
    ...(attachments > 0 ? [`📎 ${attachments} lampiran / attachment(s) (lihat di /admin / see /admin)`] : []),
    '↩️ Balas pesan ini untuk menjawab. / Reply to this message to answer.',
  ].join('\n');
}

/** A colleague answered the citizen from the /admin page or the admin API. */
export function officerAnswered(officer: string, message: string): string {
  return [
    `✉️ ${officer} menjawab pelapor (lewat /admin) / answered the reporter (via /admin):`,
    short(maskContacts(message), 3000),
  ].join('\n');
}

export function replySent(c: Pick<AnnouncedComplaint, 'id' | 'trackingId' | 'citizenId' | 'isAnonymous' | 'isSecret' | 'reporterName'>): string {
  const lapor = c.trackingId
    ? `LAPOR!: dikirim sebagai tanggapan instansi untuk ${c.trackingId}. / LAPOR!: posted as the agency's response to ${c.trackingId}.`
    : 'LAPOR!: menunggu nomor laporan; dikirim begitu laporan tercatat. / LAPOR!: waits for the tracking number; posted once the report is filed.';
  return `✅ Terkirim ke pelapor (${reporterLabel(c)}) untuk ${reportLabel(c)}. / Sent to the reporter.\n${lapor}`;
}

export function laporHasReply(trackingId: string, local: boolean): string {
  return local
    ? `📨 Tanggapan untuk ${trackingId} tersimpan di hub (konektor manual): salin ke lapor.go.id bila perlu.\n📨 The response to ${trackingId} is kept in the hub (manual connector): copy it to lapor.go.id if needed.`
    : `📨 LAPOR! sudah menerima tanggapan untuk ${trackingId}.\n📨 LAPOR! has the response to ${trackingId}.`;
}

export function laporRefusedReply(trackingId: string): string {
  return `⚠️ LAPOR! tidak menerima tanggapan untuk ${trackingId}; lihat /admin.\n⚠️ LAPOR! did not accept the response to ${trackingId}; see /admin.`;
}

export const HELP = [
  'Perintah petugas / Officer commands:',
  '↩️ balas (reply) pesan laporan: jawab pelapor / reply to a report\'s message: answer the reporter',
  '/balas <nomor> <pesan> — jawab pelapor / answer the reporter',
  `/status <nomor> <STATUS> [instansi] — catat status / enter a status (${LAPOR_STATUSES.join(', ')})`,
  '/ambil <nomor> — ambil laporan / take the report',
  '/tugas — laporan Anda yang masih terbuka / your open reports',
  '/bantuan — daftar ini / this list',
  'Nomor = nomor LAPOR!; tanpa nomor, balas pesan laporannya. / Number = the LAPOR! tracking number; without one, reply to the report\'s message.',
].join('\n');

export const USAGE = {
  balas: 'Format: /balas <nomor> <pesan>\nContoh / Example: /balas 1234567 Lampu akan diganti hari Kamis.',
  status: `Format: /status <nomor> <STATUS> [instansi]\nStatus yang sah / Valid statuses: ${LAPOR_STATUSES.join(', ')}`,
  ambil: 'Format: /ambil <nomor> (atau balas pesan laporannya / or reply to the report\'s message)',
} as const;

export function badStatus(given: string): string {
  return `Status "${short(given, 40)}" tidak dikenal / unknown.\nStatus yang sah / Valid statuses: ${LAPOR_STATUSES.join(', ')}`;
}

export function notFound(ref: string): string {
  return `Laporan ${short(ref, 40)} tidak ditemukan. / Report ${short(ref, 40)} not found.`;
}

export function conflict(reason: string): string {
  return `Tidak bisa / Cannot: ${short(reason, 300)}`;
}

export function statusSet(label: string, status: string): string {
  return `✅ Status ${label}: ${status}. Pelapor sudah diberi tahu. / The reporter has been told.`;
}

export function claimed(label: string, by: string, previous: string | null, already: boolean): string {
  if (already) return `📌 ${label} sudah Anda ambil / is already yours (${by}).`;
  return previous
    ? `📌 ${by} mengambil / took ${label} (sebelumnya / before: ${previous}).`
    : `📌 ${by} mengambil / took ${label}.`;
}

export function openList(by: string, items: Array<{ label: string; category: string; status: string }>): string {
  if (items.length === 0) return `📋 ${by}: tidak ada laporan terbuka yang Anda ambil. / no open reports taken by you.`;
  return [`📋 Laporan terbuka ${by} / open reports (${items.length}):`, ...items.map((i) => `• ${i.label} — ${i.category} — ${i.status}`)].join('\n');
}

export const NOT_AN_OFFICER = 'Maaf, Anda tidak terdaftar sebagai petugas; perintah ini tidak dijalankan.\n'
  + 'Sorry, you are not registered as an officer; this command was not run.';

export const UNKNOWN_COMMAND = 'Perintah tidak dikenal. Ketik /bantuan. / Unknown command. Type /bantuan.';

export const EMPTY_REPLY = 'Pesan kosong tidak dikirim. / An empty message is not sent.';

export const TEXT_ONLY = 'Hanya teks yang diteruskan ke pelapor: tulis jawabannya sebagai teks.\n'
  + 'Only text reaches the reporter: write the answer as text.';
