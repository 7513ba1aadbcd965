import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRuleTable } from '../../src/rules/load.js';
import { AUTOMATION_ID, buildSarifLog, FINDING_HASH_KEY, SARIF_SCHEMA_URI, SOURCE_ROOT_ID } from '../../src/report/sarif.js';
import { pascalCaseName } from '../../src/report/sarif-rules.js';
import { findRepositoryRoot, relativeUri, repositoryRelativePath } from '../../src/report/sarif-location.js';
import { makeFinding, makeResult, SAMPLE_SOURCE } from './sample-result.js';

const rules = loadRuleTable();
const scratch = mkdtempSync(join(tmpdir(), 'pim-migrate-sarif-unit-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A scan root without `.git` above it, so URIs stay relative to the scan root. */
const root = join(scratch, 'repo');
mkdirSync(root);

function render(findings = [makeFinding()], sources: Record<string, string> = { 'src/pim.ts': SAMPLE_SOURCE }, withRules = true) {
  const readSource = (absolutePath: string): string | null => {
    const relative = absolutePath.slice(root.length + 1).split('\\').join('/');
    return sources[relative] ?? null;
  };
  return buildSarifLog(makeResult(root, findings), { toolVersion: '1.2.3', color: false, readSource, ...(withRules ? { rules } : {}) });
}

describe('SARIF log', () => {
  it('has schema, version and tool', () => {
    const log = render();
    const driver = log.runs[0]!.tool.driver;
    expect(log.$schema).toBe(SARIF_SCHEMA_URI);
    expect(log.version).toBe('2.1.0');
    expect(driver.name).toBe('pim-migrate');
    expect(driver.version).toBe('1.2.3');
    expect(driver.semanticVersion).toBe('1.2.3');
    expect(log.runs[0]!.automationDetails.id).toBe(AUTOMATION_ID);
    expect(log.runs[0]!.columnKind).toBe('utf16CodeUnits');
  });

  it('lists every rule with stable indexes', () => {
    const ids = render().runs[0]!.tool.driver.rules.map((rule) => rule.id);
    expect(ids).toEqual(rules.rules.map((rule) => rule.id));
    const withoutFindings = render([]).runs[0]!.tool.driver.rules.map((rule) => rule.id);
    expect(withoutFindings).toEqual(ids);
  });

  it('result points at its rule', () => {
    const run = render().runs[0]!;
    const result = run.results[0]!;
    expect(run.tool.driver.rules[result.ruleIndex]!.id).toBe(result.ruleId);
  });

  it('rule descriptor fields', () => {
    const run = render().runs[0]!;
    const rule = run.tool.driver.rules.find((entry) => entry.id === 'pim2-role-assignment-requests-create')!;
    expect(rule.name).toBe('Pim2RoleAssignmentRequestsCreate');
    expect(rule.shortDescription?.text).toBe('Create a role assignment request (iteration 2)');
    expect(rule.fullDescription?.text).toContain('stopped returning data on 2026-10-28');
    expect(rule.helpUri).toMatch(/^https:\/\/learn\.microsoft\.com\//);
    expect(rule.defaultConfiguration?.level).toBe('warning');
    expect(rule.properties?.tags).toEqual(['pim', 'iteration-2', 'aadRoles', 'azureResources', 'aadGroups', 'fix-safe']);
    expect(rule.properties?.precision).toBe('high');
    expect(rule.properties?.['problem.severity']).toBe('warning');
    expect(rule.properties).not.toHaveProperty('security-severity');
  });

  it('rule help covers the mapping', () => {
    const rule = render().runs[0]!.tool.driver.rules.find((entry) => entry.id === 'pim2-role-assignment-requests-create')!;
    const markdown = rule.help!.markdown!;
    const text = rule.help!.text;
    for (const help of [text, markdown]) {
      expect(help).toContain('/privilegedAccess/{providerId}/roleAssignmentRequests');
      expect(help).toContain('https://graph.microsoft.com/v1.0/roleManagement/directory/roleEligibilityScheduleRequests');
      expect(help).toContain('management.azure.com');
      expect(help).toContain('New-MgRoleManagementDirectoryRoleEligibilityScheduleRequest');
      expect(help).toContain('AdminAdd -> adminAssign');
      expect(help).toContain('principalId');
      expect(help).toContain('RoleEligibilitySchedule.ReadWrite.Directory');
      expect(help).toContain('2026-10-28');
      expect(help).toContain(rule.helpUri!);
    }
    expect(text).toContain('Unconfirmed: selfExtend and selfRenew');
    expect(markdown).toContain('**Unconfirmed:** selfExtend and selfRenew');
    expect(markdown).toContain('| `subjectId` | `principalId` |');
  });

  it('catch-all rules are medium precision', () => {
    const rule = render().runs[0]!.tool.driver.rules.find((entry) => entry.id === 'pim2-catch-all')!;
    expect(rule.properties?.precision).toBe('medium');
    expect(rule.properties?.tags).toContain('fix-manual');
  });

  it('result location and region', () => {
    const result = render().runs[0]!.results[0]!;
    const location = result.locations[0]!.physicalLocation;
    expect(location.artifactLocation).toEqual({ uri: 'src/pim.ts', uriBaseId: SOURCE_ROOT_ID });
    expect(location.region).toEqual({ startLine: 2, startColumn: 22, endLine: 2, endColumn: 71, snippet: { text: '/privilegedAccess/aadRoles/roleAssignmentRequests' } });
    expect(render().runs[0]!.originalUriBaseIds[SOURCE_ROOT_ID]!.uri).toBe(`file://${root}/`);
  });

  it('message names the replacement', () => {
    const result = render().runs[0]!.results[0]!;
    expect(result.message.text).toContain('This call uses iteration 2 of the PIM API.');
    expect(result.message.text).toContain('POST https://graph.microsoft.com/v1.0/roleManagement/directory/roleEligibilityScheduleRequests');
    expect(result.message.text).toContain('when assignmentState is Eligible');
  });

  it('level follows severity', () => {
    const levels = render([makeFinding({ severity: 'note' }), makeFinding({ line: 3, severity: 'error' })]).runs[0]!.results.map((result) => result.level);
    expect(levels).toEqual(['note', 'error']);
  });

  it('result properties', () => {
    const properties = render().runs[0]!.results[0]!.properties;
    expect(properties.provider).toBe('aadRoles');
    expect(properties.family).toBe('graph-beta-iteration2');
    expect(properties.fix).toBe('suggestion');
    expect(properties.confidence).toBe('high');
    expect(properties.replacements).toEqual(makeFinding().replacements);
  });

  it('suppressed finding carries suppression', () => {
    const finding = makeFinding({ suppression: { kind: 'external', justification: 'baseline.json' } });
    expect(render([finding]).runs[0]!.results[0]!.suppressions).toEqual([{ kind: 'external', justification: 'baseline.json' }]);
    expect(render().runs[0]!.results[0]!.suppressions).toBeUndefined();
  });

  it('fingerprints survive inserted lines', () => {
    const moved = ['// a new first line', '', ...SAMPLE_SOURCE.split('\n')].join('\n');
    const first = render().runs[0]!.results[0]!.partialFingerprints;
    const second = render([makeFinding({ line: 4, endLine: 4 })], { 'src/pim.ts': moved }).runs[0]!.results[0]!.partialFingerprints;
    expect(first.primaryLocationLineHash).toMatch(/^[0-9a-f]+:1$/);
    expect(second.primaryLocationLineHash).toBe(first.primaryLocationLineHash);
    expect(second[FINDING_HASH_KEY]).toBe(first[FINDING_HASH_KEY]);
  });

  it('same text twice gets two fingerprints', () => {
    const results = render([makeFinding(), makeFinding({ line: 3, endLine: 3 })]).runs[0]!.results;
    expect(results[0]!.partialFingerprints[FINDING_HASH_KEY]).not.toBe(results[1]!.partialFingerprints[FINDING_HASH_KEY]);
  });

  it('unreadable file keeps own fingerprint', () => {
    const result = render([makeFinding()], {}).runs[0]!.results[0]!;
    expect(result.partialFingerprints.primaryLocationLineHash).toBeUndefined();
    expect(result.partialFingerprints[FINDING_HASH_KEY]).toMatch(/^[0-9a-f]{32}$/);
  });

  it('skipped files become notifications', () => {
    const result = makeResult(root, [], [{ file: 'big file.js', reason: 'larger than 5 MB' }]);
    const run = buildSarifLog(result, { toolVersion: '1.2.3', color: false, rules }).runs[0]!;
    const notification = run.invocations[0]!.toolExecutionNotifications[0]!;
    expect(run.invocations[0]!.executionSuccessful).toBe(true);
    expect(notification.level).toBe('warning');
    expect(notification.message.text).toBe('Skipped big file.js: larger than 5 MB');
    expect(notification.locations![0]!.physicalLocation.artifactLocation.uri).toBe('big%20file.js');
    expect(run.tool.driver.notifications[notification.descriptor!.index]!.id).toBe(notification.descriptor!.id);
  });

  it('builds rules from findings without table', () => {
    const run = render([makeFinding(), makeFinding({ ruleId: 'pim1-privileged-roles-list', line: 3 })], undefined, false).runs[0]!;
    expect(run.tool.driver.rules.map((rule) => rule.id)).toEqual(['pim1-privileged-roles-list', 'pim2-role-assignment-requests-create']);
    expect(run.results.map((result) => result.ruleIndex)).toEqual([1, 0]);
    expect(run.tool.driver.rules[0]!.properties?.tags).toContain('iteration-1');
  });
});

describe('SARIF paths', () => {
  it('PascalCase names', () => {
    expect(pascalCaseName('pim1-privileged-roles-list')).toBe('Pim1PrivilegedRolesList');
  });

  it('URI encodes special characters', () => {
    expect(relativeUri('a b/c#d?.ts')).toBe('a%20b/c%23d%3F.ts');
    expect(relativeUri('c:/x%y.ts')).toBe('c%3A/x%25y.ts');
  });

  it('finds the repository root', () => {
    const repository = join(scratch, 'git-repo');
    const scanRoot = join(repository, 'services', 'api');
    mkdirSync(join(repository, '.git'), { recursive: true });
    mkdirSync(scanRoot, { recursive: true });
    expect(findRepositoryRoot(scanRoot)).toBe(repository);
    expect(repositoryRelativePath(scanRoot, repository, 'src/a.ts')).toBe('services/api/src/a.ts');
    expect(findRepositoryRoot(root)).toBe(root);
  });
});
