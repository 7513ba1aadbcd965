import { describe, expect, it } from 'vitest';
import { runInProcess } from './run-in-process.js';

describe('pim-migrate rules', () => {
  it('prints a table with a count', async () => {
    const { code, stdout } = await runInProcess(['rules']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^RULE ID\s+IT\s+OPERATION\s+FIX\s+PROVIDERS\s+CMDLETS\s+TITLE/);
    expect(stdout).toMatch(/pim2-role-settings-list\s+2\s+GET \/privilegedAccess\/\{providerId\}\/roleSettings/);
    expect(stdout).toMatch(/\n(\d+) of \1 rules\n$/);
  });

  it('filters by family, provider and tier', async () => {
    const { stdout } = await runInProcess(['rules', '--family', 'iteration1', '--tier', 'suggestion', '--format', 'json']);
    const rules = JSON.parse(stdout) as Array<{ id: string; iteration: number; fix: string }>;
    expect(rules.length).toBeGreaterThan(0);
    expect(rules.every((rule) => rule.iteration === 1 && rule.fix === 'suggestion')).toBe(true);

    const groups = JSON.parse((await runInProcess(['rules', '--provider', 'aadGroups', '--format', 'json'])).stdout) as Array<{ providers: object }>;
    expect(groups.every((rule) => 'aadGroups' in rule.providers)).toBe(true);
  });

  it('filters by cmdlet family', async () => {
    const rules = JSON.parse((await runInProcess(['rules', '--family', 'cmdlet-azureadpreview', '--format', 'json'])).stdout) as Array<{ operation: { cmdlets?: string[] } }>;
    expect(rules.length).toBeGreaterThan(0);
    expect(rules.every((rule) => (rule.operation.cmdlets ?? []).some((name) => /AzureAD/i.test(name)))).toBe(true);
  });

  it('rejects an unknown filter value', async () => {
    const { code, stderr } = await runInProcess(['rules', '--tier', 'easy']);
    expect(code).toBe(2);
    expect(stderr).toContain('error: unknown fix tier "easy"');
  });
});

describe('pim-migrate explain', () => {
  it('explains a rule id', async () => {
    const { code, stdout } = await runInProcess(['explain', 'pim2-role-assignment-requests-create']);
    expect(code).toBe(0);
    expect(stdout).toContain('pim2-role-assignment-requests-create: ');
    expect(stdout).toContain('Old call (retired):');
    expect(stdout).toContain('POST /privilegedAccess/{providerId}/roleAssignmentRequests');
    expect(stdout).toContain('Replacement for Microsoft Entra roles (aadRoles):');
    expect(stdout).toContain('Replacement for Azure resources (azureResources):');
    expect(stdout).toMatch(/docs: https:\/\//);
  });

  it('explains a method and path for one provider', async () => {
    const { code, stdout } = await runInProcess(['explain', 'POST', '/privilegedAccess/aadGroups/roleAssignmentRequests']);
    expect(code).toBe(0);
    expect(stdout).toContain('matched by: POST /privilegedAccess/aadGroups/roleAssignmentRequests');
    expect(stdout).toContain('Replacement for PIM for Groups (aadGroups):');
    expect(stdout).not.toContain('Replacement for Microsoft Entra roles');
  });

  it('explains a full URL and assumes GET', async () => {
    const { stdout } = await runInProcess(['explain', 'https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignmentRequests']);
    expect(stdout).toContain('pim2-role-assignment-requests-list: ');
    expect(stdout).toContain('GET is assumed');
    expect(stdout).toContain('pim2-role-assignment-requests-create');
  });

  it('explains a cmdlet', async () => {
    const { stdout } = await runInProcess(['explain', 'Get-AzureADMSPrivilegedRoleAssignment']);
    expect(stdout).toContain('matched by: cmdlet Get-AzureADMSPrivilegedRoleAssignment (AzureADPreview)');
  });

  it('marks unconfirmed notes', async () => {
    const { stdout } = await runInProcess(['explain', 'pim2-resources-list']);
    expect(stdout).toContain('unconfirmed (check by hand):');
  });

  it('rejects unknown input with the closest ids', async () => {
    const { code, stderr } = await runInProcess(['explain', 'pim2-role-setings-list']);
    expect(code).toBe(2);
    expect(stderr).toContain('error: no rule matches "pim2-role-setings-list"');
    expect(stderr).toContain('closest: pim2-role-settings-list');
  });
});
