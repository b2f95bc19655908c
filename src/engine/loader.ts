// Reads flows/*.yaml (not sub-folders: flows/nlp/ is the NLP corpus), validates each file and
// fails loudly: a bad flow stops start-up with the file name and what is wrong.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { FLOW_SCHEMAS, type Flows } from './flow-schema.js';

/** flows/ at the project root, wherever the process was started from. */
export const DEFAULT_FLOWS_DIR = fileURLToPath(new URL('../../flows/', import.meta.url));

export class FlowError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FlowError';
  }
}

const cache = new Map<string, Flows>();

/** Loads and validates every flow in `dir`; cached per directory (flows are read-only data). */
export function loadFlows(dir: string = DEFAULT_FLOWS_DIR): Flows {
  const key = resolve(dir);
  const cached = cache.get(key);
  if (cached) return cached;
  const flows = readFlows(key);
  cache.set(key, flows);
  return flows;
}

function readFlows(dir: string): Flows {
  const loaded: Partial<Record<keyof Flows, unknown>> = {};
  const files = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ya?ml|json)$/.test(entry.name))
    .map((entry) => entry.name)
    .sort();
  for (const file of files) {
    const path = join(dir, file);
    let data: unknown;
    try {
      data = parseYaml(readFileSync(path, 'utf8')); // YAML is a superset of JSON
    } catch (error) {
      throw new FlowError(`${path}: not valid YAML: ${(error as Error).message}`);
    }
    const id = (data as { id?: unknown } | null)?.id;
    if (typeof id !== 'string' || !(id in FLOW_SCHEMAS)) {
      throw new FlowError(`${path}: "id" must be one of ${Object.keys(FLOW_SCHEMAS).join(', ')}, got ${JSON.stringify(id)}`);
    }
    const flowId = id as keyof Flows;
    if (loaded[flowId]) throw new FlowError(`${path}: a second flow with id "${flowId}"`);
    const result = FLOW_SCHEMAS[flowId].safeParse(data);
    if (!result.success) {
      const issues = result.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n');
      throw new FlowError(`${path}: invalid flow "${flowId}":\n${issues}`);
    }
    loaded[flowId] = result.data;
  }
  const missing = Object.keys(FLOW_SCHEMAS).filter((id) => !loaded[id as keyof Flows]);
  if (missing.length) throw new FlowError(`${dir}: missing flows: ${missing.join(', ')}`);
  return loaded as Flows;
}
