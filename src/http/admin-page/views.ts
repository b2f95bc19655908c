// The officers' page views: sign-in, inbox, one complaint, channels, undelivered updates and
// the plain error pages. Every text a citizen wrote in an anonymous or secret report goes
// through maskContacts; an anonymous reporter is shown only by pseudonym; chat ids (phone
// numbers on WhatsApp) are never shown.
import type { Complaint, ComplaintEvent, Message } from '@prisma/client';
import { maskContacts } from '../../core/pseudonym.js';
import { shownReporter } from '../../core/reporter-identity.js';
import type { DueDates } from '../../core/sla.js';
import { CATEGORIES, LAPOR_STATUSES } from '../../core/taxonomy.js';
import type { InboxCounts } from '../../hub/officers/complaint-queries.js';
import { html, Raw } from './html.js';
import { formatTime, t, type PageLanguage } from './i18n.js';

export type StatusLabel = (lang: PageLanguage, status: string) => string;

/** the `channel` values complaints carry */
export const COMPLAINT_CHANNELS = ['telegram', 'whatsapp', 'webchat', 'console', 'api'] as const;
export const INBOX_STATUSES = [...LAPOR_STATUSES, 'CONFIRMED', 'WAITING_MANUAL', 'REJECTED', 'FAILED'] as const;

const csrf = (token: string) => html`<input type="hidden" name="_csrf" value="${token}">`;

/** Free text of a complaint as an officer may see it. */
export const shownText = (c: Pick<Complaint, 'isAnonymous' | 'isSecret'>, text: string | null | undefined): string =>
  text ? (c.isAnonymous || c.isSecret ? maskContacts(text) : text) : '';

export function reporterOf(lang: PageLanguage, c: Complaint): Raw {
  const { label } = shownReporter(c, 'desk');
  if (c.isAnonymous) return html`${label} <span class="tag">${t(lang, 'anonymous')}</span>`;
  return html`${label}${c.isSecret ? html` <span class="tag">${t(lang, 'secret')}</span>` : ''}`;
}

export function signInView(lang: PageLanguage, error?: string): Raw {
  return html`${error ? html`<p class="flash err" role="alert">${error}</p>` : ''}
<form method="post" action="/admin/login" class="card narrow">
<label for="key">${t(lang, 'apiKey')}</label>
<input id="key" name="key" type="password" autocomplete="current-password" required maxlength="200" autofocus>
<p class="hint">${t(lang, 'signInHelp')}</p>
<button type="submit">${t(lang, 'signIn')}</button>
</form>`;
}

export function messageView(text: string): Raw {
  return html`<p>${text}</p>`;
}

export interface InboxFilterValues {
  status?: string;
  category?: string;
  channel?: string;
  q?: string;
  overdue?: boolean;
  mine?: boolean;
}

function options(values: readonly string[], selected: string | undefined, label: (v: string) => string, anyText: string): Raw {
  return html`<option value="">${anyText}</option>${values.map((v) => html`<option value="${v}"${new Raw(v === selected ? ' selected' : '')}>${label(v)}</option>`)}`;
}

export function inboxView(args: {
  lang: PageLanguage;
  counts: InboxCounts;
  filter: InboxFilterValues;
  items: Complaint[];
  nextHref: string | null;
  firstHref: string | null;
  statusLabel: StatusLabel;
}): Raw {
  const { lang, counts, filter } = args;
  const checked = (on: boolean | undefined) => new Raw(on ? ' checked' : '');
  const rows = args.items.map((c) => html`<li class="item">
<a href="/admin/complaints/${c.id}"><b>${shownText(c, c.title)}</b></a>
<span class="status s-${c.status}">${args.statusLabel(lang, c.status)}</span>
<small>${t(lang, 'received')} ${formatTime(lang, c.confirmedAt)} · ${c.channel} · ${c.category}${c.trackingId ? html` · #${c.trackingId}` : ''}
· ${t(lang, 'reporter')}: ${reporterOf(lang, c)}${c.claimedByName ? html` · ${t(lang, 'takenBy')} ${c.claimedByName}` : ''}</small>
</li>`);
  return html`<ul class="counts">
<li><b>${counts.total}</b> ${t(lang, 'total')}</li><li><b>${counts.open}</b> ${t(lang, 'open')}</li>
<li><b>${counts.overdue}</b> ${t(lang, 'overdue')}</li><li><b>${counts.unclaimed}</b> ${t(lang, 'unclaimed')}</li></ul>
<form method="get" action="/admin/" class="filters card">
<label>${t(lang, 'status')} <select name="status">${options(INBOX_STATUSES, filter.status, (s) => args.statusLabel(lang, s), t(lang, 'any'))}</select></label>
<label>${t(lang, 'category')} <select name="category">${options(CATEGORIES, filter.category, (c) => c, t(lang, 'any'))}</select></label>
<label>${t(lang, 'channel')} <select name="channel">${options(COMPLAINT_CHANNELS, filter.channel, (c) => c, t(lang, 'any'))}</select></label>
<label>${t(lang, 'search')} <input type="search" name="q" value="${filter.q ?? ''}" maxlength="200" placeholder="${t(lang, 'searchHint')}"></label>
<label class="check"><input type="checkbox" name="overdue" value="1"${checked(filter.overdue)}> ${t(lang, 'onlyOverdue')}</label>
<label class="check"><input type="checkbox" name="mine" value="1"${checked(filter.mine)}> ${t(lang, 'onlyMine')}</label>
<button type="submit">${t(lang, 'filter')}</button>
</form>
${args.items.length ? html`<ul class="list" id="complaints">${rows}</ul>` : html`<p class="empty">${t(lang, 'noComplaints')}</p>`}
<p class="pager">${args.firstHref ? html`<a href="${args.firstHref}">${t(lang, 'firstPage')}</a>` : ''}
${args.nextHref ? html`<a href="${args.nextHref}" rel="next">${t(lang, 'nextPage')}</a>` : ''}</p>`;
}

function eventSummary(lang: PageLanguage, c: Complaint, e: ComplaintEvent, statusLabel: StatusLabel): Raw {
  const data = (e.data ?? {}) as Record<string, unknown>;
  const str = (key: string) => (typeof data[key] === 'string' ? (data[key] as string) : undefined);
  const parts: Raw[] = [];
  if (e.status) parts.push(html`<span class="status">${statusLabel(lang, e.status)}</span>`);
  const by = str('officer') ?? str('by') ?? str('author');
  if (by) parts.push(html`<i>${by}</i>`);
  if (str('trackingId')) parts.push(html`#${str('trackingId')}`);
  if (str('institution')) parts.push(html`${str('institution')}`);
  if (str('message')) parts.push(html`<q>${shownText(c, str('message'))}</q>`);
  return html`${parts.map((p, i) => html`${i ? ' · ' : ''}${p}`)}`;
}

/** a chat message as text: what was typed, else what was tapped, shared or sent */
function messageText(lang: PageLanguage, c: Complaint, m: Message): Raw | string {
  if (m.text) return shownText(c, m.text);
  const body = (m.body ?? {}) as Record<string, unknown>;
  if (typeof body.payload === 'string') return html`<span class="tag">▸ ${body.payload}</span>`;
  if (body.location) return html`<span class="tag">${t(lang, 'location')}</span> ${shownText(c, typeof body.address === 'string' ? body.address : '')}`;
  if (body.attachment) return html`<span class="tag">${t(lang, 'attachment')}</span> ${shownText(c, typeof body.caption === 'string' ? body.caption : '')}`;
  return '…';
}

function deliveryState(lang: PageLanguage, m: Message): Raw {
  if (m.deliveryError) return html`<span class="bad">${t(lang, 'failed')}: ${m.deliveryError}</span>`;
  if (m.deliveryStatus) return html`<span class="good">${m.deliveryStatus}</span>`;
  if (m.deliveredAt) return html`<span class="good">${t(lang, 'delivered')}</span>`;
  return html`<span>${t(lang, 'pending')}</span>`;
}

export function complaintView(args: {
  lang: PageLanguage;
  complaint: Complaint;
  events: ComplaintEvent[];
  conversation: Message[];
  csrfToken: string;
  actorKey: string;
  statusLabel: StatusLabel;
  due: DueDates;
  overdue: boolean;
}): Raw {
  const { lang, complaint: c, csrfToken } = args;
  // a deadline is shown as its last moment (the due instant is exclusive: 00:00 of the next day)
  const deadline = (at: Date | null) => (at ? formatTime(lang, new Date(at.getTime() - 60_000)) : null);
  const privacy = c.isAnonymous ? t(lang, 'anonymous') : c.isSecret ? t(lang, 'secret') : t(lang, 'public');
  const citizenName = shownReporter(c, 'desk').label;
  const row = (label: string, value: Raw | string | null | undefined) =>
    value ? html`<tr><th scope="row">${label}</th><td>${value}</td></tr>` : '';
  const place = [c.locationName, c.locationAddress].filter(Boolean).map((p) => shownText(c, p)).join(' — ');
  const details = html`<table class="details">
${row(t(lang, 'status'), html`<span class="status s-${c.status}">${args.statusLabel(lang, c.status)}</span>`)}
${row(t(lang, 'tracking'), c.trackingId ? html`#${c.trackingId}${c.laporUrl && /^https?:\/\//i.test(c.laporUrl) ? html` · <a href="${c.laporUrl}" rel="noopener noreferrer">${t(lang, 'laporLink')}</a>` : ''}` : '–')}
${row(t(lang, 'classification'), c.classification)}
${row(t(lang, 'category'), c.category)}
${row(t(lang, 'channel'), c.channel)}
${row(t(lang, 'received'), formatTime(lang, c.confirmedAt))}
${row(t(lang, 'dateOfIncident'), c.dateOfIncident)}
${row(t(lang, 'location'), place)}
${row(t(lang, 'institution'), c.institution)}
${row(t(lang, 'dueVerification'), c.verifiedAt ? null : deadline(args.due.verification))}
${row(t(lang, 'dueFollowUp'), c.firstResponseAt ? null : args.due.followUp && html`${deadline(args.due.followUp)}${args.overdue ? html` <span class="bad">${t(lang, 'overdue')}</span>` : ''}${c.escalatedAt ? html` · ${t(lang, 'escalated')} ${formatTime(lang, c.escalatedAt)}` : ''}`)}
${row(t(lang, 'dueClosing'), deadline(args.due.closing))}
${row(t(lang, 'privacy'), privacy)}
${row(t(lang, 'reporter'), reporterOf(lang, c))}
${!c.isAnonymous ? row(t(lang, 'phone'), c.reporterPhone) : ''}
${row(t(lang, 'takenBy'), c.claimedByName ? html`${c.claimedByName} (${formatTime(lang, c.claimedAt)})` : '–')}
</table>
<h2>${t(lang, 'description')}</h2><p class="content">${shownText(c, c.content)}</p>`;

  const conversation = html`<ol class="chat">${args.conversation.map((m) => html`<li class="${m.direction === 'in' ? 'citizen' : 'bot'}">
<small>${m.direction === 'in' ? citizenName : t(lang, 'bot')} · ${formatTime(lang, m.createdAt)}</small>
<p>${messageText(lang, c, m)}</p></li>`)}</ol>`;

  const events = html`<ol class="events">${args.events.map((e) => html`<li><small>${formatTime(lang, e.at)}</small> <b>${e.type}</b> ${eventSummary(lang, c, e, args.statusLabel)}</li>`)}</ol>`;

  const outbound = args.conversation.filter((m) => m.direction === 'out');
  const deliveries = html`<table class="deliveries"><thead><tr><th>${t(lang, 'when')}</th><th>${t(lang, 'message')}</th><th>${t(lang, 'status')}</th></tr></thead><tbody>
${outbound.map((m) => html`<tr><td>${formatTime(lang, m.createdAt)}</td><td>${shownText(c, m.text).slice(0, 80)}</td><td>${deliveryState(lang, m)}</td></tr>`)}
</tbody></table>`;

  const mine = c.claimedBy === args.actorKey;
  const action = (what: string) => `/admin/complaints/${c.id}/${what}`;
  const forms = html`<section class="card" id="reply-box"><h2>${t(lang, 'reply')}</h2>
<form method="post" action="${action('reply')}">${csrf(csrfToken)}
<textarea name="message" id="message" rows="4" maxlength="4000" required></textarea>
<p class="hint">${t(lang, 'replyHelp')}</p>
<button type="submit">${t(lang, 'send')}</button></form></section>
<section class="card"><h2>${t(lang, 'claim')}</h2>
${mine ? html`<p>${t(lang, 'claimedByYou')}</p>` : html`<form method="post" action="${action('claim')}">${csrf(csrfToken)}<button type="submit" id="claim">${t(lang, 'claim')}</button></form>`}
</section>
<section class="card"><h2>${t(lang, 'setStatus')}</h2>
<form method="post" action="${action('status')}">${csrf(csrfToken)}
<label>${t(lang, 'status')} <select name="status" required>${LAPOR_STATUSES.map((s) => html`<option value="${s}"${new Raw(s === c.status ? ' selected' : '')}>${args.statusLabel(lang, s)}</option>`)}</select></label>
<label>${t(lang, 'institution')} <input name="institution" maxlength="200"></label>
<button type="submit">${t(lang, 'save')}</button></form></section>
${c.trackingId ? '' : html`<section class="card"><h2>${t(lang, 'setTracking')}</h2>
<form method="post" action="${action('tracking')}">${csrf(csrfToken)}
<label>${t(lang, 'tracking')} <input name="trackingId" inputmode="numeric" pattern="[0-9]{7}" maxlength="7" required></label>
<label>${t(lang, 'url')} <input name="url" type="url" maxlength="2000"></label>
<p class="hint">${t(lang, 'trackingHelp')}</p>
<button type="submit">${t(lang, 'save')}</button></form></section>`}`;

  // on a phone the forms come right after the details, before the long conversation
  return html`<div class="cols"><div class="col-details">${details}</div>
<div class="col-forms">${forms}</div>
<div class="col-history"><h2>${t(lang, 'conversation')}</h2>${conversation}
<h2>${t(lang, 'events')}</h2>${events}
<h2>${t(lang, 'deliveries')}</h2>${deliveries}</div></div>`;
}

export interface ChannelRow {
  id: string;
  type: string;
  name: string;
  status: string;
  statusReason: string | null;
  lastSeenAt: Date | null;
  /** the adapter's health where this process runs it; 'elsewhere': another process runs it; null: no adapter (console) */
  live: { status: string; detail?: string } | 'elsewhere' | null;
  /** a WhatsApp Web pairing waiting to be scanned: the QR as an image, or a pairing code */
  qrImage?: string;
  pairingCode?: string;
  /** a pairing waits, but the viewer is not an admin: they are told, not shown the code */
  pairingPending?: boolean;
}

function liveHealth(lang: PageLanguage, live: ChannelRow['live']): Raw | string {
  if (live === null) return '–';
  if (live === 'elsewhere') return t(lang, 'notHere');
  return html`<span class="h-${live.status}">${live.status}</span>${live.detail ? html` (${live.detail})` : ''}`;
}

export function channelsView(lang: PageLanguage, rows: ChannelRow[]): Raw {
  if (!rows.length) return html`<p class="empty">${t(lang, 'noChannels')}</p>`;
  return html`<ul class="list" id="channels">${rows.map((r) => html`<li class="item channel" data-type="${r.type}">
<b>${r.name}</b> <span class="tag">${r.type}</span> <span class="status h-${r.status}">${r.status}</span>
<small>${r.statusReason ? html`${t(lang, 'reason')}: ${r.statusReason} · ` : ''}${t(lang, 'lastSeen')}: ${r.lastSeenAt ? formatTime(lang, r.lastSeenAt) : t(lang, 'never')}
· ${t(lang, 'liveHealth')}: ${liveHealth(lang, r.live)}</small>
${r.qrImage || r.pairingCode ? html`<div class="pairing"><h2>${t(lang, 'pairing')}</h2>
${r.qrImage ? html`<img class="qr" src="${r.qrImage}" alt="QR WhatsApp" width="280" height="280"><p class="hint">${t(lang, 'pairingHelp')}</p>` : ''}
${r.pairingCode ? html`<p>${t(lang, 'pairingCode')}</p><p class="code">${r.pairingCode}</p>` : ''}</div>` : ''}
${r.pairingPending ? html`<p class="hint pairing-pending">${t(lang, 'pairingAdminOnly')}</p>` : ''}
</li>`)}</ul>`;
}

export interface UndeliveredRow {
  id: string;
  complaintId: string | null;
  channelName: string;
  text: string;
  deliveryError: string | null;
  createdAt: Date;
}

export function undeliveredView(lang: PageLanguage, rows: UndeliveredRow[]): Raw {
  if (!rows.length) return html`<p class="empty">${t(lang, 'noUndelivered')}</p>`;
  return html`<table class="undelivered"><thead><tr><th>${t(lang, 'when')}</th><th>${t(lang, 'report')}</th><th>${t(lang, 'channel')}</th><th>${t(lang, 'why')}</th><th>${t(lang, 'message')}</th></tr></thead><tbody>
${rows.map((r) => html`<tr><td>${formatTime(lang, r.createdAt)}</td>
<td>${r.complaintId ? html`<a href="/admin/complaints/${r.complaintId}">${t(lang, 'report')}</a>` : '–'}</td>
<td>${r.channelName}</td><td>${r.deliveryError ?? ''}</td><td>${r.text.slice(0, 120)}</td></tr>`)}
</tbody></table>`;
}
