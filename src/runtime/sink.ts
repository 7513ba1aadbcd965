import { appendFileSync } from 'node:fs';
import type { Finding } from '../model/finding.js';
import { FINDING_KEYS, REPLACEMENT_KEYS } from '../report/json.js';

/**
 * Delivers findings to the `onFinding` callback and the JSON-lines log file. A failing sink never
 * throws into the application: each failure is counted, and the first one is warned about once.
 */
export class FindingSink {
  private warned = false;

  constructor(
    private readonly onFinding: ((finding: Finding) => void) | undefined,
    private readonly logFile: string | undefined,
    private readonly countError: () => void,
  ) {}

  deliver(finding: Finding): void {
    if (this.onFinding) {
      try {
        this.onFinding(finding);
      } catch (error) {
        this.fail('the onFinding callback threw', error);
      }
    }
    if (this.logFile !== undefined) {
      try {
        // One synchronous append per line, so a finding is on disk before the request goes on.
        appendFileSync(this.logFile, `${findingJsonLine(finding)}\n`, 'utf8');
      } catch (error) {
        this.fail(`appending to ${this.logFile} failed`, error);
      }
    }
  }

  private fail(what: string, error: unknown): void {
    this.countError();
    if (this.warned) return;
    this.warned = true;
    const reason = error instanceof Error ? error.message : String(error);
    console.warn(`pim-migrate runtime guard: ${what} (${reason}); the finding is lost. Later sink failures are counted in the guard's stats.sinkErrors without a warning.`);
  }
}

/** The finding as one JSON line, with the keys in the JSON report's order and absent optional fields left out. */
export function findingJsonLine(finding: Finding): string {
  const copy: Record<string, unknown> = {};
  for (const key of FINDING_KEYS) {
    if (finding[key] !== undefined) copy[key] = finding[key];
  }
  copy.replacements = finding.replacements.map((replacement) => {
    const out: Record<string, unknown> = {};
    for (const key of REPLACEMENT_KEYS) {
      if (replacement[key] !== undefined) out[key] = replacement[key];
    }
    return out;
  });
  return JSON.stringify(copy);
}
