import { describe, expect, it } from 'vitest';
import { shouldUseColor } from '../../src/cli/color.js';

const base = { colorFlag: true, env: {}, isTTY: true, toFile: false };

describe('shouldUseColor', () => {
  it('colours a terminal', () => {
    expect(shouldUseColor(base)).toBe(true);
  });

  it('never colours a pipe', () => {
    expect(shouldUseColor({ ...base, isTTY: false })).toBe(false);
  });

  it('never colours a file', () => {
    expect(shouldUseColor({ ...base, toFile: true })).toBe(false);
  });

  it('honours --no-color', () => {
    expect(shouldUseColor({ ...base, colorFlag: false })).toBe(false);
  });

  it('honours NO_COLOR unless empty', () => {
    expect(shouldUseColor({ ...base, env: { NO_COLOR: '1' } })).toBe(false);
    expect(shouldUseColor({ ...base, env: { NO_COLOR: '' } })).toBe(true);
  });

  it('honours TERM=dumb', () => {
    expect(shouldUseColor({ ...base, env: { TERM: 'dumb' } })).toBe(false);
  });
});
