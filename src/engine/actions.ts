// What the global commands do (batal, bantuan, status, bahasa, menu, lapor, lanjut).
import type { QuickReply } from '../core/messages.js';
import { LANGUAGES, type Language } from '../core/taxonomy.js';
import type { Command } from './commands.js';
import { ask, askNext, lookupStatus, repeatPending, resumeReport, showWelcome, startReport, toIdle } from './moves.js';
import { reply, t, type Turn } from './turn.js';

export function runCommand(turn: Turn, command: Command): void {
  const { state, flows } = turn;
  const texts = flows.common.texts;
  state.choosingLanguage = false;
  switch (command.name) {
    case 'cancel': {
      const hadReport = state.draft !== null;
      state.replyTo = null; // cancelling also ends "your message may be an answer to the agency"
      toIdle(turn);
      reply(turn, { text: t(turn, hadReport ? texts.cancelled : texts.nothing_to_cancel) });
      return;
    }
    case 'help':
      reply(turn, { text: t(turn, texts.help) });
      state.attempts = 0;
      if (state.pending) repeatPending(turn);
      else showWelcome(turn);
      return;
    case 'status':
      if (command.trackingId) return lookupStatus(turn, command.trackingId);
      if (state.pending !== 'status_tracking') state.resumeTo = state.draft ? state.pending : null;
      return ask(turn, 'status_tracking');
    case 'language':
      if (command.to) return switchLanguage(turn, command.to);
      state.choosingLanguage = true;
      reply(turn, { text: t(turn, texts.language_choose), quickReplies: languageOptions(turn) });
      return;
    case 'start':
    case 'menu':
    case 'report':
      if (state.draft) {
        // never drop a report being written: say so and carry on with it
        reply(turn, { text: t(turn, texts.report_in_progress) });
        resumeReport(turn);
      } else if (command.name === 'report') {
        const draft = startReport(turn);
        if (command.classification) draft.classification = command.classification;
        askNext(turn);
      } else {
        showWelcome(turn);
      }
      return;
    case 'resume':
      if (!resumeReport(turn)) {
        if (state.pending) repeatPending(turn);
        else showWelcome(turn);
      }
      return;
  }
}

/** The language chooser's options, in the order they are numbered. */
export const languageOptions = (turn: Turn): QuickReply[] =>
  LANGUAGES.map((l) => ({ title: turn.flows.common.languages[l].name, payload: `lang:${l}` }));

export function switchLanguage(turn: Turn, language: Language): void {
  turn.state.language = language;
  turn.state.languageSettled = true;
  turn.state.choosingLanguage = false;
  reply(turn, { text: t(turn, turn.flows.common.texts.language_set) });
  repeatPending(turn);
}
