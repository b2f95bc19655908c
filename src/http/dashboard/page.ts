// The dashboard's HTML: a static frame (no inline script or style, for the strict CSP); the
// figures and charts come from /dashboard/assets/dashboard.js reading the public JSON API.
const figure = (id: string, title: string, note = '') => `
<figure class="card" id="fig-${id}">
<figcaption><h2>${title}</h2>${note ? `<p class="note">${note}</p>` : ''}</figcaption>
<div class="chart"><canvas id="chart-${id}" role="img"></canvas></div>
<details open><summary>Tabel data / Data table</summary><table id="table-${id}"></table></details>
</figure>`;

export const DASHBOARD_HTML = `<!doctype html>
<html lang="id"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Statistik pengaduan · Complaint statistics · lapor-hub</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/dashboard/assets/dashboard.css">
<script src="/dashboard/assets/vendor/chart.umd.min.js" defer></script>
<script src="/dashboard/assets/dashboard.js" defer></script>
</head><body>
<header><h1>Statistik pengaduan <span lang="en">Complaint statistics</span></h1>
<p>Data terbuka laporan SP4N-LAPOR! yang masuk lewat kanal obrolan. <span lang="en">Open data on SP4N-LAPOR! reports filed through chat channels.</span></p></header>
<main>
<form id="filter" method="get" action="/dashboard" class="card">
<label>Instansi <span lang="en">Agency</span><select name="agency" id="agency"><option value="">Semua instansi / All agencies</option></select></label>
<label>Dari <span lang="en">From</span><input type="date" name="from" id="from"></label>
<label>Sampai <span lang="en">To</span><input type="date" name="to" id="to"></label>
<button type="submit">Terapkan / Apply</button>
</form>
<p id="state" role="status">Memuat… / Loading…</p>
<section id="totals" class="tiles" aria-label="Ringkasan / Summary"></section>
<div class="grid">
${figure('month', 'Laporan per bulan menurut kanal <span lang="en">Reports per month by channel</span>')}
${figure('funnel', 'Tahapan status <span lang="en">Status funnel</span>', 'Laporan yang sampai tahap ini atau sesudahnya / Reports that reached this stage or a later one')}
${figure('category', 'Kategori <span lang="en">Categories</span>')}
${figure('sla', 'Kepatuhan SLA <span lang="en">SLA compliance</span>', 'Verifikasi ≤ 3 hari kerja, tindak lanjut ≤ 5 hari kerja / Verification within 3, follow-up within 5 working days')}
${figure('resolution', 'Tingkat penyelesaian <span lang="en">Resolution rate</span>')}
${figure('channels', 'Kanal terhubung <span lang="en">Connected channels</span>')}
</div>
<p class="note">Definisi / Definitions: <a href="/api/public/stats">/api/public/stats</a>, <a href="/api/public/integrations">/api/public/integrations</a> (docs/public-api.md).</p>
</main></body></html>`;
