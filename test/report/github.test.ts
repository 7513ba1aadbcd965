import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, githubReporter } from '../../src/report/github.js';
import { makeFinding, makeResult } from './sample-result.js';

const scratch = mkdtempSync(join(tmpdir(), 'pim-migrate-github-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const root = join(scratch, 'plain');
mkdirSync(root);
const ctx = { toolVersion: '1.2.3', color: false };

function lines(text: string): string[] {
  expect(text.endsWith('\n')).toBe(true);
  return text.slice(0, -1).split('\n');
}

describe('GitHub annotations', () => {
  it('one command per finding', () => {
    const output = lines(githubReporter.render(makeResult(root, [makeFinding()]), ctx));
    expect(output).toHaveLength(2);
    expect(output[0]).toMatch(/^::warning file=src\/pim\.ts,line=2,col=22,endLine=2,endColumn=71,title=pim2-role-assignment-requests-create::This call uses iteration 2/);
    expect(output[0]).toContain('Replacement: POST https://graph.microsoft.com/v1.0/roleManagement/directory/roleEligibilityScheduleRequests');
  });

  it('level follows severity', () => {
    const findings = [makeFinding({ severity: 'error' }), makeFinding({ line: 3, severity: 'warning' }), makeFinding({ line: 4, severity: 'note' })];
    const commands = lines(githubReporter.render(makeResult(root, findings), ctx)).map((line) => line.split(' ')[0]);
    expect(commands).toEqual(['::error', '::warning', '::notice', '::notice']);
  });

  it('leaves out suppressed findings', () => {
    const findings = [makeFinding(), makeFinding({ line: 5, suppression: { kind: 'inSource', justification: 'later', line: 4 } })];
    const output = lines(githubReporter.render(makeResult(root, findings), ctx));
    expect(output).toHaveLength(2);
    expect(output[0]).toContain('line=2,');
    expect(output[1]).toBe('::notice title=pim-migrate::pim-migrate found 1 retired PIM API call (error: 0, warning: 1, notice: 0); suppressed: 1; skipped files: 0.');
  });

  it('final notice counts skipped files', () => {
    const result = makeResult(root, [], [{ file: 'a.bin', reason: 'binary file' }]);
    expect(lines(githubReporter.render(result, ctx)).at(-1)).toContain('0 retired PIM API calls (error: 0, warning: 0, notice: 0); suppressed: 0; skipped files: 1.');
  });

  it('notices each skipped file', () => {
    const result = makeResult(root, [], [{ file: 'a, b.bin', reason: 'binary file' }]);
    expect(lines(githubReporter.render(result, ctx))[0]).toBe('::notice file=a%2C b.bin,title=pim-migrate skipped this file::binary file');
  });

  it('escapes hostile messages', () => {
    const message = 'line1\nline2\r\n::error::injected 100% %0A';
    const output = lines(githubReporter.render(makeResult(root, [makeFinding({ message, replacements: [] })]), ctx));
    expect(output).toHaveLength(2);
    const data = output[0]!.slice(output[0]!.indexOf('::', 2) + 2);
    expect(data).toBe('line1%0Aline2%0D%0A::error::injected 100%25 %250A');
  });

  it('escapes hostile file names', () => {
    const file = 'a,b:c%d\ne.ts';
    const output = lines(githubReporter.render(makeResult(root, [makeFinding({ file, ruleId: 'pim2-x,y:z' })]), ctx));
    expect(output).toHaveLength(2);
    expect(output[0]).toContain('file=a%2Cb%3Ac%25d%0Ae.ts,line=2,');
    expect(output[0]).toContain(',title=pim2-x%2Cy%3Az::');
  });

  it('paths relative to repository root', () => {
    const repository = join(scratch, 'repo');
    const scanRoot = join(repository, 'app');
    mkdirSync(join(repository, '.git'), { recursive: true });
    mkdirSync(scanRoot, { recursive: true });
    const output = lines(githubReporter.render(makeResult(scanRoot, [makeFinding()]), ctx));
    expect(output[0]).toContain('file=app/src/pim.ts,');
  });

  it('escape functions', () => {
    expect(escapeData('%\r\n:,')).toBe('%25%0D%0A:,');
    expect(escapeProperty('%\r\n:,')).toBe('%25%0D%0A%3A%2C');
  });
});
