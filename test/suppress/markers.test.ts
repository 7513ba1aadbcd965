import { describe, expect, it } from 'vitest';
import { findMarkers } from '../../src/suppress/markers.js';

describe('findMarkers', () => {
  it.each([
    ['// pim-migrate-ignore pim2-a -- moved to v1.0 next sprint', ['pim2-a'], 'moved to v1.0 next sprint'],
    ['# pim-migrate-ignore pim2-a,pim2-b -- both reviewed', ['pim2-a', 'pim2-b'], 'both reviewed'],
    ['/* pim-migrate-ignore pim2-a -- kept for the old tenant */', ['pim2-a'], 'kept for the old tenant'],
    ['<# pim-migrate-ignore pim2-a -- reviewed #>', ['pim2-a'], 'reviewed'],
    ['<!-- pim-migrate-ignore pim2-a -- docs example -->', ['pim2-a'], 'docs example'],
    ['-- pim-migrate-ignore pim2-a -- SQL comment', ['pim2-a'], 'SQL comment'],
    ['; pim-migrate-ignore pim2-a -- ini file', ['pim2-a'], 'ini file'],
    ['REM pim-migrate-ignore pim2-a -- batch file', ['pim2-a'], 'batch file'],
    ['x = 1 // pim-migrate-ignore pim2-a, pim2-b', ['pim2-a', 'pim2-b'], null],
    ['// pim-migrate-ignore pim2-a */', ['pim2-a'], null],
  ])('reads %s', (line, ruleIds, reason) => {
    expect(findMarkers(`first line\n${line}\n`)).toEqual([{ line: 2, ruleIds, reason }]);
  });

  it('reads a marker without rule ids', () => {
    expect(findMarkers('// pim-migrate-ignore\n')).toEqual([{ line: 1, ruleIds: [], reason: null }]);
  });

  it('skips longer words', () => {
    expect(findMarkers('// pim-migrate-ignore-next-line pim2-a\n// my-pim-migrate-ignore pim2-a\n')).toEqual([]);
  });

  it('counts CRLF lines', () => {
    expect(findMarkers('a\r\nb\r\n# pim-migrate-ignore pim2-a -- r\r\n')[0]?.line).toBe(3);
  });
});
