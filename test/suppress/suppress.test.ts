import { afterEach, describe, expect, it } from 'vitest';
import { applyInlineSuppressions } from '../../src/suppress/apply.js';
import { writeProject } from '../helpers/temp-project.js';
import { makeFinding } from '../report/sample-result.js';
import { runInProcess } from '../cli/run-in-process.js';

const KNOWN = new Set(['pim2-a', 'pim2-b']);

describe('applyInlineSuppressions', () => {
  it('suppresses a finding on the same line', () => {
    const findings = [makeFinding({ ruleId: 'pim2-a', line: 2 })];
    const outcome = applyInlineSuppressions('x.ts', 'a\ncall() // pim-migrate-ignore pim2-a -- reviewed\n', findings, KNOWN);
    expect(findings[0]?.suppression).toEqual({ kind: 'inSource', justification: 'reviewed', line: 2 });
    expect(outcome).toEqual({ unused: [], warnings: [] });
  });

  it('suppresses a finding on the next line', () => {
    const findings = [makeFinding({ ruleId: 'pim2-a', line: 2 })];
    applyInlineSuppressions('x.ts', '# pim-migrate-ignore pim2-a -- reviewed\ncall()\n', findings, KNOWN);
    expect(findings[0]?.suppression?.line).toBe(1);
  });

  it('leaves a finding two lines below alone', () => {
    const findings = [makeFinding({ ruleId: 'pim2-a', line: 3 })];
    const outcome = applyInlineSuppressions('x.ts', '# pim-migrate-ignore pim2-a -- reviewed\n\ncall()\n', findings, KNOWN);
    expect(findings[0]?.suppression).toBeUndefined();
    expect(outcome.unused).toEqual([{ file: 'x.ts', line: 1, ruleId: 'pim2-a', reason: 'no pim2-a finding on line 1 or 2' }]);
  });

  it('leaves findings of other rules alone', () => {
    const findings = [makeFinding({ ruleId: 'pim2-b', line: 1 })];
    applyInlineSuppressions('x.ts', 'call() // pim-migrate-ignore pim2-a -- r\n', findings, KNOWN);
    expect(findings[0]?.suppression).toBeUndefined();
  });

  it('suppresses several rules with one marker', () => {
    const findings = [makeFinding({ ruleId: 'pim2-a', line: 1 }), makeFinding({ ruleId: 'pim2-b', line: 1, column: 40 })];
    applyInlineSuppressions('x.ts', 'call() // pim-migrate-ignore pim2-a,pim2-b -- r\n', findings, KNOWN);
    expect(findings.every((finding) => finding.suppression?.kind === 'inSource')).toBe(true);
  });

  it('warns about a marker without a reason', () => {
    const findings = [makeFinding({ ruleId: 'pim2-a', line: 1 })];
    const outcome = applyInlineSuppressions('x.ts', 'call() // pim-migrate-ignore pim2-a\n', findings, KNOWN);
    expect(findings[0]?.suppression).toEqual({ kind: 'inSource', justification: '', line: 1 });
    expect(outcome.warnings).toEqual([{ file: 'x.ts', message: 'line 1: suppression without a reason; add " -- <reason>" after the rule id' }]);
  });

  it('reports an unknown rule id with the closest ids', () => {
    const outcome = applyInlineSuppressions('x.ts', '// pim-migrate-ignore pim2-c -- r\n', [], KNOWN);
    expect(outcome.unused).toHaveLength(1);
    expect(outcome.unused[0]).toMatchObject({ file: 'x.ts', line: 1, ruleId: 'pim2-c' });
    expect(outcome.unused[0]?.reason).toMatch(/^unknown rule id \(closest: pim2-a, pim2-b\)$/);
  });

  it('warns about a marker without rule ids', () => {
    const outcome = applyInlineSuppressions('x.ts', '// pim-migrate-ignore -- r\n', [], KNOWN);
    expect(outcome.warnings[0]?.message).toContain('names no rule id');
  });
});

describe('scan with suppressions', () => {
  let cleanup = (): void => undefined;
  afterEach(() => cleanup());

  it('keeps suppressed findings, reports unused markers and exits 0', async () => {
    const project = writeProject({
      'src/a.ps1': [
        '# pim-migrate-ignore pim2-role-settings-list -- replaced in the next release',
        "Invoke-MgGraphRequest -Method GET -Uri 'https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleSettings'",
        '# pim-migrate-ignore pim2-resources-list -- nothing here',
        '',
      ].join('\n'),
    });
    cleanup = project.cleanup;
    const { code, stdout } = await runInProcess(['scan', project.root, '--format', 'json']);
    const report = JSON.parse(stdout);

    expect(code).toBe(0);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0].suppression).toEqual({ kind: 'inSource', justification: 'replaced in the next release', line: 1 });
    expect(report.unusedSuppressions).toEqual([{ file: 'src/a.ps1', line: 3, ruleId: 'pim2-resources-list', reason: 'no pim2-resources-list finding on line 3 or 4' }]);
  });

  it('lists unused suppressions in the text report', async () => {
    const project = writeProject({
      'a.py': "requests.get('https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleSettings')  # pim-migrate-ignore pim2-nope -- r\n",
    });
    cleanup = project.cleanup;
    const { code, stdout } = await runInProcess(['scan', project.root, '--no-color']);
    expect(code).toBe(1);
    expect(stdout).toContain('Unused suppressions (1)');
    expect(stdout).toMatch(/a\.py:1: pim2-nope: unknown rule id/);
  });
});
