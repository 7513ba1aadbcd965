import MarkdownIt from 'markdown-it';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanResult } from '../../src/model/scan-result.js';
import { getReporter } from '../../src/report/index.js';
import { loadRuleTable } from '../../src/rules/load.js';
import { scan } from '../../src/scan.js';
import { describeErrors, validate } from '../helpers/sarif-validator.js';
import { writeProject } from '../helpers/temp-project.js';

const GRAPH = 'https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignments';

/** Terminal controls: clear screen, set window title, red text, and C1 CSI. */
const CONTROLS = '\u001b[2J\u001b]0;title\u0007\u001b[31mred\u009b1m';

/** Scanned text that a report format could read as markup, a command or a terminal control. */
const HOSTILE_TEXT = [
  '</script><script>alert(1)</script><img src=x onerror=alert(1)>',
  ']]><![CDATA[',
  '[click](javascript:alert(1)) ![i](https://attacker.example/x.png)',
  '| a | b |',
  '`code` ``` ~~~',
  '::error ::injected %0A ::set-output name=x::y',
  '=HYPERLINK("https://attacker.example") +1 -1 @SUM(A1)',
  CONTROLS,
].join(' ');

/**
 * File names with characters that mean something in one format or another. Linux allows all of
 * them, line breaks included. Each file contains one old call with hostile text on its line.
 */
const HOSTILE_NAMES = [
  'src/<script>alert(1)</script>.ts',
  `src/quote"single'.ts`,
  'src/new\nline\r.ts',
  'src/cdata]]>.ts',
  'src/pipe|back`tick`.ts',
  'src/percent%0Aencoded%25.ts',
  'src/::error ::pwned,title=x.ts',
  'src/::set-output name=x::y.ts',
  '=cmd|calc.ts',
  '+plus.ts',
  '-minus.ts',
  '@at.ts',
  'src/[link](javascript:alert(1)).ts',
  'src/esc\u001b[31mred.ts',
];

const rules = loadRuleTable();
const context = (color: boolean) => ({ toolVersion: '0.0.0-test', color, rules });

function render(result: ScanResult, format: string, color = false): string {
  return getReporter(format)!.render(result, context(color));
}

/** Splits RFC 4180 text into rows of fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const character = text[index]!;
    if (quoted) {
      if (character === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (character === '"') {
        quoted = false;
      } else {
        field += character;
      }
    } else if (character === '"' && field === '') {
      quoted = true;
    } else if (character === ',') {
      row.push(field);
      field = '';
    } else if (character === '\r' && text[index + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      index++;
    } else {
      field += character;
    }
  }
  if (field !== '' || row.length > 0) throw new Error(`CSV text ends without CRLF: ${JSON.stringify(field)}`);
  return rows;
}

/** Reverses the workflow-command escaping of `@actions/core`. */
function unescapeProperty(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
}

describe('hostile file names and contents in reports', () => {
  let project: ReturnType<typeof writeProject>;
  let result: ScanResult;

  beforeAll(async () => {
    const files: Record<string, string> = {};
    for (const name of HOSTILE_NAMES) {
      // The terminal controls come first after the URL, so the text report's code frame, which
      // shows only a window around the call, quotes them.
      files[name] = `// ${HOSTILE_TEXT}\nexport const list = () => fetch('${GRAPH}?x=${CONTROLS}${HOSTILE_TEXT.replace(/'/g, '')}'); // ${HOSTILE_TEXT}\n`;
    }
    project = writeProject(files);
    result = await scan({ paths: [project.root], jobs: 1 });
  }, 60_000);
  afterAll(() => project.cleanup());

  it('finds the call in every hostile file', () => {
    // Guards the test itself: a name the scan drops would never reach a report.
    expect([...new Set(result.findings.map((finding) => finding.file))].sort()).toEqual([...HOSTILE_NAMES].sort());
  });

  it('json round-trips names and matched text', () => {
    const report = JSON.parse(render(result, 'json')) as ScanResult;

    expect(report.findings.map((finding) => finding.file).sort()).toEqual(result.findings.map((finding) => finding.file).sort());
    const matched = (findings: ScanResult['findings']) => findings.map((finding) => `${finding.file}\u0000${finding.matchedText}`).sort();
    expect(matched(report.findings)).toEqual(matched(result.findings));
  });

  it('sarif round-trips names and validates', () => {
    const sarif = render(result, 'sarif');
    const log = JSON.parse(sarif) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    const uris = log.runs[0]!.results.map((entry) => decodeURIComponent(entry.locations[0]!.physicalLocation.artifactLocation.uri));

    expect([...new Set(uris)].sort()).toEqual([...HOSTILE_NAMES].sort());
    const errors = validate('hostile', sarif);
    expect(errors, describeErrors(errors)).toEqual([]);
  }, 120_000);

  it('markdown renders no HTML, link or broken table', () => {
    const markdown = render(result, 'markdown');
    const parser = new MarkdownIt({ html: true, linkify: false });
    const tokens = parser.parse(markdown, {});
    const inline = tokens.flatMap((token) => [token, ...(token.children ?? [])]);

    const html = inline.filter((token) => token.type === 'html_inline' || token.type === 'html_block').map((token) => token.content);
    expect(html).toEqual([]);
    const links = inline.filter((token) => token.type === 'link_open' || token.type === 'image').map((token) => token.attrGet('href') ?? token.attrGet('src'));
    for (const link of links) {
      expect(link, 'link target').toMatch(/^(https:\/\/(learn\.microsoft\.com|github\.com)\/|#)/);
    }
    expect(parser.render(markdown)).not.toMatch(/<(script|img)\b/i);

    // Every table row has as many cells as its header row.
    let columns = 0;
    let cells = 0;
    for (const token of tokens) {
      if (token.type === 'tr_open') cells = 0;
      if (token.type === 'th_open' || token.type === 'td_open') cells++;
      if (token.type === 'tr_close') {
        if (tokens[tokens.indexOf(token) - 1]?.type === 'th_close') columns = cells;
        expect(cells, 'cells in a table row').toBe(columns);
      }
    }
  });

  it('csv quotes fields and neutralises formulas', () => {
    const rows = parseCsv(render(result, 'csv').replace(/^\uFEFF/, ''));
    const [header, ...body] = rows;

    expect(body).toHaveLength(result.findings.length);
    for (const row of body) {
      expect(row, 'fields in a row').toHaveLength(header!.length);
      for (const field of row) expect(field, 'formula start').not.toMatch(/^[=+\-@\t\r]/);
    }
    const files = body.map((row) => row[header!.indexOf('file')]!.replace(/^'(?=[=+\-@\t\r])/, ''));
    expect([...new Set(files)].sort()).toEqual([...HOSTILE_NAMES].sort());
  });

  it('github annotations stay one command each', () => {
    const lines = render(result, 'github').replace(/\n$/, '').split('\n');
    const annotations = lines.slice(0, -1);

    expect(annotations).toHaveLength(result.findings.length);
    const files: string[] = [];
    for (const line of lines) {
      const match = /^::(error|warning|notice) ([^:]*)::([^\r\n]*)$/.exec(line);
      expect(match, line).not.toBeNull();
      // The runner splits properties at `,` and each at its first `=`, so `=` may stay in a value.
      const properties = new Map(match![2]!.split(',').map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
      if (properties.has('file')) files.push(unescapeProperty(properties.get('file')!));
    }
    expect([...new Set(files)].sort()).toEqual([...HOSTILE_NAMES].sort());
  });

  for (const color of [false, true]) {
    it(`text ${color ? 'with' : 'without'} colour prints no terminal control`, () => {
      const text = render(result, 'text', color);
      // Colour output may contain SGR sequences (ESC [ ... m) and nothing else.
      const rest = color ? text.replace(/\u001b\[[0-9;]*m/g, '') : text;

      expect(rest).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      // Guards the check above: the code frames quote the hostile line, controls replaced.
      expect(text).toContain('\uFFFD[2J');
    });
  }
});
