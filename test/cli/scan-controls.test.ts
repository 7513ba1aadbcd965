import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeFinding, makeResult } from '../report/sample-result.js';
import { runInProcess } from './run-in-process.js';

const twoFindings = async () =>
  makeResult('/nowhere', [
    makeFinding({ fix: 'manual', confidence: 'low', severity: 'note', line: 9, ruleId: 'pim2-role-settings-list' }),
    makeFinding({ fix: 'suggestion', confidence: 'high', severity: 'warning' }),
  ]);
const onlyManualLow = async () => makeResult('/nowhere', [makeFinding({ fix: 'manual', confidence: 'low', severity: 'note' })]);
const suppressedOnly = async () => makeResult('/nowhere', [makeFinding({ suppression: { kind: 'inSource', justification: 'reviewed', line: 1 } })]);

let out: string;
beforeEach(() => {
  out = mkdtempSync(join(tmpdir(), 'pim-controls-'));
});
afterEach(() => rmSync(out, { recursive: true, force: true }));

describe('scan --fail-on', () => {
  it('exits 0 when no finding reaches the threshold', async () => {
    expect((await runInProcess(['scan', '--fail-on', 'high'], onlyManualLow)).code).toBe(0);
    expect((await runInProcess(['scan', '--fail-on', 'suggestion'], onlyManualLow)).code).toBe(0);
    expect((await runInProcess(['scan', '--fail-on', 'warning'], onlyManualLow)).code).toBe(0);
  });

  it('exits 1 when a finding reaches the threshold', async () => {
    expect((await runInProcess(['scan', '--fail-on', 'manual'], onlyManualLow)).code).toBe(1);
    expect((await runInProcess(['scan', '--fail-on', 'low'], onlyManualLow)).code).toBe(1);
  });

  it('exits 0 with none', async () => {
    expect((await runInProcess(['scan', '--fail-on', 'none'], twoFindings)).code).toBe(0);
  });

  it('exits 0 when every finding is suppressed', async () => {
    expect((await runInProcess(['scan'], suppressedOnly)).code).toBe(0);
  });

  it('rejects an unknown threshold with exit 2', async () => {
    const { code, stderr } = await runInProcess(['scan', '--fail-on', 'critical'], twoFindings);
    expect(code).toBe(2);
    expect(stderr).toContain('--fail-on');
    expect(stderr).toContain('critical');
  });
});

describe('scan --quiet', () => {
  it('prints only failing findings to stdout', async () => {
    const { code, stdout, stderr } = await runInProcess(['scan', '--quiet', '--fail-on', 'high'], twoFindings);
    expect(code).toBe(1);
    expect(stdout).toContain('pim2-role-assignment-requests-create');
    expect(stdout).not.toContain('pim2-role-settings-list');
    expect(stderr).toBe('');
  });

  it('prints nothing when no finding fails', async () => {
    const { code, stdout, stderr } = await runInProcess(['scan', '--quiet', '--fail-on', 'none'], twoFindings);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toBe('');
  });

  it('writes the full report to --output', async () => {
    const file = join(out, 'report.json');
    const { stdout } = await runInProcess(['scan', '--quiet', '--fail-on', 'none', '--format', 'json', '--output', file], twoFindings);
    expect(stdout).toBe('');
    expect(JSON.parse(readFileSync(file, 'utf8')).findings).toHaveLength(2);
  });
});

describe('scan with several outputs', () => {
  it('pairs each --format with its --output', async () => {
    const json = join(out, 'a.json');
    const text = join(out, 'a.txt');
    const { stdout } = await runInProcess(['scan', '--format', 'json', '--output', json, '--format', 'text', '--output', text], twoFindings);
    expect(stdout).toBe('');
    expect(JSON.parse(readFileSync(json, 'utf8')).findings).toHaveLength(2);
    expect(readFileSync(text, 'utf8')).toContain('Summary');
  });

  it('prints a format without an output to stdout', async () => {
    const json = join(out, 'a.json');
    const { stdout } = await runInProcess(['scan', '--format', 'json', '--output', json, '--format', 'text'], twoFindings);
    expect(existsSync(json)).toBe(true);
    expect(stdout).toContain('Summary');
  });

  it('rejects two formats on stdout', async () => {
    const { code, stderr, calls } = await runInProcess(['scan', '--format', 'json', '--format', 'text'], twoFindings);
    expect(code).toBe(2);
    expect(calls).toHaveLength(0);
    expect(stderr).toContain('error: 2 formats (json, text) would all print to stdout');
  });

  it('rejects more outputs than formats', async () => {
    const { code, stderr } = await runInProcess(['scan', '--format', 'json', '--output', join(out, 'a'), '--output', join(out, 'b')], twoFindings);
    expect(code).toBe(2);
    expect(stderr).toContain('error: 2 --output options but only 1 --format options');
  });

  it('writes text to a lone --output', async () => {
    const text = join(out, 'a.txt');
    await runInProcess(['scan', '--output', text], twoFindings);
    expect(readFileSync(text, 'utf8')).toContain('Summary');
  });

  it('leaves output files out of the scan', async () => {
    const json = join(out, 'a.json');
    const { calls } = await runInProcess(['scan', '--format', 'json', '--output', json], twoFindings);
    expect(calls[0]?.ignoreFiles).toEqual([json]);
  });
});

describe('text report suppressions', () => {
  it('leaves suppressed findings out and counts them', async () => {
    const { stdout } = await runInProcess(['scan'], suppressedOnly);
    expect(stdout).toContain('No retired PIM API calls found.');
    expect(stdout).toContain('Suppressed findings: 1 by pim-migrate-ignore comments, 0 by the baseline');
  });

  it('keeps suppressed findings in JSON', async () => {
    const { stdout } = await runInProcess(['scan', '--format', 'json'], suppressedOnly);
    expect(JSON.parse(stdout).findings[0].suppression).toEqual({ kind: 'inSource', justification: 'reviewed', line: 1 });
  });
});
