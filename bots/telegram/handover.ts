// Handing one update to the hub in polling mode: tried until the hub takes it.
//
// The runner confirms updates to Telegram as it fetches the next batch, so an update the
// hub could not take is never sent again: this process has to keep trying. It does so
// inside the update's own middleware run, on purpose:
// - sequentialize holds the chat's later updates behind it, so their order is kept;
// - the runner handles updates concurrently, so other chats go on meanwhile;
// - when the hub is down for everyone, the waiting updates fill the runner's slots
//   (500) and it stops fetching: Telegram keeps the rest (for 24 h). A separate retry
//   queue would instead confirm everything and pile it up in memory.
// Limits: the attempts live in this process (a crash while retrying loses the update),
// and after `giveUpAfterMs` the update is dropped, logged, and the chat goes on.

export interface RetryPolicy {
  /** wait after the first failure; doubled after each further one */
  firstDelayMs: number;
  /** longest single wait */
  maxDelayMs: number;
  /** no new attempt after this long since the first one */
  giveUpAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { firstDelayMs: 1000, maxDelayMs: 60_000, giveUpAfterMs: 10 * 60_000 };

export type Outcome =
  | { ok: true; attempts: number }
  | { ok: false; attempts: number; reason: 'gave_up' | 'stopped'; error: unknown };

/**
 * Runs `attempt` until it resolves, the policy gives up, or `stop` aborts. An abort cuts
 * the current wait short for one last attempt (the hub may still be up while the adapter
 * stops); no waiting after it.
 */
export async function untilHandled(
  attempt: () => Promise<void>,
  policy: RetryPolicy,
  stop: AbortSignal,
  onRetry: (error: unknown, attempt: number, delayMs: number) => void,
): Promise<Outcome> {
  const deadline = Date.now() + policy.giveUpAfterMs;
  let delay = policy.firstDelayMs;
  for (let n = 1; ; n++) {
    try {
      await attempt();
      return { ok: true, attempts: n };
    } catch (error) {
      if (stop.aborted) return { ok: false, attempts: n, reason: 'stopped', error };
      const wait = Math.min(delay, policy.maxDelayMs, deadline - Date.now());
      if (wait <= 0) return { ok: false, attempts: n, reason: 'gave_up', error };
      onRetry(error, n, wait);
      await sleep(wait, stop);
      delay = Math.min(delay * 2, policy.maxDelayMs);
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
