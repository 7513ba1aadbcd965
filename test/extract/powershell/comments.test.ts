import { describe, expect, it } from 'vitest';
import { extractPs, urlText } from './extract-helper.js';

describe('powershell comment call sites', () => {
  it('reads URLs and cmdlets in comments and help', async () => {
    const text = [
      '<#',
      '.EXAMPLE',
      '    Get-AzureADMSPrivilegedRoleAssignment -ProviderId aadRoles',
      '.NOTES',
      '    Calls POST https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignmentRequests',
      '#>',
      '# see /privilegedRoles/{id}/selfActivate',
      '#Requires -Modules AzureADPreview',
      'Write-Host done',
    ].join('\n');
    const sites = await extractPs(text);
    expect(sites.every((site) => site.inComment && site.confidence === 'low')).toBe(true);
    const cmdlet = sites.find((site) => site.kind === 'cmdlet');
    expect(cmdlet?.cmdlet?.parameters).toEqual({ ProviderId: 'aadRoles' });
    expect(cmdlet?.cmdlet?.offset).toBe(text.indexOf('Get-AzureADMS'));
    const found = sites.filter((site) => site.kind === 'url');
    expect(found.map(urlText)).toEqual(['https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignmentRequests', '/privilegedRoles/{{id}}/selfActivate']);
    expect(found[0]?.method).toBe('POST');
    expect(sites).toHaveLength(3);
  });

  it('ignores permission names in comments', async () => {
    const sites = await extractPs('# needs PrivilegedAccess.ReadWrite.AzureAD\nWrite-Host x\n');
    expect(sites).toEqual([]);
  });
});
