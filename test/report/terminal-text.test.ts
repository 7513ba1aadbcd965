import { describe, expect, it } from 'vitest';
import { printable, wrapText } from '../../src/report/terminal-text.js';

describe('printable', () => {
  it('turns line breaks and tabs into spaces', () => {
    expect(printable('a\r\nb\nc\td')).toBe('a b c d');
  });

  it('replaces escape and bidi characters', () => {
    expect(printable('x\u001b[2Jy')).toBe('x\uFFFD[2Jy');
    expect(printable('a\u202eb\u2066c')).toBe('a\uFFFDb\uFFFDc');
    expect(printable('bell\u0007')).toBe('bell\uFFFD');
  });

  it('keeps ordinary Unicode', () => {
    expect(printable('Rôle 役割 😀')).toBe('Rôle 役割 😀');
  });
});

describe('wrapText', () => {
  it('wraps at spaces within the width', () => {
    const lines = wrapText('one two three four five', 12, '  ', '');
    expect(lines).toEqual(['one two', '  three four', '  five']);
  });

  it('keeps a long word whole', () => {
    const url = `https://example.com/${'x'.repeat(40)}`;
    expect(wrapText(`see ${url}`, 20, '  ')).toEqual(['  see', `  ${url}`]);
  });

  it('returns the indent for empty text', () => {
    expect(wrapText('', 20, '  ', '> ')).toEqual(['> ']);
  });
});
