// Old space of a hub that serves: a full GC once it has grown by half since the last one.
// On a machine with a few GB, V8 lets it grow to about 4 times the live heap first. Under a web
// chat load the requests' objects leave the young generation (about 13 KB a message, dead by
// the next full GC) and old space filled up with them: ~80 MB live, RSS 400-500 MB after
// 10,000 conversations (docs/benchmarks.md, "Memory: what held the heap"). Half, not less: a
// quarter kept RSS as low but took about a tenth of the web chat's throughput at 100 sessions
// (full GCs every second or two); with half the throughput stayed within the runs' noise.
// Set once start-up is done: during it (tens of MB of modules, the NLP model) the same bound
// cost ~100 ms of extra full GCs. NODE_OPTIONS cannot carry this V8 flag; one given on node's
// command line wins (node --heap-growing-percent=N bin/lapor-hub.js start).
import { setFlagsFromString } from 'node:v8';

export const HEAP_GROWING_PERCENT = 50;

export function boundOldSpaceGrowth(execArgv: readonly string[] = process.execArgv): boolean {
  if (execArgv.some((arg) => arg.startsWith('--heap-growing-percent'))) return false;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return true;
}
