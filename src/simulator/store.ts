// The simulator's state: reports, the update feed and remembered idempotency keys.
// Plain JSON so that it can be written to `persistFile` after every change.
import { randomInt } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ulid } from 'ulid';
import { LAPOR_STATUSES, type LaporStatus } from '../core/taxonomy.js';

export type Role = 'admin' | 'instansi' | 'pelapor';

export interface SimResponse {
  id: string;
  author: string | null;
  role: Role;
  message: string;
  created_at: string;
}

export interface SimReport {
  tracking_id: string;
  status: LaporStatus;
  institution: string | null;
  url: string;
  /** the request body as filed */
  report: Record<string, unknown>;
  /** every response; `hub_response_ids` marks those the hub posted (kept out of the feed) */
  responses: SimResponse[];
  hub_response_ids: string[];
  created_at: string;
  updated_at: string;
}

export interface SimUpdate {
  id: string;
  tracking_id: string;
  type: 'status' | 'response';
  status: LaporStatus;
  institution?: string | null;
  response?: SimResponse;
  at: string;
}

/** A successful answer, replayed for the same key and the same body. */
interface Remembered {
  body: string;
  answer: unknown;
}

interface SimState {
  version: 1;
  /**
   * Made afresh with every empty state (a reset, a first start, a lost file) and part of every
   * update and response id, so an id never repeats: the hub ignores an update id it has seen.
   */
  epoch: string;
  seq: { update: number; response: number };
  reports: Record<string, SimReport>;
  feed: SimUpdate[];
  keys: Record<string, Remembered>;
  responseKeys: Record<string, Remembered>;
}

/** Statuses "before" follow-up: an agency response moves these to DITINDAKLANJUTI. */
const BEFORE_FOLLOW_UP: readonly LaporStatus[] = ['BELUM_TERVERIFIKASI', 'TERVERIFIKASI', 'TERDISPOSISI'];

export type Recalled = { kind: 'replay'; answer: unknown } | { kind: 'conflict' };

export class SimulatorStore {
  private state: SimState;

  constructor(
    private readonly persistFile: string | undefined,
    private readonly now: () => Date,
  ) {
    this.state = persistFile && existsSync(persistFile) ? load(persistFile) : empty();
  }

  reports(): SimReport[] {
    return Object.values(this.state.reports).sort((a, b) => b.created_at.localeCompare(a.created_at));
  }

  report(trackingId: string): SimReport | undefined {
    return this.state.reports[trackingId];
  }

  updates(): SimUpdate[] {
    return [...this.state.feed];
  }

  reset(): void {
    this.state = empty();
    this.save();
  }

  /**
   * A key seen before: `replay` with the first answer when the body is the same (as parsed
   * JSON), else `conflict`; `undefined` for a new key. Only successful requests are remembered.
   */
  recallReport(key: string, body: unknown): Recalled | undefined {
    return recall(this.state.keys, key, body);
  }

  recallResponse(trackingId: string, key: string, body: unknown): Recalled | undefined {
    return recall(this.state.responseKeys, `${trackingId}:${key}`, body);
  }

  /** Files a valid report and remembers its key. */
  createReport(key: string, body: Record<string, unknown>, url: (trackingId: string) => string): SimReport {
    const at = this.now().toISOString();
    const trackingId = this.newTrackingId();
    const report: SimReport = {
      tracking_id: trackingId,
      status: 'BELUM_TERVERIFIKASI',
      institution: null,
      url: url(trackingId),
      report: body,
      responses: [],
      hub_response_ids: [],
      created_at: at,
      updated_at: at,
    };
    this.state.reports[trackingId] = report;
    this.state.keys[key] = { body: canonicalJson(body), answer: filedAnswer(report) };
    this.save();
    return report;
  }

  /** A response posted through the hub: stored on the report, never added to the feed. */
  createHubResponse(
    report: SimReport,
    key: string,
    body: { message: string; role: 'pelapor' | 'instansi'; author?: string | null },
  ): { id: string; created_at: string } {
    const response = this.newResponse(body.role, body.author ?? null, body.message.trim());
    report.responses.push(response);
    report.hub_response_ids.push(response.id);
    report.updated_at = response.created_at;
    const answer = { id: response.id, created_at: response.created_at };
    this.state.responseKeys[`${report.tracking_id}:${key}`] = { body: canonicalJson(body), answer };
    this.save();
    return answer;
  }

  /** A change on LAPOR!'s side (admin or agency): new status, one feed entry. */
  setStatus(trackingId: string, status: LaporStatus, institution?: string | null): SimUpdate {
    const report = this.mustGet(trackingId);
    if (!LAPOR_STATUSES.includes(status)) throw new Error(`unknown status ${status}`);
    if (status === 'TERDISPOSISI') {
      if (!institution?.trim()) throw new Error('TERDISPOSISI needs an institution');
      report.institution = institution.trim();
    }
    report.status = status;
    const at = this.now().toISOString();
    report.updated_at = at;
    return this.append({
      tracking_id: trackingId,
      type: 'status',
      status,
      ...(status === 'TERDISPOSISI' && { institution: report.institution }),
      at,
    });
  }

  /** An agency's or admin's response on LAPOR!'s side: enters the feed, may start follow-up. */
  addResponse(trackingId: string, input: { message: string; author?: string | null; role?: 'instansi' | 'admin' }): SimUpdate {
    const report = this.mustGet(trackingId);
    if (!input.message?.trim()) throw new Error('a response needs a message');
    const role = input.role ?? 'instansi';
    const author = input.author?.trim() || (role === 'instansi' ? report.institution ?? 'Instansi' : 'Admin LAPOR!');
    const response = this.newResponse(role, author, input.message.trim());
    report.responses.push(response);
    if (role === 'instansi' && BEFORE_FOLLOW_UP.includes(report.status)) report.status = 'DITINDAKLANJUTI';
    report.updated_at = response.created_at;
    return this.append({
      tracking_id: trackingId,
      type: 'response',
      status: report.status,
      response,
      at: response.created_at,
    });
  }

  /** Feed entries after `cursor` (null: from the start); `undefined` when the cursor is unknown. */
  page(cursor: string | null, limit: number): { updates: SimUpdate[]; next_cursor: string | null } | undefined {
    const feed = this.state.feed;
    let start = 0;
    if (cursor !== null) {
      const i = feed.findIndex((u) => u.id === cursor);
      if (i < 0) return undefined;
      start = i + 1;
    }
    const updates = feed.slice(start, start + limit);
    return { updates, next_cursor: updates.length > 0 ? updates[updates.length - 1]!.id : cursor };
  }

  private append(entry: Omit<SimUpdate, 'id'>): SimUpdate {
    const update: SimUpdate = { id: `u${++this.state.seq.update}-${this.state.epoch}`, ...entry };
    this.state.feed.push(update);
    this.save();
    return update;
  }

  private newResponse(role: Role, author: string | null, message: string): SimResponse {
    return { id: `r${++this.state.seq.response}-${this.state.epoch}`, author, role, message, created_at: this.now().toISOString() };
  }

  private mustGet(trackingId: string): SimReport {
    const report = this.state.reports[trackingId];
    if (!report) throw new Error(`unknown tracking id ${trackingId}`);
    return report;
  }

  /** 7 digits, random-looking (no sequence to guess), never reused. */
  private newTrackingId(): string {
    for (;;) {
      const id = String(randomInt(1_000_000, 10_000_000));
      if (!this.state.reports[id]) return id;
    }
  }

  private save(): void {
    if (!this.persistFile) return;
    mkdirSync(dirname(this.persistFile), { recursive: true });
    // write then rename: a crash mid-write never leaves a half file behind
    const tmp = `${this.persistFile}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.state));
    renameSync(tmp, this.persistFile);
  }
}

export function filedAnswer(r: SimReport) {
  return { tracking_id: r.tracking_id, status: 'BELUM_TERVERIFIKASI' as const, url: r.url, created_at: r.created_at };
}

/** GET /complaints/{id} body. */
export function complaintView(r: SimReport) {
  return {
    tracking_id: r.tracking_id,
    status: r.status,
    disposition: r.institution ? { institution: r.institution } : null,
    responses: r.responses,
    updated_at: r.updated_at,
  };
}

/** JSON with object keys sorted, so that bodies compare "as parsed JSON". */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

function recall(keys: Record<string, Remembered>, key: string, body: unknown): Recalled | undefined {
  const seen = keys[key];
  if (!seen) return undefined;
  return seen.body === canonicalJson(body) ? { kind: 'replay', answer: seen.answer } : { kind: 'conflict' };
}

function empty(): SimState {
  return { version: 1, epoch: ulid(), seq: { update: 0, response: 0 }, reports: {}, feed: [], keys: {}, responseKeys: {} };
}

function load(file: string): SimState {
  try {
    const state = JSON.parse(readFileSync(file, 'utf8')) as SimState;
    if (state.version !== 1 || !state.reports || !Array.isArray(state.feed)) throw new Error('not a simulator state file');
    // a file from before epochs: its ids (`u1`, `r1`...) cannot collide with the new form
    return { ...state, epoch: state.epoch ?? ulid() };
  } catch (err) {
    throw new Error(`LAPOR! simulator: cannot read ${file}: ${(err as Error).message} (move it away to start empty)`);
  }
}
