import { Command, CommanderError, Option } from 'commander';
import { EXIT } from '../errors.js';
import { REPORT_FORMATS } from '../report/index.js';
import { DEFAULT_MAX_FILE_SIZE } from '../scan.js';
import { parseByteSize } from './byte-size.js';
import type { CliIo } from './io.js';
import { reportError } from './report-error.js';
import { runScanCommand, type ScanCommandOptions } from './scan-command.js';
import { readToolVersion } from './version.js';

const EXIT_CODES_HELP = `
Exit codes:
  0  no findings
  1  findings reported
  2  invalid command line, configuration or rule file
  3  internal error (a bug in pim-migrate; please report it)

Environment:
  NO_COLOR=1           turn colour off, like --no-color
  PIM_MIGRATE_DEBUG=1  print the stack trace of an internal error`;

/** Collects a repeatable option. It has no default array, so help does not print `(default: [])`. */
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/**
 * Builds the `pim-migrate` commander program. `onExitCode` receives the exit code of the
 * command that ran. Commander's own errors are thrown as CommanderError (exitOverride).
 */
export function buildProgram(io: CliIo, toolVersion: string, onExitCode: (code: number) => void): Command {
  const program = new Command('pim-migrate');
  program
    .description('Find retired Microsoft Entra PIM iteration 1 and 2 API calls and map each one to its iteration 3 replacement.')
    .version(toolVersion, '-V, --version', 'print the version and exit')
    .helpOption('-h, --help', 'print this help and exit')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showHelpAfterError('help: add --help to the command to see its usage')
    .addHelpText('after', EXIT_CODES_HELP);

  program
    .command('scan')
    .description('Scan files and folders for PIM iteration 1 and 2 API calls.')
    .argument('[paths...]', 'files or folders to scan (default: the current folder)')
    .option('-f, --format <format>', `report format: ${REPORT_FORMATS.join(' or ')}`, 'text')
    .option('-o, --output <file>', 'write the report to this file instead of stdout (replaced atomically)')
    .option('--include <glob>', 'scan only files matching this gitignore-style pattern (repeatable)', collect)
    .option('--exclude <glob>', 'leave out files matching this gitignore-style pattern (repeatable)', collect)
    .option('--rules <dir>', 'rule folder to use instead of the built-in rules')
    .addOption(
      new Option('--max-file-size <size>', 'skip files larger than this, in bytes or with a unit: 512k, 5MB (k = 1024)')
        .argParser((value: string) => parseByteSize(value))
        .default(DEFAULT_MAX_FILE_SIZE, '5MB'),
    )
    .option('--no-color', 'turn colour off in the text report')
    .addHelpText('after', EXIT_CODES_HELP)
    .action(async (paths: string[], options: ScanCommandOptions) => {
      onExitCode(await runScanCommand(paths, options, io, toolVersion));
    });

  return program;
}

/**
 * Runs the command line and returns the process exit code. It never throws: it prints every
 * error to stderr and returns the catalogue error's exit code (2 for command-line and commander
 * errors), or 3 for any other exception.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode: number = EXIT.clean;
  try {
    const program = buildProgram(io, readToolVersion(), (code) => {
      exitCode = code;
    });
    await program.parseAsync([...argv]);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its message; help and --version end with code 0.
      return error.exitCode === 0 ? EXIT.clean : EXIT.usage;
    }
    return reportError(error, io.stderr, io.env);
  }
}
