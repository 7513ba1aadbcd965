import { readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NEW_CALL, OLD_CALL, tempFolder, writeFiles } from '../fix/temp-project.js';
import { runInProcess } from './run-in-process.js';

const WRITE = ['--write', '--tier', 'suggestion'];
/** The scan options that choose files; fix must pass the same values as scan. */
const SELECTION_KEYS = ['paths', 'include', 'exclude', 'rulesDir', 'ruleFiles', 'ruleSettings', 'severityDefaults', 'maxFileSize', 'followLinks'] as const;

function selectionOf(options: object): Record<string, unknown> {
  return Object.fromEntries(SELECTION_KEYS.map((key) => [key, (options as Record<string, unknown>)[key]]));
}

describe('fix file selection', () => {
  it('honours the config exclude', async () => {
    const root = tempFolder('pim-fix-config-exclude-');
    writeFiles(root, { 'pim-migrate.config.yaml': 'exclude: ["vendor/"]\n', 'vendor/lib.ts': OLD_CALL, 'src/a.ts': OLD_CALL });

    const run = await runInProcess(['fix', root, ...WRITE]);

    expect(readFileSync(join(root, 'vendor/lib.ts'), 'utf8')).toBe(OLD_CALL);
    expect(readFileSync(join(root, 'src/a.ts'), 'utf8')).toBe(NEW_CALL);
    expect(run.stdout).not.toContain('vendor/lib.ts');
    expect(run.code).toBe(0);
  });

  it('honours the config maxFileSize', async () => {
    const root = tempFolder('pim-fix-config-size-');
    const large = `${OLD_CALL}// ${'x'.repeat(200)}\n`;
    writeFiles(root, { 'pim-migrate.config.yaml': 'maxFileSize: 150\n', 'large.ts': large, 'small.ts': OLD_CALL });

    const run = await runInProcess(['fix', root, ...WRITE]);

    expect(readFileSync(join(root, 'large.ts'), 'utf8')).toBe(large);
    expect(readFileSync(join(root, 'small.ts'), 'utf8')).toBe(NEW_CALL);
    expect(run.stderr).toContain('warning: large.ts: skipped');
  });

  it('passes scan the same selection as scan', async () => {
    const root = tempFolder('pim-fix-same-selection-');
    writeFiles(root, {
      'pim-migrate.config.yaml': 'include: ["src/"]\nexclude: ["src/generated/"]\nmaxFileSize: 64k\nfollowLinks: true\nrules:\n  pim2-role-definitions-list: off\n',
      'src/a.ts': OLD_CALL,
    });

    const scanned = await runInProcess(['scan', root]);
    const fixed = await runInProcess(['fix', root]);

    expect(scanned.calls).toHaveLength(1);
    expect(fixed.calls).toHaveLength(1);
    expect(selectionOf(fixed.calls[0]!)).toEqual(selectionOf(scanned.calls[0]!));
    expect(fixed.calls[0]!.maxFileSize).toBe(64 * 1024);
    expect(fixed.calls[0]!.followLinks).toBe(true);
  });

  it('flags win over the config file', async () => {
    const root = tempFolder('pim-fix-flags-');
    const other = tempFolder('pim-fix-flags-config-');
    writeFiles(root, { 'pim-migrate.config.yaml': 'exclude: ["vendor/"]\n', 'vendor/lib.ts': OLD_CALL, 'src/a.ts': OLD_CALL, 'src/b.ts': OLD_CALL });
    writeFiles(other, { 'other.yaml': 'maxFileSize: 1k\n' });

    const args = ['--config', join(other, 'other.yaml'), '--include', 'vendor/', '--include', 'src/a.ts', '--exclude', 'src/b.ts', '--max-file-size', '2k', '--follow-links'];
    const run = await runInProcess(['fix', root, ...WRITE, ...args]);

    expect(run.calls[0]).toMatchObject({ include: ['vendor/', 'src/a.ts'], exclude: ['src/b.ts'], maxFileSize: 2048, followLinks: true });
    expect(readFileSync(join(root, 'vendor/lib.ts'), 'utf8')).toBe(NEW_CALL);
    expect(readFileSync(join(root, 'src/a.ts'), 'utf8')).toBe(NEW_CALL);
    expect(readFileSync(join(root, 'src/b.ts'), 'utf8')).toBe(OLD_CALL);
  });

  it('follows links with --follow-links', async () => {
    const root = tempFolder('pim-fix-links-');
    writeFiles(root, { 'src/a.ts': OLD_CALL });
    symlinkSync(join(root, 'src'), join(root, 'alias'));

    const withoutFlag = await runInProcess(['fix', root, '--tier', 'suggestion']);
    const withFlag = await runInProcess(['fix', root, '--tier', 'suggestion', '--follow-links']);

    expect(withoutFlag.stderr).toContain('warning: alias: skipped, symbolic link, not followed; use --follow-links');
    expect(withFlag.stderr).not.toContain('use --follow-links');
    expect(withFlag.calls[0]!.followLinks).toBe(true);
  });
});
