// The officers' page texts: Bahasa Indonesia first (the default), English by the switch in the
// header (a cookie). Flash codes in a redirect's query are looked up here, so a URL can never
// put text of its own on the page.
export type PageLanguage = 'id' | 'en';

const TEXTS = {
  title: { id: 'Halaman Petugas', en: 'Officers’ page' },
  signIn: { id: 'Masuk', en: 'Sign in' },
  signOut: { id: 'Keluar', en: 'Sign out' },
  apiKey: { id: 'Kunci API', en: 'API key' },
  signInHelp: {
    id: 'Masukkan kunci API petugas Anda. Kunci tidak disimpan di peramban; sesi berakhir setelah 12 jam tidak dipakai.',
    en: 'Enter your officer API key. The key is not kept in the browser; the session ends after 12 idle hours.',
  },
  wrongKey: { id: 'Kunci API salah.', en: 'Wrong API key.' },
  missingKey: { id: 'Isi kunci API.', en: 'Enter an API key.' },
  tooMany: { id: 'Terlalu banyak percobaan gagal dari alamat ini. Coba lagi dalam {s} detik.', en: 'Too many failed attempts from this address. Try again in {s} s.' },
  off: { id: 'Halaman petugas tidak aktif', en: 'The officers’ page is off' },
  offHelp: {
    id: 'Halaman ini aktif bila hub dijalankan dengan ADMIN_API_KEY.',
    en: 'This page is on when the hub runs with ADMIN_API_KEY set.',
  },
  notFound: { id: 'Tidak ditemukan', en: 'Not found' },
  notFoundHelp: { id: 'Halaman atau laporan ini tidak ada.', en: 'This page or report does not exist.' },
  forbidden: { id: 'Permintaan ditolak', en: 'Request refused' },
  forbiddenHelp: {
    id: 'Formulir ini kedaluwarsa atau tidak berasal dari halaman ini. Muat ulang halaman lalu coba lagi.',
    en: 'This form is stale or did not come from this page. Reload the page and try again.',
  },
  back: { id: 'Kembali', en: 'Back' },
  inbox: { id: 'Kotak masuk', en: 'Inbox' },
  channels: { id: 'Kanal', en: 'Channels' },
  undelivered: { id: 'Pesan tak terkirim', en: 'Undelivered updates' },
  signedInAs: { id: 'Masuk sebagai', en: 'Signed in as' },
  total: { id: 'Semua', en: 'All' },
  open: { id: 'Terbuka', en: 'Open' },
  overdue: { id: 'Terlambat', en: 'Overdue' },
  dueVerification: { id: 'Batas verifikasi', en: 'Verification due' },
  dueFollowUp: { id: 'Batas tindak lanjut', en: 'Follow-up due' },
  dueClosing: { id: 'Batas penutupan', en: 'Closing due' },
  escalated: { id: 'dieskalasi', en: 'escalated' },
  unclaimed: { id: 'Belum diambil', en: 'Not taken' },
  status: { id: 'Status', en: 'Status' },
  category: { id: 'Kategori', en: 'Category' },
  channel: { id: 'Kanal', en: 'Channel' },
  search: { id: 'Cari', en: 'Search' },
  searchHint: { id: 'judul, isi, lokasi, nomor', en: 'title, text, place, number' },
  onlyOverdue: { id: 'hanya yang terlambat', en: 'overdue only' },
  onlyMine: { id: 'diambil oleh saya', en: 'taken by me' },
  filter: { id: 'Saring', en: 'Filter' },
  any: { id: 'semua', en: 'any' },
  noComplaints: { id: 'Tidak ada laporan.', en: 'No reports.' },
  nextPage: { id: 'Berikutnya →', en: 'Next →' },
  firstPage: { id: '← Terbaru', en: '← Newest' },
  received: { id: 'Diterima', en: 'Received' },
  tracking: { id: 'Nomor laporan', en: 'Tracking number' },
  takenBy: { id: 'Diambil oleh', en: 'Taken by' },
  reporter: { id: 'Pelapor', en: 'Reporter' },
  anonymous: { id: 'anonim', en: 'anonymous' },
  secret: { id: 'rahasia', en: 'secret' },
  public: { id: 'publik', en: 'public' },
  privacy: { id: 'Privasi', en: 'Privacy' },
  phone: { id: 'Telepon', en: 'Phone' },
  location: { id: 'Lokasi', en: 'Location' },
  dateOfIncident: { id: 'Tanggal kejadian', en: 'Date of incident' },
  classification: { id: 'Jenis', en: 'Type' },
  description: { id: 'Isi laporan', en: 'Report' },
  institution: { id: 'Instansi', en: 'Institution' },
  laporLink: { id: 'Buka di LAPOR!', en: 'Open on LAPOR!' },
  conversation: { id: 'Percakapan', en: 'Conversation' },
  attachment: { id: 'lampiran', en: 'attachment' },
  citizen: { id: 'Warga', en: 'Citizen' },
  bot: { id: 'Bot', en: 'Bot' },
  events: { id: 'Riwayat', en: 'History' },
  deliveries: { id: 'Pengiriman ke warga', en: 'Deliveries to the citizen' },
  delivered: { id: 'terkirim', en: 'delivered' },
  pending: { id: 'menunggu', en: 'waiting' },
  failed: { id: 'gagal', en: 'failed' },
  reply: { id: 'Balas warga', en: 'Reply to the citizen' },
  replyHelp: {
    id: 'Warga menerima balasan atas nama instansi di kanalnya; balasan juga dikirim ke LAPOR! sebagai tanggapan.',
    en: 'The citizen receives it from the agency on their channel; it is also posted to LAPOR! as the response.',
  },
  send: { id: 'Kirim', en: 'Send' },
  setStatus: { id: 'Ubah status', en: 'Set status' },
  setTracking: { id: 'Isi nomor laporan LAPOR!', en: 'Enter the LAPOR! tracking number' },
  trackingHelp: { id: '7 angka, bila laporan diajukan manual di lapor.go.id', en: '7 digits, when filed by hand on lapor.go.id' },
  url: { id: 'Tautan (opsional)', en: 'Link (optional)' },
  save: { id: 'Simpan', en: 'Save' },
  claim: { id: 'Ambil laporan ini', en: 'Take this report' },
  claimedByYou: { id: 'Anda menangani laporan ini.', en: 'You are working on this report.' },
  noChannels: { id: 'Belum ada kanal.', en: 'No channels yet.' },
  name: { id: 'Nama', en: 'Name' },
  type: { id: 'Jenis', en: 'Type' },
  reason: { id: 'Keterangan', en: 'Reason' },
  lastSeen: { id: 'Terakhir aktif', en: 'Last seen' },
  liveHealth: { id: 'Kondisi saat ini', en: 'Live health' },
  notHere: { id: 'dijalankan proses lain', en: 'runs in another process' },
  pairing: { id: 'Hubungkan WhatsApp', en: 'Pair WhatsApp' },
  pairingHelp: {
    id: 'Di ponsel instansi: WhatsApp → Perangkat tertaut → Tautkan perangkat, lalu pindai kode ini. Halaman ini memperbarui kodenya sendiri.',
    en: 'On the agency’s phone: WhatsApp → Linked devices → Link a device, then scan this code. This page refreshes the code itself.',
  },
  pairingAdminOnly: {
    id: 'Nomor ini menunggu dihubungkan. Kode QR hanya ditampilkan kepada admin instansi.',
    en: 'This number is waiting to be paired. The QR code is shown to the agency’s admins only.',
  },
  pairingCode: { id: 'Atau ketik kode ini di ponsel (Tautkan dengan nomor telepon):', en: 'Or type this code on the phone (Link with phone number):' },
  noUndelivered: { id: 'Semua pesan terkirim.', en: 'Every update was delivered.' },
  why: { id: 'Sebab', en: 'Why' },
  when: { id: 'Waktu', en: 'When' },
  report: { id: 'Laporan', en: 'Report' },
  message: { id: 'Pesan', en: 'Message' },
  never: { id: 'belum pernah', en: 'never' },
  // flash codes (PRG): ?ok=… / ?err=…
  'ok.replied': { id: 'Balasan dikirim ke warga.', en: 'Reply sent to the citizen.' },
  'ok.status': { id: 'Status disimpan; warga diberi tahu.', en: 'Status saved; the citizen was told.' },
  'ok.tracking': { id: 'Nomor laporan disimpan.', en: 'Tracking number saved.' },
  'ok.claimed': { id: 'Laporan Anda ambil.', en: 'You took the report.' },
  'err.reply': { id: 'Balasan harus diisi (paling banyak 4000 karakter).', en: 'The reply must not be empty (at most 4000 characters).' },
  'err.status': { id: 'Pilih status LAPOR! yang sah.', en: 'Choose a valid LAPOR! status.' },
  'err.tracking': { id: 'Nomor laporan harus 7 angka; tautan harus alamat http(s).', en: 'The tracking number must be 7 digits; the link an http(s) address.' },
  'err.conflict': { id: 'Tidak dapat dilakukan pada laporan ini sekarang (statusnya tidak mengizinkan).', en: 'Not possible for this report now (its status does not allow it).' },
} as const;

export type TextKey = keyof typeof TEXTS;

export function t(lang: PageLanguage, key: TextKey, vars: Record<string, string | number> = {}): string {
  const text: string = TEXTS[key][lang];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? ''));
}

export const FLASH_OK = ['replied', 'status', 'tracking', 'claimed'] as const;
export const FLASH_ERR = ['reply', 'status', 'tracking', 'conflict'] as const;

/** A flash from the query, only when it is one of the known codes. */
export function flashFrom(lang: PageLanguage, query: Record<string, unknown>): { kind: 'ok' | 'err'; text: string } | null {
  const ok = query.ok;
  if (typeof ok === 'string' && (FLASH_OK as readonly string[]).includes(ok)) return { kind: 'ok', text: t(lang, `ok.${ok}` as TextKey) };
  const err = query.err;
  if (typeof err === 'string' && (FLASH_ERR as readonly string[]).includes(err)) return { kind: 'err', text: t(lang, `err.${err}` as TextKey) };
  return null;
}

/** Instants shown in Jakarta time, as the citizens' notifications do. */
export function formatTime(lang: PageLanguage, date: Date | null | undefined): string {
  if (!date) return '–';
  return `${new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', {
    timeZone: 'Asia/Jakarta', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit',
  }).format(date)} WIB`;
}
