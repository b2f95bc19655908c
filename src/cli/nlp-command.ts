// lapor-hub nlp parse [--now YYYY-MM-DD] | train | eval
import { nlpEvalCommand, nlpParseCommand, nlpTrainCommand } from './nlp.js';

export async function nlpCommand(sub: string | undefined, args: string[]): Promise<number> {
  switch (sub) {
    case 'parse': {
      const i = args.indexOf('--now');
      const now = i >= 0 ? args[i + 1] : undefined;
      if (i >= 0 && !/^\d{4}-\d{2}-\d{2}$/.test(now ?? '')) {
        console.error('lapor-hub nlp parse: --now needs a date as YYYY-MM-DD');
        return 2;
      }
      await nlpParseCommand(process.stdin, process.stdout, { now });
      return 0;
    }
    case 'train':
      await nlpTrainCommand();
      return 0;
    case 'eval':
      await nlpEvalCommand(process.stdout);
      return 0;
    default:
      console.error('usage: lapor-hub nlp parse [--now YYYY-MM-DD] | nlp train | nlp eval');
      return 2;
  }
}
