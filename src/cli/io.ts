import type { ScanOptions, ScanResult } from '../model/scan-result.js';

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
  scan: (options: ScanOptions) => Promise<ScanResult>;
}
