// `lapor-hub nlp parse|train|eval` (contracts/interfaces.md).
import { createInterface } from 'node:readline';
import { createNlp, DEFAULT_CORPUS_DIR, evaluate, formatReport, loadGazetteer, loadOrTrain, trainModel, type EvalReport } from '../nlp/index.js';

/** `--now YYYY-MM-DD` as an instant: noon in Jakarta that day. */
export function parseNowOption(now: string | undefined): Date {
  if (now === undefined) return new Date();
  const date = /^\d{4}-\d{2}-\d{2}$/.test(now) ? new Date(`${now}T12:00:00+07:00`) : new Date(NaN);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== now) throw new Error(`--now: expected YYYY-MM-DD, got "${now}"`);
  return date;
}

/**
 * JSON lines `{"text": "..."}` in, one JSON line out per input, in input order.
 * A line that is not a JSON object with a string `text` gives `{"error": "..."}`; blank lines are skipped.
 */
export async function nlpParseCommand(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
  opts: { now?: string } = {},
): Promise<void> {
  const now = parseNowOption(opts.now);
  const nlp = await createNlp();
  try {
    for await (const line of createInterface({ input, crlfDelay: Infinity })) {
      if (!line.trim()) continue;
      let out: unknown;
      try {
        const value: unknown = JSON.parse(line);
        const text = typeof value === 'object' && value !== null ? (value as { text?: unknown }).text : undefined;
        out = typeof text === 'string' ? await nlp.parse(text, { now }) : { error: 'expected a JSON object with a string "text"' };
      } catch (err) {
        out = { error: err instanceof SyntaxError ? `invalid JSON: ${err.message}` : String(err) };
      }
      if (!output.write(`${JSON.stringify(out)}\n`)) await new Promise((resolve) => output.once('drain', resolve));
    }
  } finally {
    nlp.close?.();
  }
}

/** Retrains the model from the corpus and writes it. */
export async function nlpTrainCommand(output: NodeJS.WritableStream = process.stdout): Promise<void> {
  const { path, trainMs } = await trainModel({ corpusDir: DEFAULT_CORPUS_DIR });
  output.write(`NLP model trained in ${trainMs} ms: ${path}\n`);
}

/** Prints accuracy per intent and category, confusion tables and location recall on the test split. */
export async function nlpEvalCommand(output: NodeJS.WritableStream = process.stdout): Promise<EvalReport> {
  const { classifier } = await loadOrTrain({ corpusDir: DEFAULT_CORPUS_DIR });
  const report = await evaluate(DEFAULT_CORPUS_DIR, classifier, loadGazetteer());
  output.write(`${formatReport(report)}\n`);
  return report;
}
