import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';
import { afterAll, describe, expect, it } from 'vitest';
import { scan } from '../../src/scan.js';
import { FINDING_KEYS, jsonReporter, REPLACEMENT_KEYS } from '../../src/report/json.js';
import { makeFinding, makeResult } from './sample-result.js';

const schema = JSON.parse(readFileSync(new URL('../../schemas/report.schema.json', import.meta.url), 'utf8'));
// strict: an unknown keyword or a typo in the schema fails compilation.
const ajv = new Ajv2020({ allErrors: true, strict: true });
// ajv-formats is CommonJS with `exports.default`; the cast picks the plugin in either interop.
const addFormats = ((formatsModule as unknown as { default?: unknown }).default ?? formatsModule) as unknown as (instance: Ajv2020) => void;
addFormats(ajv);
const validate = ajv.compile(schema);

function reportOf(findings = [makeFinding()]): Record<string, unknown> {
  return JSON.parse(jsonReporter.render(makeResult('/abs/root', findings, [{ file: 'a.bin', reason: 'binary file' }]), { toolVersion: '0.1.0', color: false }));
}

function errorsOf(): string {
  return ajv.errorsText(validate.errors);
}

const temporaryFolders: string[] = [];
afterAll(() => {
  for (const folder of temporaryFolders) rmSync(folder, { recursive: true, force: true });
});

describe('report schema', () => {
  it('declares draft 2020-12', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.properties.schemaVersion.const).toBe(1);
  });

  it('accepts a rendered report', () => {
    const report = reportOf([makeFinding(), makeFinding({ provider: null, cloud: null, operation: { method: null, path: '/privilegedAccess' }, permissions: undefined })]);
    expect(validate(report), errorsOf()).toBe(true);
  });

  it('lists exactly the finding fields', () => {
    expect(Object.keys(schema.$defs.finding.properties).sort()).toEqual([...FINDING_KEYS].sort());
    expect(Object.keys(schema.$defs.replacement.properties).sort()).toEqual([...REPLACEMENT_KEYS].sort());
    expect([...schema.$defs.finding.required].sort()).toEqual(FINDING_KEYS.filter((key) => !['permissions', 'suppression', 'source', 'seenAtRuntime'].includes(key)).sort());
  });

  it('describes every property', () => {
    const missing: string[] = [];
    const visit = (node: unknown, path: string): void => {
      if (!node || typeof node !== 'object') return;
      const properties = (node as { properties?: Record<string, unknown> }).properties;
      for (const [name, child] of Object.entries(properties ?? {})) {
        if (typeof (child as { description?: unknown }).description !== 'string') missing.push(`${path}.${name}`);
      }
      for (const [key, child] of Object.entries(node)) visit(child, `${path}.${key}`);
    };
    visit(schema, '$');
    expect(missing).toEqual([]);
  });

  const brokenReports: Array<[string, (report: any) => void]> = [
    ['an unknown top-level field', (report) => (report.extra = true)],
    ['a newer schemaVersion', (report) => (report.schemaVersion = 2)],
    ['a finding without ruleId', (report) => delete report.findings[0].ruleId],
    ['an unknown finding field', (report) => (report.findings[0].severity = 'high')],
    ['an unknown family', (report) => (report.findings[0].family = 'graph-v1')],
    ['an unknown fix tier', (report) => (report.findings[0].fix = 'auto')],
    ['an unknown confidence', (report) => (report.findings[0].confidence = 'certain')],
    ['an unknown replacement api', (report) => (report.findings[0].replacements[0].api = 'soap')],
    ['a line of zero', (report) => (report.findings[0].line = 0)],
    ['a summary without findings', (report) => delete report.summary.findings],
    ['a skipped file without reason', (report) => delete report.skipped[0].reason],
  ];

  for (const [name, breakReport] of brokenReports) {
    it(`rejects ${name}`, () => {
      const report = reportOf();
      breakReport(report);
      expect(validate(report)).toBe(false);
    });
  }

  it('accepts a real scan report', async () => {
    const root = mkdtempSync(join(tmpdir(), 'pim-schema-scan-'));
    temporaryFolders.push(root);
    mkdirSync(join(root, 'src'));
    writeFileSync(
      join(root, 'src/roles.ts'),
      [
        'export async function listSettings(client: any) {',
        "  return client.api('/privilegedAccess/aadRoles/roleSettings').version('beta').get();",
        '}',
        '// old: https://graph.microsoft.com/beta/privilegedAccess/azureResources/resources',
        '',
      ].join('\n'),
    );
    writeFileSync(join(root, 'blob.bin'), Buffer.from([0x70, 0x72, 0x69, 0x76, 0, 1, 2]));

    const result = await scan({ paths: [root] });
    const report = JSON.parse(jsonReporter.render(result, { toolVersion: '0.1.0', color: false }));

    expect(report.findings.length).toBeGreaterThan(0);
    expect(validate(report), errorsOf()).toBe(true);
  });

  it('accepts the CLI report of the demo repository', () => {
    const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
    const demo = fileURLToPath(new URL('../../fixtures/demo', import.meta.url));
    const run = spawnSync(process.execPath, [cli, 'scan', demo, '--format', 'json'], { encoding: 'utf8' });

    expect(run.status, run.stderr).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.findings.length).toBeGreaterThan(0);
    expect(validate(report), errorsOf()).toBe(true);
  });
});
