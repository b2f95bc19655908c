// Indonesian or English? A word-list vote: statistical guessers (nlp.js
// language-min) need longer text than a chat line like "jln rusak min".
// Ties go to Indonesian, the language most citizens write in.
import type { Language } from '../core/taxonomy.js';
import { isSlang, simplify } from './normalize.js';

const ID = new Set(
  `yang yg di ke dari dan atau tidak gak ga nggak tdk sudah udah sdh belum blm tolong tlg saya aku gw kami kita
  ini itu ada apa bagaimana gimana gmn kapan dimana berapa mohon dong nih sih ya kok min kak pak bu mas mbak
  jalan jln rusak banget bgt laporan lapor aduan untuk utk dengan dgn karena krn juga jg sama lagi bisa mau
  ingin harus sangat sekali parah banyak warga kampung desa kota kabupaten kab kecamatan kec kelurahan rumah
  sekolah air listrik sampah halo hai selamat pagi siang sore malam terima kasih makasih batal jadi cara syarat
  bantuan tanya mana sampai masih baru lama sejak kemarin minggu bulan tahun hari oleh pada dalam akan
  teh mah atuh euy pisan ora opo piye wis durung punten kumaha naon`.split(/\s+/),
);
const EN = new Set(
  `the a an is are was were be been my your our their i you he she we they it this that these those there here
  of to in on at for from with and or not no yes please how what where when why which who can could would should
  will do does did have has had road street bridge report complaint status help hello hi hey thanks thank
  cancel stop water power electricity school hospital village city regency district since yesterday today
  week month year ago broken damaged still never any some very too about after before again just good night
  morning afternoon evening`.split(/\s+/),
);

export function guessLanguage(text: string): Language {
  let id = 0;
  let en = 0;
  for (const t of simplify(text).split(' ')) {
    // chat abbreviations (yg, gak, bgt, tlg...) are Indonesian evidence too
    if (ID.has(t) || (isSlang(t) && !EN.has(t) && t !== 'thx')) id += 1;
    if (EN.has(t)) en += 1;
  }
  return en > id ? 'en' : 'id';
}
