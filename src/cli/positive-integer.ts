import { usageError } from '../errors.js';

/** Returns a commander argument parser that accepts a whole number of 1 or more for `flag`. */
export function positiveIntegerOption(flag: string, unit: string): (value: string) => number {
  return (value: string) => {
    const trimmed = value.trim();
    const parsed = /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
    if (!Number.isSafeInteger(parsed) || parsed < 1) {
      throw usageError(`invalid ${flag} value "${value}": expected a positive whole number of ${unit}`, `Pass ${flag} with a whole number of 1 or more, such as ${flag} 4.`);
    }
    return parsed;
  };
}
