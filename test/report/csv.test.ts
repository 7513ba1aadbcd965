import { describe, expect, it } from 'vitest';
import { csvField, csvReporter } from '../../src/report/csv.js';
import { makeFinding, makeResult } from './sample-result.js';

const ctx = { toolVersion: '1.2.3', color: false };

/**
 * Parses CSV strictly as RFC 4180: CRLF records, quoted fields with `""` escapes. It throws on a bare
 * quote inside an unquoted field or a lone CR or LF, so output that is not RFC 4180 fails the tests.
 */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let index = 0;
  while (index < text.length) {
    let field = '';
    if (text[index] === '"') {
      index++;
      for (;;) {
        if (index >= text.length) throw new Error('unterminated quoted field');
        if (text[index] === '"') {
          if (text[index + 1] === '"') {
            field += '"';
            index += 2;
            continue;
          }
          index++;
          break;
        }
        field += text[index++];
      }
    } else {
      while (index < text.length && text[index] !== ',' && text[index] !== '\r' && text[index] !== '\n') {
        if (text[index] === '"') throw new Error(`bare quote at ${index}`);
        field += text[index++];
      }
    }
    row.push(field);
    if (text[index] === ',') {
      index++;
    } else if (text.startsWith('\r\n', index)) {
      rows.push(row);
      row = [];
      index += 2;
    } else {
      throw new Error(`expected "," or CRLF at ${index}`);
    }
  }
  if (row.length > 0) throw new Error('last record has no CRLF');
  return rows;
}

function render(findings = [makeFinding()]): { headings: string[]; records: Record<string, string>[] } {
  const text = csvReporter.render(makeResult('/r', findings), ctx);
  expect(text.startsWith('\uFEFF')).toBe(true);
  const [headings, ...rows] = parseCsv(text.slice(1));
  for (const row of rows) expect(row).toHaveLength(headings!.length);
  return { headings: headings!, records: rows.map((row) => Object.fromEntries(row.map((value, index) => [headings![index]!, value]))) };
}

describe('CSV report', () => {
  it('has the columns', () => {
    expect(render().headings).toEqual([
      'file', 'line', 'column', 'rule id', 'title', 'provider', 'family', 'fix tier', 'confidence', 'severity', 'old method', 'old path',
      'replacements', 'actions', 'cmdlets', 'permissions from', 'permissions to', 'suppressed', 'suppression justification', 'message', 'docs', 'skipped reason',
    ]);
  });

  it('one row per finding', () => {
    const { records } = render([makeFinding(), makeFinding({ file: 'a.ts', line: 9 })]);
    expect(records.map((record) => `${record.file}:${record.line}`)).toEqual(['a.ts:9', 'src/pim.ts:2']);
  });

  it('row values', () => {
    const record = render().records[0]!;
    expect(record['rule id']).toBe('pim2-role-assignment-requests-create');
    expect(record.column).toBe('22');
    expect(record.provider).toBe('aadRoles');
    expect(record['old method']).toBe('POST');
    expect(record['old path']).toBe('/privilegedAccess/{providerId}/roleAssignmentRequests');
    expect(record.replacements).toBe('POST https://graph.microsoft.com/v1.0/roleManagement/directory/roleEligibilityScheduleRequests (when assignmentState is Eligible)');
    expect(record.actions).toBe('adminAssign');
    expect(record.cmdlets).toBe('New-MgRoleManagementDirectoryRoleEligibilityScheduleRequest');
    expect(record['permissions from']).toBe('PrivilegedAccess.ReadWrite.AzureAD');
    expect(record['permissions to']).toBe('RoleEligibilitySchedule.ReadWrite.Directory');
    expect(record.suppressed).toBe('no');
    expect(record.docs).toMatch(/^https:\/\//);
  });

  it('joins several replacements', () => {
    const base = makeFinding().replacements[0]!;
    const second = { ...base, path: '/x', url: 'https://graph.microsoft.com/v1.0/x', when: 'assignmentState is Active', action: 'selfActivate' };
    const record = render([makeFinding({ replacements: [base, second], provider: null })]).records[0]!;
    expect(record.replacements.split(' | ')).toHaveLength(2);
    expect(record.replacements).toContain('https://graph.microsoft.com/v1.0/x (when assignmentState is Active)');
    expect(record.actions).toBe('adminAssign | selfActivate');
    expect(record.provider).toBe('dynamic');
  });

  it('suppression columns', () => {
    const record = render([makeFinding({ suppression: { kind: 'inSource', justification: 'moved in Q3, "really"', line: 1 } })]).records[0]!;
    expect(record.suppressed).toBe('yes');
    expect(record['suppression justification']).toBe('moved in Q3, "really"');
  });

  it('round-trips hostile text', () => {
    const message = 'quote " comma , CR \r LF \n CRLF \r\n end';
    const file = 'dir, with "quotes"/a\nb.ts';
    const record = render([makeFinding({ message, file })]).records[0]!;
    expect(record.message).toBe(message);
    expect(record.file).toBe(file);
  });

  it('neutralises formulas', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      const record = render([makeFinding({ message: `${start}HYPERLINK("http://x")` })]).records[0]!;
      expect(record.message).toBe(`'${start}HYPERLINK("http://x")`);
    }
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('a=1')).toBe('a=1');
  });

  it('empty scan has only headings', () => {
    const text = csvReporter.render(makeResult('/r', []), ctx);
    expect(parseCsv(text.slice(1))).toHaveLength(1);
    expect(text.endsWith('docs,skipped reason\r\n')).toBe(true);
  });

  it('adds a row per skipped file', () => {
    const result = { ...makeResult('/r', []), skipped: [{ file: 'bin/tool.exe', reason: 'binary file' }] };
    const [headings, row] = parseCsv(csvReporter.render(result, ctx).slice(1));
    expect(row).toHaveLength(headings!.length);
    expect(row![0]).toBe('bin/tool.exe');
    expect(row!.at(-1)).toBe('binary file');
  });
});
