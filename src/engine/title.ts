// The report title is not asked: it is made from the description (and can be changed from the summary).
import { findNik, findPhones } from '../core/phone.js';
import { codePoints, splitSentences } from './text.js';

/** A title shorter than this is too vague on its own. */
const MEANINGFUL = 15;

/** Ways of addressing the admin: "min", "kak", "pak"... (taken after a greeting, or alone before a comma). */
const ADDRESSEE = String.raw`(?:min|mimin|admin|gan|agan|sob|bro|sis|kak|kakak|ka|pak|bapak|bpk|bu|ibu|mas|mbak|mba|bang|om|semua|semuanya|all|sir|madam|team|tim|lapor)`;
/** What is left between a greeting and the story: spaces, punctuation, emoji. */
const GAP = String.raw`[\s,.!:;~\-–—…🙏👋😊🙂]*`;
const FOLLOWED = String.raw`(?:\s+${ADDRESSEE}\b)*${GAP}`;

/** Openers that are not the story, each removed from the start (repeatedly: "pagi min, permisi, mau lapor"). */
const OPENERS: RegExp[] = [
  // assalamualaikum (wr. wb.), salam sejahtera
  new RegExp(String.raw`^(?:ass?alamu'?\s?alaikum|assalamualaikum|asslm\w*|ass?ww?b?|salam(?:\s+sejahtera)?)(?:\s+(?:wr\.?\s*wb\.?|warahmatullahi(?:\s+wabarakatuh)?))?\b${FOLLOWED}`, 'iu'),
  // selamat pagi/siang/sore/malam (pak)
  new RegExp(String.raw`^(?:selamat|slmt|met|good)\s+(?:pagi|siang|sore|malam|petang|morning|afternoon|evening)\b${FOLLOWED}`, 'iu'),
  // "pagi min," - a time of day only when an addressee or punctuation follows ("Pagi ini banjir" stays)
  new RegExp(String.raw`^(?:pagi|siang|sore|malam)(?=\s+${ADDRESSEE}\b|\s*[,.!]|$)${FOLLOWED}`, 'iu'),
  // halo kak, permisi, maaf mengganggu
  new RegExp(String.raw`^(?:hal+o+|hel+o+|hai+|hi+|hey+|hei+|permisi|misi|punten|(?:mohon\s+)?maaf(?:\s+mengganggu)?|dear)\b${FOLLOWED}`, 'iu'),
  // (saya) mau lapor (nih), izin melaporkan
  new RegExp(String.raw`^(?:(?:saya|sy|aku|gue|gw|kami)\s+)?(?:(?:mau|ingin|pengen|pengin|hendak|izin|ijin|akan)\s+)?(?:lapor|melapor|laporkan|melaporkan|ngadu|mengadu|mengadukan|report)\b(?:\s+(?:nih|ya|dong|min|kak|pak|bu|gan))*${GAP}`, 'iu'),
  // min, ... / gan, ...
  new RegExp(String.raw`^(?:min|mimin|admin|gan|agan|sob|bro|sis)\b${GAP}`, 'iu'),
  // kak, ... / pak, ... (only before punctuation: "Pak RT minta uang" stays)
  new RegExp(String.raw`^${ADDRESSEE}(?=\s*[,.!:])${GAP}`, 'iu'),
];

/** An opening clause about the citizen, not the problem: "sy Budi NIK 3273... hp 0812...," / "nama saya Budi,". */
const INTRODUCTION = /^(?:perkenalkan|nama\s+(?:saya|sy|aku)|saya\s+bernama|my\s+name\s+is)\b/iu;
/** What often follows an introduction: "..., warga RT 03 Cibeureum, ..." / "tinggal di ...". */
const ABOUT_ME = /^(?:(?:saya|sy|aku)\s+)?(?:warga|penduduk|tinggal|alamat|beralamat|domisili|dari)\b/iu;

/** The description without the greetings and fillers it starts with ("pagi min, mau lapor, ..."). */
export function stripOpeners(text: string): string {
  let rest = text.trim();
  let introduced = false;
  for (let round = 0; round < 8; round++) {
    let next = rest;
    for (const opener of OPENERS) next = next.replace(opener, '');
    // the first clause introduces the citizen (their name, NIK or phone): the story comes after it
    const clause = /^[^,.;!?\n]*[,.;!?\n]\s*/u.exec(next)?.[0];
    const aboutMe = clause !== undefined && (
      INTRODUCTION.test(clause) || findNik(clause).length > 0 || findPhones(clause).length > 0 ||
      (introduced && ABOUT_ME.test(clause))
    );
    if (clause && aboutMe) {
      next = next.slice(clause.length);
      introduced = true;
    }
    next = next.trim();
    if (next === rest) break;
    rest = next;
  }
  return rest;
}

/**
 * First sentence of the story (greetings and fillers dropped), within [min, max] code points
 * (cut at a word, with "…"). A text that is only a greeting keeps its own words.
 */
export function generateTitle(description: string, min = 5, max = 150): string {
  const story = stripOpeners(description);
  const source = codePoints(story) >= min ? story : description;
  const flat = source.replace(/\s+/g, ' ').trim();
  const sentences = splitSentences(source);
  // whole sentences until the title says something ("Tolong." alone does not)
  let title = '';
  for (const sentence of sentences) {
    title = title ? `${title} ${sentence}` : sentence;
    if (codePoints(title) >= Math.max(min, MEANINGFUL)) break;
  }
  title = title.replace(/[.!?,;:\s]+$/, '') || flat;
  if (codePoints(title) > max) {
    const chars = [...title].slice(0, max - 1).join('');
    const cut = chars.lastIndexOf(' ');
    title = `${(cut > min ? chars.slice(0, cut) : chars).replace(/[.,;:\s]+$/, '')}…`;
  }
  return title.charAt(0).toUpperCase() + title.slice(1);
}
