// Replays a conversation through the engine and checks each step: what the bot says,
// what it expects next, which quick replies it offers and which effects it emits.
import { expect } from 'vitest';
import type { Attachment, Reply, Slot, SlotType } from '../../src/core/messages.js';
import type { Entity, NlpResult } from '../../src/core/nlp.js';
import type { ConfirmedReport } from '../../src/core/report.js';
import type { Category, Intent, Language } from '../../src/core/taxonomy.js';
import { loadFlows } from '../../src/engine/loader.js';
import type { ConversationState } from '../../src/engine/state.js';
import { step } from '../../src/engine/step.js';
import type { Effect, EngineContext, EngineInput, StepResult } from '../../src/engine/types.js';

export const flows = loadFlows();

/** Saturday 28 November 2026, 14:00 in Jakarta. */
export const NOW = new Date('2026-11-28T07:00:00Z');
export const TODAY = '2026-11-28';
export const YESTERDAY = '2026-11-27';

export const ctxWith = (over: Partial<EngineContext> = {}): EngineContext => ({
  now: NOW,
  profile: {},
  channel: 'webchat',
  ...over,
});

export const pay = (payload: string): EngineInput => ({ kind: 'payload', payload });
export const say = (text: string, nlp?: NlpResult): EngineInput => ({ kind: 'text', text, ...(nlp ? { nlp } : {}) });
export const photo = (n = 1, caption?: string): EngineInput => ({
  kind: 'attachment',
  attachment: attachment(n),
  ...(caption ? { caption } : {}),
});
export const attachment = (n = 1): Attachment => ({ mediaId: `m${n}`, filename: `foto${n}.jpg`, mimeType: 'image/jpeg', size: 1000 * n });

/** An NlpResult built by hand, as src/nlp would produce it. */
export function nlp(
  text: string,
  over: { language?: Language; intent?: Intent; intentScore?: number; category?: Category | null; categoryScore?: number; entities?: Entity[] } = {},
): NlpResult {
  return {
    text,
    language: over.language ?? 'id',
    intent: over.intent ?? 'none',
    intentScore: over.intentScore ?? 0.9,
    category: over.category ?? null,
    categoryScore: over.categoryScore ?? 0,
    entities: over.entities ?? [],
  };
}

type Says = string | RegExp;

export interface Check {
  /** each must appear in the step's replies (joined) */
  say?: Says | Says[];
  notSay?: Says | Says[];
  /** slot of the last reply's `expects`; null: no expects */
  expects?: Slot | null;
  type?: SlotType;
  /** payloads of the last reply's quick replies, exactly (in order) */
  quickReplies?: string[];
  /** payloads that must be among the last reply's quick replies */
  offers?: string[];
  /** effect types of the step, exactly (default: none) */
  effects?: Effect['type'][];
  replies?: number;
}

export type Line = [EngineInput | string, Check?];

export interface Run {
  state: ConversationState | null;
  steps: StepResult<ConversationState>[];
  effects: Effect[];
  /** the report of the last submit_complaint effect */
  report: ConfirmedReport | undefined;
  /** bot messages that asked for something (carried `expects`) */
  questions: number;
}

const text = (replies: Reply[]) => replies.map((r) => r.text).join('\n---\n');
const asInput = (input: EngineInput | string): EngineInput => (typeof input === 'string' ? say(input) : input);

function matches(haystack: string, needle: Says): boolean {
  return typeof needle === 'string' ? haystack.toLowerCase().includes(needle.toLowerCase()) : needle.test(haystack);
}

/** Replays `lines` from `state` (a new conversation by default), checking every step. */
export function converse(
  lines: Line[],
  { ctx = ctxWith(), state = null as ConversationState | null } = {},
): Run {
  const run: Run = { state, steps: [], effects: [], report: undefined, questions: 0 };
  lines.forEach(([rawInput, check = {}], i) => {
    const input = asInput(rawInput);
    const result = step(flows, run.state, input, ctx);
    const label = `step ${i + 1} (${JSON.stringify(input).slice(0, 80)}) replied:\n${text(result.replies)}\n`;
    const last = result.replies.at(-1);
    for (const needle of [check.say ?? []].flat()) expect(matches(text(result.replies), needle), `${label}should say ${needle}`).toBe(true);
    for (const needle of [check.notSay ?? []].flat()) expect(matches(text(result.replies), needle), `${label}should not say ${needle}`).toBe(false);
    if (check.expects !== undefined) expect(last?.expects?.slot ?? null, label).toBe(check.expects);
    if (check.type !== undefined) expect(last?.expects?.type, label).toBe(check.type);
    if (check.quickReplies) expect(last?.quickReplies?.map((q) => q.payload) ?? [], label).toEqual(check.quickReplies);
    if (check.offers) expect(last?.quickReplies?.map((q) => q.payload) ?? [], label).toEqual(expect.arrayContaining(check.offers));
    expect(result.effects.map((e) => e.type), label).toEqual(check.effects ?? []);
    if (check.replies !== undefined) expect(result.replies.length, label).toBe(check.replies);
    // every placeholder of the flow texts got a value
    expect(text(result.replies), `${label}has an unfilled placeholder`).not.toMatch(/\{\w+\}|\[\[|\]\]/);
    // the state is plain JSON: what the caller stores is what the next step gets
    expect(JSON.parse(JSON.stringify(result.state)), `${label}state is not plain JSON`).toEqual(result.state);
    run.state = result.state;
    run.steps.push(result);
    run.effects.push(...result.effects);
    run.questions += result.replies.filter((r) => r.expects).length;
    for (const effect of result.effects) if (effect.type === 'submit_complaint') run.report = effect.report;
  });
  return run;
}

/** The replies of the last step. */
export const lastReplies = (run: Run): Reply[] => run.steps.at(-1)?.replies ?? [];
