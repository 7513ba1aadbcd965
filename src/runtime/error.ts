import type { Finding, ReplacementOut } from '../model/finding.js';

/** `name` of the error, and `code` of the GraphError the Graph client wraps it in. */
export const PIM_RETIRED_API_ERROR = 'PimRetiredApiError';

/**
 * Thrown (or returned as a rejected fetch) in `block` mode instead of sending a request to a
 * retired PIM API. The Graph JavaScript client rethrows it as a `GraphError` with
 * `code === 'PimRetiredApiError'` and the same message, so check `isPimRetiredApiError`.
 */
export class PimRetiredApiError extends Error {
  readonly ruleId: string;
  readonly replacements: ReplacementOut[];
  /** The finding the guard recorded for the blocked request. */
  readonly finding: Finding;

  constructor(finding: Finding) {
    super(`pim-migrate blocked ${describeFinding(finding)}`);
    this.name = PIM_RETIRED_API_ERROR;
    this.ruleId = finding.ruleId;
    this.replacements = finding.replacements;
    this.finding = finding;
  }
}

/** True for a `PimRetiredApiError` and for the Graph client's `GraphError` that wraps one. */
export function isPimRetiredApiError(error: unknown): boolean {
  if (error instanceof PimRetiredApiError) return true;
  return error instanceof Error && (error as { code?: unknown }).code === PIM_RETIRED_API_ERROR;
}

/** `GET <redacted url> (rule <id>, retired <date>). Replacement: <method> <url>.`, for errors and warnings. */
export function describeFinding(finding: Finding): string {
  const request = `${finding.operation.method ?? 'A request'} ${finding.matchedText}`;
  const replacements = finding.replacements.map((replacement) => {
    const when = replacement.when !== undefined ? ` (when ${replacement.when})` : '';
    return `${replacement.method} ${replacement.url}${when}`;
  });
  const next = replacements.length > 0 ? `Replacement: ${replacements.join('; or ')}.` : `No single replacement: ${finding.notes[0] ?? 'see the rule notes'}`;
  return `${request} (rule ${finding.ruleId}, retired ${finding.retired}). ${next}`;
}
