import { afterEach, describe, expect, it } from 'vitest';
import { scan } from '../../../src/scan.js';
import { hasLongLine } from '../../../src/extract/common/long-lines.js';
import { writeProject } from '../../helpers/temp-project.js';

let cleanup = (): void => {};
afterEach(() => cleanup());

describe('hasLongLine', () => {
  it('finds a line over the limit anywhere in the text', () => {
    expect(hasLongLine('short\nshort', 10)).toBe(false);
    expect(hasLongLine(`short\n${'x'.repeat(11)}\nshort`, 10)).toBe(true);
    expect(hasLongLine(`${'x'.repeat(10)}\n${'y'.repeat(10)}`, 10)).toBe(false);
    expect(hasLongLine('x'.repeat(11), 10)).toBe(true);
  });
});

describe('one-line bundles', () => {
  it('reports every call in a 3 MB one-line file', async () => {
    const call = 'fetch("https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignments",{method:"GET"});';
    const filler = `function f(e,t){return e+t}${';var a=1'.repeat(150)};`;
    const piece = call + filler;
    const hits = Math.ceil((3 * 1024 * 1024) / piece.length);
    const project = writeProject({ 'dist/vendor.bundle.js': piece.repeat(hits) });
    cleanup = project.cleanup;

    const result = await scan({ paths: [project.root], jobs: 1 });

    expect(result.skipped).toEqual([]);
    expect(result.findings).toHaveLength(hits);
    expect(new Set(result.findings.map((finding) => finding.ruleId))).toEqual(new Set(['pim2-role-assignments-list']));
    expect(result.findings.every((finding) => finding.line === 1)).toBe(true);
  });
});
