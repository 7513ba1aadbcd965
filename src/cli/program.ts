import { Command, CommanderError, Option } from 'commander';
import { EXIT } from '../errors.js';
import { REPORT_FORMATS } from '../report/index.js';
import { parseByteSize } from './byte-size.js';
import { positiveIntegerOption } from './positive-integer.js';
import { FAIL_ON_HELP, FAIL_ON_VALUES } from './fail-on.js';
import type { CliIo } from './io.js';
import type { MergeCommandOptions } from './merge-command.js';
import type { ExplainCommandOptions } from './explain-command.js';
import type { FixCommandOptions } from './fix-command.js';
import { reportError } from './report-error.js';
import type { RulesCommandOptions } from './rules-command.js';
import { runScanCommand, type ScanCommandOptions } from './scan-command.js';
import { readToolVersion } from './version.js';

const EXIT_CODES_HELP = `
Exit codes:
  0  no finding fails the run (see --fail-on)
  1  at least one unsuppressed finding fails the run
  2  invalid command line, configuration or rule file
  3  internal error (a bug in pim-migrate; please report it)
  4  with --strict: at least one file was skipped (listed with its reason in every report)

Environment:
  NO_COLOR=1           turn colour off, like --no-color
  PIM_MIGRATE_DEBUG=1  print the stack trace of an internal error
  PIM_MIGRATE_CACHE_DIR=DIR
                       folder of the validated rule table cache; 'none' turns it off`;

const FIX_EXIT_CODES_HELP = `
Exit codes:
  0  dry run: no file would change and no finding is left;
     --write or --output-dir: every finding was fixed and every changed file written
  1  dry run: a file would change, or a finding cannot be fixed at this --tier;
     --write or --output-dir: a finding was left, or a file could not be written
  2  invalid command line or configuration, an --output-dir that would replace the original files,
     or (with --write) changes that git could not undo (see --allow-dirty)
  3  internal error (a bug in pim-migrate; please report it)
  4  with --strict: at least one file was skipped (listed on stderr)`;

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

  const scanCommand = program
    .command('scan')
    .description('Scan files and folders for PIM iteration 1 and 2 API calls.')
    .argument('[paths...]', 'files or folders to scan (default: the current folder)')
    .option('-f, --format <format>', `report format: ${REPORT_FORMATS.join(', ')} (default: text; repeatable, the Nth --format pairs with the Nth --output)`, collect)
    .option('-o, --output <file>', 'write the report of the matching --format to this file instead of stdout (replaced atomically; repeatable)', collect);
  addFileSelectionOptions(scanCommand, 'scan')
    .option('--strict', 'exit 4 when any file is skipped (unreadable, binary, too large, a link not followed...), even when there are findings')
    .addOption(
      new Option('--jobs <n>', 'worker threads that read and analyse files (default: the number of cores, at most twice that; 1 scans in one thread)').argParser(positiveIntegerOption('--jobs', 'threads')),
    )
    .addOption(
      new Option('--file-timeout <ms>', "report a file as skipped when its extraction takes longer than this, in milliseconds (default: 10000; enforced in worker threads only: from 2,000 files, with more than one job)").argParser(
        positiveIntegerOption('--file-timeout', 'milliseconds'),
      ),
    )
    .addOption(new Option('--fail-on <threshold>', FAIL_ON_HELP).choices(FAIL_ON_VALUES))
    .option('-q, --quiet', 'print nothing but errors; a text report on stdout lists only the findings that fail the run, and nothing when none fail')
    .option('--baseline <file>', 'report only findings that are not in this baseline file; findings in it never fail the run')
    .option('--update-baseline', 'write the current unsuppressed findings to the --baseline file and exit 0, without reports')
    .option('--runtime-log <file>', 'merge the JSON-lines findings of the runtime guard (its logFile) into the report: matching static findings get seenAtRuntime, others are added with source runtime')
    .option('--no-color', 'turn colour off in the text report')
    .addHelpText('after', EXIT_CODES_HELP)
    .action(async (paths: string[], options: ScanCommandOptions) => {
      onExitCode(await runScanCommand(paths, options, io, toolVersion));
    });

  const fixCommand = program
    .command('fix')
    .description('Rewrite iteration 1 and 2 calls to their iteration 3 replacement where the code proves which one; a dry run unless --write or --output-dir.')
    .argument('[paths...]', 'files or folders to fix (default: the current folder)')
    .option('--write', 'change the files in place (each replaced atomically)')
    .option('--rule <id>', 'fix only the findings of this rule id (repeatable)', collect)
    .addOption(new Option('--tier <tier>', 'highest fix tier to apply: safe, or suggestion (which includes safe)').choices(['safe', 'suggestion']).default('safe'))
    .option('--annotate', 'add a comment above each call that was not migrated, naming what to change')
    .option('--output-dir <dir>', 'write the migrated files to this folder, at the same relative paths, and leave the originals untouched')
    .option('--allow-dirty', 'write in place even when git could not undo it: a git work tree with uncommitted changes under the paths, or a file to write that git does not track');
  addFileSelectionOptions(fixCommand, 'fix')
    .option('-q, --quiet', 'print the diff only, without the summary')
    .option('--strict', 'exit 4 when the scan skipped any file (each is listed on stderr)')
    .addHelpText('after', FIX_EXIT_CODES_HELP)
    .action(async (paths: string[], options: FixCommandOptions) => {
      // Loaded on use: the fix command pulls in ts-morph, about 0.45 s that a scan should not pay.
      const { runFixCommand } = await import('./fix-command.js');
      onExitCode(await runFixCommand(paths, options, io));
    });

  program
    .command('rules')
    .description('List the rules of the rule table.')
    .option('--provider <provider>', 'only rules with a mapping for this provider: aadRoles, azureResources or aadGroups')
    .option('--family <family>', 'only rules of this family: iteration1, iteration2 or a cmdlet family such as cmdlet-azureadpreview')
    .option('--tier <tier>', 'only rules of this fix tier: safe, suggestion or manual')
    .option('-f, --format <format>', 'text or json', 'text')
    .option('--rules <dir>', 'rule folder to use instead of the built-in rules')
    .action(async (options: RulesCommandOptions) => {
      const { runRulesCommand } = await import('./rules-command.js');
      onExitCode(runRulesCommand(options, io));
    });

  program
    .command('explain')
    .description('Explain one rule: the old call, its replacements per provider, body mapping, permissions and notes.')
    .argument('<query...>', 'a rule id, an old path or URL with an optional HTTP method first, or a cmdlet name')
    .option('--rules <dir>', 'rule folder to use instead of the built-in rules')
    .addHelpText('after', '\nExamples:\n  pim-migrate explain pim2-role-settings-list\n  pim-migrate explain POST /privilegedAccess/aadGroups/roleAssignmentRequests\n  pim-migrate explain Get-AzureADMSPrivilegedRoleAssignment')
    .action(async (words: string[], options: ExplainCommandOptions) => {
      const { runExplainCommand } = await import('./explain-command.js');
      onExitCode(runExplainCommand(words, options, io));
    });

  program
    .command('merge')
    .description('Merge the JSON reports of several repositories into one report.')
    .argument('<reports...>', 'JSON reports written by pim-migrate scan --format json')
    .option('-f, --format <format>', `report format: ${REPORT_FORMATS.join(', ')}`, 'markdown')
    .option('-o, --output <file>', 'write the report to this file instead of stdout (replaced atomically)')
    .option('--name <name>', "repository name of the Nth report, the prefix of its file paths (repeatable; default: the folder name of the report's root)", collect)
    .option('--no-color', 'turn colour off in the text report')
    .action(async (reports: string[], options: MergeCommandOptions) => {
      // Loaded on use, as are rules and explain: the report schema validator (ajv) costs a scan's start-up about 60 ms.
      const { runMergeCommand } = await import('./merge-command.js');
      onExitCode(await runMergeCommand(reports, options, io, toolVersion));
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

/** Adds the options that choose which files `scan` and `fix` read, so both commands select files alike. */
function addFileSelectionOptions(command: Command, verb: 'scan' | 'fix'): Command {
  return command
    .option('-c, --config <file>', 'config file to use instead of the pim-migrate.config.yaml found in the scan root or a folder above it')
    .option('--include <glob>', `${verb} only files matching this gitignore-style pattern (repeatable)`, collect)
    .option('--exclude <glob>', 'leave out files matching this gitignore-style pattern (repeatable)', collect)
    .option('--rules <dir>', 'rule folder to use instead of the built-in rules')
    .addOption(new Option('--max-file-size <size>', 'skip files larger than this, in bytes or with a unit: 512k, 5MB (k = 1024; default: 5MB)').argParser((value: string) => parseByteSize(value)))
    .option('--follow-links', 'follow symbolic links to files and folders inside the scan root (default: list each link as skipped)');
}
