import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { describeErrors, multitool, validate, VALIDATOR_ENV, workDir } from '../helpers/sarif-validator.js';
import { loadRuleTable } from '../../src/rules/load.js';
import { sarifReporter } from '../../src/report/sarif.js';
import { scan } from '../../src/scan.js';
import { writeProject } from '../helpers/temp-project.js';

const rules = loadRuleTable();

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
