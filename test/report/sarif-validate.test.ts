import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRuleTable } from '../../src/rules/load.js';
import { sarifReporter } from '../../src/report/sarif.js';
import { scan } from '../../src/scan.js';
import { writeProject } from '../helpers/temp-project.js';

/**
 * Runs Microsoft's SARIF validator (`@microsoft/sarif-multitool`, a self-contained .NET binary)
 * with the SARIF rules and GitHub's ingestion rules on real reports. The package's own `bin.js`
 * runs the binary through a shell, which splits the `Gh;Sarif` argument at the `;`, so the
 * test runs the binary directly.
 */
const multitool = createRequire(import.meta.url)('@microsoft/sarif-multitool') as string;

// .NET needs libicu unless globalization is invariant; invariant mode lets the binary run on machines without it.
const VALIDATOR_ENV = { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' };

const rules = loadRuleTable();
const workDir = mkdtempSync(join(tmpdir(), 'pim-migrate-sarif-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

interface ValidatorResult {
  ruleId: string;
  level?: string;
  message: { text?: string; id?: string; arguments?: string[] };
}

/** Validates a SARIF text and returns the validator's results of level `error`. */
function validate(name: string, sarif: string): ValidatorResult[] {
  const input = join(workDir, `${name}.sarif`);
  const output = join(workDir, `${name}.validation.sarif`);
  writeFileSync(input, sarif);
  const run = spawnSync(multitool, ['validate', '--rule-kind', 'Gh;Sarif', input, '-o', output], { env: VALIDATOR_ENV, encoding: 'utf8' });
  if (run.error) throw run.error;

  let log: { runs: { results?: ValidatorResult[] }[] };
  try {
    log = JSON.parse(readFileSync(output, 'utf8'));
  } catch {
    throw new Error(`sarif-multitool wrote no log (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  }
  const results = log.runs.flatMap((entry) => entry.results ?? []);
  // A result without a level has the SARIF default, `warning`.
  const errors = results.filter((result) => result.level === 'error');
  if (errors.length > 0) console.error(run.stdout);
  return errors;
}

function describeErrors(errors: ValidatorResult[]): string {
  return errors.map((error) => `${error.ruleId}: ${error.message.text ?? `${error.message.id} ${JSON.stringify(error.message.arguments)}`}`).join('\n');
}

describe('SARIF validation', () => {
  it('multitool runs', () => {
    const run = spawnSync(multitool, ['--version'], { env: VALIDATOR_ENV, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(`${run.stdout}${run.stderr}`).toMatch(/SARIF Multitool \d+\.\d+/);
  });

  it('demo scan has no errors', async () => {
    const result = await scan({ paths: ['fixtures/demo'] });
    expect(result.findings.length).toBeGreaterThan(5);

    const errors = validate('demo', sarifReporter.render(result, { toolVersion: '0.1.0', color: false, rules }));
    expect(errors, describeErrors(errors)).toEqual([]);
  });

  it('mixed project has no errors', async () => {
    const project = writeProject({
      'src/assign.ts': [
        "import { client } from './client';",
        "// pim-migrate-ignore pim2-role-assignments-list -- replaced in the next release",
        "await client.api('/privilegedAccess/aadRoles/roleAssignments').version('beta').get();",
        "await client.api('/privilegedAccess/aadGroups/roleAssignmentRequests').version('beta')",
        "  .post({ type: 'UserAdd', assignmentState: 'Active' });",
        '',
      ].join('\n'),
      'scripts/roles.ps1': "Get-AzureADMSPrivilegedRoleAssignment -ProviderId aadRoles -ResourceId $tenant\n",
      'tools/audit.py': "import requests\nrequests.get(f'https://graph.microsoft.com/beta/privilegedAccess/azureResources/resources/{rid}/roleAssignments')\n",
      'folder with space/notes #1.md': '```sh\ncurl https://graph.microsoft.com/beta/privilegedRoles\n```\n',
      // NUL bytes make the file binary, so the scan skips it with a reason.
      'data/blob.bin': 'GET /beta/privilegedAccess/aadRoles/roleAssignments\u0000\u0000\u0001',
    });
    try {
      const result = await scan({ paths: [project.root] });
      const languages = new Set(result.findings.map((finding) => finding.language));
      expect(languages.size).toBeGreaterThanOrEqual(4);
      expect(result.findings.some((finding) => finding.suppression?.kind === 'inSource')).toBe(true);
      expect(result.skipped.map((entry) => entry.file)).toContain('data/blob.bin');

      const sarif = sarifReporter.render(result, { toolVersion: '0.1.0', color: false, rules });
      const errors = validate('mixed', sarif);
      expect(errors, describeErrors(errors)).toEqual([]);

      const run = JSON.parse(sarif).runs[0];
      expect(run.results.some((entry: { suppressions?: unknown[] }) => entry.suppressions?.length === 1)).toBe(true);
      expect(run.invocations[0].toolExecutionNotifications.length).toBeGreaterThanOrEqual(1);
    } finally {
      project.cleanup();
    }
  });

  it('validator rejects a broken log', () => {
    const broken = {
      version: '2.1.0',
      runs: [{ tool: { driver: { name: 'x', rules: [{ id: 'r1' }] } }, results: [{ ruleId: 'r1', message: { text: 'm' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'C:\\abs\\a.ts' } } }] }] }],
    };
    expect(validate('broken', JSON.stringify(broken)).length).toBeGreaterThan(0);
  });

  it('rule descriptors alone have no errors', () => {
    const empty = {
      root: workDir,
      findings: [],
      skipped: [],
      warnings: [],
      summary: { filesDiscovered: 0, filesWithoutSignature: 0, filesParsed: 0, filesSkipped: 0, findings: 0, byProvider: {}, byFix: {}, byFamily: {}, byRule: {}, inComments: 0 },
    };
    const errors = validate('empty', sarifReporter.render(empty, { toolVersion: '0.1.0', color: false, rules }));
    expect(errors, describeErrors(errors)).toEqual([]);
  });
});
