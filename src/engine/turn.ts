// One engine step in progress: the working copy of the state and what it produced so far.
import type { Reply } from '../core/messages.js';
import type { Flows, LocalText } from './flow-schema.js';
import type { ConversationState } from './state.js';
import { say, type TextVars } from './text.js';
import type { Effect, EngineContext } from './types.js';

export interface Turn {
  readonly flows: Flows;
  readonly ctx: EngineContext;
  /** a private copy: mutated freely, returned as the new state */
  state: ConversationState;
  replies: Reply[];
  effects: Effect[];
}

/** A text in the conversation's language. */
export const t = (turn: Turn, text: LocalText, vars?: TextVars): string => say(text, turn.state.language, vars);

export const reply = (turn: Turn, message: Reply): void => {
  turn.replies.push(message);
};
