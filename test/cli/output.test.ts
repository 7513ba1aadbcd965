import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/cli/output.js';
import { PimMigrateError } from '../../src/errors.js';

let folder: string;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'pim-output-'));
});

afterEach(() => {
  chmodSync(folder, 0o755);
  rmSync(folder, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('writes a new file', async () => {
    const target = join(folder, 'report.json');
    await writeFileAtomic(target, '{}\n');
    expect(readFileSync(target, 'utf8')).toBe('{}\n');
    expect(readdirSync(folder)).toEqual(['report.json']);
  });

  it('replaces an existing file', async () => {
    const target = join(folder, 'report.txt');
    writeFileSync(target, 'old');
    await writeFileAtomic(target, 'new');
    expect(readFileSync(target, 'utf8')).toBe('new');
  });

  it('raises outputWriteError for a missing folder', async () => {
    const target = join(folder, 'no-such-folder', 'report.json');
    await expect(writeFileAtomic(target, 'x')).rejects.toSatisfy(
      (error: unknown) => error instanceof PimMigrateError && error.code === 'output-write' && error.message.includes(target),
    );
  });

  it('removes the temporary file when the rename fails', async () => {
    const target = join(folder, 'taken');
    mkdirSync(join(target, 'child'), { recursive: true });

    await expect(writeFileAtomic(target, 'x')).rejects.toBeInstanceOf(PimMigrateError);
    expect(readdirSync(folder)).toEqual(['taken']);
  });

  it.skipIf(process.getuid?.() === 0)('reports a read-only folder', async () => {
    chmodSync(folder, 0o555);
    await expect(writeFileAtomic(join(folder, 'r.json'), 'x')).rejects.toThrow(/permission denied/);
  });
});
