import { copyFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

export const CASES_DIR = resolve(import.meta.dirname, '../../fixtures/codemods');
export const REPO_ROOT = resolve(import.meta.dirname, '../..');

export interface ExpectedRequest {
  method: string;
  path: string;
  body?: Record<string, string>;
}

export interface CodemodCase {
  name: string;
  input: string;
  output: string;
  expected: {
    tier: 'safe' | 'suggestion';
    fixed: number;
    left: { ruleId: string; reason: string }[];
    /** Calls with a fix above `tier`, left unchanged, and the text of their reason. */
    suggested?: { ruleId: string; reason: string }[];
    run?: { before: ExpectedRequest[]; after: ExpectedRequest[] };
  };
}

export function loadCases(): CodemodCase[] {
  return readdirSync(CASES_DIR).sort().map((name) => {
    const files = readdirSync(join(CASES_DIR, name));
    const input = files.find((file) => file.startsWith('input.'))!;
    const output = files.find((file) => file.startsWith('output.'))!;
    return { name, input, output, expected: parse(readFileSync(join(CASES_DIR, name, 'expected.yaml'), 'utf8')) as CodemodCase['expected'] };
  });
}

/** Copies one file of a case to a new temporary folder under the name `input.<ext>`, with node_modules linked. */
export function copyCase(testCase: CodemodCase, file: string): { dir: string; path: string } {
  const dir = mkdtempSync(join(tmpdir(), `pim-fix-${testCase.name}-`));
  const path = join(dir, testCase.input);
  copyFileSync(join(CASES_DIR, testCase.name, file), path);
  return { dir, path };
}

export function linkNodeModules(dir: string): void {
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
}

export { cpSync };
