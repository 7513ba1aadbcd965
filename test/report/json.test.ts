import { describe, expect, it } from 'vitest';
import { buildJsonReport, FINDING_KEYS, jsonReporter } from '../../src/report/json.js';
import { makeFinding, makeResult } from './sample-result.js';

const ctx = { toolVersion: '1.2.3', color: true };

describe('JSON report', () => {
  it('has the documented top-level shape', () => {
    const report = JSON.parse(jsonReporter.render(makeResult('/abs/root', [makeFinding()]), ctx));

    expect(Object.keys(report)).toEqual(['schemaVersion', 'tool', 'root', 'findings', 'skipped', 'warnings', 'unusedSuppressions', 'summary']);
    expect(report.schemaVersion).toBe(1);
    expect(report.tool).toEqual({ name: 'pim-migrate', version: '1.2.3' });
    expect(report.root).toBe('/abs/root');
  });

  it('lists files scanned with a warning', () => {
    const result = { ...makeResult('/r', []), warnings: [{ file: 'b.ps1', message: 'not valid UTF-8; read as Latin-1' }, { file: 'a.ps1', message: 'x' }] };
    const report = JSON.parse(jsonReporter.render(result, ctx));
    expect(report.warnings).toEqual([
      { file: 'a.ps1', message: 'x' },
      { file: 'b.ps1', message: 'not valid UTF-8; read as Latin-1' },
    ]);
  });

  it('keeps every finding field', () => {
    const finding = makeFinding();
    const report = JSON.parse(jsonReporter.render(makeResult('/r', [finding]), ctx));
    expect(report.findings[0]).toEqual(finding);
    expect(Object.keys(report.findings[0])).toEqual(FINDING_KEYS.filter((key) => key in finding));
  });

  it('leaves absent optional fields out', () => {
    const finding = makeFinding({ permissions: undefined });
    const report = buildJsonReport(makeResult('/r', [finding]), '1.2.3');
    expect('permissions' in report.findings[0]!).toBe(false);
  });

  it('orders findings by file, line, column and rule id', () => {
    const findings = [
      makeFinding({ file: 'b.ts', line: 1, column: 1, ruleId: 'pim2-a' }),
      makeFinding({ file: 'a.ts', line: 2, column: 5, ruleId: 'pim2-b' }),
      makeFinding({ file: 'a.ts', line: 2, column: 5, ruleId: 'pim2-a' }),
      makeFinding({ file: 'a.ts', line: 2, column: 1, ruleId: 'pim2-z' }),
      makeFinding({ file: 'a.ts', line: 10, column: 1, ruleId: 'pim2-a' }),
      makeFinding({ file: 'B.ts', line: 1, column: 1, ruleId: 'pim2-a' }),
    ];
    const report = buildJsonReport(makeResult('/r', findings), '1.2.3');
    const order = report.findings.map((finding) => `${finding.file}:${finding.line}:${finding.column}:${finding.ruleId}`);

    expect(order).toEqual(['B.ts:1:1:pim2-a', 'a.ts:2:1:pim2-z', 'a.ts:2:5:pim2-a', 'a.ts:2:5:pim2-b', 'a.ts:10:1:pim2-a', 'b.ts:1:1:pim2-a']);
  });

  it('sorts skipped files and count tables', () => {
    const result = makeResult('/r', [makeFinding({ provider: 'azureResources' }), makeFinding({ provider: 'aadGroups' })], [
      { file: 'z.bin', reason: 'binary file' },
      { file: 'a.bin', reason: 'binary file' },
    ]);
    const report = buildJsonReport(result, '1.2.3');

    expect(report.skipped.map((entry) => entry.file)).toEqual(['a.bin', 'z.bin']);
    expect(Object.keys(report.summary.byProvider)).toEqual(['aadGroups', 'azureResources']);
  });

  it('renders the same text for shuffled input', () => {
    const findings = [makeFinding({ line: 1 }), makeFinding({ line: 2 }), makeFinding({ file: 'a.ts' })];
    const first = jsonReporter.render(makeResult('/r', findings), ctx);
    const second = jsonReporter.render(makeResult('/r', [...findings].reverse()), ctx);
    expect(second).toBe(first);
  });

  it('pretty-prints with a final newline', () => {
    const text = jsonReporter.render(makeResult('/r', []), ctx);
    expect(text.startsWith('{\n  "schemaVersion": 1,\n')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).not.toContain('\u001b');
  });
});
