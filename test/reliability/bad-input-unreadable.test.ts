import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { scan } from '../../src/scan.js';
import { expectSkipsInEveryReport, filesWithFindings, PLANTED, projectOf, skipReasonOf } from './bad-input-files.js';

/**
 * Permission errors, simulated in the file system module, because tests run as root in CI and
 * root reads a chmod 000 file anyway (the chmod test in bad-input-links runs for other users).
 */
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const denied = (path: unknown): boolean => /locked/.test(String(path));
  const eacces = (path: unknown): Error => Object.assign(new Error(`EACCES: permission denied, open '${String(path)}'`), { code: 'EACCES' });
  const readdirSync = ((path: Parameters<typeof fs.readdirSync>[0], options?: Parameters<typeof fs.readdirSync>[1]) => {
    if (denied(path)) throw eacces(path);
    return fs.readdirSync(path, options as never);
  }) as typeof fs.readdirSync;
  const openSync = ((path: Parameters<typeof fs.openSync>[0], ...rest: unknown[]) => {
    if (denied(path)) throw eacces(path);
    return fs.openSync(path, ...(rest as [never]));
  }) as typeof fs.openSync;
  const readFileSync = ((path: Parameters<typeof fs.readFileSync>[0], options?: unknown) => {
    if (denied(path)) throw eacces(path);
    return fs.readFileSync(path, options as never);
  }) as typeof fs.readFileSync;
  return { ...fs, default: { ...fs, readdirSync, openSync, readFileSync }, readdirSync, openSync, readFileSync };
});

describe('bad input: unreadable files and folders', () => {
  it('lists them as skipped and scans the rest', async () => {
    const root = projectOf({ 'locked.ps1': PLANTED['.ps1']!, 'open.py': PLANTED['.py']! });
    mkdirSync(join(root, 'locked-dir'));
    writeFileSync(join(root, 'locked-dir', 'inner.ps1'), PLANTED['.ps1']!);

    const result = await scan({ paths: [root] });

    expect(skipReasonOf(result, 'locked.ps1')).toBe('not readable: EACCES');
    expect(skipReasonOf(result, 'locked-dir')).toBe('folder not readable: EACCES');
    expect(filesWithFindings(result)).toEqual(['open.py']);
    expectSkipsInEveryReport(result);
  });
});
