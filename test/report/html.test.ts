import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { renderBarChart, MAX_BARS } from '../../src/report/html-charts.js';
import { escapeHtml, jsonForScript } from '../../src/report/html-escape.js';
import { FILTER_SCRIPT } from '../../src/report/html-script.js';
import { REPORT_STYLE } from '../../src/report/html-style.js';
import { htmlReporter } from '../../src/report/html.js';
import { loadRuleTable } from '../../src/rules/load.js';
import { makeFinding, makeResult, SAMPLE_SOURCE } from './sample-result.js';

const HOSTILE = '</script><script>window.__pwned=1</script><!-- <img src=x onerror=alert(1)> "quoted" \'single\' & \u2028';
const sources: Record<string, string> = { '/repo/src/pim.ts': SAMPLE_SOURCE };
const ctx = { toolVersion: '0.0.0-test', color: false, readSource: (path: string) => sources[path] ?? null };

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

/** The text between the data island's tags. */
function dataIsland(html: string): string {
  const start = html.indexOf('<script type="application/json" id="finding-data">');
  const end = html.indexOf('</script>', start);
  return html.slice(html.indexOf('>', start) + 1, end);
}

describe('html report', () => {
  it('is self-contained with a strict policy', () => {
    const html = htmlReporter.render(makeResult('/repo', [makeFinding()]), ctx);
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1]?.replace(/&#39;/g, "'");

    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain(`script-src 'sha256-${sha256(FILTER_SCRIPT)}'`);
    expect(policy).toContain(`style-src 'sha256-${sha256(REPORT_STYLE)}'`);
    expect(policy).toContain('img-src data:');
    expect(html).toContain(`<script>${FILTER_SCRIPT}</script>`);
    expect(html).toContain(`<style>${REPORT_STYLE}</style>`);
    // Nothing refers to another resource: no src, no stylesheet link, no URL in CSS.
    expect(html).not.toMatch(/\ssrc=/);
    expect(html).not.toMatch(/<link\b/);
    expect(html).not.toMatch(/url\(/);
    expect(html).not.toMatch(/\sstyle=/);
  });

  it('renders totals, rows and frame', () => {
    const findings = [makeFinding(), makeFinding({ file: 'lib/other.ts', line: 4, provider: 'azureResources', fix: 'manual' })];
    const html = htmlReporter.render(makeResult('/repo', findings), { ...ctx, rules: loadRuleTable() });

    expect(html).toContain('<li id="total-findings"><strong>2</strong>findings</li>');
    expect(html).toContain('<li id="total-manual"><strong>1</strong>fix tier manual</li>');
    expect(html.match(/<tbody id="finding-\d+">/g)).toHaveLength(2);
    expect(html).toContain('<span class="hit">&gt; 2 | const request = api(&#39;/privilegedAccess/aadRoles/roleAssignmentRequests&#39;).post(body);</span>');
    expect(html).toContain('Matched text: <code>/privilegedAccess/aadRoles/roleAssignmentRequests</code>');
    expect(html).toContain('<h3>Request body mapping, Microsoft Entra roles (aadRoles)</h3>');
    expect(html).toContain('<li>Request: <code>RoleEligibilitySchedule.ReadWrite.Directory</code></li>');
    expect(html).toContain('<span class="unconfirmed">Unconfirmed, check by hand:</span> the schedule must be sent again on renewal.');
    expect(html).toContain('<a href="https://learn.microsoft.com/graph/api/governanceroleassignmentrequest-post?view=graph-rest-beta" rel="noreferrer noopener">');
    expect(html).toContain('<option value="azureResources">Azure resources (azureResources)</option>');
    expect(html).toContain('aria-labelledby="chart-folder-caption chart-folder-desc"');
  });

  it('data island matches the rows', () => {
    const findings = [makeFinding(), makeFinding({ file: 'lib/other.ts', provider: null })];
    const html = htmlReporter.render(makeResult('/repo', findings), ctx);
    const entries = JSON.parse(dataIsland(html)) as Array<{ id: string; provider: string; path: string }>;

    expect(entries.map((entry) => entry.id)).toEqual(['finding-1', 'finding-2']);
    expect(entries[0]).toEqual({ id: 'finding-1', rule: 'pim2-role-assignment-requests-create', provider: 'dynamic', tier: 'suggestion', path: 'lib/other.ts' });
    expect(html).toContain('<tbody id="finding-1">\n<tr>\n<td class="wrap"><span class="mono">lib/other.ts:2:22</span>');
  });

  it('escapes hostile text everywhere', () => {
    const hostile = makeFinding({ file: `src/${HOSTILE}.ts`, matchedText: HOSTILE, message: HOSTILE, notes: [HOSTILE], docs: `javascript:${HOSTILE}` });
    const suppressed = makeFinding({ line: 9, suppression: { kind: 'inSource', justification: HOSTILE, line: 8 } });
    const result = makeResult('/repo', [hostile, suppressed], [{ file: HOSTILE, reason: HOSTILE }]);
    result.warnings = [{ file: HOSTILE, message: HOSTILE }];
    const html = htmlReporter.render(result, ctx);

    // Only the page's own two script elements open, and the island closes once, at its end.
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<!--');
    expect(html).not.toContain('href="javascript');
    expect(html).toContain(escapeHtml(HOSTILE));

    const island = dataIsland(html);
    expect(island).not.toMatch(/[<>&\u2028\u2029]/);
    expect((JSON.parse(island) as Array<{ path: string }>)[0]!.path).toBe(`src/${HOSTILE}.ts`);
  });

  it('renders an empty scan', () => {
    const html = htmlReporter.render(makeResult('/repo', []), ctx);
    expect(html).toContain('No retired PIM API calls found.');
    expect(dataIsland(html)).toBe('[]');
  });
});

describe('html helpers', () => {
  it('escapeHtml covers markup characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    expect(escapeHtml('a\u0000b\u001bc\td')).toBe('a\uFFFDb\uFFFDc\td');
  });

  it('jsonForScript round-trips', () => {
    const value = { text: HOSTILE, nested: ['<!--', '-->', '\u2029'] };
    const json = jsonForScript(value);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(value);
  });

  it('bar chart groups extra bars', () => {
    const bars = Array.from({ length: MAX_BARS + 3 }, (_, index) => ({ label: `folder-${index}`, count: index + 1 }));
    const svg = renderBarChart('chart-test', 'By folder', bars);
    expect(svg.match(/<rect /g)).toHaveLength(MAX_BARS);
    expect(svg).toContain('>4 other</text>');
    expect(svg).toContain(`>${MAX_BARS + 3}</text>`);
  });

  it('bar chart escapes labels', () => {
    const svg = renderBarChart('chart-test', 'By folder', [{ label: '<b>x</b>', count: 1 }]);
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('&lt;b&gt;x&lt;/b&gt;');
  });
});
