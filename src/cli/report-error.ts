import { EXIT, PimMigrateError } from '../errors.js';
import type { TextStream } from './io.js';
import { readToolVersion } from './version.js';

/**
 * Prints an error that ended the run and returns the exit code. Catalogue errors
 * (PimMigrateError) are the user's to fix and print their message and help. Anything else is
 * a bug in the tool: it exits 3, with the stack only when `PIM_MIGRATE_DEBUG=1`.
 */
export function reportError(error: unknown, stderr: TextStream, env: NodeJS.ProcessEnv): number {
  if (error instanceof PimMigrateError) {
    stderr.write(`error: ${error.message}\nhelp: ${error.help}\n`);
    return error.exitCode;
  }

  const message = error instanceof Error ? error.message : String(error);
  stderr.write(`internal error: ${message}\n`);
  if (env.PIM_MIGRATE_DEBUG === '1') {
    if (error instanceof Error && error.stack) stderr.write(`${error.stack}\n`);
  } else {
    stderr.write('Run again with PIM_MIGRATE_DEBUG=1 to print the stack trace.\n');
  }
  stderr.write(`Please report this with the command you ran, the file that triggered it and the version (pim-migrate ${versionOrUnknown()}), at the issue tracker that \`npm bugs pim-migrate\` opens.\n`);
  return EXIT.internal;
}

/** The version for the report; an internal error must not fail again while it is printed. */
function versionOrUnknown(): string {
  try {
    return readToolVersion();
  } catch {
    return 'version unknown';
  }
}
