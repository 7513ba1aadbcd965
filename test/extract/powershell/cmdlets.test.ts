import { describe, expect, it } from 'vitest';
import { cmdlets, extractPs } from './extract-helper.js';

describe('powershell cmdlet call sites', () => {
  it('reads bare words, quoted values, switches and colon syntax', async () => {
    const text = "Get-AzureADMSPrivilegedRoleAssignment -ProviderId aadRoles -ResourceId 'tenant-1' -Filter \"subjectId eq 'u1'\" -Top:5 -All\n";
    const [site] = cmdlets(await extractPs(text));
    expect(site?.cmdlet?.name).toBe('Get-AzureADMSPrivilegedRoleAssignment');
    expect(site?.cmdlet?.offset).toBe(0);
    expect(site?.cmdlet?.length).toBe('Get-AzureADMSPrivilegedRoleAssignment'.length);
    expect(site?.cmdlet?.parameters).toEqual({ ProviderId: 'aadRoles', ResourceId: 'tenant-1', Filter: "subjectId eq 'u1'", Top: '5', All: '' });
    expect(site?.confidence).toBe('high');
    expect(site?.inComment).toBe(false);
  });

  it('keeps the module qualifier and reads backtick continuations', async () => {
    const text = [
      "$role = 'role-1'",
      'AzureADPreview\\Open-AzureADMSPrivilegedRoleAssignmentRequest `',
      '    -ProviderId aadRoles `',
      '    -RoleDefinitionId $role `',
      '    -SubjectId $user.ObjectId `',
      '    -Type adminAdd -AssignmentState Eligible',
    ].join('\n');
    const [site] = cmdlets(await extractPs(text));
    expect(site?.cmdlet?.name).toBe('AzureADPreview\\Open-AzureADMSPrivilegedRoleAssignmentRequest');
    expect(site?.cmdlet?.offset).toBe(text.indexOf('AzureADPreview\\'));
    expect(site?.cmdlet?.parameters).toEqual({ ProviderId: 'aadRoles', RoleDefinitionId: 'role-1', SubjectId: null, Type: 'adminAdd', AssignmentState: 'Eligible' });
  });

  it('resolves -f format values and here-strings', async () => {
    const text = [
      "$tenant = 'contoso'",
      "Get-AzureADMSPrivilegedRoleAssignment -ProviderId aadRoles -Filter (\"subjectId eq '{0}'\" -f $tenant) -ResourceId @'",
      'tenant-2',
      "'@",
    ].join('\n');
    const [site] = cmdlets(await extractPs(text));
    expect(site?.cmdlet?.parameters).toEqual({ ProviderId: 'aadRoles', Filter: "subjectId eq 'contoso'", ResourceId: 'tenant-2' });
  });

  it('expands a splatted hashtable built up after creation', async () => {
    const text = [
      "$params = @{ ProviderId = 'aadRoles'; ResourceId = 'tenant-1' }",
      "$params.Type = 'AdminAdd'",
      "$params['AssignmentState'] = 'Active'",
      'Open-AzureADMSPrivilegedRoleAssignmentRequest @params -Reason "ticket"',
    ].join('\n');
    const [site] = cmdlets(await extractPs(text));
    expect(site?.cmdlet?.parameters).toEqual({ ProviderId: 'aadRoles', ResourceId: 'tenant-1', Type: 'AdminAdd', AssignmentState: 'Active', Reason: 'ticket' });
  });

  it('resolves cmdlet names run with the call operator', async () => {
    const text = ["$cmd = 'Get-AzureADMSPrivilegedRoleAssignment'", '& $cmd -ProviderId aadRoles', "& 'Get-AzureADMSPrivilegedRoleSetting' -ProviderId azureResources"].join('\n');
    const sites = cmdlets(await extractPs(text));
    expect(sites.map((site) => site.cmdlet?.name)).toEqual(['Get-AzureADMSPrivilegedRoleAssignment', 'Get-AzureADMSPrivilegedRoleSetting']);
    expect(sites[0]?.cmdlet?.offset).toBe(text.indexOf('$cmd -'));
    expect(sites[1]?.cmdlet?.offset).toBe(text.indexOf('Get-AzureADMSPrivilegedRoleSetting'));
    expect(sites[1]?.cmdlet?.parameters).toEqual({ ProviderId: 'azureResources' });
  });

  it('parses Invoke-Expression text with shifted offsets', async () => {
    const text = "$p = 'aadRoles'\nInvoke-Expression \"Get-AzureADMSPrivilegedRoleSetting -ProviderId $p\"\n";
    const [site] = cmdlets(await extractPs(text));
    expect(site?.cmdlet?.name).toBe('Get-AzureADMSPrivilegedRoleSetting');
    expect(site?.cmdlet?.offset).toBe(text.indexOf('Get-AzureADMS'));
    expect(site?.cmdlet?.parameters).toEqual({ ProviderId: 'aadRoles' });
  });

  it('reads -BodyParameter hashtables as dotted body fields', async () => {
    const text = [
      '$body = @{',
      "    type = 'UserAdd'; assignmentState = 'Active'",
      "    schedule = @{ type = 'Once'; duration = 'PT4H'; startDateTime = (Get-Date) }",
      '}',
      'New-MgBetaPrivilegedAccessRoleAssignmentRequest -PrivilegedAccessId aadGroups -BodyParameter $body',
      "New-MgBetaPrivilegedAccessRoleAssignmentRequest -PrivilegedAccessId aadRoles -BodyParameter ([pscustomobject]@{ type = 'AdminAdd' })",
    ].join('\n');
    const [first, second] = cmdlets(await extractPs(text));
    expect(first?.body?.fields).toEqual({ type: 'UserAdd', assignmentState: 'Active', 'schedule.type': 'Once', 'schedule.duration': 'PT4H', 'schedule.startDateTime': null });
    expect(first?.body?.complete).toBe(true);
    expect(first?.cmdlet?.parameters.PrivilegedAccessId).toBe('aadGroups');
    expect(second?.body?.fields).toEqual({ type: 'AdminAdd' });
  });

  it('reads the AzureADPreview schedule object', async () => {
    const text = [
      '$schedule = New-Object Microsoft.Open.MSGraph.Model.AzureADMSPrivilegedSchedule',
      "$schedule.Type = 'Once'",
      "$schedule.Duration = 'PT8H'",
      '$schedule.StartDateTime = (Get-Date).ToUniversalTime()',
      'Open-AzureADMSPrivilegedRoleAssignmentRequest -ProviderId aadRoles -Type adminAdd -Schedule $schedule',
    ].join('\n');
    const [site] = cmdlets(await extractPs(text));
    expect(site?.body?.fields).toEqual({ 'schedule.type': 'Once', 'schedule.duration': 'PT8H', 'schedule.startDateTime': null });
    expect(site?.cmdlet?.parameters.Schedule).toBeNull();
  });

  it('ignores iteration 3 cmdlets and #Requires', async () => {
    const text = [
      '#Requires -Modules AzureADPreview',
      "Connect-MgGraph -Scopes 'PrivilegedAccess.Read.AzureADGroup'",
      'New-MgRoleManagementDirectoryRoleEligibilityScheduleRequest -BodyParameter $params',
      'Get-MgIdentityGovernancePrivilegedAccessGroupEligibilityScheduleInstance -Filter "groupId eq \'g\'"',
    ].join('\n');
    const sites = await extractPs(text);
    expect(sites.filter((site) => site.cmdlet?.name.startsWith('New-MgRoleManagement'))).toEqual([]);
    expect(sites.filter((site) => site.kind === 'url')).toEqual([]);
    expect(sites.some((site) => site.inComment)).toBe(false);
  });
});
