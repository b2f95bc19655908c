// Server-rendered HTML: a tagged template that escapes every value it is given unless it is
// already HTML (Raw, from another `html` call), and the page frame every view shares.
import { t, type PageLanguage } from './i18n.js';

export class Raw {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Value = Raw | string | number | boolean | null | undefined | readonly Value[];

export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function render(value: Value): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Raw) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Value[]): Raw {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!;
  });
  return new Raw(out);
}

export interface Frame {
  lang: PageLanguage;
  title: string;
  /** the signed-in officer; without it no navigation is shown */
  who?: { name: string; csrfToken: string };
  /** which tab is current */
  nav?: 'inbox' | 'channels' | 'undelivered';
  flash?: { kind: 'ok' | 'err'; text: string } | null;
  /** the path of this page, for the language switch to come back to */
  here: string;
  /** seconds: the page reloads itself (a QR code that changes) */
  refresh?: number;
  body: Raw;
}

export function page(frame: Frame): string {
  const { lang } = frame;
  const other: PageLanguage = lang === 'id' ? 'en' : 'id';
  const tab = (key: NonNullable<Frame['nav']>, href: string, label: string) =>
    html`<a href="${href}"${new Raw(frame.nav === key ? ' aria-current="page"' : '')}>${label}</a>`;
  const nav = frame.who
    ? html`<nav>${tab('inbox', '/admin/', t(lang, 'inbox'))}${tab('channels', '/admin/channels', t(lang, 'channels'))}${tab('undelivered', '/admin/undelivered', t(lang, 'undelivered'))}</nav>
<form method="post" action="/admin/logout" class="signout"><input type="hidden" name="_csrf" value="${frame.who.csrfToken}"><span>${t(lang, 'signedInAs')} <b>${frame.who.name}</b></span> <button type="submit">${t(lang, 'signOut')}</button></form>`
    : '';
  const flash = frame.flash ? html`<p class="flash ${frame.flash.kind}" role="status">${frame.flash.text}</p>` : '';
  return `<!doctype html>${html`<html lang="${lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${frame.refresh ? html`<meta http-equiv="refresh" content="${frame.refresh}">` : ''}
<title>${frame.title} · ${t(lang, 'title')} · lapor-hub</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/admin/assets/admin.css">
<script src="/admin/assets/admin.js" defer></script>
</head><body>
<header><a class="brand" href="/admin/">lapor-hub · ${t(lang, 'title')}</a>
<a class="lang" href="/admin/lang/${other}?next=${encodeURIComponent(frame.here)}" lang="${other}">${other === 'en' ? 'English' : 'Bahasa Indonesia'}</a>
${nav}</header>
<main>${flash}<h1>${frame.title}</h1>
${frame.body}</main>
</body></html>`}`;
}
