// "Send your report number (7 digits)": checking a report's status. A story typed here is a report.
import { REPORT_INTENTS } from '../../core/taxonomy.js';
import type { NlpResult } from '../../core/nlp.js';
import { runCommand } from '../actions.js';
import { mentionsReport } from '../commands.js';
import { lookupStatus, resumeReport, showWelcome } from '../moves.js';
import { startReportFromText } from '../opening.js';
import { parseTrackingId } from '../slot-parsers.js';
import { codePoints } from '../text.js';
import { reply, t, type Turn } from '../turn.js';
import { quickReply, UNKNOWN_OPTION, type QuestionDefinition } from './definition.js';

/** A long text about a problem (NLP reads it as a report, or it speaks of reporting), not a number. */
function tellsAProblem(turn: Turn, text: string, nlp: NlpResult | undefined): boolean {
  const reportIntent = nlp !== undefined && REPORT_INTENTS[nlp.intent] !== undefined;
  return (reportIntent || mentionsReport(text)) && codePoints(text) >= turn.flows.complaint.limits.description_min;
}

/** "Batal" at the tracking-number question: a report being written is kept and resumed. */
function leaveStatusQuestion(turn: Turn): void {
  const { state, flows } = turn;
  if (!state.draft) return runCommand(turn, { name: 'cancel' });
  reply(turn, { text: t(turn, flows.status.texts.status_cancelled) });
  resumeReport(turn);
}

/**
 * A story typed at the tracking-number question: it starts a report pre-filled with it, or, when a
 * report is being written, fills what that report still lacks (never overwriting an answer).
 */
function reportInsteadOfStatus(turn: Turn, text: string, nlp: NlpResult | undefined): void {
  const { state } = turn;
  state.pending = state.resumeTo;
  state.resumeTo = null;
  state.attempts = 0;
  if (startReportFromText(turn, text, nlp)) return;
  if (state.draft) resumeReport(turn);
  else showWelcome(turn);
}

export const statusTracking: QuestionDefinition<'status_tracking'> = {
  id: 'status_tracking',
  texts: { flow: 'status', reasons: ['invalid'] },
  // a typed number is a tracking number; one that cannot be ("2") picks the option
  typedNumber: 'answer_first',
  options: (asking) => [quickReply(asking, 'report'), quickReply(asking, 'cancel')],
  answer(turn, { option, text, nlp }) {
    if (option?.payload === 'report') {
      runCommand(turn, { name: 'report' }); // a report being written is resumed, never dropped
      return null;
    }
    if (option?.payload === 'cancel') {
      leaveStatusQuestion(turn);
      return null;
    }
    if (option || text === null) return UNKNOWN_OPTION;
    const parsed = parseTrackingId(text);
    if (parsed.ok) {
      lookupStatus(turn, parsed.value);
      return null;
    }
    if (tellsAProblem(turn, text, nlp)) {
      reportInsteadOfStatus(turn, text, nlp);
      return null;
    }
    return parsed;
  },
};
