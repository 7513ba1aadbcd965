import { runCli } from '../../src/cli/program.js';
import type { CliIo } from '../../src/cli/io.js';
import type { ScanOptions, ScanResult } from '../../src/model/scan-result.js';
import { scan } from '../../src/scan.js';

/** Runs the CLI in-process; `scanImpl` defaults to the real scan. */
export async function runInProcess(args: string[], scanImpl?: (options: ScanOptions) => Promise<ScanResult>, env: NodeJS.ProcessEnv = {}) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const calls: ScanOptions[] = [];
  const io: CliIo = {
    stdout: { write: (text: string) => stdout.push(text), isTTY: false },
    stderr: { write: (text: string) => stderr.push(text), isTTY: false },
    env,
    scan: (options, internals) => {
      calls.push(options);
      return scanImpl ? scanImpl(options) : scan(options, internals);
    },
  };
  const code = await runCli(['node', 'pim-migrate', ...args], io);
  return { code, stdout: stdout.join(''), stderr: stderr.join(''), calls };
}
