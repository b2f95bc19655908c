// Text normalisation shared by training, classification and the gazetteer:
// lower case, no accents or punctuation, chat abbreviations and regional words
// mapped to standard Indonesian so that "jln rusak bgt" and "jalan rusak banget"
// reach the classifier as the same features.

/** Bump when the mapping changes: a trained model depends on it (see model.ts). */
export const NORMALIZER_VERSION = 2;

const SLANG: Record<string, string> = {
  // chat abbreviations
  yg: 'yang', gak: 'tidak', ga: 'tidak', gk: 'tidak', nggak: 'tidak', ngga: 'tidak', enggak: 'tidak',
  engga: 'tidak', tdk: 'tidak', tak: 'tidak', g: 'tidak', kagak: 'tidak', gausah: 'tidak usah',
  gajadi: 'tidak jadi', gatau: 'tidak tahu', gatahu: 'tidak tahu', jd: 'jadi',
  bgt: 'banget', bngt: 'banget', jln: 'jalan', jl: 'jalan', kab: 'kabupaten', kec: 'kecamatan',
  kel: 'kelurahan', ds: 'desa', sdh: 'sudah', udh: 'sudah', udah: 'sudah', dah: 'sudah',
  blm: 'belum', blom: 'belum', blum: 'belum', tlg: 'tolong', tlong: 'tolong', gmn: 'bagaimana',
  gimana: 'bagaimana', gmna: 'bagaimana', bgmn: 'bagaimana', dgn: 'dengan', utk: 'untuk', untk: 'untuk',
  krn: 'karena', krna: 'karena', karna: 'karena', sy: 'saya', aku: 'saya', gw: 'saya', gue: 'saya',
  gua: 'saya', dr: 'dari', dlm: 'dalam', pd: 'pada', jg: 'juga', aja: 'saja', aj: 'saja', bs: 'bisa',
  bsa: 'bisa', kalo: 'kalau', klo: 'kalau', trs: 'terus', trus: 'terus', lg: 'lagi', org: 'orang',
  tp: 'tapi', tpi: 'tapi', sm: 'sama', skrg: 'sekarang', skrng: 'sekarang', hrs: 'harus', bnyk: 'banyak',
  byk: 'banyak', dpt: 'dapat', sampe: 'sampai', knp: 'kenapa', napa: 'kenapa', brp: 'berapa',
  dmn: 'dimana', kpn: 'kapan', mhn: 'mohon', bpk: 'bapak', tlp: 'telepon', telp: 'telepon',
  min: 'admin', mimin: 'admin', laporin: 'laporkan', ngurus: 'mengurus',
  urus: 'mengurus', bikin: 'membuat', bkin: 'membuat', nanya: 'tanya', tny: 'tanya', cuman: 'cuma',
  bener: 'benar', gede: 'besar', pengen: 'ingin', pgn: 'ingin', makasih: 'terima kasih',
  makasi: 'terima kasih', mksh: 'terima kasih', trims: 'terima kasih', thx: 'thanks', tks: 'terima kasih',
  ass: 'assalamualaikum', askum: 'assalamualaikum', rs: 'rumah sakit', rsud: 'rumah sakit',
  eror: 'error', cepet: 'cepat', ampe: 'sampai', udahan: 'sudahan', smua: 'semua',
  // where things are ("deket masjid"): slang that must not read as a place (Kecamatan Deket, Lamongan)
  deket: 'dekat', dket: 'dekat', dkt: 'dekat', sblh: 'sebelah', dpn: 'depan', blkg: 'belakang',
  blakang: 'belakang', smping: 'samping', sbrg: 'seberang', sbrang: 'seberang',
  // wanting to report
  mo: 'mau', pengin: 'ingin', ngadu: 'mengadu', ngaduin: 'mengadukan', ngelapor: 'melapor', nglapor: 'melapor',
  komplen: 'komplain', komplin: 'komplain',
  // Sundanese / Javanese words that carry meaning
  pisan: 'banget', teu: 'tidak', henteu: 'tidak', ora: 'tidak', ra: 'tidak', geus: 'sudah', tos: 'sudah',
  wis: 'sudah', uwis: 'sudah', sampun: 'sudah', acan: 'belum', durung: 'belum', kumaha: 'bagaimana',
  piye: 'bagaimana', naon: 'apa', opo: 'apa', dalan: 'jalan', banyu: 'air', abdi: 'saya', kulo: 'saya',
  sido: 'jadi', ruksak: 'rusak', didandani: 'diperbaiki', dibenerkeun: 'diperbaiki',
};

/** Every word an abbreviation expands to: ordinary words, never a bare place name. */
export const SLANG_WORDS: ReadonlySet<string> = new Set(Object.values(SLANG).flatMap((v) => v.split(' ')));

/** Fillers that add nothing (Sundanese/Javanese/chat particles). */
const FILLERS = new Set([
  'teh', 'mah', 'atuh', 'euy', 'wae', 'mas', 'mbak', 'lur', 'rek', 'dong', 'deh', 'sih', 'nih', 'kok',
  'ya', 'yah', 'yaa', 'loh', 'lho', 'kak', 'kang', 'akang', 'teteh', 'gan', 'bro', 'sis', 'tuh', 'lah',
  'kan', 'nya', 'neng', 'ae', 'wkwk', 'hehe', 'nggih',
]);

/** Lower case, accents and punctuation removed, whitespace collapsed. */
export function simplify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export const isSlang = (word: string): boolean => Object.hasOwn(SLANG, word);

/** One simplified word with its abbreviation expanded ("jln" -> ["jalan"], "gausah" -> ["tidak", "usah"]). */
export const expandWord = (word: string): string[] => (SLANG[word] ?? word).split(' ');

/** Words of the simplified text, abbreviations expanded. */
export function tokens(text: string): string[] {
  return simplify(text)
    .split(' ')
    .filter(Boolean)
    .flatMap(expandWord);
}

/**
 * Two-word phrases whose meaning is not the sum of their words, joined into one
 * feature: "tidak jadi" cancels, while "jadi" alone ("jalan jadi sungai") does not.
 */
const PHRASES: [RegExp, string][] = [
  // "my report" asks about a report already sent (cek_status); "lapor"/"laporan" alone starts one:
  // the stemmer makes laporan, melapor and lapor one word, so the possessive becomes its own feature
  [/\b(laporan|aduan|pengaduan|keluhan|tiket)(ku|nya)\b/g, '$1 saya'],
  [/\b(laporan|aduan|pengaduan|keluhan|tiket) (saya|kami)\b/g, 'laporansaya'],
  [/\b(my|our) (reports?|complaints?|tickets?|cases?)\b/g, 'myreport'],
  // the verb ("mau lapor", "ingin mengadu") starts a report; the noun ("cek laporan") may not:
  // the stemmer would make both "lapor", so the verb becomes its own feature
  [/\b(lapor|melapor|melaporkan|laporkan|dilaporkan|mengadu|mengadukan|adukan|diadukan)\b/g, 'aksilapor'],
  [/\btidak jadi jadi\b/g, 'belum selesai'],
  [/\btidak (jadi|usah)\b/g, 'tidak$1'],
  [/\bterima kasih\b/g, 'terimakasih'],
];

/** What the classifiers see: expanded tokens, no digits, no fillers; repeated letters squeezed ("parahhh"). */
export function forClassifier(text: string): string {
  let out = tokens(text.replace(/(\p{L})\1{2,}/gu, '$1'))
    .filter((t) => !/^\d+$/.test(t) && !FILLERS.has(t))
    .join(' ');
  for (const [re, to] of PHRASES) out = out.replace(re, to);
  return out;
}
