import { describe, expect, it } from 'vitest';
import { parseByteSize } from '../../src/cli/byte-size.js';
import { PimMigrateError } from '../../src/errors.js';

describe('parseByteSize', () => {
  const valid: Array<[string, number]> = [
    ['5242880', 5242880],
    ['1', 1],
    ['512k', 512 * 1024],
    ['512K', 512 * 1024],
    ['512kb', 512 * 1024],
    ['5MB', 5 * 1024 * 1024],
    ['5mb', 5 * 1024 * 1024],
    ['5 MB', 5 * 1024 * 1024],
    ['1.5m', 1.5 * 1024 * 1024],
    ['2g', 2 * 1024 ** 3],
    ['100b', 100],
  ];
  for (const [input, bytes] of valid) {
    it(`accepts ${input}`, () => {
      expect(parseByteSize(input)).toBe(bytes);
    });
  }

  const invalid = ['', 'big', '5XB', '-1', '0', '0k', '1.5', '5 M B', '1e6', '0x10', '99999999999999999999'];
  for (const input of invalid) {
    it(`rejects "${input}"`, () => {
      let caught: unknown;
      try {
        parseByteSize(input);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(PimMigrateError);
      expect((caught as PimMigrateError).message).toContain(`"${input}"`);
      expect((caught as PimMigrateError).exitCode).toBe(2);
    });
  }
});
