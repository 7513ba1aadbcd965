import { describe, expect, it } from 'vitest';
import { renderReport, type TargetResult } from '../../bench/report.js';
import type { ToolRun } from '../../bench/tools.js';

function run(tool: string, wallSeconds: number, maxRssMb: number): ToolRun {
  return { tool, wallSeconds, cpuSeconds: wallSeconds, maxRssMb, exitCode: 0, stdout: '', files: new Set(['a.ps1']), lines: new Set(['a.ps1:1']) };
}

function tree(files: number, pimSeconds: number, ripgrepSeconds: number, peakMb: number): TargetResult {
  return {
    name: `generated, ${files} files`,
    files,
    bytes: files * 12_500,
    plants: [{ file: 'a.ps1', line: 1 }] as TargetResult['plants'],
    runs: [run('pim-migrate', pimSeconds, peakMb), run('ripgrep', ripgrepSeconds, 18), run('ast-grep', pimSeconds * 20, 100)],
  };
}

function targetLines(results: TargetResult[]): string[] {
  const report = renderReport({ machine: 'test', command: 'npm run bench', quick: false, results, notes: [], signatures: [], analysis: '' });
  return report.split('## Targets')[1]!.split('\n').filter((line) => line.startsWith('- '));
}

describe('bench targets', () => {
  it('judges the ratio on full-size trees', () => {
    const lines = targetLines([tree(10_000, 1.4, 0.17, 280), tree(50_000, 2.4, 0.85, 300), tree(100_000, 3.7, 1.6, 320)]);

    expect(lines[0]).toContain(': holds (2.8x on generated, 50000 files, 2.3x on generated, 100000 files)');
    expect(lines[0]).toContain('Smaller trees, where start-up weighs more: 8.2x on generated, 10000 files');
  });

  it('names the miss on a full-size tree', () => {
    const lines = targetLines([tree(10_000, 1.4, 0.17, 280), tree(50_000, 2.8, 0.85, 300)]);

    expect(lines[0]).toContain(': missed by 0.3x (3.3x on generated, 50000 files)');
  });

  it('says when no tree has the full size', () => {
    const lines = targetLines([tree(2_000, 0.6, 0.05, 200), tree(10_000, 1.4, 0.17, 280)]);

    expect(lines[0]).toContain('not measured, no tree has 50,000 files and 500 MB');
  });

  it('reports memory growth across sizes', () => {
    const flat = targetLines([tree(10_000, 1.4, 0.17, 300), tree(100_000, 3.7, 1.6, 320)]);
    const growing = targetLines([tree(10_000, 1.4, 0.17, 280), tree(100_000, 3.7, 1.6, 350)]);

    expect(flat.find((line) => line.includes('flat'))).toContain('holds (300 MB on generated, 10000 files, 320 MB on generated, 100000 files: +7%, allowed +10%)');
    expect(growing.find((line) => line.includes('flat'))).toContain('missed (280 MB');
    expect(growing.find((line) => line.includes('flat'))).toContain('+25%');
  });
});
