import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textReporter } from '../../src/report/text.js';
import { MAX_SKIPPED_LISTED, splitSkipReason } from '../../src/report/text-summary.js';
import { makeFinding, makeResult, SAMPLE_SOURCE } from './sample-result.js';

const ctx = { toolVersion: '0.0.0-test', color: false };
let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'pim-text-report-'));
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src/pim.ts'), SAMPLE_SOURCE);
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

function render(...args: Parameters<typeof makeResult>): string {
  return textReporter.render(makeResult(...args), ctx);
}

describe('text report', () => {
  it('shows a finding with its frame and replacement', () => {
    const text = render(root, [makeFinding()]);

    expect(text).toContain('src/pim.ts\n');
    expect(text).toContain('2:22  pim2-role-assignment-requests-create  [confidence: high] [fix: suggestion]');
    expect(text).toContain('  Create a role assignment request (iteration 2)');
    expect(text).toContain('  old call: POST /privilegedAccess/{providerId}/roleAssignmentRequests');
    expect(text).toContain("  > 2 | const request = api('/privilegedAccess/aadRoles/roleAssignmentRequests').post(body);");
    expect(text).toContain(`      | ${' '.repeat(21)}${'^'.repeat(49)}\n`);
    expect(text).toContain("    1 | import { client } from './client';");
    expect(text).toContain('    3 | export { request };');
    expect(text).toContain('  -> POST https://graph.microsoft.com/v1.0/roleManagement/directory/roleEligibilityScheduleRequests');
    expect(text).toContain('       when assignmentState is Eligible');
    expect(text).toContain('       action adminAssign');
    expect(text).toContain('       cmdlet New-MgRoleManagementDirectoryRoleEligibilityScheduleRequest');
    expect(text).toContain('  note: Role definition ids differ between iterations.');
    expect(text).toContain('  permissions: PrivilegedAccess.ReadWrite.AzureAD -> RoleEligibilitySchedule.ReadWrite.Directory');
  });

  it('labels unconfirmed notes', () => {
    const finding = makeFinding({ notes: ['aadGroups: Unconfirmed: groups may differ.'] });
    const text = render(root, [finding]);

    expect(text).toContain('       unconfirmed (check by hand): the schedule must be sent again on renewal.');
    expect(text).toContain('  unconfirmed (check by hand): aadGroups: groups may differ.');
    expect(text).not.toMatch(/note: .*Unconfirmed/);
  });

  it('marks findings in comments', () => {
    const text = render(root, [makeFinding({ inComment: true })]);
    expect(text).toContain('[in a comment]');
  });

  it('omits the frame of an unreadable file', () => {
    const text = render(root, [makeFinding({ file: 'missing/gone.ts' })]);

    expect(text).toContain('missing/gone.ts');
    expect(text).not.toContain(' | ');
    expect(text).toContain('  matched: /privilegedAccess/aadRoles/roleAssignmentRequests');
  });

  it('sorts files and findings', () => {
    const findings = [
      makeFinding({ file: 'b.ts', line: 3 }),
      makeFinding({ file: 'a.ts', line: 9 }),
      makeFinding({ file: 'b.ts', line: 1 }),
    ];
    const text = render(root, findings);

    const a = text.indexOf('a.ts\n');
    const b = text.indexOf('b.ts\n');
    expect(a).toBeGreaterThanOrEqual(0);
    expect(b).toBeGreaterThan(a);
    expect(text.indexOf('\n1:22 ')).toBeGreaterThan(b);
    expect(text.indexOf('\n3:22 ')).toBeGreaterThan(text.indexOf('\n1:22 '));
  });

  it('says when replacements depend on unseen values', () => {
    const base = makeFinding();
    const second = { ...base.replacements[0]!, path: '/roleManagement/directory/roleAssignmentScheduleRequests', url: 'https://graph.microsoft.com/v1.0/roleManagement/directory/roleAssignmentScheduleRequests', when: 'assignmentState is Active' };
    const text = render(root, [makeFinding({ exact: false, replacements: [base.replacements[0]!, second] })]);

    expect(text).toContain('one of these replacements, depending on values the code does not show:');
    expect(text).toContain('-> POST https://graph.microsoft.com/v1.0/roleManagement/directory/roleAssignmentScheduleRequests');
  });

  it('reports an operation with no replacement', () => {
    const text = render(root, [makeFinding({ replacements: [] })]);
    expect(text).toContain('-> no iteration 3 replacement exists for this operation; see the notes');
  });

  it('notes a missing HTTP method', () => {
    const text = render(root, [makeFinding({ operation: { method: null, path: '/privilegedAccess/{providerId}/resources' } })]);
    expect(text).toContain('old call: /privilegedAccess/{providerId}/resources (the code does not show the HTTP method)');
  });

  it('summarises counts', () => {
    const findings = [
      makeFinding(),
      makeFinding({ file: 'other.ts', provider: null, fix: 'manual', family: 'cmdlet-azureadpreview', inComment: true }),
    ];
    const text = render(root, findings);

    expect(text).toContain('  files: 10 discovered, 7 without a signature, 3 parsed, 0 skipped');
    expect(text).toContain('  findings: 2 in 2 files (1 in comments)');
    expect(text).toContain('  by provider: aadRoles 1, dynamic 1');
    expect(text).toContain('  by fix tier: manual 1, suggestion 1');
    expect(text).toContain('  by family: cmdlet-azureadpreview 1, graph-beta-iteration2 1');
  });

  it('reports a clean scan', () => {
    const text = render(root, []);
    expect(text).toContain('No retired PIM API calls found.');
    expect(text).toContain('  findings: 0 in 0 files');
    expect(text.endsWith('\n')).toBe(true);
  });

  it('groups skipped files and caps each list', () => {
    const skipped = Array.from({ length: MAX_SKIPPED_LISTED + 5 }, (_, index) => ({
      file: `big/${String(index).padStart(2, '0')}.json`,
      reason: `larger than --max-file-size (${6000000 + index} > 5242880 bytes)`,
    }));
    skipped.push({ file: 'bundle.min.js', reason: 'minified bundle or source map' });
    const text = render(root, [], skipped);

    expect(text).toContain(`Skipped files (${MAX_SKIPPED_LISTED + 6})`);
    expect(text).toContain(`  larger than --max-file-size: ${MAX_SKIPPED_LISTED + 5}`);
    expect(text).toContain('    big/00.json (6000000 > 5242880 bytes)');
    expect(text).toContain(`    big/${MAX_SKIPPED_LISTED - 1}.json`);
    expect(text).not.toContain(`big/${MAX_SKIPPED_LISTED}.json`);
    expect(text).toContain('    and 5 more');
    expect(text).toContain('  minified bundle or source map: 1\n    bundle.min.js\n');
  });

  it('fits lines in 100 columns', () => {
    const longLine = `const u = ${'"padding", '.repeat(20)}'/privilegedAccess/aadRoles/roleAssignmentRequests';`;
    writeFileSync(join(root, 'long.ts'), `${longLine}\n`);
    const column = longLine.indexOf('/privilegedAccess') + 1;
    const finding = makeFinding({
      file: 'long.ts',
      line: 1,
      column,
      endColumn: column + 49,
      message: 'word '.repeat(60).trim(),
      operation: { method: null, path: `/privilegedAccess/{providerId}/${'segment/'.repeat(5)}end` },
      notes: ['note '.repeat(50).trim()],
    });
    const text = render(root, [finding]);

    for (const line of text.split('\n')) {
      // Only lines with a URL may overflow, because a URL cannot be broken.
      if (!line.includes('https://')) expect(line.length, line).toBeLessThanOrEqual(100);
    }
  });

  it('adds colour codes only when asked', () => {
    const result = makeResult(root, [makeFinding()]);
    expect(textReporter.render(result, ctx)).not.toContain('\u001b[');
    expect(textReporter.render(result, { ...ctx, color: true })).toContain('\u001b[');
  });

  it('neutralises escape sequences from findings', () => {
    const text = render(root, [makeFinding({ file: 'x\u001b[2J.ts', matchedText: 'a\u001b]0;title\u0007' })]);
    expect(text).not.toContain('\u001b');
    expect(text).not.toContain('\u0007');
  });

  it('uses the injected source reader', () => {
    const result = makeResult('/nowhere', [makeFinding()]);
    const requested: string[] = [];
    const text = textReporter.render(result, {
      ...ctx,
      readSource: (path) => {
        requested.push(path);
        return SAMPLE_SOURCE;
      },
    });
    expect(requested).toEqual([join('/nowhere', 'src/pim.ts')]);
    expect(text).toContain('> 2 |');
  });
});

describe('splitSkipReason', () => {
  it('splits a parenthesised detail', () => {
    expect(splitSkipReason('larger than --max-file-size (6 > 5 bytes)')).toEqual({ kind: 'larger than --max-file-size', detail: '6 > 5 bytes' });
  });

  it('splits a detail after a colon', () => {
    expect(splitSkipReason('not readable: EACCES')).toEqual({ kind: 'not readable', detail: 'EACCES' });
  });

  it('keeps a plain reason whole', () => {
    expect(splitSkipReason('binary file')).toEqual({ kind: 'binary file', detail: null });
  });
});
