// The public dashboard: reads /api/public/{stats,integrations,agencies} and draws each figure
// as a Chart.js chart with a table beside it (the text alternative). Text only through
// textContent: nothing from the API is parsed as HTML.
(function () {
  'use strict';
  var CHANNEL_COLOURS = { telegram: '#229ed9', whatsapp: '#25a244', webchat: '#7b4fd6', console: '#8a8a8a' };
  var PALETTE = ['#0b5cad', '#e07a1f', '#2a9d8f', '#c0392b', '#7b4fd6', '#8d6e63', '#d81b60', '#558b2f', '#00838f', '#6d4c41', '#3949ab', '#f9a825', '#546e7a'];
  var STATUS_LABELS = {
    BELUM_TERVERIFIKASI: 'Belum terverifikasi / Not verified yet', TERVERIFIKASI: 'Terverifikasi / Verified',
    TERDISPOSISI: 'Terdisposisi / Assigned', DITINDAKLANJUTI: 'Ditindaklanjuti / Followed up',
    DITANGGAPI_PELAPOR: 'Ditanggapi pelapor / Answered by reporter', SELESAI: 'Selesai / Resolved',
    DITUNDA: 'Ditunda / Postponed', BUKAN_WEWENANG: 'Bukan wewenang / Not in remit', DIARSIPKAN: 'Diarsipkan / Archived',
  };
  // the main path of a report; the others leave it (their count is shown, not a stage)
  var FUNNEL = ['BELUM_TERVERIFIKASI', 'TERVERIFIKASI', 'TERDISPOSISI', 'DITINDAKLANJUTI', 'DITANGGAPI_PELAPOR', 'SELESAI'];
  var STAGE_LABELS = ['Diterima / Received', 'Terverifikasi / Verified', 'Terdisposisi / Assigned', 'Ditindaklanjuti / Followed up', 'Ditanggapi pelapor / Answered by reporter', 'Selesai / Resolved'];
  var INTEGRATION_STATUS = { connected: 'Terhubung / Connected', degraded: 'Terganggu / Degraded', disconnected: 'Terputus / Disconnected' };
  var STATUS_COLOURS = { connected: '#2e7d32', degraded: '#f9a825', disconnected: '#c62828' };
  var charts = {};

  var number = function (n) { return n === null || n === undefined ? '—' : new Intl.NumberFormat('id-ID').format(n); };
  var percent = function (r) { return r === null || r === undefined ? 'tidak ada data / no data' : (Math.round(r * 1000) / 10).toFixed(1).replace('.', ',') + '%'; };
  var byId = function (id) { return document.getElementById(id); };

  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  /** a table from a header row and body rows; a cell is text or {text, n: numeric, data: {k: v}} */
  function fillTable(id, head, rows) {
    var table = byId('table-' + id);
    table.replaceChildren();
    var thead = el('thead');
    var tr = el('tr');
    head.forEach(function (h, i) { tr.appendChild(el('th', h, i > 0 ? { class: 'n', scope: 'col' } : { scope: 'col' })); });
    thead.appendChild(tr);
    var tbody = el('tbody');
    rows.forEach(function (row) {
      var r = el('tr', null, row.attrs || {});
      row.cells.forEach(function (cell, i) {
        var c = typeof cell === 'object' && cell !== null ? cell : { text: cell };
        var node = el(i === 0 ? 'th' : 'td', c.text, Object.assign(i === 0 ? { scope: 'row' } : { class: 'n' }, c.attrs || {}));
        r.appendChild(node);
      });
      tbody.appendChild(r);
    });
    if (rows.length === 0) {
      var empty = el('tr');
      empty.appendChild(el('td', 'Tidak ada data / No data', { colspan: String(head.length) }));
      tbody.appendChild(empty);
    }
    table.append(thead, tbody);
  }

  function draw(id, config, summary) {
    var canvas = byId('chart-' + id);
    canvas.setAttribute('aria-label', summary);
    if (charts[id]) charts[id].destroy();
    config.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false }, config.options || {});
    charts[id] = new window.Chart(canvas, config);
  }

  function tiles(stats) {
    var box = byId('totals');
    box.replaceChildren();
    [
      ['reports', 'Laporan / Reports', number(stats.totals.reports)],
      ['open', 'Terbuka / Open', number(stats.totals.open)],
      ['closed', 'Ditutup / Closed', number(stats.totals.closed)],
      ['resolved', 'Selesai / Resolved', number(stats.totals.resolved)],
      ['completion', 'Laporan lengkap / Completion', percent(stats.completionRate)],
      ['median-close', 'Median jam sampai selesai / Median hours to close', number(stats.medianHours.toClose)],
    ].forEach(function (t) {
      var tile = el('div', null, { class: 'tile', id: 'tile-' + t[0] });
      tile.append(el('b', t[2]), el('span', t[1]));
      box.appendChild(tile);
    });
  }

  function monthChart(stats) {
    var months = stats.byMonth.map(function (m) { return m.month; });
    var split = stats.byMonth.every(function (m) { return m.byChannel && typeof m.byChannel === 'object'; });
    var channels = split ? Object.keys(stats.byMonth.reduce(function (all, m) { return Object.assign(all, m.byChannel); }, {})).sort() : [];
    var datasets = split
      ? channels.map(function (ch, i) {
        return { label: ch, backgroundColor: CHANNEL_COLOURS[ch] || PALETTE[i % PALETTE.length], data: stats.byMonth.map(function (m) { return m.byChannel[ch] || 0; }) };
      })
      : [{ label: 'Laporan / Reports', backgroundColor: PALETTE[0], data: stats.byMonth.map(function (m) { return m.reports; }) }];
    draw('month', { type: 'bar', data: { labels: months, datasets: datasets },
      options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } } },
    'Laporan per bulan / Reports per month: ' + stats.byMonth.map(function (m) { return m.month + ' ' + m.reports; }).join(', '));
    fillTable('month', ['Bulan / Month'].concat(channels, ['Jumlah / Total']), stats.byMonth.map(function (m) {
      return { attrs: { 'data-month': m.month }, cells: [m.month].concat(channels.map(function (ch) {
        return { text: number(m.byChannel[ch] || 0), attrs: { 'data-channel': ch } };
      }), [{ text: number(m.reports), attrs: { 'data-channel': 'total' } }]) };
    }));
  }

  function funnelChart(stats) {
    var count = function (s) { return stats.byStatus[s] || 0; };
    var reached = FUNNEL.map(function (_s, i) { return FUNNEL.slice(i).reduce(function (sum, s) { return sum + count(s); }, 0); });
    reached[0] = stats.totals.reports; // every report was received, wherever it went after
    draw('funnel', { type: 'bar', data: { labels: STAGE_LABELS, datasets: [{ label: 'Laporan / Reports', backgroundColor: PALETTE[0], data: reached }] },
      options: { indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } } },
    'Tahapan / Stages: ' + STAGE_LABELS.map(function (l, i) { return l + ' ' + reached[i]; }).join(', '));
    var rows = FUNNEL.map(function (s, i) {
      return { attrs: { 'data-status': s }, cells: [STAGE_LABELS[i], { text: number(reached[i]), attrs: { 'data-col': 'reached' } }, { text: number(count(s)), attrs: { 'data-col': 'now' } }] };
    });
    Object.keys(stats.byStatus).filter(function (s) { return FUNNEL.indexOf(s) < 0; }).sort().forEach(function (s) {
      rows.push({ attrs: { 'data-status': s }, cells: [STATUS_LABELS[s] || s, { text: '—', attrs: { 'data-col': 'reached' } }, { text: number(count(s)), attrs: { 'data-col': 'now' } }] });
    });
    fillTable('funnel', ['Tahap / Stage', 'Sampai tahap ini / Reached', 'Status sekarang / Now'], rows);
  }

  function categoryChart(stats) {
    var entries = Object.keys(stats.byCategory).map(function (c) { return [c, stats.byCategory[c]]; })
      .sort(function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : 1); });
    draw('category', { type: 'bar', data: { labels: entries.map(function (e) { return e[0]; }),
      datasets: [{ label: 'Laporan / Reports', backgroundColor: entries.map(function (_e, i) { return PALETTE[i % PALETTE.length]; }), data: entries.map(function (e) { return e[1]; }) }] },
    options: { indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } } },
    'Kategori / Categories: ' + entries.map(function (e) { return e[0] + ' ' + e[1]; }).join(', '));
    fillTable('category', ['Kategori / Category', 'Laporan / Reports'], entries.map(function (e) {
      return { attrs: { 'data-category': e[0] }, cells: [e[0], number(e[1])] };
    }));
  }

  function slaChart(stats) {
    var measures = [
      ['verifiedInTime', 'Diverifikasi tepat waktu / Verified in time', stats.sla.verifiedInTime],
      ['respondedInTime', 'Ditindaklanjuti tepat waktu / Followed up in time', stats.sla.respondedInTime],
    ];
    draw('sla', { type: 'bar', data: { labels: measures.map(function (m) { return m[1]; }),
      datasets: [{ label: '%', backgroundColor: [PALETTE[2], PALETTE[1]], data: measures.map(function (m) { return m[2] === null ? 0 : Math.round(m[2] * 1000) / 10; }) }] },
    options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, max: 100 } } } },
    measures.map(function (m) { return m[1] + ' ' + percent(m[2]); }).join(', '));
    var rows = measures.map(function (m) { return { attrs: { 'data-measure': m[0] }, cells: [m[1], percent(m[2])] }; });
    [['toVerification', 'Median jam sampai verifikasi / Median hours to verification'],
      ['toFirstResponse', 'Median jam sampai tanggapan / Median hours to first response']].forEach(function (h) {
      rows.push({ attrs: { 'data-measure': h[0] }, cells: [h[1], number(stats.medianHours[h[0]])] });
    });
    fillTable('sla', ['Ukuran / Measure', 'Nilai / Value'], rows);
  }

  function resolutionChart(stats) {
    var t = stats.totals;
    var parts = [['resolved', 'Selesai / Resolved', t.resolved, '#2e7d32'], ['closed-other', 'Ditutup tanpa selesai / Closed otherwise', t.closed - t.resolved, '#8d6e63'], ['open', 'Terbuka / Open', t.open, '#f9a825']];
    draw('resolution', { type: 'doughnut', data: { labels: parts.map(function (p) { return p[1]; }),
      datasets: [{ data: parts.map(function (p) { return p[2]; }), backgroundColor: parts.map(function (p) { return p[3]; }) }] } },
    'Tingkat penyelesaian / Resolution rate ' + percent(stats.resolutionRate));
    var rows = parts.map(function (p) { return { attrs: { 'data-part': p[0] }, cells: [p[1], number(p[2])] }; });
    rows.push({ attrs: { 'data-part': 'rate' }, cells: ['Tingkat penyelesaian / Resolution rate', percent(stats.resolutionRate)] });
    fillTable('resolution', ['Bagian / Part', 'Laporan / Reports'], rows);
  }

  function channelsChart(list) {
    var types = Object.keys(list.reduce(function (all, i) { all[i.type] = 1; return all; }, {})).sort();
    var datasets = Object.keys(INTEGRATION_STATUS).map(function (s) {
      return { label: INTEGRATION_STATUS[s], backgroundColor: STATUS_COLOURS[s], data: types.map(function (ty) { return list.filter(function (i) { return i.type === ty && i.status === s; }).length; }) };
    });
    draw('channels', { type: 'bar', data: { labels: types, datasets: datasets },
      options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } } },
    'Kanal terhubung / Connected channels: ' + list.length);
    fillTable('channels', ['Kanal / Channel', 'Jenis / Type', 'Instansi / Agency', 'Status', 'Laporan diteruskan / Reports forwarded'], list.map(function (i) {
      return { attrs: { 'data-integration': i.id }, cells: [i.name, { text: i.type }, { text: i.agency }, { text: INTEGRATION_STATUS[i.status] || i.status }, number(i.reportsForwarded)] };
    }));
    var caption = byId('fig-channels').querySelector('figcaption');
    var total = caption.querySelector('.total') || caption.appendChild(el('p', null, { class: 'note total' }));
    total.textContent = 'Jumlah aplikasi terintegrasi / Integrated applications: ' + list.length;
  }

  async function getJson(path) {
    var res = await fetch(path, { headers: { accept: 'application/json' } });
    var body = await res.json().catch(function () { return {}; });
    if (!res.ok) throw new Error(body.error || ('HTTP ' + res.status));
    return body;
  }

  function filterFromUrl() {
    var params = new URLSearchParams(location.search);
    var q = {};
    ['agency', 'from', 'to'].forEach(function (k) { if (params.get(k)) q[k] = params.get(k); });
    return q;
  }

  async function load() {
    var state = byId('state');
    var q = filterFromUrl();
    byId('from').value = q.from || '';
    byId('to').value = q.to || '';
    try {
      var results = await Promise.all([getJson('/api/public/stats?' + new URLSearchParams(q)), getJson('/api/public/integrations'), getJson('/api/public/agencies')]);
      var stats = results[0];
      var agencies = results[2].agencies;
      var select = byId('agency');
      agencies.forEach(function (a) { select.appendChild(el('option', a.name, { value: a.id })); });
      select.value = q.agency || '';
      var chosen = agencies.filter(function (a) { return a.id === q.agency; })[0];
      var integrations = results[1].integrations.filter(function (i) { return !q.agency || (chosen && i.agency === chosen.name); });
      tiles(stats);
      monthChart(stats);
      funnelChart(stats);
      categoryChart(stats);
      slaChart(stats);
      resolutionChart(stats);
      channelsChart(integrations);
      state.textContent = 'Diperbarui / Updated ' + new Date(stats.generatedAt).toLocaleString('id-ID', { timeZone: 'Asia/Jakarta' }) + ' WIB' +
        (chosen ? ' · ' + chosen.name : '') + (q.from ? ' · dari / from ' + q.from : '') + (q.to ? ' · sampai / to ' + q.to : '');
    } catch (error) {
      state.className = 'error';
      state.setAttribute('role', 'alert');
      state.textContent = 'Data tidak dapat dimuat / Data could not be loaded: ' + error.message;
    }
  }

  // empty fields mean "no filter": they are left out of the address
  byId('filter').addEventListener('submit', function (event) {
    var from = byId('from').value;
    var to = byId('to').value;
    if (from && to && from > to) {
      event.preventDefault();
      var state = byId('state');
      state.className = 'error';
      state.textContent = 'Tanggal "dari" harus sebelum "sampai" / "From" must not be after "to"';
      return;
    }
    this.querySelectorAll('select, input').forEach(function (f) { if (!f.value) f.disabled = true; });
  });
  window.addEventListener('pageshow', function () { document.querySelectorAll('#filter [disabled]').forEach(function (f) { f.disabled = false; }); });
  load();
})();
