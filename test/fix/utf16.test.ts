import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../cli/run-in-process.js';
import { CASES_DIR, copyCase, loadCases } from './codemod-cases.js';

describe('fix --write on a UTF-16 file', () => {
  it.each([
    ['with a byte-order mark', true],
    ['without a byte-order mark', false],
  ])('leaves it unchanged %s', async (_name, bom) => {
    const testCase = loadCases().find((candidate) => candidate.expected.fixed > 0 && candidate.input.endsWith('.ts'))!;
    const { dir, path } = copyCase(testCase, testCase.input);
    try {
      const text = Buffer.from(readFileSync(join(CASES_DIR, testCase.name, testCase.input), 'utf8'), 'utf16le');
      const bytes = bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), text]) : text;
      writeFileSync(path, bytes);

      const run = await runInProcess(['fix', dir, '--write', '--tier', 'suggestion', '--allow-dirty']);

      expect(readFileSync(path).equals(bytes)).toBe(true);
      expect(run.stderr).toContain('the file is UTF-16');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
