import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../cli/run-in-process.js';

/** Runs `fix --write --tier suggestion` on one script and returns the new text and the summary. */
async function fixScript(script: string): Promise<{ text: string; stderr: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'pim-fix-az-'));
  const path = join(dir, 'script.ps1');
  writeFileSync(path, script);
  try {
    const run = await runInProcess(['fix', dir, '--write', '--tier', 'suggestion']);
    expect(run.stderr).not.toContain('internal error');
    return { text: readFileSync(path, 'utf8'), stderr: run.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const OPEN = 'Open-AzureADMSPrivilegedRoleAssignmentRequest -ProviderId azureResources';

describe('PowerShell Azure resource fixes', () => {
  it('keeps a splat and quotes enum values', async () => {
    const { text } = await fixScript(
      [
        '$request = @{',
        "    ProviderId = 'azureResources'; ResourceId = $Scope; RoleDefinitionId = $RoleId",
        "    SubjectId = $UserId; Type = 'UserRemove'; AssignmentState = 'Active'",
        '}',
        'Open-AzureADMSPrivilegedRoleAssignmentRequest @request',
        '',
      ].join('\n'),
    );
    expect(text).toContain('New-AzRoleAssignmentScheduleRequest @request');
    expect(text).toContain("RequestType = 'SelfDeactivate'");
    expect(text).toContain('Name = (New-Guid).Guid');
    expect(text).toContain('Scope = $Scope');
    expect(text).not.toContain('ExpirationType');
    expect(text).toMatch(/^# TODO: -Scope must be the ARM scope.*\nNew-AzRoleAssignmentScheduleRequest @request$/m);
  });

  it('wraps an expression moved onto the command line', async () => {
    const { text } = await fixScript(
      [
        'New-MgBetaPrivilegedAccessRoleAssignmentRequest -PrivilegedAccessId azureResources -BodyParameter @{',
        "    resourceId = $Scope; roleDefinitionId = $RoleId; subjectId = $UserId; type = 'AdminAdd'; assignmentState = 'Eligible'",
        "    schedule = @{ startDateTime = [datetime]::UtcNow; endDateTime = $null }",
        '}',
        '',
      ].join('\n'),
    );
    expect(text).toContain('-ScheduleInfoStartDateTime ([datetime]::UtcNow)');
    expect(text).toContain('-ExpirationType NoExpiration');
    expect(text).not.toContain('-ExpirationEndDateTime');
  });

  it.each([
    ['literal role definition GUID', `${OPEN} -ResourceId $Scope -RoleDefinitionId 8e3af657-a8ff-443c-a75c-2fe8c4bcb635 -SubjectId $UserId -Type AdminAdd -AssignmentState Eligible`, 'not a full ARM role definition id'],
    ['no resource', `${OPEN} -RoleDefinitionId $RoleId -SubjectId $UserId -Type AdminAdd -AssignmentState Eligible`, '-Scope is required'],
    [
      'linked eligible assignment',
      "New-MgBetaPrivilegedAccessRoleAssignmentRequest -PrivilegedAccessId azureResources -BodyParameter @{ resourceId = $Scope; roleDefinitionId = $RoleId; subjectId = $UserId; type = 'UserAdd'; assignmentState = 'Active'; linkedEligibleRoleAssignmentId = $Id }",
      'maps to properties.linkedRoleEligibilityScheduleId',
    ],
    [
      'both end and duration',
      "New-MgBetaPrivilegedAccessRoleAssignmentRequest -PrivilegedAccessId azureResources -BodyParameter @{ resourceId = $Scope; roleDefinitionId = $RoleId; subjectId = $UserId; type = 'AdminAdd'; assignmentState = 'Eligible'; schedule = @{ endDateTime = $End; duration = 'PT8H' } }",
      'both an end and a duration',
    ],
    ['list with -Top', "Get-AzureADMSPrivilegedRoleAssignment -ProviderId azureResources -ResourceId $Scope -Top 5 -Filter \"assignmentState eq 'Active'\"", 'takes only -Scope and -Filter'],
    ['count cmdlet', "Get-MgBetaPrivilegedAccessResourceRoleAssignmentCount -PrivilegedAccessId azureResources -GovernanceResourceId $Scope -Filter \"assignmentState eq 'Active'\"", 'no count cmdlet'],
  ])('leaves %s with the reason', async (_name, script, reason) => {
    const { text, stderr } = await fixScript(`${script}\n`);
    expect(text).toBe(`${script}\n`);
    expect(stderr).toContain(reason);
  });

  it('leaves a call after a backtick line', async () => {
    const script = `$result = \`\n    ${OPEN} -ResourceId $Scope -RoleDefinitionId $RoleId -SubjectId $UserId -Type AdminAdd -AssignmentState Eligible\n`;
    const { text, stderr } = await fixScript(script);
    expect(text).toBe(script);
    expect(stderr).toContain('continues the line above with a backtick');
  });

  it('requires both modules for mixed providers', async () => {
    const { text } = await fixScript(
      [
        "#Requires -Modules 'AzureADPreview'",
        `${OPEN} -ResourceId $Scope -RoleDefinitionId $RoleId -SubjectId $UserId -Type AdminAdd -AssignmentState Eligible`,
        "Open-AzureADMSPrivilegedRoleAssignmentRequest -ProviderId aadRoles -ResourceId $TenantId -RoleDefinitionId $RoleId -SubjectId $UserId -Type AdminAdd -AssignmentState Eligible -Schedule @{ Type = 'Once'; Duration = 'P30D' }",
        '',
      ].join('\n'),
    );
    expect(text.split('\n')[0]).toBe("#Requires -Modules 'Microsoft.Graph.Identity.Governance', 'Az.Resources'");
  });

  it('leaves a call with a comment between its parameters', async () => {
    const script = "Open-AzureADMSPrivilegedRoleAssignmentRequest `\n    -ProviderId aadRoles <# tenant #> `\n    -ResourceId $T -RoleDefinitionId $R -SubjectId $U -Type AdminAdd -AssignmentState Eligible -Schedule @{ Type = 'Once'; Duration = 'P30D' }\n";
    const { text, stderr } = await fixScript(script);
    expect(text).toBe(script);
    expect(stderr).toContain('a comment sits between the parameters of the call');
  });

  it('updates Import-Module like #Requires', async () => {
    const { text } = await fixScript(
      [
        'Import-Module AzureADPreview',
        `${OPEN} -ResourceId $Scope -RoleDefinitionId $RoleId -SubjectId $UserId -Type AdminAdd -AssignmentState Eligible`,
        "Open-AzureADMSPrivilegedRoleAssignmentRequest -ProviderId aadRoles -ResourceId $TenantId -RoleDefinitionId $RoleId -SubjectId $UserId -Type AdminAdd -AssignmentState Eligible -Schedule @{ Type = 'Once'; Duration = 'P30D' }",
        '',
      ].join('\n'),
    );
    expect(text.split('\n')[0]).toBe('Import-Module Microsoft.Graph.Identity.Governance, Az.Resources');
  });
});
