import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jsonReporter } from '../../src/report/json.js';
import { makeFinding, makeResult } from '../report/sample-result.js';
import { runInProcess } from './run-in-process.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pim-merge-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Writes the JSON report of a scan of `root` with `count` findings and returns its path. */
function writeReport(file: string, root: string, count: number): string {
  const findings = Array.from({ length: count }, (_, index) => makeFinding({ line: index + 1 }));
  const path = join(dir, file);
  writeFileSync(path, jsonReporter.render(makeResult(root, findings), { toolVersion: '1.0.0', color: false }));
  return path;
}

describe('pim-migrate merge', () => {
  it('prefixes files with the root folder name and adds counts', async () => {
    const a = writeReport('a.json', '/ci/work/api', 2);
    const b = writeReport('b.json', '/ci/work/portal', 1);
    const { code, stdout } = await runInProcess(['merge', a, b, '--format', 'json']);
    const merged = JSON.parse(stdout);

    expect(code).toBe(0);
    expect(merged.findings.map((finding: { file: string }) => finding.file)).toEqual(['api/src/pim.ts', 'api/src/pim.ts', 'portal/src/pim.ts']);
    expect(merged.summary.findings).toBe(3);
  });

  it('takes names from --name', async () => {
    const a = writeReport('a.json', '/ci/work/repo', 1);
    const b = writeReport('b.json', '/other/repo', 1);
    const { stdout } = await runInProcess(['merge', a, b, '--format', 'json', '--name', 'first', '--name', 'second']);
    expect(JSON.parse(stdout).findings.map((finding: { file: string }) => finding.file)).toEqual(['first/src/pim.ts', 'second/src/pim.ts']);
  });

  it('rejects two reports with one name', async () => {
    const a = writeReport('a.json', '/ci/work/repo', 1);
    const b = writeReport('b.json', '/other/repo', 1);
    const { code, stderr } = await runInProcess(['merge', a, b]);
    expect(code).toBe(2);
    expect(stderr).toContain(`error: the reports ${a} and ${b} are both named "repo"`);
  });

  it('rejects an invalid report by name', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ schemaVersion: 1, tool: { name: 'pim-migrate', version: '1' }, root: '/x' }));
    const { code, stderr } = await runInProcess(['merge', bad]);
    expect(code).toBe(2);
    expect(stderr).toContain(`error: invalid report ${bad}: `);
    expect(stderr).toContain('findings');
  });

  it('rejects a file that is not JSON', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, 'nope');
    const { code, stderr } = await runInProcess(['merge', bad]);
    expect(code).toBe(2);
    expect(stderr).toContain(`error: cannot read the report ${bad}`);
  });

  it('writes text to --output', async () => {
    const a = writeReport('a.json', '/ci/work/api', 1);
    const out = join(dir, 'merged.txt');
    await runInProcess(['merge', a, '--format', 'text', '--output', out]);
    expect(readFileSync(out, 'utf8')).toContain('api/src/pim.ts');
  });

  it('renders markdown by default', async () => {
    const a = writeReport('a.json', '/ci/work/api', 1);
    const { code, stdout } = await runInProcess(['merge', a]);
    expect(code).toBe(0);
    expect(stdout).toContain('api/src/pim.ts');
  });
});
