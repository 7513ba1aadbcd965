import { UNCONFIRMED_NOTE } from '../match/select-replacements.js';
import type { Finding, ReplacementOut } from '../model/finding.js';
import type { Colors } from './colors.js';
import { renderCodeFrame } from './code-frame.js';
import { printable, wrapText } from './terminal-text.js';

/** Indent of everything under a finding's header line. */
const BODY = '  ';
/** Indent of a replacement's details, under the text after its `-> `. */
const DETAIL = '       ';


export interface FindingTextOptions {
  colors: Colors;
  /** Lines of the finding's file, or null when it could not be read. */
  sourceLines: readonly string[] | null;
  width: number;
}

/** Renders one finding as the lines shown under its file heading. */
export function renderFinding(finding: Finding, options: FindingTextOptions): string[] {
  const { colors, width } = options;
  const lines: string[] = [renderHeader(finding, colors)];

  lines.push(...wrapText(printable(finding.title), width, BODY + '  ', BODY).map((line) => colors.bold(line)));
  lines.push(...wrapText(`old call: ${printable(formatOperation(finding))}`, width, BODY + '  ', BODY));
  lines.push(`${BODY}${colors.dim(formatContext(finding))}`);
  if (finding.message && finding.message !== finding.title) {
    lines.push(...wrapText(printable(finding.message), width, BODY));
  }

  const frame = options.sourceLines
    ? renderCodeFrame(options.sourceLines, finding, { contextLines: 1, maxWidth: width - BODY.length, colors })
    : [];
  if (frame.length > 0) {
    lines.push(...frame.map((line) => `${BODY}${line}`));
  } else if (finding.matchedText) {
    // Without the file, the matched text is the best pointer to the code.
    lines.push(...wrapText(`matched: ${printable(finding.matchedText)}`, width, BODY + '  ', BODY));
  }

  lines.push(...renderReplacements(finding, colors, width));
  lines.push(...renderNotes(finding.notes, BODY, colors, width));

  if (finding.permissions) {
    const to = finding.permissions.to.length > 0 ? finding.permissions.to.join(', ') : '(none listed)';
    const text = `permissions: ${finding.permissions.from.join(', ')} -> ${to}`;
    lines.push(...wrapText(printable(text), width, BODY + '  ', BODY));
  }
  lines.push(colors.dim(`${BODY}docs: ${printable(finding.docs)}`));
  return lines;
}

function renderHeader(finding: Finding, colors: Colors): string {
  const tags = [
    confidenceColor(finding.confidence, colors)(`[confidence: ${finding.confidence}]`),
    fixColor(finding.fix, colors)(`[fix: ${finding.fix}]`),
  ];
  if (finding.inComment) tags.push(colors.magenta('[in a comment]'));
  const location = `${finding.line}:${finding.column}`;
  return `${colors.bold(location)}  ${colors.cyan(printable(finding.ruleId))}  ${tags.join(' ')}`;
}

function formatOperation(finding: Finding): string {
  const { method, path } = finding.operation;
  return method ? `${method} ${path}` : `${path} (the code does not show the HTTP method)`;
}

function formatContext(finding: Finding): string {
  const provider = finding.provider ?? 'not fixed in the code';
  const cloud = finding.cloud ?? 'unknown';
  return `provider: ${provider}, cloud: ${cloud}, retired: ${finding.retired}`;
}

function renderReplacements(finding: Finding, colors: Colors, width: number): string[] {
  const { replacements } = finding;
  if (replacements.length === 0) {
    return [`${BODY}${colors.yellow('-> no iteration 3 replacement exists for this operation; see the notes')}`];
  }

  const lines: string[] = [];
  if (!finding.exact && replacements.length > 1) {
    lines.push(`${BODY}one of these replacements, depending on values the code does not show:`);
  }
  for (const replacement of replacements) {
    lines.push(...renderReplacement(replacement, colors, width));
  }
  return lines;
}

function renderReplacement(replacement: ReplacementOut, colors: Colors, width: number): string[] {
  // Not wrapped: a URL cannot be broken, and a bare method on its own line reads worse than overflow.
  const lines = [colors.green(`${BODY}-> ${replacement.method} ${printable(replacement.url)}`)];
  if (replacement.when) lines.push(...wrapText(`when ${printable(replacement.when)}`, width, DETAIL + '  ', DETAIL));
  if (replacement.action) lines.push(`${DETAIL}action ${printable(replacement.action)}`);
  if (replacement.cmdlet) lines.push(`${DETAIL}cmdlet ${printable(replacement.cmdlet)}`);
  lines.push(...renderNotes(replacement.notes ?? [], DETAIL, colors, width));
  return lines;
}

function renderNotes(notes: readonly string[], indent: string, colors: Colors, width: number): string[] {
  const lines: string[] = [];
  for (const note of notes) {
    const match = UNCONFIRMED_NOTE.exec(note);
    const label = match ? 'unconfirmed (check by hand):' : 'note:';
    const scope = match?.[1] ? `${match[1]}: ` : '';
    const text = match ? `${scope}${note.slice(match[0].length)}` : note;

    // Wrap before colouring, because colour codes would count as width.
    const wrapped = wrapText(`${label} ${printable(text)}`, width, `${indent}  `, indent);
    if (match) {
      wrapped[0] = (wrapped[0] ?? '').replace(label, colors.yellow(label));
    }
    lines.push(...wrapped);
  }
  return lines;
}

function confidenceColor(confidence: Finding['confidence'], colors: Colors): (text: string) => string {
  if (confidence === 'high') return colors.green;
  if (confidence === 'medium') return colors.yellow;
  return colors.dim;
}

function fixColor(fix: Finding['fix'], colors: Colors): (text: string) => string {
  if (fix === 'safe') return colors.green;
  if (fix === 'suggestion') return colors.yellow;
  return colors.red;
}
