// What to do after a run: done, retry at a time, or dead. Pure: no clock, no I/O (randomness injectable).
import { ChannelError } from '../core/channel.js';
import { JobDeferred, JobError } from './errors.js';

export interface RetryPolicy {
  /**
   * Without Retry-After: exponential backoff with full jitter,
   * delay = random(0, min(maxDelayMs, baseDelayMs * 2^(attempt-1))).
   * With Retry-After: exactly that, at most maxRetryAfterMs.
   */
  baseDelayMs: number;
  maxDelayMs: number;
  /** a Retry-After beyond this (a misconfigured server asking for days) is cut to it */
  maxRetryAfterMs: number;
  /** retries stop (dead letter) when the next run would start later than this after the first attempt */
  maxAgeMs: number;
  /** auth failures (401/403) wait for an operator: a slow, uniform delay in [min, max] */
  authMinDelayMs: number;
  authMaxDelayMs: number;
  /** window for auth failures; longer, since fixing configuration can take a weekend */
  authMaxAgeMs: number;
  /** [0, 1); tests make it deterministic */
  random: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  // a blip of a few seconds costs the citizen seconds: ~1, 2, 4, 8 s at the first attempts
  baseDelayMs: 1_000,
  // after an outage of minutes or hours, the first filing goes through within 2 min of
  // LAPOR!'s return (1 min on average) and takes the others with it (expedite)
  maxDelayMs: 2 * 60_000,
  maxRetryAfterMs: 15 * 60_000,
  maxAgeMs: 24 * 3_600_000,
  authMinDelayMs: 5 * 60_000,
  authMaxDelayMs: 15 * 60_000,
  authMaxAgeMs: 3 * 24 * 3_600_000,
  random: Math.random,
};

export type FailureClass = 'permanent' | 'auth' | 'retry';

export interface ClassifiedError {
  kind: FailureClass;
  retryAfterMs?: number;
  message: string;
}

const PERMANENT_CONNECTOR_KINDS = new Set(['rejected', 'conflict', 'not_found']);

/**
 * Maps a thrown value to a failure class. ConnectorError is recognised by name and shape, not by
 * class: the queue layer may not import src/connectors (DESIGN.md, layers).
 */
export function classifyError(error: unknown): ClassifiedError {
  const message = describeError(error);
  if (error instanceof JobError) return { kind: error.kind, retryAfterMs: error.retryAfterMs, message };
  if (error instanceof ChannelError) {
    return { kind: error.kind === 'retry' ? 'retry' : 'permanent', retryAfterMs: error.retryAfterMs, message };
  }
  const e = error as { name?: unknown; kind?: unknown; details?: { retryAfterMs?: unknown } } | null;
  if (e?.name === 'ConnectorError' && typeof e.kind === 'string') {
    const retryAfterMs = typeof e.details?.retryAfterMs === 'number' ? e.details.retryAfterMs : undefined;
    if (PERMANENT_CONNECTOR_KINDS.has(e.kind)) return { kind: 'permanent', message };
    return { kind: e.kind === 'auth' ? 'auth' : 'retry', retryAfterMs, message };
  }
  return { kind: 'retry', message };
}

export type Decision =
  | { action: 'done' }
  /**
   * notBeforeMs: the destination asked to wait this long (Retry-After); nothing runs it sooner.
   * deferred: not a failure (JobDeferred): the row keeps its lastError and retry window.
   */
  | { action: 'retry'; delayMs: number; at: Date; error: string; notBeforeMs?: number; deferred?: true }
  | { action: 'dead'; error: string };

export interface RunResult {
  /** 1 for the first run */
  attempt: number;
  firstAttemptAt: Date;
  now: Date;
  /** undefined: the handler returned normally */
  error?: unknown;
  failed: boolean;
}

export function decide(policy: RetryPolicy, run: RunResult): Decision {
  if (!run.failed) return { action: 'done' };
  // another process can run it: come back, however long that takes (never a dead letter)
  if (run.error instanceof JobDeferred) {
    const delayMs = Math.ceil(Math.max(0, run.error.retryAfterMs));
    return { action: 'retry', delayMs, at: new Date(run.now.getTime() + delayMs), error: describeError(run.error), deferred: true };
  }
  const failure = classifyError(run.error);
  if (failure.kind === 'permanent') return { action: 'dead', error: `permanent: ${failure.message}` };

  const auth = failure.kind === 'auth';
  // the destination said when to come back: come back then (a 401/403 still waits for an operator)
  const askedMs = failure.retryAfterMs === undefined ? undefined : Math.min(Math.max(0, failure.retryAfterMs), policy.maxRetryAfterMs);
  let delayMs: number;
  if (auth) delayMs = Math.max(authDelay(policy), askedMs ?? 0);
  else if (askedMs !== undefined) delayMs = askedMs;
  else delayMs = policy.random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, run.attempt - 1));
  delayMs = Math.ceil(delayMs);

  const at = new Date(run.now.getTime() + delayMs);
  const deadline = run.firstAttemptAt.getTime() + (auth ? policy.authMaxAgeMs : policy.maxAgeMs);
  if (at.getTime() > deadline) {
    return { action: 'dead', error: `gave up after ${run.attempt} attempts: ${failure.message}` };
  }
  return { action: 'retry', delayMs, at, error: failure.message, ...(askedMs ? { notBeforeMs: Math.ceil(askedMs) } : {}) };
}

const authDelay = (policy: RetryPolicy): number =>
  policy.authMinDelayMs + policy.random() * (policy.authMaxDelayMs - policy.authMinDelayMs);

export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
}
