// vitest globalSetup: one log directory for the whole run, scanned once every test is done.
// A line with personal data or a secret fails the run, naming file, line and kind.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RUN_LOG_DIR_ENV } from '../support/log-run.js';
import { formatFinding, scanDirectory } from '../support/log-scan.js';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'lapor-test-logs-'));
  process.env[RUN_LOG_DIR_ENV] = dir; // the forked workers and the processes they spawn inherit it
  return () => {
    const { files, lines, findings } = scanDirectory(dir);
    if (findings.length) {
      const shown = findings.slice(0, 50).map(formatFinding).join('\n');
      const more = findings.length > 50 ? `\n… and ${findings.length - 50} more` : '';
      // vitest reports an error thrown here but still exits 0: set the exit code first
      process.exitCode = 1;
      throw new Error(`log scan: ${findings.length} line(s) with personal data or secrets (logs kept in ${dir}):\n${shown}${more}`);
    }
    console.log(`log scan: ${lines} lines in ${files} files, no personal data or secrets`);
    if (!process.env.LAPOR_TEST_KEEP_LOGS) rmSync(dir, { recursive: true, force: true });
  };
}
