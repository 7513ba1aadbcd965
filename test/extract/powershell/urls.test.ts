import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractPs, urls, urlText } from './extract-helper.js';

describe('powershell URL call sites', () => {
  it('reads Invoke-RestMethod with expandable strings and a default GET', async () => {
    const text = [
      "$script:base = 'https://graph.microsoft.com/beta'",
      "Invoke-RestMethod -Uri \"$base/privilegedAccess/$provider/roleAssignments/$($obj.Id)?`$filter=subjectId eq '${name}'\" -Headers $h",
    ].join('\n');
    const [site] = urls(await extractPs(text));
    expect(urlText(site!)).toBe("https://graph.microsoft.com/beta/privilegedAccess/{$provider}/roleAssignments/{$obj.Id}?$filter=subjectId eq '{${name}}'");
    expect(site?.method).toBe('GET');
    expect(site?.confidence).toBe('high');
    expect(site?.url?.[0]).toEqual({ kind: 'literal', text: 'https://graph.microsoft.com/beta', offset: text.indexOf('https'), resolvedFrom: '$base' });
    expect(site?.url?.[1]).toMatchObject({ kind: 'literal', text: '/privilegedAccess/', offset: text.indexOf('/privilegedAccess') });
  });

  it('keeps a ValidateSet parameter dynamic, other defaults resolved', async () => {
    const text = [
      'param(',
      "  [ValidateSet('aadRoles', 'aadGroups')][string]$Provider = 'aadRoles',",
      "  [string]$Tenant = 'contoso'",
      ')',
      'Invoke-RestMethod -Uri "https://graph.microsoft.com/beta/privilegedAccess/$Provider/resources/$Tenant/roleDefinitions"',
    ].join('\n');
    const [site] = urls(await extractPs(text));
    expect(urlText(site!)).toBe('https://graph.microsoft.com/beta/privilegedAccess/{$Provider}/resources/contoso/roleDefinitions');
  });

  it('fills -f placeholders and keeps doubled quotes as text', async () => {
    const text = [
      "$script:GraphBeta = 'https://graph.microsoft.com/beta'",
      "$ProviderId = 'aadRoles'",
      "$uri = '{0}/privilegedAccess/{1}/roleSettings?$filter=resourceId eq ''{2}''' -f $script:GraphBeta, $ProviderId, $rid",
      'Invoke-MgGraphRequest -Method get -Uri $uri',
    ].join('\n');
    const [site] = urls(await extractPs(text));
    expect(urlText(site!)).toBe("https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleSettings?$filter=resourceId eq '{$rid}'");
    expect(site?.method).toBe('GET');
  });

  it('reads + concatenation, here-strings and class properties', async () => {
    const text = [
      'class PimClient {',
      "  [string]$Base = 'https://graph.microsoft.com/beta'",
      '  [object] Roles() {',
      "    return Invoke-RestMethod -Method Get -Uri ($this.Base + '/privilegedRoles')",
      '  }',
      '}',
      '$u = @"',
      'https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleSettings',
      '"@',
      'irm $u',
    ].join('\n');
    const sites = urls(await extractPs(text));
    expect(sites.map(urlText)).toEqual(['https://graph.microsoft.com/beta/privilegedRoles', 'https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleSettings']);
    expect(sites.map((site) => site.method)).toEqual(['GET', 'GET']);
  });

  it('reads splatted requests with a JSON body', async () => {
    const text = [
      "$body = @{ type = 'AdminAdd'; assignmentState = 'Eligible'; schedule = @{ type = 'Once' } }",
      '$request = @{',
      "    Uri = 'https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignmentRequests'",
      "    Method = 'Post'",
      '    Body = ($body | ConvertTo-Json -Depth 5)',
      '}',
      'Invoke-RestMethod @request',
    ].join('\n');
    const [site] = urls(await extractPs(text));
    expect(site?.method).toBe('POST');
    expect(site?.body?.fields).toEqual({ type: 'AdminAdd', assignmentState: 'Eligible', 'schedule.type': 'Once' });
  });

  it('parses JSON here-string bodies and az rest', async () => {
    const text = [
      "$json = @'",
      '{ "type": "AdminAdd", "assignmentState": "Active", "schedule": { "duration": "PT1H" } }',
      "'@",
      "Invoke-WebRequest -Uri 'https://graph.microsoft.com/beta/privilegedAccess/azureResources/roleAssignmentRequests' -Method PATCH -Body $json",
      'az rest --method post --url "https://graph.microsoft.com/beta/privilegedAccess/aadGroups/roleAssignmentRequests" --body \'{"type":"UserAdd"}\'',
    ].join('\n');
    const [web, az] = urls(await extractPs(text));
    expect(web?.method).toBe('PATCH');
    expect(web?.body?.fields).toEqual({ type: 'AdminAdd', assignmentState: 'Active', 'schedule.duration': 'PT1H' });
    expect(urlText(az!)).toBe('https://graph.microsoft.com/beta/privilegedAccess/aadGroups/roleAssignmentRequests');
    expect(az?.method).toBe('POST');
    expect(az?.body?.fields).toEqual({ type: 'UserAdd' });
  });

  it('sets the Graph and ARM bases for relative URLs', async () => {
    const text = [
      "Invoke-MgGraphRequest -Uri 'beta/privilegedAccess/aadRoles/roleDefinitions'",
      "Invoke-AzRestMethod -Method GET -Path '/providers/Microsoft.Subscription/privilegedAccess/x?api-version=1'",
    ].join('\n');
    const [graph, arm] = urls(await extractPs(text));
    expect(graph?.baseUrl).toBe('https://graph.microsoft.com');
    expect(arm?.baseUrl).toBe('https://management.azure.com');
  });

  it('reports a nextLink loop once and keeps $filter escapes', async () => {
    const text = [
      "$uri = \"https://graph.microsoft.com/beta/privilegedAccess/aadGroups/resources?`$top=10\"",
      'do {',
      '  $page = Invoke-RestMethod -Uri $uri -Headers $h',
      "  $uri = $page.'@odata.nextLink'",
      '} while ($uri)',
    ].join('\n');
    const sites = urls(await extractPs(text));
    expect(sites).toHaveLength(1);
    expect(urlText(sites[0]!)).toBe('https://graph.microsoft.com/beta/privilegedAccess/aadGroups/resources?$top=10');
  });

  it('reports loose strings with medium confidence and skips iteration 3', async () => {
    const text = [
      "$old = 'https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignments'",
      "Invoke-RestMethod -Method Put -Uri 'https://management.azure.com/subscriptions/s/providers/Microsoft.Authorization/roleEligibilityScheduleRequests/1?api-version=2020-10-01'",
    ].join('\n');
    const sites = urls(await extractPs(text));
    expect(sites).toHaveLength(1);
    expect(sites[0]?.method).toBeNull();
    expect(sites[0]?.confidence).toBe('medium');
  });

  it('resolves variables from dot-sourced files', async () => {
    const root = mkdtempSync(join(tmpdir(), 'pim-ps-'));
    try {
      mkdirSync(join(root, 'lib'));
      writeFileSync(join(root, 'lib', 'common.ps1'), "$GraphBeta = 'https://graph.microsoft.com/beta'\n");
      const text = '. $PSScriptRoot\\lib\\common.ps1\nInvoke-RestMethod -Uri "$GraphBeta/privilegedRoles"\n';
      const [site] = urls(await extractPs(text, { root }));
      expect(site?.url?.[0]).toEqual({ kind: 'literal', text: 'https://graph.microsoft.com/beta', resolvedFrom: '$graphbeta (lib/common.ps1)' });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
