import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../cli/run-in-process.js';
import { CASES_DIR, copyCase, loadCases } from './codemod-cases.js';

describe.each(loadCases())('codemod $name', (testCase) => {
  it('writes the expected output', async () => {
    const { dir, path } = copyCase(testCase, testCase.input);
    try {
      const run = await runInProcess(['fix', dir, '--write', '--tier', testCase.expected.tier]);
      expect(run.stderr).not.toContain('internal error');
      expect(readFileSync(path, 'utf8')).toBe(readFileSync(join(CASES_DIR, testCase.name, testCase.output), 'utf8'));
      const fixedCount = (run.stderr.match(/(\d+) fixed/g) ?? []).reduce((sum, match) => sum + Number.parseInt(match, 10), 0);
      expect(fixedCount).toBe(testCase.expected.fixed);
      const notFixed = [...testCase.expected.left.map((left) => ({ ...left, status: 'left' })), ...(testCase.expected.suggested ?? []).map((suggested) => ({ ...suggested, status: 'suggested' }))];
      for (const expected of notFixed) {
        const line = run.stderr.split('\n').find((text) => text.includes(expected.ruleId) && text.includes(`[${expected.status}]`));
        expect(line, run.stderr).toContain(expected.reason);
      }
      expect(run.code).toBe(notFixed.length > 0 ? 1 : 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('changes nothing on its output', async () => {
    const { dir, path } = copyCase(testCase, testCase.output);
    try {
      const before = readFileSync(path, 'utf8');
      const run = await runInProcess(['fix', dir, '--write', '--tier', testCase.expected.tier, '--annotate']);
      const annotated = readFileSync(path, 'utf8');
      const again = await runInProcess(['fix', dir, '--write', '--tier', testCase.expected.tier, '--annotate']);
      expect(again.stdout).toBe('');
      expect(readFileSync(path, 'utf8')).toBe(annotated);
      if (testCase.expected.left.length === 0 && !testCase.expected.suggested?.length) {
        expect(run.stdout).toBe('');
        expect(annotated).toBe(before);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
