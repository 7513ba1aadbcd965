import type { Finding, ReplacementOut } from '../model/finding.js';
import type { ScanResult } from '../model/scan-result.js';

/** What a secret value becomes in a report. */
export const REDACTED = '***';

/**
 * Key names whose value is a secret, in `key=value`, `key: value`, `Key = "value"`, `"key": "value"`
 * and `key => 'value'` form. A `$` or `-` before the name (PowerShell variable, parameter) is fine.
 */
const SECRET_KEY = String.raw`(?:client[_-]?secret|password|passwd|pwd|account[_-]?key|shared[_-]?access[_-]?key|api[_-]?key|access[_-]?token|refresh[_-]?token|sig)`;

/**
 * `key` then an assignment, then a quoted value (group `quoted`) or a bare value (group `bare`).
 * A bare value stops at whitespace, quotes, `&`, `;`, `,` and brackets, which end a value in a query
 * string, a connection string or code. `=` is part of a bare value, for base64 padding.
 */
const KEY_VALUE = new RegExp(
  String.raw`(?<![A-Za-z0-9])(?<key>${SECRET_KEY})["']?\s*(?:=>|:=|=|:)\s*(?:(?<quote>["'\`])(?<quoted>[^"'\`\r\n]*)\k<quote>|(?<bare>[^\s"'\`&;,<>(){}\[\]]+))`,
  'dgi',
);

/** `Bearer <token>`, in a header value or any text. */
const BEARER = /\bBearer\s+(?<value>[A-Za-z0-9\-._~+/]+=*)/dgi;

/** A JSON Web Token: three base64url parts, the first two JSON objects (`eyJ` is `{"` encoded). */
const JWT = /\beyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;

/**
 * A Microsoft Entra client secret as the portal generates it: three characters, a digit, `Q~`,
 * then more characters, 34 to 40 in all.
 */
const ENTRA_CLIENT_SECRET = /(?<![A-Za-z0-9_\-.~])[A-Za-z0-9_\-.]{3}[0-9]Q~[A-Za-z0-9_\-.~]{28,34}(?![A-Za-z0-9_\-.~])/g;

/** `sv=` or `se=` parameter of a shared access signature, which makes a `sig=` a SAS signature. */
const SAS_PARAMETER = /(?:^|[?&;\s"'])s[ve]=/i;

interface Range {
  start: number;
  end: number;
}

/** Text with secret values replaced, and a map from an index of the input to one of the output. */
export interface RedactedText {
  text: string;
  /** Index in `text` of the input's code unit at `index`; an index inside a secret maps into its `***`. */
  mapIndex(index: number): number;
}

/**
 * Replaces secret values in scanned text with `***`, keeping the key name: bearer tokens, JWTs,
 * client secrets, passwords, connection-string keys and SAS signatures.
 * NOTE: this is pattern matching: a secret under another key name (`token=`, `key=`) or split
 * across lines is printed as written.
 */
export function redactSecrets(text: string): string {
  return redactSecretsWithMap(text).text;
}

/** Same as `redactSecrets`, with the index map that code frames need to keep their caret on the call. */
export function redactSecretsWithMap(text: string): RedactedText {
  const ranges = mergeRanges(findSecretRanges(text));
  if (ranges.length === 0) return { text, mapIndex: (index) => index };

  let output = '';
  let position = 0;
  for (const range of ranges) {
    output += text.slice(position, range.start) + REDACTED;
    position = range.end;
  }
  output += text.slice(position);

  const mapIndex = (index: number): number => {
    let shift = 0;
    for (const range of ranges) {
      if (index >= range.end) {
        shift += range.end - range.start - REDACTED.length;
      } else if (index > range.start) {
        return range.start - shift + Math.min(index - range.start, REDACTED.length);
      } else {
        break;
      }
    }
    return index - shift;
  };
  return { text: output, mapIndex };
}

function findSecretRanges(text: string): Range[] {
  const ranges: Range[] = [];
  const sasContext = SAS_PARAMETER.test(text);

  for (const match of text.matchAll(KEY_VALUE)) {
    const groups = match.indices?.groups;
    const span = groups?.quoted ?? groups?.bare;
    if (!span || span[0] === span[1]) continue;
    if (match.groups?.key?.toLowerCase() === 'sig' && !sasContext) continue;
    // A bare value followed by `(` is a call (`password = readSecret()`), not a literal secret.
    if (groups?.bare && text[span[1]] === '(') continue;
    ranges.push({ start: span[0], end: span[1] });
  }
  for (const match of text.matchAll(BEARER)) {
    const span = match.indices?.groups?.value;
    if (span) ranges.push({ start: span[0], end: span[1] });
  }
  for (const pattern of [JWT, ENTRA_CLIENT_SECRET]) {
    for (const match of text.matchAll(pattern)) {
      ranges.push({ start: match.index, end: match.index + match[0].length });
    }
  }
  return ranges;
}

/** Sorts ranges and joins the ones that overlap or touch, so each secret becomes one `***`. */
function mergeRanges(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Range[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range.start <= last.end) {
      last.end = Math.max(last.end, range.end);
    } else {
      merged.push({ ...range });
    }
  }
  return merged;
}

function redactReplacement(replacement: ReplacementOut): ReplacementOut {
  const copy: ReplacementOut = { ...replacement, url: redactSecrets(replacement.url) };
  if (replacement.when !== undefined) copy.when = redactSecrets(replacement.when);
  if (replacement.notes !== undefined) copy.notes = replacement.notes.map(redactSecrets);
  return copy;
}

/**
 * Redacts every field of a finding that can quote the scanned file: the matched text, the message
 * and operation (built from the code's URL), notes, replacements and a suppression's reason.
 * NOTE: file paths are printed as they are, because reports and annotations must point at the file.
 */
export function redactFinding(finding: Finding): Finding {
  const copy: Finding = {
    ...finding,
    matchedText: redactSecrets(finding.matchedText),
    message: redactSecrets(finding.message),
    operation: { method: finding.operation.method, path: redactSecrets(finding.operation.path) },
    notes: finding.notes.map(redactSecrets),
    replacements: finding.replacements.map(redactReplacement),
  };
  if (finding.suppression) {
    copy.suppression = { ...finding.suppression, justification: redactSecrets(finding.suppression.justification) };
  }
  return copy;
}

/** Returns a copy of a scan result with `redactSecrets` applied to every text a report prints from it. */
export function redactScanResult(result: ScanResult): ScanResult {
  const copy: ScanResult = {
    ...result,
    findings: result.findings.map(redactFinding),
    skipped: result.skipped.map((entry) => ({ ...entry, reason: redactSecrets(entry.reason) })),
    warnings: (result.warnings ?? []).map((entry) => ({ ...entry, message: redactSecrets(entry.message) })),
  };
  if (result.unusedSuppressions) {
    copy.unusedSuppressions = result.unusedSuppressions.map((entry) => ({ ...entry, reason: redactSecrets(entry.reason) }));
  }
  return copy;
}
