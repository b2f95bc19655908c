// vitest setupFiles: the run logs are buffered per worker; write them out after every test
// file, since a worker may be ended without running its exit handlers.
import { afterAll } from 'vitest';
import { flushRunLogs } from '../support/log-run.js';

afterAll(() => flushRunLogs());
