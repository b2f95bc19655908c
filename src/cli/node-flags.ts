// Node flags every serving hub process runs with. They must be on node's command line (V8 sizes
// its heap before any code runs; v8.setFlagsFromString is too late for these), so they are
// written out where a hub is started: bin/lapor-hub.js's shebang (`lapor-hub …`, `npx lapor-hub
// …`), the `start` script in package.json and the Dockerfile's ENTRYPOINT
// (test/cli-node-flags.test.ts keeps the three in step with this list).
//
// --max-semi-space-size=32: the young generation at 2 × 32 MB instead of V8's 2 × 16 MB. A web
// chat message allocates ~13 KB that is dead once it is answered; with 100 in flight, half of it
// outlived two scavenges in the smaller space and went to old space, for full GCs to collect.
// Measured (docs/benchmarks.md, "The young generation"): hub CPU per message 0.60 → 0.53-0.56 ms,
// RSS after 10,000 conversations unchanged (271 MB). 64 MB saved little more and costs 64 MB more.
export const HUB_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=32'];
