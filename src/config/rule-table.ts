import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { usageError, ruleFileError } from '../errors.js';
import { cmdletFamilyOf } from '../match/cmdlet-index.js';
import { loadRuleTable, parseYamlFile, type RuleTable } from '../rules/load.js';
import { ruleSchema, type Rule } from '../rules/schema.js';
import { z } from 'zod';

/**
 * A user rule file: the built-in schema, except that `tests` may be left out. The built-in
 * rules keep their required tests because `loadRuleTable` validates them with the strict schema.
 */
const userRuleSchema = ruleSchema.extend({ tests: ruleSchema.shape.tests.optional() });
const userRuleFileSchema = z.strictObject({ rules: z.array(userRuleSchema).min(1) });

/**
 * Loads the rule table (built-in or `rulesDir`) and adds the rules of the user's own rule files.
 * A user rule with the id of another rule is an error naming both files.
 */
export function loadRuleTableWithUserFiles(rulesDir: string | undefined, userFiles: readonly string[]): RuleTable {
  const table = loadRuleTable(rulesDir);
  for (const file of userFiles) {
    const display = relative(process.cwd(), file) || file;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw usageError(`cannot read the rule file ${display}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, 'Check the path under "ruleFiles" in the config file; it is relative to the config file.');
    }
    const parsed = parseYamlFile(file, text, userRuleFileSchema, display);
    for (const rule of parsed.rules) {
      const earlier = table.sources.get(rule.id);
      if (earlier) {
        throw ruleFileError(display, 1, 1, `duplicate rule id "${rule.id}" (also in ${earlier})`, 'Give each rule its own id.');
      }
      for (const cmdlet of rule.operation.cmdlets ?? []) {
        if (!cmdletFamilyOf(cmdlet, table.cmdletFamilies)) {
          const { line, column } = positionOf(text, cmdlet);
          throw ruleFileError(
            display,
            line,
            column,
            `cmdlet ${cmdlet} of rule ${rule.id} matches no module family`,
            `Name a cmdlet of a known module (${table.cmdletFamilies.map((family) => family.module).join(', ')}), for example Get-AzureADMSPrivilegedRoleAssignment.`,
          );
        }
      }
      table.sources.set(rule.id, display);
      // Rules without tests get empty lists; only the rule-table tests read them.
      const complete: Rule = { ...rule, tests: rule.tests ?? { match: [], noMatch: [] } };
      table.rules.push(complete);
    }
  }
  return table;
}

/** Line and column (1-based) of the first occurrence of `word` in `text`, or 1:1. */
function positionOf(text: string, word: string): { line: number; column: number } {
  const offset = text.indexOf(word);
  if (offset === -1) {
    return { line: 1, column: 1 };
  }
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}
