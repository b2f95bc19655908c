// The simulator's control page: plain HTML and a little vanilla JS, no external assets.
// It plays LAPOR!'s admins and agencies, so a person trying the hub sees the whole cycle.
// User data is only ever inserted with textContent, never as HTML.
import { LAPOR_STATUSES } from '../core/taxonomy.js';

/** `nonce`: the response's CSP nonce (src/http/security-headers.ts), carried by the inline
 * <style> and <script>, the only ones the policy lets run. */
export function renderPage(basePath: string, nonce: string): string {
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Simulator LAPOR!</title>
<link rel="icon" href="data:,">
<style nonce="${nonce}">
  body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #222; }
  h1 { color: #b71c1c; margin-bottom: .2rem; }
  .muted { color: #666; font-size: .9rem; }
  table { border-collapse: collapse; width: 100%; margin-top: 1rem; }
  th, td { border: 1px solid #ddd; padding: .4rem; vertical-align: top; text-align: left; }
  th { background: #f5f5f5; }
  tr.highlight { background: #fff8e1; }
  .status { font-weight: bold; white-space: nowrap; }
  .resp { border-left: 3px solid #90caf9; padding-left: .4rem; margin: .3rem 0; font-size: .9rem; }
  input, select, textarea, button { font: inherit; margin: .1rem 0; }
  textarea { width: 100%; min-height: 3rem; }
  form { margin: .3rem 0; }
  #msg { min-height: 1.2rem; color: #1b5e20; }
  #msg.err { color: #b71c1c; }
</style>
</head>
<body>
<h1>Simulator LAPOR!</h1>
<p class="muted">Laporan yang diteruskan hub ke simulator ini. Ubah status atau beri tanggapan instansi:
setiap perubahan masuk ke umpan <code>/updates</code> dan diteruskan hub ke pelapor.</p>
<p id="msg" role="status"></p>
<details><summary>Simulasi gangguan API</summary>
  <form id="fault">
    <label>Jumlah permintaan <input name="count" type="number" min="1" value="1" size="3"></label>
    <label>Kode HTTP <select name="status"><option>503</option><option>500</option><option>429</option><option>401</option></select></label>
    <label>Retry-After <input name="retryAfter" size="6" placeholder="detik"></label>
    <button>Gagalkan</button>
    <button type="button" id="clearFaults">Hapus gangguan</button>
  </form>
</details>
<table>
  <thead><tr><th>No. tiket</th><th>Laporan</th><th>Status</th><th>Tanggapan</th><th>Tindakan</th></tr></thead>
  <tbody id="rows"><tr><td colspan="5">Memuat…</td></tr></tbody>
</table>
<script nonce="${nonce}">
const BASE = ${scriptJson(basePath)};
const STATUSES = ${scriptJson(LAPOR_STATUSES)};
const $ = (tag, props = {}, ...children) => {
  const el = Object.assign(document.createElement(tag), props);
  for (const c of children) el.append(c);
  return el;
};
const say = (text, isError) => { const m = document.getElementById('msg'); m.textContent = text; m.className = isError ? 'err' : ''; };
async function call(path, method, body) {
  const res = await fetch(BASE + path, { method, headers: { 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(json.error || ('HTTP ' + res.status));
  return json;
}
let busy = false;
async function refresh() {
  if (busy) return;
  const { reports } = await call('/control/reports', 'GET');
  const rows = document.getElementById('rows');
  rows.replaceChildren();
  if (reports.length === 0) rows.append($('tr', {}, $('td', { colSpan: 5, textContent: 'Belum ada laporan.' })));
  for (const r of reports) rows.append(row(r));
}
function row(r) {
  const body = r.report;
  const reporter = body.is_anonymous ? 'Anonim' : (body.reporter ? body.reporter.name + (body.is_secret ? ' (rahasia)' : '') : '-');
  const where = body.location ? (body.location.name || '') + (body.location.address ? ', ' + body.location.address : '') : '-';
  const tr = $('tr', { id: 'laporan-' + r.tracking_id });
  if (location.hash === '#laporan-' + r.tracking_id) tr.className = 'highlight';
  tr.append(
    $('td', {}, $('strong', { textContent: r.tracking_id }), $('div', { className: 'muted', textContent: new Date(r.created_at).toLocaleString('id-ID') })),
    $('td', {},
      $('strong', { textContent: body.title }),
      $('div', { className: 'muted', textContent: body.classification + ' · ' + body.category + ' · ' + (body.channel || '-') + ' · Pelapor: ' + reporter }),
      $('details', {}, $('summary', { textContent: 'Isi' }),
        $('p', { textContent: body.content }),
        $('p', { className: 'muted', textContent: 'Lokasi: ' + where + ' · Tanggal kejadian: ' + (body.date_of_incident || '-') }))),
    $('td', {}, $('span', { className: 'status', textContent: r.status }), $('div', { className: 'muted', textContent: r.institution || '' })),
    $('td', {}, ...r.responses.map((x) => $('div', { className: 'resp' },
      $('div', { className: 'muted', textContent: (x.author || x.role) + ' (' + x.role + ')' + (r.hub_response_ids.includes(x.id) ? ' · lewat hub' : '') }),
      $('div', { textContent: x.message })))),
    $('td', {}, statusForm(r), responseForm(r)));
  return tr;
}
function statusForm(r) {
  const select = $('select', { name: 'status' }, ...STATUSES.map((s) => $('option', { value: s, textContent: s, selected: s === r.status })));
  const inst = $('input', { name: 'institution', placeholder: 'Instansi tujuan (untuk TERDISPOSISI)', value: r.institution || '' });
  const form = $('form', {}, select, ' ', inst, ' ', $('button', { textContent: 'Ubah status' }));
  form.onsubmit = (e) => act(e, '/control/reports/' + r.tracking_id + '/status', { status: select.value, institution: inst.value || null }, 'Status diubah');
  return form;
}
function responseForm(r) {
  const msg = $('textarea', { name: 'message', placeholder: 'Tanggapan instansi' });
  const author = $('input', { name: 'author', placeholder: 'Nama instansi', value: r.institution || '' });
  const form = $('form', {}, msg, author, ' ', $('button', { textContent: 'Kirim tanggapan' }));
  form.onsubmit = (e) => act(e, '/control/reports/' + r.tracking_id + '/responses', { message: msg.value, author: author.value || null, role: 'instansi' }, 'Tanggapan dikirim');
  return form;
}
async function act(e, path, body, done) {
  e.preventDefault();
  try { await call(path, 'POST', body); say(done); busy = false; await refresh(); }
  catch (err) { say('Gagal: ' + err.message, true); }
}
document.getElementById('fault').onsubmit = (e) => {
  const f = new FormData(e.target);
  const body = { count: Number(f.get('count')), status: Number(f.get('status')) };
  if (f.get('retryAfter')) body.retryAfter = String(f.get('retryAfter'));
  act(e, '/control/faults', body, 'Gangguan dipasang');
};
document.getElementById('clearFaults').onclick = async () => { await call('/control/faults', 'DELETE'); say('Gangguan dihapus'); };
// pause auto-refresh while someone is typing in a form
document.addEventListener('focusin', (e) => { busy = !!e.target.closest('form'); });
document.addEventListener('focusout', () => { busy = false; });
refresh().catch((err) => say('Gagal memuat: ' + err.message, true));
setInterval(() => refresh().catch(() => {}), 5000);
</script>
</body>
</html>
`;
}

/** JSON safe inside <script>: no `</script>` can close the element early. */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');
