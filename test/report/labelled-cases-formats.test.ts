import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRuleTable } from '../../src/rules/load.js';
import { getReporter } from '../../src/report/index.js';
import { scan } from '../../src/scan.js';
import type { ScanResult } from '../../src/model/scan-result.js';
import { describeErrors, validate } from '../helpers/sarif-validator.js';

// The labelled example repositories beside the checkout (read, never copied). CI always has
// them; elsewhere the test is skipped with a message.
const CASES = fileURLToPath(new URL('../../../shared/cases', import.meta.url));
const present = existsSync(CASES);
if (!present) {
  if (process.env.CI) {
    throw new Error(`labelled cases not found at ${CASES}; CI must provide them`);
  }
  console.warn(`labelled-cases-formats: skipped, no cases at ${CASES}`);
}

const rules = loadRuleTable();
let result: ScanResult;
const render = (format: string): string => getReporter(format)!.render(result, { toolVersion: '0.0.0-test', color: false, rules });

describe.skipIf(!present)('every format on the labelled cases', () => {
  beforeAll(async () => {
    result = await scan({ paths: [CASES] });
  }, 120_000);

  it('finds uses in many languages', () => {
    expect(result.findings.length).toBeGreaterThan(30);
    expect(new Set(result.findings.map((finding) => finding.language)).size).toBeGreaterThanOrEqual(8);
  });

  it('SARIF passes the validator', () => {
    const errors = validate('labelled-cases', render('sarif'));
    expect(errors, describeErrors(errors)).toEqual([]);
  });

  it('SARIF has one result per finding', () => {
    const run = JSON.parse(render('sarif')).runs[0];
    expect(run.results).toHaveLength(result.findings.length);
    expect(run.tool.driver.rules.length).toBe(rules.rules.length);
  });

  it('JSON matches the report schema', () => {
    const schema = JSON.parse(readFileSync(new URL('../../schemas/report.schema.json', import.meta.url), 'utf8'));
    const validateReport = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
    expect(validateReport(JSON.parse(render('json'))), JSON.stringify(validateReport.errors)).toBe(true);
  });

  it('Markdown plan lists every file with findings', () => {
    const markdown = render('markdown');
    expect(markdown).toMatch(/^# PIM API migration plan/);
    for (const file of new Set(result.findings.map((finding) => finding.file))) {
      expect(markdown).toContain(file);
    }
  });

  it('HTML report counts every finding', () => {
    const html = render('html');
    expect(html).toContain(`<title>PIM API migration report: ${result.findings.length} findings</title>`);
    expect(html).not.toMatch(/<script[^>]+src=/);
  });

  it('CSV has a row per finding', () => {
    const rows = render('csv').split('\r\n').filter((line) => /^[^,]+,\d+,\d+,pim[12]-/.test(line));
    expect(rows).toHaveLength(result.findings.length);
  });

  it('GitHub annotations cover unsuppressed findings', () => {
    const lines = render('github').split('\n').filter((line) => /^::(error|warning|notice) file=.*title=pim[12]-/.test(line));
    expect(lines).toHaveLength(result.findings.filter((finding) => !finding.suppression).length);
  });
});
