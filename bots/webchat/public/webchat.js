// The hub's own web chat page: a client of contracts/webchat-api.md, nothing more.
// The hub decides what to say; this page shows it and offers the matching input.
(() => {
  const api = '/api/v1/webchat';
  const $ = (id) => document.getElementById(id);
  const log = $('log');
  const quick = $('quick');
  const form = $('composer');
  const text = $('text');
  const file = $('file');
  const attach = $('attach');
  const errorBox = $('error');
  // Indonesian first; English only when asked for (?lang=en). Typing "english" also switches.
  const lang = new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'id';
  const ui = {
    id: {
      write: 'Tulis pesan…', place: 'Tulis alamat atau nama tempat…', date: 'Tulis tanggal, mis. kemarin…',
      phone: 'Nomor HP, mis. 0812-3456-7890', name: 'Nama lengkap', media: 'atau tulis pesan…', // beside the highlighted 📎 Foto
      pickDate: '📅 Pilih tanggal', myLocation: '📍 Kirim lokasi saya', locating: 'Mencari lokasi…',
      locationSent: '📍 Lokasi saya', noLocation: 'Lokasi tidak bisa diambil. Tulis saja alamatnya.',
      offline: 'Koneksi terputus. Pesan belum terkirim, coba lagi.', failed: 'belum terkirim',
      tooMany: (s) => `Terlalu banyak pesan. Tunggu ${s} detik lalu coba lagi.`,
      tooLarge: 'File terlalu besar. Maksimal 5 MB.', badType: 'Jenis file tidak didukung. Kirim foto JPG, PNG, WEBP atau PDF.',
      other: (s) => `Pesan belum terkirim (kode ${s}). Coba lagi.`, locale: 'id-ID',
    },
    en: {
      write: 'Type a message…', place: 'Type the address or place…', date: 'Type a date, e.g. yesterday…',
      phone: 'Phone, e.g. 0812-3456-7890', name: 'Full name', media: 'or type a message…',
      pickDate: '📅 Pick a date', myLocation: '📍 Send my location', locating: 'Finding your location…',
      locationSent: '📍 My location', noLocation: 'Could not get your location. Please type the address.',
      offline: 'Connection lost. The message was not sent, please try again.', failed: 'not sent',
      tooMany: (s) => `Too many messages. Wait ${s} seconds and try again.`,
      tooLarge: 'The file is too large. At most 5 MB.', badType: 'Unsupported file. Send a JPG, PNG or WEBP photo, or a PDF.',
      other: (s) => `The message was not sent (code ${s}). Please try again.`, locale: 'en-GB',
    },
  }[lang];

  const newSessionId = () => {
    const bytes = crypto.getRandomValues(new Uint8Array(18)); // 144 bits
    return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  };
  let sessionId;
  try {
    sessionId = localStorage.getItem('laporSession') || newSessionId();
    localStorage.setItem('laporSession', sessionId);
  } catch { sessionId = newSessionId(); } // storage blocked: this tab only

  let lastId = null;
  let current = null; // the newest message: its choices come back when a send fails
  const seen = new Set();
  let waiting = 0;
  const typing = document.createElement('li');
  typing.className = 'typing';
  typing.setAttribute('aria-label', '…');
  typing.append(document.createElement('span'), document.createElement('span'), document.createElement('span'));

  const scroll = () => { log.scrollTop = log.scrollHeight; };
  const busy = (delta) => {
    waiting += delta;
    if (waiting > 0) log.append(typing); else typing.remove();
    scroll();
  };

  /** a chat bubble; links in the hub's texts (the tracking page) are clickable */
  function bubble(content, who) {
    const li = document.createElement('li');
    li.className = who;
    if (typeof content !== 'string') li.append(...content);
    else {
      content.split(/(https?:\/\/[^\s"<>]*[^\s"<>.,;:!?)])/).forEach((part, i) => {
        if (i % 2 === 0) { if (part) li.append(part); return; }
        const a = document.createElement('a');
        a.href = part; a.textContent = part; a.target = '_blank'; a.rel = 'noopener';
        li.append(a);
      });
    }
    log.append(li);
    if (waiting > 0) log.append(typing); // the "…" stays last while the hub is answering
    scroll();
    return li;
  }

  function show(messages) {
    let newest = null;
    for (const m of messages) {
      if (seen.has(m.id)) continue;
      seen.add(m.id);
      lastId = m.id;
      newest = m;
      bubble(m.text, 'bot');
    }
    if (newest) offer((current = newest));
  }

  const refresh = () => { if (current) offer(current); };

  function chip(label, onclick) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.onclick = onclick;
    return b;
  }

  /** the answers the last question offers, and the input that fits what it expects */
  function offer(m) {
    const type = (m.expects || {}).type;
    const slot = (m.expects || {}).slot;
    const chips = (m.quickReplies || [])
      .filter((q) => q.payload !== 'share_location') // the page's own location button below
      .map((q) => chip(q.title, () => send({ payload: q.payload }, q.title)));
    if (type === 'location' && navigator.geolocation && window.isSecureContext) chips.unshift(chip(ui.myLocation, shareLocation));
    if (type === 'date') chips.push(...datePicker());
    quick.replaceChildren(...chips);
    attach.classList.toggle('wanted', type === 'media');
    text.inputMode = type === 'phone' ? 'tel' : 'text';
    text.autocomplete = type === 'phone' ? 'tel' : slot === 'reporter_name' ? 'name' : 'off';
    text.placeholder = { location: ui.place, date: ui.date, phone: ui.phone, media: ui.media }[type]
      || (slot === 'reporter_name' ? ui.name : ui.write);
  }

  const isoDate = (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

  /** a native date picker behind a chip; sends YYYY-MM-DD, shows the date as words */
  function datePicker() {
    const input = document.createElement('input');
    input.type = 'date';
    input.id = 'date';
    input.className = 'picker';
    input.max = isoDate(new Date()); // local today, not UTC
    input.setAttribute('aria-label', ui.pickDate);
    input.onchange = () => {
      const value = input.value;
      if (!/^(19|20)\d\d-\d\d-\d\d$/.test(value)) return; // a year still being typed
      const [y, mo, d] = value.split('-').map(Number);
      const words = new Date(y, mo - 1, d).toLocaleDateString(ui.locale, { day: 'numeric', month: 'long', year: 'numeric' });
      send({ text: value }, `📅 ${words}`);
    };
    const open = chip(ui.pickDate, () => {
      try { input.showPicker(); } catch { input.classList.add('shown'); input.focus(); }
    });
    return [open, input];
  }

  function shareLocation() {
    errorBox.textContent = ui.locating;
    navigator.geolocation.getCurrentPosition(
      (p) => {
        errorBox.textContent = '';
        send({ location: { latitude: p.coords.latitude, longitude: p.coords.longitude } }, ui.locationSent);
      },
      () => { errorBox.textContent = ui.noLocation; text.focus(); },
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
    );
  }

  function problem(res, data) {
    if (res.status === 429) return ui.tooMany(res.headers.get('Retry-After') || 10);
    if (res.status === 413) return ui.tooLarge;
    if (res.status === 415) return ui.badType;
    return ui.other(res.status) + (data && data.error ? ` (${data.error})` : '');
  }

  /** sends one message; `echo` is what the citizen sees as theirs (the title of a tapped choice) */
  async function request(url, init, echo, onFail) {
    errorBox.textContent = '';
    const mine = echo ? bubble(echo, 'me') : null;
    quick.replaceChildren(); // a choice is used once; the reply brings the next ones
    busy(+1);
    try {
      const res = await fetch(url, init);
      const data = await res.json().catch(() => null);
      if (!res.ok || !data) throw new Error(problem(res, data));
      show(data.messages);
      return true;
    } catch (e) {
      errorBox.textContent = e instanceof TypeError ? ui.offline : e.message;
      if (mine) { mine.classList.add('failed'); mine.title = ui.failed; }
      if (onFail) onFail();
      refresh(); // show the question again with its choices
      return false;
    } finally {
      busy(-1);
    }
  }

  const send = (body, echo, onFail) => request(`${api}/messages`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ sessionId, language: lang, ...body }),
  }, echo, onFail);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = text.value.trim();
    if (!value) return;
    text.value = '';
    send({ text: value }, value, () => { if (!text.value) text.value = value; });
  });

  attach.onclick = () => file.click();
  file.onchange = () => {
    const f = file.files[0];
    file.value = '';
    if (!f) return;
    if (f.size > 5 * 1024 * 1024) { errorBox.textContent = ui.tooLarge; return; }
    const parts = [];
    if (f.type.startsWith('image/')) {
      const img = document.createElement('img');
      img.src = URL.createObjectURL(f);
      img.alt = f.name;
      parts.push(img);
    }
    parts.push(`📎 ${f.name}`);
    const body = new FormData();
    body.append('file', f);
    request(`${api}/sessions/${encodeURIComponent(sessionId)}/attachments`, { method: 'POST', body }, parts);
  };


  let polling = false;
  let greeted = false;
  async function poll() {
    if (polling) return;
    polling = true;
    try {
      const res = await fetch(`${api}/sessions/${encodeURIComponent(sessionId)}/messages${lastId ? `?after=${encodeURIComponent(lastId)}` : ''}`);
      if (res.status === 400 && lastId) lastId = null; // the hub forgot this history: read it all again
      if (!res.ok) return;
      const data = await res.json();
      if (data.messages.length) show(data.messages);
      else if (!lastId && !seen.size && !greeted) {
        greeted = true; // a new visitor: the hub greets them
        if (!(await send({ text: lang === 'en' ? 'hello' : 'halo' }))) greeted = false;
      }
    } catch { /* offline: the next poll tries again */ } finally {
      polling = false;
    }
  }
  poll();
  setInterval(poll, 3000);
  if (matchMedia('(pointer: fine)').matches) text.focus(); // no keyboard popping up on phones
})();
