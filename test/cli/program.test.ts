import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import type { CliIo } from '../../src/cli/io.js';
import { pathNotFoundError } from '../../src/errors.js';
import { BUILTIN_RULES_DIR } from '../../src/rules/load.js';
import type { ScanOptions, ScanResult } from '../../src/model/scan-result.js';
import { makeFinding, makeResult } from '../report/sample-result.js';

/** Runs the CLI in-process with a fake scan that `scanImpl` implements. */
async function run(args: string[], scanImpl: (options: ScanOptions) => Promise<ScanResult>, env: NodeJS.ProcessEnv = {}) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const calls: ScanOptions[] = [];
  const io: CliIo = {
    stdout: { write: (text: string) => stdout.push(text), isTTY: false },
    stderr: { write: (text: string) => stderr.push(text), isTTY: false },
    env,
    scan: (options) => {
      calls.push(options);
      return scanImpl(options);
    },
  };
  const code = await runCli(['node', 'pim-migrate', ...args], io);
  return { code, stdout: stdout.join(''), stderr: stderr.join(''), calls };
}

const clean = async () => makeResult('/nowhere', []);
const dirty = async () => makeResult('/nowhere', [makeFinding()]);

describe('runCli', () => {
  it('passes options to the scan', async () => {
    const { code, calls } = await run(
      ['scan', 'a', 'b', '--include', '*.ts', '--include', '*.ps1', '--exclude', 'vendor/', '--rules', BUILTIN_RULES_DIR, '--max-file-size', '512k'],
      clean,
    );

    expect(code).toBe(0);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      paths: ['a', 'b'],
      include: ['*.ts', '*.ps1'],
      exclude: ['vendor/'],
      rulesDir: BUILTIN_RULES_DIR,
      maxFileSize: 512 * 1024,
    });
    expect(calls[0]?.onProgress).toBeUndefined();
  });

  it('uses defaults without options', async () => {
    const { calls } = await run(['scan'], clean);
    expect(calls[0]).toMatchObject({ paths: ['.'], include: undefined, exclude: undefined, rulesDir: undefined, maxFileSize: 5242880 });
  });

  it('exits 1 with findings', async () => {
    const { code, stdout } = await run(['scan'], dirty);
    expect(code).toBe(1);
    expect(stdout).toContain('pim2-role-assignment-requests-create');
  });

  it('writes JSON with --format json', async () => {
    const { stdout } = await run(['scan', '--format', 'json'], dirty);
    expect(JSON.parse(stdout).findings).toHaveLength(1);
  });

  it('rejects an unknown format before scanning', async () => {
    const { code, stderr, calls } = await run(['scan', '--format', 'xml'], clean);

    expect(code).toBe(2);
    expect(calls).toHaveLength(0);
    expect(stderr).toContain('error: unknown report format "xml"');
    expect(stderr).toContain('help: Use --format with one of: text, json');
  });

  it('rejects an invalid size', async () => {
    const { code, stderr, calls } = await run(['scan', '--max-file-size', 'huge'], clean);

    expect(code).toBe(2);
    expect(calls).toHaveLength(0);
    expect(stderr).toContain('error: invalid --max-file-size value "huge"');
  });

  it('prints catalogue errors with their help', async () => {
    const { code, stderr } = await run(['scan', 'gone'], async () => {
      throw pathNotFoundError('/x/gone');
    });

    expect(code).toBe(2);
    expect(stderr).toBe('error: scan path not found: /x/gone\nhelp: Pass an existing file or folder, relative to the current folder or absolute.\n');
  });

  it('exits 3 on an internal error', async () => {
    const { code, stderr } = await run(['scan'], async () => {
      throw new TypeError('boom');
    });

    expect(code).toBe(3);
    expect(stderr).toContain('internal error: boom\n');
    expect(stderr).toMatch(/Please report this with the command you ran, the file that triggered it and the version \(pim-migrate \d+\.\d+\.\d+\), at the issue tracker that `npm bugs pim-migrate` opens\./);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('prints the stack with PIM_MIGRATE_DEBUG=1', async () => {
    const { stderr } = await run(
      ['scan'],
      async () => {
        throw new TypeError('boom');
      },
      { PIM_MIGRATE_DEBUG: '1' },
    );
    expect(stderr).toMatch(/TypeError: boom\n\s+at /);
  });

  it('rejects a missing rule folder', async () => {
    const { code, stderr, calls } = await run(['scan', '--rules', '/no/such/rules'], clean);

    expect(code).toBe(2);
    expect(calls).toHaveLength(0);
    expect(stderr).toContain('error: rule folder not found: /no/such/rules');
  });

  it('exits 2 on an unknown option', async () => {
    const { code, stderr } = await run(['scan', '--frobnicate'], clean);
    expect(code).toBe(2);
    expect(stderr).toContain("unknown option '--frobnicate'");
    expect(stderr).toContain('help: add --help');
  });

  it('exits 2 on an unknown command', async () => {
    const { code } = await run(['lint'], clean);
    expect(code).toBe(2);
  });

  it('exits 2 without a command', async () => {
    const { code } = await run([], clean);
    expect(code).toBe(2);
  });

  it('documents exit codes in help', async () => {
    const { code, stdout } = await run(['scan', '--help'], clean);

    expect(code).toBe(0);
    expect(stdout).toContain('--max-file-size <size>');
    expect(stdout).toContain('Exit codes:');
    expect(stdout).toContain('3  internal error');
  });

  it('prints the package version', async () => {
    const { code, stdout } = await run(['--version'], clean);
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
