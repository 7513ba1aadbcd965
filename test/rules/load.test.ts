import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILTIN_RULES_DIR, loadRuleTable } from '../../src/rules/load.js';
import { PimMigrateError } from '../../src/errors.js';
import { writeProject } from '../helpers/temp-project.js';
import { ruleFile } from '../helpers/rule-file.js';

let cleanup = (): void => {};
afterEach(() => cleanup());

const support = Object.fromEntries(['hosts.yaml', 'cmdlet-families.yaml', 'sdk-chains.yaml'].map((name) => [name, readFileSync(join(BUILTIN_RULES_DIR, name), 'utf8')]));

const validRule = ruleFile('pim2-test-rule', 'Test rule');

function loadError(files: Record<string, string>): PimMigrateError {
  const project = writeProject({ ...support, ...files });
  cleanup = project.cleanup;
  try {
    loadRuleTable(project.root);
  } catch (error) {
    if (error instanceof PimMigrateError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected the rule table to be rejected');
}

describe('loadRuleTable', () => {
  it('loads the built-in rules', () => {
    const table = loadRuleTable();
    expect(table.rules.length).toBeGreaterThan(50);
    expect(new Set(table.rules.map((rule) => rule.id)).size).toBe(table.rules.length);
  });

  it('loads a valid custom rule folder', () => {
    const project = writeProject({ ...support, 'mine.yaml': validRule });
    cleanup = project.cleanup;
    expect(loadRuleTable(project.root).rules.map((rule) => rule.id)).toEqual(['pim2-test-rule']);
  });

  it('reports an unknown key with its file and line', () => {
    const error = loadError({ 'mine.yaml': validRule.replace('    fix: manual', '    fix: manual\n    severity: high') });
    expect(error.message).toMatch(/(^|\/)mine\.yaml:12:5: unknown key "severity"/);
    expect(error.exitCode).toBe(2);
    expect(error.help).toMatch(/spelling/);
  });

  it('reports an invalid value at its line', () => {
    const error = loadError({ 'mine.yaml': validRule.replace('fix: manual', 'fix: automatic') });
    expect(error.message).toMatch(/(^|\/)mine\.yaml:11:10: .*rules\.0\.fix/);
  });

  it('reports YAML syntax errors', () => {
    const error = loadError({ 'mine.yaml': 'rules:\n  - id: [unclosed\n' });
    expect(error.message).toMatch(/(^|\/)mine\.yaml:\d+:\d+: invalid YAML/);
  });

  it('rejects custom tags', () => {
    const error = loadError({ 'mine.yaml': validRule.replace('title: Test rule', 'title: !!js/function "x"') });
    expect(error.message).toMatch(/mine\.yaml:3:\d+/);
  });

  it('rejects duplicate rule ids across files', () => {
    const error = loadError({ 'a.yaml': validRule, 'b.yaml': validRule });
    expect(error.message).toMatch(/duplicate rule id "pim2-test-rule"/);
  });

  it('requires a Graph version on Graph replacements', () => {
    const rule = validRule.replace('replacements: []', 'replacements:\n          - { api: graph, method: GET, path: /x }');
    expect(loadError({ 'mine.yaml': rule }).message).toMatch(/needs "version"/);
  });

  it('reports a missing hosts.yaml', () => {
    const project = writeProject({ 'mine.yaml': validRule, 'cmdlet-families.yaml': support['cmdlet-families.yaml']!, 'sdk-chains.yaml': support['sdk-chains.yaml']! });
    cleanup = project.cleanup;
    expect(() => loadRuleTable(project.root)).toThrow(/missing hosts.yaml/);
  });
});
