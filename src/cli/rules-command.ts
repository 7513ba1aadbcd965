import { EXIT, usageError } from '../errors.js';
import { loadRuleTable } from '../rules/load.js';
import type { Rule } from '../rules/schema.js';
import type { CliIo } from './io.js';
import { filterRules, type RuleFilterOptions } from './rule-filters.js';

export interface RulesCommandOptions extends RuleFilterOptions {
  format: string;
  rules?: string;
}

/** One row of the `rules` listing, also the JSON shape of `rules --format json`. */
interface RuleRow {
  id: string;
  title: string;
  iteration: number;
  methods: string[];
  path: string;
  fix: string;
  providers: string[];
  cmdlets: number;
}

/** Prints the rule table as a text table or JSON, after the `--provider`, `--family` and `--tier` filters. */
export function runRulesCommand(options: RulesCommandOptions, io: CliIo): number {
  if (options.format !== 'text' && options.format !== 'json') {
    throw usageError(`unknown format "${options.format}" for rules`, 'Use --format text or --format json.');
  }
  const table = loadRuleTable(options.rules);
  const rules = filterRules(table, options);

  if (options.format === 'json') {
    io.stdout.write(`${JSON.stringify(rules, null, 2)}\n`);
    return EXIT.clean;
  }
  io.stdout.write(renderTable(rules.map(rowOf)));
  io.stdout.write(`${rules.length} of ${table.rules.length} rules\n`);
  return EXIT.clean;
}

function rowOf(rule: Rule): RuleRow {
  return {
    id: rule.id,
    title: rule.title,
    iteration: rule.iteration,
    methods: rule.operation.methods,
    path: rule.operation.paths[0]!,
    fix: rule.fix,
    providers: Object.keys(rule.providers),
    cmdlets: rule.operation.cmdlets?.length ?? 0,
  };
}

const HEADERS = ['RULE ID', 'IT', 'OPERATION', 'FIX', 'PROVIDERS', 'CMDLETS', 'TITLE'];

/** Left-aligned columns two spaces apart; the title column is last, so long titles do not shift the others. */
function renderTable(rows: readonly RuleRow[]): string {
  const cells = rows.map((row) => [
    row.id,
    String(row.iteration),
    `${row.methods.join(',')} ${row.path}`,
    row.fix,
    row.providers.join(',') || '-',
    String(row.cmdlets),
    row.title,
  ]);
  const widths = HEADERS.map((header, column) => Math.max(header.length, ...cells.map((line) => line[column]!.length)));
  const format = (line: readonly string[]): string =>
    line
      .map((cell, column) => (column === line.length - 1 ? cell : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  return `${[format(HEADERS), ...cells.map(format)].join('\n')}\n`;
}
