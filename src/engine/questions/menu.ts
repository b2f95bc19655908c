// The welcome menu: the report types and "Cek status". Its texts are the welcome of flows/common.yaml.
// (Another module's functions are called, never read, while this object is made: see questions/index.ts.)
import { answerReportType, classificationOptions } from './classification.js';
import { quickReply, type QuestionDefinition } from './definition.js';

export const menu: QuestionDefinition<'menu'> = {
  id: 'menu',
  texts: null,
  expects: { slot: 'classification', type: 'choice' },
  typedNumber: 'option',
  options: (asking) => [...classificationOptions(asking), quickReply(asking, 'status')],
  askText: ({ flows }) => flows.common.texts.welcome,
  reaskText: ({ flows }) => flows.common.texts.menu_reask,
  answer: (turn, incoming) => answerReportType(turn, incoming),
};
