#!/usr/bin/env node
// The `lapor-hub` command. The hub is TypeScript run through tsx, so that a fresh
// clone needs no build step between `npm install` and `npm start`.
import { setFlagsFromString } from 'node:v8';
import { register } from 'tsx/esm/api';

// Old space: collect when it has grown by half since the last full collection. On a machine
// with a few GB, V8 lets it grow to about 4 times the live heap first: under a web chat load
// the hub promotes ~1 MB of short-lived request objects per scavenge, and with ~80 MB live its
// old space filled up to ~310 MB of mostly garbage before the next full GC (RSS 450-500 MB
// instead of ~260; docs/benchmarks.md, "Memory: what held the heap"). The cost is a full GC
// every few seconds under load, ~15 ms each, mostly off the main thread. NODE_OPTIONS cannot
// carry this V8 flag; one given on node's command line wins.
if (!process.execArgv.some((arg) => arg.startsWith('--heap-growing-percent'))) {
  setFlagsFromString('--heap-growing-percent=50');
}

register();
await import('../src/cli/main.ts');
