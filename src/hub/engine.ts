// The engine (pure functions over the flows in flows/) behind the port the hub's services use.
import type { Language } from '../core/taxonomy.js';
import {
  fieldLabel, loadFlows, pendingQuestion, renderNotification, restoreState, statusLabel, step,
  type ConversationState, type Flows,
} from '../engine/index.js';
import type { ConversationEngine } from './ports.js';

export function loadConversationEngine(flows: Flows = loadFlows()): ConversationEngine {
  return {
    step: (state, input, ctx) => step(flows, state as ConversationState | null, input, ctx),
    pendingQuestion: (state) => pendingQuestion(flows, state as ConversationState | null),
    language: (state) => restoreState(state).language as Language,
    notification: (language, key, vars) => renderNotification(flows, language, key, vars),
    statusLabel: (language, status) => statusLabel(language, status, flows),
    fieldLabel: (language, field) => fieldLabel(flows, language, field),
  };
}
