import { describe, expect, it } from 'vitest';
import { createColors } from '../../src/report/colors.js';
import { renderCodeFrame, splitLines } from '../../src/report/code-frame.js';

const plain = createColors(false);
const options = { contextLines: 1, maxWidth: 100, colors: plain };

describe('renderCodeFrame', () => {
  it('shows context lines, gutter and caret', () => {
    const lines = ['const a = 1;', "fetch('/privilegedAccess/aadRoles');", 'done();'];
    const frame = renderCodeFrame(lines, { line: 2, column: 8, endLine: 2, endColumn: 35 }, options);

    expect(frame).toEqual([
      '  1 | const a = 1;',
      "> 2 | fetch('/privilegedAccess/aadRoles');",
      '    |        ' + '^'.repeat(27),
      '  3 | done();',
    ]);
  });

  it('pads line numbers to the widest one', () => {
    const lines = Array.from({ length: 10 }, (_, index) => `line ${index + 1}`);
    const frame = renderCodeFrame(lines, { line: 9, column: 1, endLine: 9, endColumn: 5 }, options);

    expect(frame[0]).toBe('   8 | line 8');
    expect(frame[1]).toBe('>  9 | line 9');
    expect(frame[2]).toBe('     | ^^^^');
    expect(frame[3]).toBe('  10 | line 10');
  });

  it('omits context beyond the file edges', () => {
    const frame = renderCodeFrame(['only'], { line: 1, column: 1, endLine: 1, endColumn: 5 }, options);
    expect(frame).toEqual(['> 1 | only', '    | ^^^^']);
  });

  it('returns nothing for a line outside the file', () => {
    expect(renderCodeFrame(['a'], { line: 5, column: 1, endLine: 5, endColumn: 2 }, options)).toEqual([]);
  });

  it('aligns the caret after tabs', () => {
    const frame = renderCodeFrame(['\tcall(x)'], { line: 1, column: 2, endLine: 1, endColumn: 6 }, options);
    expect(frame[0]).toBe('> 1 |     call(x)');
    expect(frame[1]).toBe('    |     ^^^^');
  });

  it('counts a surrogate pair as one column', () => {
    // The emoji is two UTF-16 code units, so `x` is at column 4.
    const frame = renderCodeFrame(['a😀 x'], { line: 1, column: 5, endLine: 1, endColumn: 6 }, options);
    expect(frame[1]).toBe('    |    ^');
  });

  it('replaces terminal control characters', () => {
    const frame = renderCodeFrame(['a\u001b[31mred'], { line: 1, column: 1, endLine: 1, endColumn: 2 }, options);
    expect(frame[0]).not.toContain('\u001b');
    expect(frame[0]).toContain('\uFFFD');
  });

  it('cuts a long line around the span', () => {
    const line = `${'x'.repeat(300)}TARGET${'y'.repeat(300)}`;
    const frame = renderCodeFrame([line], { line: 1, column: 301, endLine: 1, endColumn: 307 }, options);

    for (const row of frame) expect(row.length).toBeLessThanOrEqual(100);
    expect(frame[0]).toContain('…');
    expect(frame[0]).toContain('TARGET');
    const caretColumn = (frame[1] ?? '').indexOf('^');
    expect((frame[0] ?? '').slice(caretColumn, caretColumn + 6)).toBe('TARGET');
    expect(frame[1]).toMatch(/\| +\^{6}$/);
  });

  it('cuts long context lines too', () => {
    const frame = renderCodeFrame(['a'.repeat(300), 'call()', 'b'.repeat(300)], { line: 2, column: 1, endLine: 2, endColumn: 5 }, options);

    expect(frame[0]?.length).toBe(100);
    expect(frame[0]?.endsWith('a…')).toBe(true);
    expect(frame[1]).toBe('> 2 | call()');
    expect(frame[3]?.length).toBe(100);
  });

  it('shows the line end when the span is there', () => {
    const line = `${'x'.repeat(300)}END`;
    const frame = renderCodeFrame([line], { line: 1, column: 301, endLine: 1, endColumn: 304 }, options);

    expect(frame[0]?.endsWith('xEND')).toBe(true);
    expect(frame[0]?.length).toBe(100);
    expect(frame[1]?.endsWith(' ^^^')).toBe(true);
    expect(frame[1]?.length).toBe(100);
  });

  it('keeps the line start when the span fits', () => {
    const line = `call('/x')${' '.repeat(5)}${'z'.repeat(200)}`;
    const frame = renderCodeFrame([line], { line: 1, column: 7, endLine: 1, endColumn: 9 }, options);
    expect(frame[0]).toMatch(/^> 1 \| call\('\/x'\)/);
    expect(frame[0]?.endsWith('…')).toBe(true);
  });

  it('underlines to the line end for a multi-line span', () => {
    const frame = renderCodeFrame(['call(`/a', '/b`)'], { line: 1, column: 6, endLine: 2, endColumn: 4 }, options);
    expect(frame[1]).toBe('    |      ^^^');
  });

  it('draws one caret for an empty span', () => {
    const frame = renderCodeFrame(['abc'], { line: 1, column: 2, endLine: 1, endColumn: 2 }, options);
    expect(frame[1]).toBe('    |  ^');
  });
});

describe('splitLines', () => {
  it('splits at LF and drops the CR of CRLF', () => {
    expect(splitLines('a\r\nb\nc')).toEqual(['a', 'b', 'c']);
  });

  it('keeps a lone CR inside the line, as the matcher does', () => {
    expect(splitLines('a\rb\nc')).toEqual(['a\rb', 'c']);
  });
});
