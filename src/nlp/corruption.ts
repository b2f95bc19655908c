// Explicit words for extortion, bribes and corruption. A report that names them is about
// pungli_korupsi whatever service it happened in ("pungli waktu urus KTP" is not kependudukan).
// Words alone that are not explicit ("uang", "biaya", "bayar", "KTP") are left to the classifier.
import { simplify } from './normalize.js';

const EXPLICIT = [
  /\bpungli\b/, /\bpungutan (liar|tidak resmi)\b/, /\b(minta|meminta|dimintai|diminta|mintain|malak|memalak|dipalak)( \w+)? (uang|duit|imbalan|setoran)\b/,
  /\b(suap|menyuap|disuap|penyuapan|nyuap|suap menyuap)\b/, /\b(sogok|nyogok|menyogok|disogok|sogokan)\b/,
  /\b(korupsi|dikorupsi|koruptor|gratifikasi|pemerasan|diperas|memeras)\b/, /\b(calo|percaloan|dicalokan)\b/,
  /\buang (pelicin|rokok|damai|kopi|terima kasih|tip) (untuk|buat|ke|agar|supaya|biar)\b/, /\buang pelicin\b/,
  /\b(bribe|bribes|bribed|bribery|kickback|kickbacks|corruption|corrupt|extortion|extorted|extort)\b/,
  /\billegal (fee|fees|levy|levies|charge|charges)\b/, /\b(asked|demanded|wanted)( me| us)? for (money|cash|a payment)\b/,
  /\bunder the table\b/, /\bgrease money\b/,
];
// people begging or busking "minta uang" are not officials extorting
const BEGGING = /\b(pengemis|pengamen|gepeng|anak jalanan|manusia silver|beggars?)\b/;

/** Whether the text names extortion, bribery or corruption explicitly. */
export function namesCorruption(text: string): boolean {
  const words = simplify(text);
  if (BEGGING.test(words) && !/\b(pungli|suap|sogok|korupsi|calo|bribe|corrupt)/.test(words)) return false;
  return EXPLICIT.some((re) => re.test(words));
}
