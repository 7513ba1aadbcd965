import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFolder } from '../fix/temp-project.js';
import { runInProcess } from './run-in-process.js';

describe.each(['scan', 'fix'])('%s path errors', (command) => {
  it('names a symbolic link loop', async () => {
    const root = tempFolder('pim-scan-path-loop-');
    symlinkSync(join(root, 'loopb'), join(root, 'loopa'));
    symlinkSync(join(root, 'loopa'), join(root, 'loopb'));

    const run = await runInProcess([command, join(root, 'loopa')]);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`cannot open the scan path ${join(root, 'loopa')}: it is a symbolic link loop`);
    expect(run.stderr).not.toContain('not found');
  });

  it('names a link to a missing target', async () => {
    const root = tempFolder('pim-scan-path-dangling-');
    symlinkSync(join(root, 'gone'), join(root, 'link'));

    const run = await runInProcess([command, join(root, 'link')]);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`it is a symbolic link to ${join(root, 'gone')}, which does not exist`);
  });

  it('still says not found for a missing path', async () => {
    const root = tempFolder('pim-scan-path-missing-');

    const run = await runInProcess([command, join(root, 'missing')]);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`scan path not found: ${join(root, 'missing')}`);
  });
});
