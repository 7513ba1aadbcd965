import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(repo, 'dist/cli.js');
const version = (JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string }).version;

let work: string;
let dirty: string;
let clean: string;

/** Runs the built CLI with stdout and stderr piped, without colour or CI variables from the outer shell. */
function runCli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const { NO_COLOR, CI, PIM_MIGRATE_DEBUG, FORCE_COLOR, ...outer } = process.env;
  void [NO_COLOR, CI, PIM_MIGRATE_DEBUG, FORCE_COLOR];
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: work, env: { ...outer, ...env }, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** True when a file under src/ changed after the last build wrote dist/cli.js. */
function buildIsStale(): boolean {
  if (!existsSync(cli)) return true;
  const built = statSync(cli).mtimeMs;
  const sources = readdirSync(join(repo, 'src'), { recursive: true, withFileTypes: true });
  return sources.some((entry) => entry.isFile() && statSync(join(entry.parentPath, entry.name)).mtimeMs > built);
}

beforeAll(() => {
  // The CLI tests exercise the shipped entry point. `npm test` builds it first, so build here
  // only when a source file is newer than the build.
  if (buildIsStale()) execFileSync('npm', ['run', 'build', '--silent'], { cwd: repo, stdio: 'pipe' });

  work = mkdtempSync(join(tmpdir(), 'pim-cli-'));
  dirty = join(work, 'dirty');
  clean = join(work, 'clean');
  mkdirSync(join(dirty, 'src'), { recursive: true });
  mkdirSync(clean);
  writeFileSync(
    join(dirty, 'src/pim.ts'),
    [
      'export async function settings(client: any) {',
      "  return client.api('/privilegedAccess/aadRoles/roleSettings').version('beta').get();",
      '}',
      '',
    ].join('\n'),
  );
  writeFileSync(join(clean, 'index.ts'), "export const url = 'https://graph.microsoft.com/v1.0/me';\n");
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('pim-migrate CLI', () => {
  it('prints its version', () => {
    const { code, stdout } = runCli(['--version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(version);
  });

  it('documents exit codes in help', () => {
    const { code, stdout } = runCli(['scan', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Exit codes:');
    expect(stdout).toContain('--format <format>');
  });

  it('exits 1 and reports findings', () => {
    const { code, stdout, stderr } = runCli(['scan', 'dirty']);

    expect(code).toBe(1);
    expect(stdout).toContain('src/pim.ts\n');
    expect(stdout).toMatch(/^2:\d+ {2}pim2-/m);
    expect(stdout).toContain("> 2 |   return client.api('/privilegedAccess/aadRoles/roleSettings')");
    expect(stdout).toContain('Summary');
    expect(stdout).not.toContain('\u001b[');
    expect(stderr).toBe('');
  });

  it('exits 0 on a clean folder', () => {
    const { code, stdout } = runCli(['scan', clean]);
    expect(code).toBe(0);
    expect(stdout).toContain('No retired PIM API calls found.');
  });

  it('writes a JSON report', () => {
    const { code, stdout } = runCli(['scan', 'dirty', '--format', 'json']);
    const report = JSON.parse(stdout);

    expect(code).toBe(1);
    expect(report.schemaVersion).toBe(1);
    expect(report.tool).toEqual({ name: 'pim-migrate', version });
    expect(report.root).toBe(dirty);
    expect(report.findings[0].file).toBe('src/pim.ts');
  });

  it('writes the report to --output', () => {
    const target = join(work, 'report.json');
    const { code, stdout } = runCli(['scan', 'dirty', '--format', 'json', '--output', target]);

    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(JSON.parse(readFileSync(target, 'utf8')).findings.length).toBeGreaterThan(0);
    expect(readdirSync(work).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('exits 2 when the output folder is missing', () => {
    const target = join(work, 'missing', 'report.txt');
    const { code, stderr } = runCli(['scan', 'dirty', '-o', target]);

    expect(code).toBe(2);
    expect(stderr).toContain(`error: cannot write the report to ${target}`);
    expect(stderr).toContain('help: ');
    expect(existsSync(join(work, 'missing'))).toBe(false);
  });

  it('exits 2 on a missing scan path', () => {
    const { code, stdout, stderr } = runCli(['scan', 'no-such-folder']);

    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('error: scan path not found:');
    expect(stderr).toContain('no-such-folder');
  });

  it('exits 2 on an unknown format', () => {
    const { code, stderr } = runCli(['scan', 'dirty', '--format', 'sarif-ish']);
    expect(code).toBe(2);
    expect(stderr).toContain('error: unknown report format "sarif-ish"');
    expect(stderr).toContain('text, json');
  });

  it('exits 2 on an invalid size', () => {
    const { code, stderr } = runCli(['scan', 'dirty', '--max-file-size', '5 parsecs']);
    expect(code).toBe(2);
    expect(stderr).toContain('"5 parsecs"');
  });

  it('exits 2 on an unknown option', () => {
    const { code, stderr } = runCli(['scan', '--colour']);
    expect(code).toBe(2);
    expect(stderr).toContain("error: unknown option '--colour'");
  });

  it('skips files over --max-file-size', () => {
    const { code, stdout } = runCli(['scan', 'dirty', '--max-file-size', '10', '--format', 'json']);
    const report = JSON.parse(stdout);

    expect(code).toBe(0);
    expect(report.skipped.map((entry: { file: string }) => entry.file)).toEqual(['src/pim.ts']);
  });

  it('honours --include', () => {
    const { code } = runCli(['scan', 'dirty', '--include', '*.ps1']);
    expect(code).toBe(0);
  });

  it('honours --exclude', () => {
    const { code } = runCli(['scan', 'dirty', '--exclude', 'src/']);
    expect(code).toBe(0);
  });

  // `script` (util-linux) gives the CLI a terminal, which progress and colour need.
  const hasScript = spawnSync('script', ['--version']).status === 0;

  it.skipIf(!hasScript)('draws progress on a terminal', () => {
    const command = `"${process.execPath}" "${cli}" scan dirty > /dev/null`;
    const result = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: work, encoding: 'utf8', env: { ...process.env, CI: '' } });

    expect(result.stdout).toContain('\rscanning 1/1 files, 1 finding\u001b[K');
    expect(result.stdout.endsWith('\r\u001b[K')).toBe(true);
  });

  it.skipIf(!hasScript)('stays quiet on a terminal in CI', () => {
    const command = `"${process.execPath}" "${cli}" scan dirty > /dev/null`;
    const result = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: work, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
    expect(result.stdout).not.toContain('scanning');
  });

  it.skipIf(!hasScript)('colours a terminal unless NO_COLOR', () => {
    const command = `"${process.execPath}" "${cli}" scan dirty`;
    const coloured = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: work, encoding: 'utf8', env: { ...process.env, NO_COLOR: '', CI: 'true' } });
    const plain = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: work, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: 'true' } });
    const flagged = spawnSync('script', ['-qec', `${command} --no-color`, '/dev/null'], { cwd: work, encoding: 'utf8', env: { ...process.env, NO_COLOR: '', CI: 'true' } });

    expect(coloured.stdout).toContain('\u001b[');
    expect(plain.stdout).not.toContain('\u001b[');
    expect(flagged.stdout).not.toContain('\u001b[');
    expect(plain.stdout).toContain('src/pim.ts');
  });

  it('survives a reader that closes the pipe', () => {
    const many = join(work, 'many');
    mkdirSync(many);
    for (let index = 0; index < 200; index++) {
      writeFileSync(join(many, `f${index}.ts`), "client.api('/privilegedAccess/aadRoles/roleSettings').get();\n");
    }
    const result = spawnSync('sh', ['-c', `"${process.execPath}" "${cli}" scan many | head -c 10`], { cwd: work, encoding: 'utf8' });

    expect(result.stdout.length).toBe(10);
    expect(result.stderr).not.toContain('EPIPE');
  });
});
