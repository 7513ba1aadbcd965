import type { Finding, ReplacementOut } from '../model/finding.js';
import type { RuleTable } from '../rules/load.js';
import { renderCodeFrame } from './code-frame.js';
import { createColors } from './colors.js';
import { escapeHtml, safeHttpsUrl } from './html-escape.js';
import { UNCONFIRMED_NOTE, bodyMappingsFor, providerKey, providerLabel } from './plan.js';

/** Columns of a code frame in the page, gutter included; longer lines are cut around the match. */
const FRAME_WIDTH = 110;
/** Source lines shown above and below the matched line. */
const FRAME_CONTEXT_LINES = 2;
const NO_COLORS = createColors(false);

/** What the client-side filter needs of one finding; the data island holds a list of these. */
export interface FindingFilterEntry {
  id: string;
  rule: string;
  provider: string;
  tier: string;
  path: string;
}

export function findingId(index: number): string {
  return `finding-${index + 1}`;
}

export function filterEntry(finding: Finding, index: number): FindingFilterEntry {
  return { id: findingId(index), rule: finding.ruleId, provider: providerKey(finding), tier: finding.fix, path: finding.file };
}

/**
 * Renders one finding as a `<tbody>` of two rows: the summary row and a row with a collapsed
 * `<details>` holding the code frame and the rule's guidance. The filter hides the whole tbody.
 */
export function renderFindingBody(finding: Finding, index: number, sourceLines: readonly string[] | null, rules: RuleTable | undefined): string {
  const location = `${finding.file}:${finding.line}:${finding.column}`;
  const tags = [finding.inComment ? '<span class="tag">in a comment</span>' : '', finding.exact ? '' : '<span class="tag">depends on values</span>'].join('');

  return [
    `<tbody id="${findingId(index)}">`,
    '<tr>',
    `<td class="wrap"><span class="mono">${escapeHtml(location)}</span>${tags}</td>`,
    `<td><span class="mono">${escapeHtml(finding.ruleId)}</span></td>`,
    `<td>${escapeHtml(providerLabel(providerKey(finding)))}</td>`,
    `<td class="tier tier-${escapeHtml(finding.fix)}">${escapeHtml(finding.fix)}</td>`,
    `<td>${escapeHtml(finding.confidence)}</td>`,
    `<td class="wrap"><span class="mono">${escapeHtml(formatOperation(finding))}</span></td>`,
    `<td class="wrap">${renderReplacementSummary(finding.replacements)}</td>`,
    '</tr>',
    '<tr class="detail"><td colspan="7">',
    `<details><summary>Code and guidance for ${escapeHtml(location)}</summary>`,
    '<div class="guidance">',
    `<p>${escapeHtml(finding.message)}</p>`,
    renderFrame(finding, sourceLines),
    renderReplacements(finding),
    renderBodyMappings(finding, rules),
    renderPermissions(finding),
    renderNotes(finding.notes),
    renderDocs(finding),
    '</div></details>',
    '</td></tr>',
    '</tbody>',
  ].join('\n');
}

function formatOperation(finding: Finding): string {
  const { method, path } = finding.operation;
  return method ? `${method} ${path}` : `${path} (method not shown)`;
}

function renderReplacementSummary(replacements: readonly ReplacementOut[]): string {
  if (replacements.length === 0) return '<span class="muted">no iteration 3 replacement</span>';
  const items = replacements.map((replacement) => {
    const when = replacement.when ? ` <span class="muted">when ${escapeHtml(replacement.when)}</span>` : '';
    return `<span class="mono">${escapeHtml(`${replacement.method} ${replacement.path}`)}</span>${when}`;
  });
  return items.join('<br>');
}

/** Renders the code frame, or the matched text when the file cannot be read or has changed. */
function renderFrame(finding: Finding, sourceLines: readonly string[] | null): string {
  const frame = sourceLines ? renderCodeFrame(sourceLines, finding, { contextLines: FRAME_CONTEXT_LINES, maxWidth: FRAME_WIDTH, colors: NO_COLORS }) : [];
  if (frame.length === 0) {
    return `<p>Matched text: <code>${escapeHtml(finding.matchedText)}</code> <span class="muted">(the file could not be read for a code frame)</span></p>`;
  }
  const lines = frame.map((line) => (line.startsWith('>') ? `<span class="hit">${escapeHtml(line)}</span>` : escapeHtml(line)));
  return `<pre class="frame" aria-label="Code at ${escapeHtml(`${finding.file} line ${finding.line}`)}"><code>${lines.join('\n')}</code></pre>`;
}

function renderReplacements(finding: Finding): string {
  if (finding.replacements.length === 0) {
    return '<h3>Replacement</h3><p>No iteration 3 operation replaces this one; the notes say what to do instead.</p>';
  }
  const heading = finding.replacements.length > 1 ? 'Replacements, chosen by their conditions' : 'Replacement';
  const items = finding.replacements.map((replacement) => {
    const parts = [`<code>${escapeHtml(`${replacement.method} ${replacement.url}`)}</code>`];
    if (replacement.when) parts.push(`when ${escapeHtml(replacement.when)}`);
    if (replacement.action) parts.push(`action <code>${escapeHtml(replacement.action)}</code>`);
    if (replacement.cmdlet) parts.push(`cmdlet <code>${escapeHtml(replacement.cmdlet)}</code>`);
    const notes = (replacement.notes ?? []).map((note) => `<li>${formatNote(note)}</li>`).join('');
    return `<li>${parts.join(', ')}${notes ? `<ul>${notes}</ul>` : ''}</li>`;
  });
  return `<h3>${heading}</h3><ul>${items.join('')}</ul>`;
}

function renderBodyMappings(finding: Finding, rules: RuleTable | undefined): string {
  const mappings = bodyMappingsFor(finding, rules);
  return mappings
    .map((mapping) => {
      const rows = mapping.fields.map(
        (field) =>
          `<tr><td><code>${escapeHtml(field.from)}</code></td><td>${field.to === null ? 'dropped' : `<code>${escapeHtml(field.to)}</code>`}</td><td>${escapeHtml(field.note ?? '')}</td></tr>`,
      );
      return [
        `<h3>Request body mapping, ${escapeHtml(providerLabel(mapping.provider))}</h3>`,
        '<table><thead><tr><th scope="col">Old field</th><th scope="col">New field</th><th scope="col">Note</th></tr></thead>',
        `<tbody>${rows.join('')}</tbody></table>`,
      ].join('');
    })
    .join('\n');
}

function renderPermissions(finding: Finding): string {
  if (!finding.permissions) return '';
  const list = (scopes: readonly string[]): string => (scopes.length > 0 ? scopes.map((scope) => `<code>${escapeHtml(scope)}</code>`).join(', ') : 'none listed');
  return `<h3>Permissions</h3><ul><li>Request: ${list(finding.permissions.to)}</li><li>Retire: ${list(finding.permissions.from)}</li></ul>`;
}

function renderNotes(notes: readonly string[]): string {
  if (notes.length === 0) return '';
  return `<h3>Notes</h3><ul>${notes.map((note) => `<li>${formatNote(note)}</li>`).join('')}</ul>`;
}

/** Formats a note, marking the ones the rule table lists as unconfirmed behaviour. */
function formatNote(note: string): string {
  const match = UNCONFIRMED_NOTE.exec(note);
  if (!match) return escapeHtml(note);
  const scope = match[1] ? `${match[1]}: ` : '';
  return `<span class="unconfirmed">Unconfirmed, check by hand:</span> ${escapeHtml(scope + note.slice(match[0].length))}`;
}

function renderDocs(finding: Finding): string {
  const url = safeHttpsUrl(finding.docs);
  if (!url) return `<p>Documentation of the retired call: <code>${escapeHtml(finding.docs)}</code></p>`;
  return `<p><a href="${escapeHtml(url)}" rel="noreferrer noopener">Documentation of the retired call</a></p>`;
}
