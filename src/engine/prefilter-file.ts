import { readFileSync } from 'node:fs';
import { ownReportFormat } from '../discover/own-report.js';
import type { Prefilter } from '../prefilter/prefilter.js';
import { hasLongLineBytes, LONG_LINE_CHARACTERS } from './long-lines.js';
import type { PrefilterOutcome } from './types.js';

/**
 * Reads one discovered file and decides whether it goes to an extractor. The bytes are
 * released on return, so memory stays at one file per thread whatever the tree's size.
 */
export function prefilterFile(path: string, prefilter: Prefilter): PrefilterOutcome {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    return { kind: 'skipped', reason: `not readable: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
  const reportFormat = ownReportFormat(bytes);
  if (reportFormat) {
    return { kind: 'skipped', reason: `a pim-migrate ${reportFormat} report (its findings would be counted twice)` };
  }
  if (!prefilter.matches(bytes) && !prefilter.matchesUtf16(bytes)) {
    return { kind: 'no-signature' };
  }
  return { kind: 'candidate', longLine: hasLongLineBytes(bytes, LONG_LINE_CHARACTERS) };
}
