import { usageError } from '../errors.js';

/** Binary multiples: `5MB` means 5 * 1024 * 1024 bytes, as the default of 5242880 shows. */
const UNIT_BYTES: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
};

const SIZE_PATTERN = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i;

/**
 * Parses a `--max-file-size` value: a whole number of bytes (`5242880`) or a number with a
 * unit (`512k`, `5MB`, `1.5m`). Raises a usage error naming the value for anything else,
 * and for sizes that are zero or too large to count exactly.
 */
export function parseByteSize(value: string): number {
  const help = 'Give a positive number of bytes, optionally with a unit: 5242880, 512k, 5MB or 1GB (k = 1024 bytes).';
  const match = SIZE_PATTERN.exec(value.trim());
  const multiplier = match ? UNIT_BYTES[(match[2] ?? '').toLowerCase()] : undefined;
  if (!match || multiplier === undefined) {
    throw usageError(`invalid --max-file-size value "${value}"`, help);
  }

  const amount = Number(match[1]);
  if (multiplier === 1 && !Number.isInteger(amount)) {
    throw usageError(`invalid --max-file-size value "${value}": a byte count must be a whole number`, help);
  }
  const bytes = Math.floor(amount * multiplier);
  if (bytes < 1 || !Number.isSafeInteger(bytes)) {
    throw usageError(`invalid --max-file-size value "${value}": the size must be between 1 byte and 8 PB`, help);
  }
  return bytes;
}
