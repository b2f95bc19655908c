#!/usr/bin/env node
// The `lapor-hub` command. The hub is TypeScript run through tsx, so that a fresh
// clone needs no build step between `npm install` and `npm start`.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
