import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/errors.js';
import { REPORT_FORMATS } from '../../src/report/index.js';
import { writeProject } from '../helpers/temp-project.js';
import { PLANTED } from './bad-input-files.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(repo, 'dist/cli.js');

let cleanup = (): void => {};
afterEach(() => cleanup());

beforeAll(() => {
  // Build only when a source file is newer than dist/cli.js, as test/cli/cli.test.ts does.
  const built = existsSync(cli) ? statSync(cli).mtimeMs : 0;
  const sources = readdirSync(join(repo, 'src'), { recursive: true, withFileTypes: true });
  if (sources.some((entry) => entry.isFile() && statSync(join(entry.parentPath, entry.name)).mtimeMs > built)) {
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: repo, stdio: 'pipe' });
  }
}, 120_000);

function runCli(args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Writes a project with one finding, one binary file and one symbolic link. */
function project(): string {
  const created = writeProject({ 'call.ps1': PLANTED['.ps1']!, 'target.py': 'print(1)\n' });
  cleanup = created.cleanup;
  writeFileSync(join(created.root, 'blob.ps1'), Buffer.concat([Buffer.from(PLANTED['.ps1']!), Buffer.from([0, 0, 1])]));
  symlinkSync(join(created.root, 'target.py'), join(created.root, 'link.py'));
  return created.root;
}

describe('bad input: command line', () => {
  it('exits 1 on findings and 4 with --strict', () => {
    const root = project();

    expect(runCli(['scan', root, '--quiet']).code).toBe(EXIT.findings);
    expect(runCli(['scan', root, '--quiet', '--strict']).code).toBe(EXIT.skipped);
    expect(runCli(['scan', join(root, 'target.py'), '--quiet', '--strict']).code).toBe(EXIT.clean);
  });

  it('lists each skip in every format', () => {
    const root = project();

    for (const format of REPORT_FORMATS) {
      const { code, stdout } = runCli(['scan', root, '--format', format, '--strict']);
      expect(code, format).toBe(EXIT.skipped);
      expect(stdout, format).toContain('blob.ps1');
      expect(stdout, format).toContain('binary file');
      expect(stdout, format).toContain('link.py');
      expect(stdout, format).toContain('symbolic link, not followed');
    }
  });

  it('follows links with --follow-links', () => {
    const root = project();
    writeFileSync(join(root, 'target.py'), PLANTED['.py']!);

    const { stdout } = runCli(['scan', root, '--format', 'json', '--follow-links']);
    const report = JSON.parse(stdout) as { findings: Array<{ file: string }>; skipped: Array<{ file: string }> };

    expect([...new Set(report.findings.map((finding) => finding.file))].sort()).toEqual(['call.ps1', 'link.py', 'target.py']);
    expect(report.skipped.map((entry) => entry.file)).toEqual(['blob.ps1']);
  });
});
