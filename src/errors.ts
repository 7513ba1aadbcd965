/**
 * The error catalogue. Every error the tool raises on purpose comes from here, with the
 * failing value, a one-line fix and its exit code. Anything else that escapes is a bug and
 * exits 3 (see `cli.ts`).
 */

export const EXIT = {
  /** No findings (or none at the failure threshold). */
  clean: 0,
  /** Findings reported. */
  findings: 1,
  /** Invalid command line, config or rule file. */
  usage: 2,
  /** A failure of the tool itself. */
  internal: 3,
  /** With `--strict`: at least one file was skipped, whether or not there are findings. */
  skipped: 4,
} as const;

export type ErrorCode = 'usage' | 'rule-file' | 'path-not-found' | 'output-write';

export class PimMigrateError extends Error {
  readonly code: ErrorCode;
  readonly help: string;
  readonly exitCode: number;

  constructor(code: ErrorCode, message: string, help: string, exitCode: number = EXIT.usage) {
    super(message);
    this.name = 'PimMigrateError';
    this.code = code;
    this.help = help;
    this.exitCode = exitCode;
  }
}

export function usageError(message: string, help: string): PimMigrateError {
  return new PimMigrateError('usage', message, help);
}

/** A rule or hosts file that fails to parse or validate; `line` and `column` are 1-based. */
export function ruleFileError(file: string, line: number, column: number, message: string, help: string): PimMigrateError {
  return new PimMigrateError('rule-file', `${file}:${line}:${column}: ${message}`, help);
}

export function pathNotFoundError(path: string): PimMigrateError {
  return new PimMigrateError(
    'path-not-found',
    `scan path not found: ${path}`,
    'Pass an existing file or folder, relative to the current folder or absolute.',
  );
}

export function outputWriteError(path: string, cause: string): PimMigrateError {
  return new PimMigrateError(
    'output-write',
    `cannot write the report to ${path}: ${cause}`,
    'Check that the folder exists and is writable, or choose another --output path.',
  );
}
