// What the hub's services need from the engine and the queue, so that they are wired
// in src/app.ts and replaced by nothing in tests (tests wire the real ones).
import type { Reply } from '../core/messages.js';
import type { Language } from '../core/taxonomy.js';
import type { NotificationVars } from '../engine/notifications.js';
import type { EngineContext, EngineInput, StepResult } from '../engine/types.js';
import type { JobKind, JobPayloads } from '../queue/kinds.js';
import type { EnqueueOptions, OutboxWriter } from '../queue/outbox.js';

export interface ConversationEngine {
  step(state: unknown | null, input: EngineInput, ctx: EngineContext): StepResult<unknown>;
  /** the question the conversation waits for, to repeat after a restart */
  pendingQuestion(state: unknown): Reply | null;
  /** the conversation's language, from its state */
  language(state: unknown | null): Language;
  notification(language: Language, key: string, vars?: NotificationVars): Reply;
  statusLabel(language: Language, status: string): string;
  /** the citizen's word for a LAPOR! field (content → "Isi laporan") */
  fieldLabel(language: Language, field: string): string;
}

/** Writes a job inside the caller's transaction; a payload that is not its kind's does not compile. */
export type Enqueue = <K extends JobKind>(tx: OutboxWriter, kind: K, payload: JobPayloads[K], options?: EnqueueOptions) => Promise<string>;

export interface QueueWaker {
  /** wakes the runner after a transaction that enqueued jobs committed */
  notify(): void;
}
