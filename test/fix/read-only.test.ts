import { chmodSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../cli/run-in-process.js';
import { CASES_DIR, copyCase, loadCases } from './codemod-cases.js';

describe('fix --write on a read-only file', () => {
  it('reports the file and leaves it unchanged', async () => {
    // Any case whose fix changes the file will do; the first one with a fix is used.
    const testCase = loadCases().find((candidate) => candidate.expected.fixed > 0)!;
    const { dir, path } = copyCase(testCase, testCase.input);
    try {
      chmodSync(path, 0o444);
      const run = await runInProcess(['fix', dir, '--write', '--tier', testCase.expected.tier, '--allow-dirty']);

      expect(readFileSync(path, 'utf8')).toBe(readFileSync(join(CASES_DIR, testCase.name, testCase.input), 'utf8'));
      expect(run.stderr).toMatch(/warning: .*read-only file, not written/);
      expect(run.code).toBe(1);
    } finally {
      chmodSync(path, 0o644);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
