// Place names -> Kemendagri regency/city (or province) codes, from idn-area-data
// (ODbL data, read unmodified from the package's CSV files).
//
// Matching: longest n-gram over normalised tokens, so "kab. bogor", "kab bogor"
// and "kabupaten bogor" are one key. Rules, in order of weight:
//  - qualifiers decide: "kota"/"pemkot"/"... city" -> the city, "kab"/"pemkab"/
//    "... regency" -> the regency, "kecamatan"/"kec"/"distrik" -> a district,
//    "desa"/"kelurahan"/"kel"/"ds" -> a village (villages match ONLY with one);
//  - a candidate whose regency/province is also named in the text wins
//    ("sukajadi, pekanbaru"; "depok sleman" is the district Depok in Sleman);
//  - a bare name shared by a city and a regency means the city ("bandung" ->
//    Kota Bandung: the city is what the bare name usually refers to in a chat);
//  - a bare name means a regency/city before a province, a district after them;
//  - among same-name districts/villages: a few well-known ones (WELL_KNOWN), then
//    ones in a city, then on Java (where most reports come from), then the lowest code;
//  - bare names made only of common words or chat slang ("taman", "kota baru",
//    "deket" = dekat, "ujung", "sebelah") are not places on their own: such a
//    district counts only with "kec"/"kecamatan" before it, or with its own
//    regency/city named right before or after it ("deket, lamongan");
//  - a bare name right after "jalan"/"gang" (a street name) is not a place;
//  - "desa X"/"kelurahan X" also considers the district X: "kelurahan sukajadi
//    kota bandung" is the district Sukajadi of Kota Bandung (no village of that
//    name there), not a village Sukajadi elsewhere;
//  - support from a regency/city named outright outweighs every other preference.
// Output order is best-first (the engine takes the first location): regencies/
// cities named outright (with the places inside them) first, then the others,
// each group in reading order.
// A district or village resolves to the regency it lies in; a province named
// with one of its regencies is not reported separately.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { LocationEntity } from '../core/nlp.js';
import { expandWord, isSlang, simplify, SLANG_WORDS } from './normalize.js';

type Kind = 'province' | 'regency' | 'district' | 'village';
interface Place {
  kind: Kind;
  /** villages: a kelurahan (urban, code 1xxx) rather than a desa (2xxx) */
  urban?: boolean;
  code: string;
  regencyCode?: string;
  provinceCode: string;
  /** static preference among same-name places (higher first) */
  pref: number;
}
interface Entry {
  place: Place;
  /** the key carried a qualifier (kota/kab/kecamatan/desa...) */
  qualified: boolean;
  /** added to place.pref for this key ("kelurahan X" prefers an urban kelurahan) */
  bonus: number;
  /** a bare name made of common words: usable only next to its own regency/city */
  weak?: boolean;
}
interface Match {
  start: number;
  end: number;
  entries: Entry[];
}

const require = createRequire(import.meta.url);
/** Indonesian stop words of nlp.js (lebih, sering, baru...): never a place on their own. */
const STOPWORDS_ID = Object.keys((new (require('@nlpjs/lang-id').StopwordsId)() as { dictionary: object }).dictionary);

/** Words that alone (or only together) never make a bare place name (nor a village name after "desa"). */
const COMMON = new Set([
  ...STOPWORDS_ID,
  ...`kota baru lama taman pasar jalan tengah utara selatan timur barat pusat kampung sungai air batu bandar tanjung
  teluk pulau gunung bukit rawa sawah kebun raya indah jaya makmur sumber kubu waru bojong sari mulya sejahtera
  simpang satu dua tiga empat lima enam tujuh delapan sembilan sepuluh seribu tanah luas pasir merah hitam putih
  besar kecil panjang pendek tinggi rendah atas bawah hulu hilir ujung pinggir tepi dalam luar lembur bola pacar
  kamu ibu bapak anak salam damai selesai tetap butuh bener matur rendang kilo balai sumur tanggul licin bantaran
  gantung tambang pangkalan negeri sale kulo dusun tani laut danau muara lapangan mekar
  sentosa agung harapan bahagia karya bakti bumi alam permai asri murni mas emas intan perak kali rejo wetan kulon
  lor kidul tengahan desa kelurahan kecamatan kabupaten pemkot pemkab provinsi district city regency village
  bau bone buru puncak batang metro bara rumah sekolah masjid gereja pabrik depan belakang sebelah sana sini situ
  kami kita ini itu tersebut tetangga terpencil wisata adat pemenang
  dekat sebelah samping pojok seberang sekitar arah sisi menuju perempatan pertigaan tikungan bundaran
  terminal stasiun jembatan lampu kantor warung toko mushola musholla kuburan makam hutan pantai tambak pelabuhan
  bandara gedung gang lorong perumahan komplek kompleks pos puskesmas klinik kolam parit selokan got lubang candi
  benteng pendopo tempel mulia subur merdeka setia sakti lestari abadi bersatu maju mandiri utama sejati wangi
  kencana anggrek cempaka mawar melati kenanga pagi siang sore malam senin selasa rabu kamis jumat sabtu minggu
  warga guru polisi petugas camat lurah`.split(/\s+/),
]);
/** Well-known names made of common words that stay places on their own (district keys). */
const STRONG_NAMES = ['pasar minggu', 'cempaka putih', 'bojong gede'];
/** Well-known among same-name districts (district code), where "city, then Java" picks wrongly. */
const WELL_KNOWN = new Set(['34.03.01' /* Wonosari, Gunungkidul */]);
/** Informal and English names. */
const ALIASES: Record<string, string> = {
  jaksel: '31.74', jakpus: '31.71', jakut: '31.72', jakbar: '31.73', jaktim: '31.75', jogja: '34.71',
  jogjakarta: '34.71', yogya: '34.71', jogya: '34.71', solo: '33.72', jakarta: '31', dki: '31', jabar: '32',
  jateng: '33', jatim: '35', diy: '34', sumut: '12', sumbar: '13', sumsel: '16', kalbar: '61', kalteng: '62',
  kalsel: '63', kaltim: '64', kaltara: '65', sulut: '71', sulteng: '72', sulsel: '73', sultra: '74', sulbar: '76',
  ntb: '52', ntt: '53', babel: '19', 'bangka belitung': '19', kepri: '21', 'west java': '32', 'central java': '33',
  'east java': '35', 'north sumatra': '12', 'west sumatra': '13', 'south sumatra': '16', 'north sulawesi': '71',
  'central sulawesi': '72', 'south sulawesi': '73', 'west kalimantan': '61', 'central kalimantan': '62',
  'south kalimantan': '63', 'east kalimantan': '64', 'north kalimantan': '65', 'west nusa tenggara': '52',
  'east nusa tenggara': '53', 'yogyakarta special region': '34', 'special region of yogyakarta': '34',
};
const EN_DIRECTION: Record<string, string> = { utara: 'north', selatan: 'south', timur: 'east', barat: 'west', tengah: 'central' };
const STREET_WORDS = new Set(['jalan', 'gang', 'gg', 'street', 'road']);
/** tokens allowed between a common-word district and its regency ("deket, kab lamongan" has none) */
const WEAK_GAP = 1;
const KIND_RANK: Record<Kind, number> = { regency: 3, province: 2, district: 1, village: 0 };

export interface Gazetteer {
  find(text: string): LocationEntity[];
  /**
   * Builds the village index (84k rows, about 0.2 s of CPU) in slices between other work, so
   * that neither start-up nor the first "desa X"/"kelurahan X" waits for it; resolves once built.
   * A lookup that needs it before then finishes the build at once.
   */
  warm(): Promise<void>;
  /** number of keys in the index */
  readonly size: number;
}

interface Row {
  code: string;
  parent: string;
  name: string;
}

function readCsv(dir: string, file: string): Row[] {
  const text = readFileSync(join(dir, file), 'utf8');
  const nl = text.indexOf('\n');
  const header = text.slice(0, nl).trim().split(',');
  // the files are code,<parent>_code,name or code,name; a name holds no comma
  // (a few hold a `"` standing for an apostrophe), so plain splitting is exact
  const hasParent = header.length === 3 && header[1]?.endsWith('_code') === true;
  const rows: Row[] = [];
  for (let start = nl + 1; start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
    start = end + 1;
    if (!line) continue;
    const a = line.indexOf(',');
    const b = hasParent ? line.indexOf(',', a + 1) : a;
    rows.push({ code: line.slice(0, a), parent: hasParent ? line.slice(a + 1, b) : '', name: line.slice(b + 1) });
  }
  return rows;
}

export function idnAreaDataDir(): string {
  return join(dirname(require.resolve('idn-area-data')), '..', 'data');
}

const titleCase = (name: string): string =>
  name
    .toLowerCase()
    .replace(/(^|[^\p{L}])(\p{L})/gu, (_m, pre: string, c: string) => pre + c.toUpperCase())
    .replace(/^Dki\b/, 'DKI');

/** Normalised key of a name: the same token pipeline the text goes through. */
const key = (name: string): string => {
  const lower = name.toLowerCase();
  // fast path for the usual plain names (tens of thousands at load)
  if (/^[a-z]+( [a-z]+)*$/.test(lower) && !lower.split(' ').some(isSlang)) return lower;
  return simplify(name).split(' ').filter(Boolean).flatMap(expandWord).join(' ');
};

interface Token {
  word: string;
  start: number;
  end: number;
}
function splitTokens(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}'’"]+/gu)) {
    const start = m.index ?? 0;
    for (const w of simplify(m[0]).split(' ')) {
      if (!w) continue;
      for (const word of expandWord(w)) out.push({ word, start, end: start + m[0].length });
    }
  }
  return out;
}

export function loadGazetteer(dataDir: string = idnAreaDataDir()): Gazetteer {
  const index = new Map<string, Entry[]>();
  const names = new Map<string, string>(); // code -> display name (provinces, regencies)
  let maxN = 1;
  const add = (k: string, place: Place, qualified: boolean, bonus = 0, weak = false): void => {
    if (!k) return;
    const entry: Entry = weak ? { place, qualified, bonus, weak } : { place, qualified, bonus };
    const list = index.get(k);
    if (list) {
      if (!list.some((e) => e.place.code === place.code && e.qualified === qualified)) list.push(entry);
    } else index.set(k, [entry]);
    maxN = Math.max(maxN, k.split(' ').length);
  };
  const common = (k: string): boolean => k.split(' ').every((w) => COMMON.has(w) || SLANG_WORDS.has(w));
  const strong = new Set(STRONG_NAMES.map(key));
  const bareOk = (k: string): boolean => k.length >= 4 && (strong.has(k) || !common(k));
  const javaOrCity = (code: string, cityRegency: boolean): number =>
    (cityRegency ? 2 : 0) + (Number(code.slice(0, 2)) >= 31 && Number(code.slice(0, 2)) <= 36 ? 1 : 0);

  const provinces = readCsv(dataDir, 'provinces.csv');
  for (const p of provinces) {
    names.set(p.code, titleCase(p.name));
    const place: Place = { kind: 'province', code: p.code, provinceCode: p.code, pref: 0 };
    const k = key(p.name);
    add(k, place, false);
    add(`provinsi ${k}`, place, true);
    add(`${k} province`, place, true);
    add(`province of ${k}`, place, true);
  }

  const regencies = readCsv(dataDir, 'regencies.csv');
  const isCity = new Set<string>();
  for (const r of regencies) {
    names.set(r.code, titleCase(r.name));
    const city = /^KOTA /.test(r.name);
    if (city) isCity.add(r.code);
    const place: Place = { kind: 'regency', code: r.code, regencyCode: r.code, provinceCode: r.parent, pref: city ? 1 : 0 };
    const bare = key(r.name.replace(/^(KABUPATEN|KOTA)( ADMINISTRASI)? /, ''));
    const bares = [bare];
    const words = bare.split(' ');
    const last = words[words.length - 1] ?? '';
    if (words.length > 1 && EN_DIRECTION[last]) bares.push(`${EN_DIRECTION[last]} ${words.slice(0, -1).join(' ')}`);
    for (const b of bares) {
      if (bareOk(b)) add(b, place, false);
      const quals = city ? ['kota', 'pemkot', 'kota administrasi', 'city of'] : ['kabupaten', 'pemkab', 'regency of'];
      for (const q of quals) add(`${q} ${b}`, place, true);
      add(`${b} ${city ? 'city' : 'regency'}`, place, true);
    }
  }

  const districtRegency = new Map<string, string>();
  for (const d of readCsv(dataDir, 'districts.csv')) {
    districtRegency.set(d.code, d.parent);
    const pref = (WELL_KNOWN.has(d.code) ? 4 : 0) + javaOrCity(d.code, isCity.has(d.parent));
    const place: Place = { kind: 'district', code: d.code, regencyCode: d.parent, provinceCode: d.parent.slice(0, 2), pref };
    const k = key(d.name);
    if (bareOk(k)) add(k, place, false);
    else if (k.length >= 4) add(k, place, false, 0, true); // "deket", "ujung", "kota": only next to its regency
    for (const q of ['kecamatan', 'distrik']) add(`${q} ${k}`, place, true);
    for (const q of ['district', 'subdistrict']) add(`${k} ${q}`, place, true);
  }

  // villages: their own index, looked up only right after "desa"/"kelurahan" ("ds"/"kel" expand to those);
  // 84k rows, so not built at load: by warm() in slices, or at once on first need
  let villages: Map<string, Place[]> | null = null;
  let maxVillageN = 1;
  let pending: { rows: Row[]; next: number; index: Map<string, Place[]> } | null = null;
  /** indexes up to `count` more villages; true once the index is complete */
  function buildVillages(count: number): boolean {
    if (villages) return true;
    pending ??= { rows: readCsv(dataDir, 'villages.csv'), next: 0, index: new Map() };
    const { rows, index: built } = pending;
    const end = Math.min(rows.length, pending.next + count);
    for (let i = pending.next; i < end; i += 1) {
      const v = rows[i]!;
      const regencyCode = districtRegency.get(v.parent);
      if (!regencyCode) continue;
      const k = key(v.name);
      if (k.length < 3 || common(k)) continue;
      const place: Place = {
        kind: 'village',
        code: v.code,
        regencyCode,
        provinceCode: v.code.slice(0, 2),
        pref: javaOrCity(v.code, isCity.has(regencyCode)),
        // kelurahan codes end in 1xxx, desa codes in 2xxx
        urban: v.code.charAt(9) === '1',
      };
      const list = built.get(k);
      if (list) list.push(place);
      else built.set(k, [place]);
      maxVillageN = Math.max(maxVillageN, k.split(' ').length);
    }
    pending.next = end;
    if (end < rows.length) return false;
    villages = built;
    pending = null;
    return true;
  }
  function villageIndex(): Map<string, Place[]> {
    buildVillages(Infinity);
    return villages!;
  }
  async function warm(): Promise<void> {
    // about 5 ms of work per slice: a request arriving meanwhile waits for one slice at most
    while (!buildVillages(2_000)) await new Promise((resolve) => setImmediate(resolve));
  }

  for (const [alias, code] of Object.entries(ALIASES)) {
    const place: Place =
      code.length === 2
        ? { kind: 'province', code, provinceCode: code, pref: 0 }
        : { kind: 'regency', code, regencyCode: code, provinceCode: code.slice(0, 2), pref: 1 };
    add(key(alias), place, false);
  }

  /** Regencies/cities named in the text (bare or qualified), by token span: what a weak district needs beside it. */
  function regencyMentions(words: string[]): { start: number; end: number; code: string }[] {
    const out: { start: number; end: number; code: string }[] = [];
    for (let i = 0; i < words.length; i += 1) {
      for (let n = Math.min(maxN, words.length - i); n >= 1; n -= 1) {
        for (const e of index.get(words.slice(i, i + n).join(' ')) ?? []) {
          if (e.place.kind === 'regency' && !e.weak) out.push({ start: i, end: i + n, code: e.place.code });
        }
      }
    }
    return out;
  }

  function find(text: string): LocationEntity[] {
    const toks = splitTokens(text);
    const matches: Match[] = [];
    const words = toks.map((t) => t.word);
    let mentions: { start: number; end: number; code: string }[] | null = null;
    /** a weak (common-word) district is a place only right before or after its own regency/city */
    const besideItsRegency = (e: Entry, start: number, end: number): boolean => {
      mentions ??= regencyMentions(words);
      return mentions.some(
        (m) => m.code === e.place.regencyCode && ((m.start >= end && m.start - end <= WEAK_GAP) || (m.end <= start && start - m.end <= WEAK_GAP)),
      );
    };
    for (let i = 0; i < toks.length; ) {
      let found: Match | null = null;
      const qualifier = words[i];
      if ((qualifier === 'desa' || qualifier === 'kelurahan') && i + 1 < toks.length) {
        const index0 = villageIndex();
        for (let n = Math.min(maxVillageN, toks.length - i - 1); n >= 1 && !found; n -= 1) {
          const k = words.slice(i + 1, i + 1 + n).join(' ');
          const places = index0.get(k);
          if (!places) continue;
          // "kelurahan X" prefers an urban kelurahan, "desa X" a rural desa
          const bonus = (p: Place): number => (p.urban === (qualifier === 'kelurahan') ? 8 : 0);
          const entries: Entry[] = places.map((place) => ({ place, qualified: true, bonus: bonus(place) }));
          // citizens mix up kelurahan and kecamatan: the district X is a (weaker) candidate too,
          // and wins when its regency is named ("kelurahan sukajadi kota bandung")
          for (const e of index.get(k) ?? []) if (e.place.kind === 'district' && !e.weak) entries.push({ place: e.place, qualified: false, bonus: 0 });
          found = { start: i, end: i + 1 + n, entries };
        }
      }
      for (let n = Math.min(maxN, toks.length - i); n >= 1 && !found; n -= 1) {
        const entries = index.get(words.slice(i, i + n).join(' '));
        if (!entries) continue;
        const prev = toks[i - 1]?.word;
        const street = prev !== undefined && (STREET_WORDS.has(prev) || (prev === 'raya' && toks[i - 2]?.word === 'jalan'));
        const usable = entries.filter((e) => (street ? e.qualified : !e.weak || besideItsRegency(e, i, i + n)));
        if (usable.length) found = { start: i, end: i + n, entries: usable };
      }
      if (found) {
        matches.push(found);
        i = found.end;
      } else i += 1;
    }
    if (!matches.length) return [];

    // support: how many other mentions name the candidate's regency outright, agree on its
    // regency, agree on its province. A regency/city the citizen names outweighs everything else.
    const chosen = matches.map((m) => {
      const others = matches.filter((o) => o !== m);
      const support = (p: Place): number[] => [
        others.filter((o) => o.entries.some((e) => e.place.kind === 'regency' && e.place.code === p.regencyCode)).length,
        others.filter((o) => o.entries.some((e) => p.regencyCode && e.place.regencyCode === p.regencyCode)).length,
        others.filter((o) => o.entries.some((e) => e.place.provinceCode === p.provinceCode)).length,
      ];
      let best: { entry: Entry; score: number[] } | null = null;
      for (const entry of m.entries) {
        const [named = 0, reg = 0, prov = 0] = support(entry.place);
        const score = [named, reg, Number(entry.qualified), KIND_RANK[entry.place.kind], prov, entry.place.pref + entry.bonus];
        if (!best || compare(score, best.score) > 0) best = { entry, score };
      }
      return { match: m, place: (best as { entry: Entry }).entry.place };
    });

    const byCode = new Map<string, { entity: LocationEntity; rank: number; order: number }>();
    for (const { match, place } of chosen) {
      const text0 = text.slice(toks[match.start]?.start ?? 0, toks[match.end - 1]?.end ?? 0);
      const code = place.regencyCode ?? place.provinceCode;
      const entity: LocationEntity = {
        type: 'location',
        text: text0,
        code,
        ...(place.regencyCode ? { regency: names.get(place.regencyCode) ?? place.regencyCode } : {}),
        province: names.get(place.provinceCode) ?? place.provinceCode,
      };
      const rank = KIND_RANK[place.kind];
      const prior = byCode.get(code);
      if (!prior) byCode.set(code, { entity, rank, order: match.start });
      else if (rank > prior.rank) byCode.set(code, { entity, rank, order: prior.order });
    }
    // A regency or city the citizen names outright outweighs an unqualified district name found
    // elsewhere in the text ("pasar cibeureum, kota bandung": Cibeureum is a street-market name
    // there, not the district of that name in Sukabumi): such districts are dropped.
    const named = new Set(chosen.filter((c) => c.place.kind === 'regency').map((c) => c.place.regencyCode));
    for (const { match, place } of chosen) {
      const unqualifiedDistrict = place.kind === 'district' && !match.entries.some((e) => e.qualified);
      if (named.size && unqualifiedDistrict && !named.has(place.regencyCode)) byCode.delete(place.regencyCode ?? place.provinceCode);
    }
    const all = [...byCode.values()];
    const regencyProvinces = new Set(all.filter((e) => e.entity.regency).map((e) => e.entity.code.slice(0, 2)));
    // best first: regencies/cities named outright (and the places inside them), then the rest; each in reading order
    const tier = (e: { entity: LocationEntity }): number => (named.has(e.entity.code) ? 1 : 0);
    return all
      .filter((e) => e.entity.regency || !regencyProvinces.has(e.entity.code))
      .sort((a, b) => tier(b) - tier(a) || a.order - b.order)
      .map((e) => e.entity);
  }

  return { find, warm, size: index.size };
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i += 1) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
