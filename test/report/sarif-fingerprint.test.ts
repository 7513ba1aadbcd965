import { describe, expect, it } from 'vitest';
import { computeFindingHash, computeLineHashes } from '../../src/report/sarif-fingerprint.js';

/**
 * Expected values are published test vectors of GitHub's implementation (github/codeql-action,
 * `src/fingerprints.test.ts`), so these tests fail when the hash drifts from GitHub's.
 */
describe('GitHub line hash', () => {
  it('empty file', () => {
    expect(computeLineHashes('')).toEqual(['c129715d7a2bc9a3:1']);
  });

  it('leading whitespace and tabs', () => {
    expect(computeLineHashes(' a\nb\n  \t\tc\n d')).toEqual(['271789c17abda88f:1', '54703d4cd895b18:1', '180aee12dab6264:1', 'a23a3dc5e078b07b:1']);
  });

  it('every line-end spelling', () => {
    const expected = ['e9496ae3ebfced30:1', 'fb7c023a8b9ccb3f:1', 'ce8ba1a563dcdaca:1', 'e20e36e16fcb0cc8:1', 'b3edc88f2938467e:1', 'c8e28b0b4002a3a0:1', 'c129715d7a2bc9a3:1'];
    expect(computeLineHashes(' hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n')).toEqual(expected);
    expect(computeLineHashes(' hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r')).toEqual(expected);
    expect(computeLineHashes(' hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n')).toEqual(expected);
    expect(computeLineHashes(' hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n')).toEqual(expected);
  });

  it('repeated lines count occurrences', () => {
    const hashes = computeLineHashes('Lorem ipsum dolor sit amet.\n'.repeat(10));
    expect(hashes.slice(0, 7)).toEqual([
      'a7f2ff13bc495cf2:1',
      'a7f2ff13bc495cf2:2',
      'a7f2ff13bc495cf2:3',
      'a7f2ff13bc495cf2:4',
      'a7f2ff13bc495cf2:5',
      'a7f2ff13bc495cf2:6',
      'a7f2ff1481e87703:1',
    ]);
    expect(hashes.at(-1)).toBe('c129715d7a2bc9a3:1');
  });

  it('stable when lines are inserted above', () => {
    const tail = ['const a = 1;', "fetch('https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignments');", 'export {};'];
    const before = computeLineHashes(tail.join('\n'));
    const after = computeLineHashes(['// new header', 'import x from "y";', '', ...tail].join('\n'));
    expect(after[4]).toBe(before[1]);
  });

  it('changes when the line changes', () => {
    const first = computeLineHashes('a();\nfetch(url1);\n');
    const second = computeLineHashes('a();\nfetch(url2);\n');
    expect(second[1]).not.toBe(first[1]);
  });
});

describe('finding hash', () => {
  it('ignores whitespace changes', () => {
    expect(computeFindingHash('pim2-x', "api('/a/b')", 0)).toBe(computeFindingHash('pim2-x', "  api('/a/b')\n", 0));
  });

  it('differs by occurrence and rule', () => {
    const base = computeFindingHash('pim2-x', '/a', 0);
    expect(computeFindingHash('pim2-x', '/a', 1)).not.toBe(base);
    expect(computeFindingHash('pim2-y', '/a', 0)).not.toBe(base);
  });
});
