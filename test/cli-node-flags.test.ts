import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HUB_NODE_FLAGS } from '../src/cli/node-flags.js';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

// the flags cannot be set from code: every place that starts a hub writes them out
describe('HUB_NODE_FLAGS', () => {
  it('is on the shebang of bin/lapor-hub.js', () => {
    const shebang = read('bin/lapor-hub.js').split('\n')[0]!;
    expect(shebang).toBe(`#!/usr/bin/env -S node ${HUB_NODE_FLAGS.join(' ')}`);
  });

  it('is on npm start', () => {
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.start).toBe(`node ${HUB_NODE_FLAGS.join(' ')} bin/lapor-hub.js start`);
  });

  it("is on the Docker image's entrypoint", () => {
    const entrypoint = read('Dockerfile').split('\n').find((line) => line.startsWith('ENTRYPOINT '))!;
    expect(JSON.parse(entrypoint.slice('ENTRYPOINT '.length))).toEqual(['node', ...HUB_NODE_FLAGS, 'bin/lapor-hub.js']);
  });

  it('is a flag this node accepts', () => {
    for (const flag of HUB_NODE_FLAGS) expect(process.allowedNodeEnvironmentFlags.has(flag.split('=')[0]!)).toBe(true);
  });
});
