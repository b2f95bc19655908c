// The hub's own web chat page: a client of contracts/webchat-api.md, nothing more.
(() => {
  const api = '/api/v1/webchat';
  const log = document.getElementById('log');
  const quick = document.getElementById('quick');
  const form = document.getElementById('composer');
  const text = document.getElementById('text');
  const file = document.getElementById('file');
  const locate = document.getElementById('locate');
  const errorBox = document.getElementById('error');
  const lang = (navigator.language || 'id').startsWith('en') ? 'en' : 'id';

  const sessionId = localStorage.getItem('laporSession') || (() => {
    const bytes = crypto.getRandomValues(new Uint8Array(18)); // 144 bits
    const id = btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    localStorage.setItem('laporSession', id);
    return id;
  })();
  let lastId = null;
  const seen = new Set();

  function bubble(textContent, who) {
    const li = document.createElement('li');
    li.className = who;
    li.textContent = textContent;
    log.appendChild(li);
    li.scrollIntoView({ block: 'end' });
  }

  function show(messages) {
    for (const m of messages) {
      if (seen.has(m.id)) continue;
      seen.add(m.id);
      lastId = m.id;
      bubble(m.text, 'bot');
    }
    const last = messages[messages.length - 1];
    if (!last) return;
    quick.replaceChildren(...(last.quickReplies || []).map((q) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = q.title;
      b.onclick = () => send({ payload: q.payload }, q.title);
      return b;
    }));
    const expects = last.expects || {};
    locate.hidden = expects.type !== 'location';
    text.type = expects.type === 'date' ? 'date' : 'text';
    if (expects.type === 'date') text.max = new Date().toISOString().slice(0, 10);
  }

  async function send(body, echo) {
    errorBox.textContent = '';
    if (echo) bubble(echo, 'me');
    try {
      const res = await fetch(`${api}/messages`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ sessionId, language: lang, ...body }),
      });
      const data = await res.json();
      if (!res.ok) { errorBox.textContent = data.error || `Error ${res.status}`; return; }
      show(data.messages);
    } catch (e) {
      errorBox.textContent = 'Koneksi terputus, coba lagi.';
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = text.value.trim();
    if (!value) return;
    text.value = '';
    text.type = 'text';
    send({ text: value }, value);
  });

  document.getElementById('attach').onclick = () => file.click();
  file.onchange = async () => {
    const f = file.files[0];
    if (!f) return;
    bubble(`📎 ${f.name}`, 'me');
    const form = new FormData();
    form.append('file', f);
    const res = await fetch(`${api}/sessions/${sessionId}/attachments`, { method: 'POST', body: form });
    const data = await res.json();
    if (!res.ok) errorBox.textContent = data.error; else show(data.messages);
    file.value = '';
  };

  locate.onclick = () => {
    if (!navigator.geolocation) { errorBox.textContent = 'Browser tidak mendukung lokasi; ketik alamatnya.'; return; }
    navigator.geolocation.getCurrentPosition(
      (p) => send({ location: { latitude: p.coords.latitude, longitude: p.coords.longitude } }, '📍 Lokasi saya'),
      () => { errorBox.textContent = 'Lokasi tidak bisa diambil; ketik alamatnya.'; },
    );
  };

  async function poll() {
    try {
      const res = await fetch(`${api}/sessions/${sessionId}/messages${lastId ? `?after=${encodeURIComponent(lastId)}` : ''}`);
      if (res.ok) {
        const data = await res.json();
        if (data.messages.length) show(data.messages);
        else if (!lastId && !seen.size) await send({ text: lang === 'en' ? 'hello' : 'halo' });
      }
    } catch { /* offline: try again */ }
  }
  poll();
  setInterval(poll, 3000);
})();
