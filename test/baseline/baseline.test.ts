import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyBaseline, buildBaseline, readBaseline } from '../../src/baseline/baseline.js';
import { makeFinding, makeResult } from '../report/sample-result.js';
import { writeProject } from '../helpers/temp-project.js';
import { runInProcess } from '../cli/run-in-process.js';

const CALL = "client.api('/privilegedAccess/aadRoles/roleSettings').version('beta').get();";

describe('baseline keys', () => {
  it('match after lines move and whitespace changes', () => {
    const before = buildBaseline([makeFinding({ line: 2, matchedText: '/privilegedAccess/aadRoles/roleAssignmentRequests' })]);
    const moved = makeResult('/r', [makeFinding({ line: 40, column: 3, matchedText: '/privilegedAccess/aadRoles/roleAssignmentRequests' })]);
    expect(applyBaseline(moved, before, 'b.json').matched).toBe(1);
  });

  it('count duplicates in one file', () => {
    const baseline = buildBaseline([makeFinding({ line: 2 })]);
    const twice = makeResult('/r', [makeFinding({ line: 2 }), makeFinding({ line: 5 })]);
    const { result, matched } = applyBaseline(twice, baseline, 'b.json');
    expect(matched).toBe(1);
    expect(result.findings[0]?.suppression).toEqual({ kind: 'external', justification: 'baseline b.json' });
    expect(result.findings[1]?.suppression).toBeUndefined();
  });

  it('differ by rule id and file', () => {
    const baseline = buildBaseline([makeFinding()]);
    const other = makeResult('/r', [makeFinding({ ruleId: 'pim2-other' }), makeFinding({ file: 'src/other.ts' })]);
    expect(applyBaseline(other, baseline, 'b.json').matched).toBe(0);
  });

  it('leave out findings suppressed in the source', () => {
    expect(buildBaseline([makeFinding({ suppression: { kind: 'inSource', justification: 'r', line: 1 } })]).entries).toEqual([]);
  });
});

describe('readBaseline', () => {
  let cleanup = (): void => undefined;
  afterEach(() => cleanup());

  it.each([
    ['not json', /not JSON/],
    ['{"version": 2, "tool": "pim-migrate", "entries": []}', /invalid baseline file .*: .* at "version"/],
    ['{"version": 1, "tool": "pim-migrate", "entries": [{"ruleId": "x"}]}', /at "entries\.0\.file"/],
  ])('rejects %s', (text, message) => {
    const project = writeProject({ 'b.json': text });
    cleanup = project.cleanup;
    expect(() => readBaseline(join(project.root, 'b.json'))).toThrow(message);
  });
});

describe('scan --baseline', () => {
  let cleanup = (): void => undefined;
  afterEach(() => cleanup());

  it('accepts known findings and fails on new ones', async () => {
    const project = writeProject({ 'src/a.ts': `export const f = (client: any) => ${CALL}\n` });
    cleanup = project.cleanup;
    const baselineFile = join(project.root, 'pim-baseline.json');

    const update = await runInProcess(['scan', project.root, '--baseline', baselineFile, '--update-baseline']);
    expect(update.code).toBe(0);
    expect(update.stderr).toContain(`Wrote 1 findings to the baseline ${baselineFile}.`);
    const written = JSON.parse(readFileSync(baselineFile, 'utf8'));
    expect(written).toMatchObject({ version: 1, tool: 'pim-migrate' });
    expect(written.entries).toHaveLength(1);

    // Moving the call down does not make it new.
    writeFileSync(join(project.root, 'src/a.ts'), `// a new header line\n\nexport const f = (client: any) =>\n  ${CALL}\n`);
    const same = await runInProcess(['scan', project.root, '--baseline', baselineFile, '--format', 'json']);
    expect(same.code).toBe(0);
    expect(JSON.parse(same.stdout).findings[0].suppression).toEqual({ kind: 'external', justification: `baseline ${baselineFile}` });

    writeFileSync(join(project.root, 'src/b.ts'), `export const g = (client: any) => ${CALL}\n`);
    const added = await runInProcess(['scan', project.root, '--baseline', baselineFile]);
    expect(added.code).toBe(1);
    expect(added.stdout).toContain('src/b.ts');
    expect(added.stdout).not.toContain('src/a.ts\n');
  });

  it('rejects a missing baseline with the fix', async () => {
    const { code, stderr } = await runInProcess(['scan', '--baseline', '/no/such/baseline.json']);
    expect(code).toBe(2);
    expect(stderr).toContain('error: baseline file not found: /no/such/baseline.json');
    expect(stderr).toContain('--update-baseline');
  });

  it('rejects --update-baseline alone', async () => {
    const { code, stderr } = await runInProcess(['scan', '--update-baseline']);
    expect(code).toBe(2);
    expect(stderr).toContain('error: --update-baseline needs --baseline FILE');
  });
});
