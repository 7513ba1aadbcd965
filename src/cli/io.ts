import type { ScanOptions, ScanResult } from '../model/scan-result.js';
import type { ScanInternals } from '../scan.js';

/** A writable text stream: process.stdout and process.stderr, or a buffer in tests. */
export interface TextStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** Everything the command line touches outside its arguments, so tests can replace it. */
export interface CliIo {
  stdout: TextStream;
  stderr: TextStream;
  env: NodeJS.ProcessEnv;
  /** The scan; the CLI passes the rule table it has loaded and validated as `internals.table`. */
  scan: (options: ScanOptions, internals?: ScanInternals) => Promise<ScanResult>;
}
