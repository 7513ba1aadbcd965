#!/usr/bin/env node
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PimMigrateError } from '../errors.js';
import { AcceptanceInputError } from './input-error.js';
import { runAcceptance } from './run.js';

/** The pending list in the repository: `test/acceptance-pending.yaml`, two folders above `dist/acceptance/`. */
const DEFAULT_PENDING_FILE = fileURLToPath(new URL('../../test/acceptance-pending.yaml', import.meta.url));
const USAGE = 'usage: node dist/acceptance/cli.js [cases-dir] [--pending FILE]';

/** Colour only on a terminal, and never when NO_COLOR or CI is set (to any value). */
function useColor(): boolean {
  return Boolean(process.stdout.isTTY) && process.env.NO_COLOR === undefined && process.env.CI === undefined;
}

async function main(): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ allowPositionals: true, options: { pending: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    process.stderr.write(`acceptance: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(`${USAGE}\nDefault cases folder: ../shared/cases; default pending list: test/acceptance-pending.yaml.\n`);
    return 0;
  }
  if (parsed.positionals.length > 1) {
    process.stderr.write(`acceptance: expected at most one cases folder, got ${parsed.positionals.length}\n${USAGE}\n`);
    return 2;
  }

  try {
    const { exitCode } = await runAcceptance({
      dir: parsed.positionals[0] ?? '../shared/cases',
      pendingFile: typeof parsed.values.pending === 'string' ? parsed.values.pending : DEFAULT_PENDING_FILE,
      color: useColor(),
      write: (line) => process.stdout.write(`${line}\n`),
    });
    return exitCode;
  } catch (error) {
    if (error instanceof AcceptanceInputError || error instanceof PimMigrateError) {
      process.stderr.write(`acceptance: ${error.message}\n  ${error.help}\n`);
      return error instanceof PimMigrateError ? error.exitCode : 2;
    }
    process.stderr.write(`acceptance: internal error: ${(error as Error).stack ?? String(error)}\n`);
    return 3;
  }
}

process.exitCode = await main();
