/**
 * Inline suppression markers: `pim-migrate-ignore <rule-id>[,<rule-id>...] [-- <reason>]` inside
 * a comment of any language (`//`, `#`, `/* *\/`, `<# #>`, `<!-- -->`, `--`, `;`, `REM`). The
 * marker text itself is what counts; the comment syntax around it is not parsed, so a marker
 * inside a string literal also counts.
 */

export interface SuppressionMarker {
  /** 1-based line of the marker. */
  line: number;
  /** Rule ids the marker names, in written order; empty when it names none. */
  ruleIds: string[];
  /** Text after ` -- `, or null when the marker gives no reason. */
  reason: string | null;
}

const MARKER = /(?<![\w-])pim-migrate-ignore(?![\w-])(.*)$/;
/** Comment closers that may follow the marker on its line. */
const TRAILING_CLOSER = /\s*(?:\*\/|#>|-->)\s*$/;
const RULE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** Finds every suppression marker in a file's text, one per line at most. */
export function findMarkers(text: string): SuppressionMarker[] {
  const markers: SuppressionMarker[] = [];
  if (!text.includes('pim-migrate-ignore')) return markers;

  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((lineText, index) => {
    const match = MARKER.exec(lineText);
    if (!match) return;
    markers.push({ line: index + 1, ...parseMarkerTail(match[1] ?? '') });
  });
  return markers;
}

/** Splits the text after `pim-migrate-ignore` into rule ids and a reason. */
function parseMarkerTail(tail: string): { ruleIds: string[]; reason: string | null } {
  const body = tail.replace(TRAILING_CLOSER, '');
  const separator = /(?:^|\s)--(?:\s|$)/.exec(body);
  const idText = separator ? body.slice(0, separator.index) : body;
  const reasonText = separator ? body.slice(separator.index + separator[0].length).trim() : '';

  // Ids end at the first word that is not an id, so `pim-migrate-ignore pim2-x because...` keeps pim2-x.
  const ruleIds: string[] = [];
  for (const word of idText.split(/[\s,]+/).filter((part) => part !== '')) {
    if (!RULE_ID.test(word)) break;
    ruleIds.push(word);
  }
  return { ruleIds, reason: reasonText === '' ? null : reasonText };
}
