// The conversation engine's public API.
export { step, pendingQuestion } from './step.js';
export { loadFlows, DEFAULT_FLOWS_DIR, FlowError } from './loader.js';
export { renderNotification, statusLabel, type NotificationVars } from './notifications.js';
export { fieldLabel } from './field-labels.js';
export { initialState, restoreState, STATE_VERSION } from './state.js';
export type { ConversationState, ReportDraft, PendingQuestion, ReplyDraft } from './state.js';
export type { Flows, NotificationKey } from './flow-schema.js';
export { NOTIFICATION_KEYS } from './flow-schema.js';
export type { Effect, EngineContext, EngineInput, StepResult } from './types.js';
