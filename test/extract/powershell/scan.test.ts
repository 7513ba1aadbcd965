import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { genericExtractor } from '../../../src/extract/generic/index.js';
import { powershellExtractor } from '../../../src/extract/powershell/index.js';
import { scan } from '../../../src/scan.js';

/** A rule with cmdlets, so cmdlet findings do not depend on the state of the real rule table. */
const RULE = `rules:
  - id: pim2-test-requests-create
    title: Create a role assignment request (test)
    iteration: 2
    operation:
      methods: [POST]
      paths:
        - /privilegedAccess/{providerId}/roleAssignmentRequests
      cmdlets:
        - Open-AzureADMSPrivilegedRoleAssignmentRequest
        - New-MgBetaPrivilegedAccessRoleAssignmentRequest
    fix: manual
    retired: 2026-10-28
    docs: https://learn.microsoft.com/graph/api/governanceroleassignmentrequest-post?view=graph-rest-beta
    providers:
      aadRoles:
        replacements:
          - api: graph
            version: v1.0
            method: POST
            path: /roleManagement/directory/roleEligibilityScheduleRequests
            when:
              assignmentState: [Eligible]
          - api: graph
            version: v1.0
            method: POST
            path: /roleManagement/directory/roleAssignmentScheduleRequests
            when:
              assignmentState: [Active]
      aadGroups:
        replacements:
          - api: graph
            version: v1.0
            method: POST
            path: /identityGovernance/privilegedAccess/group/assignmentScheduleRequests
    tests:
      match:
        - language: text
          code: "POST https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignmentRequests"
          provider: aadRoles
          method: POST
      noMatch:
        - language: text
          code: "POST https://graph.microsoft.com/v1.0/roleManagement/directory/roleEligibilityScheduleRequests"
`;

const SCRIPT = [
  '#Requires -Modules AzureADPreview', // line 1
  "$schedule = New-Object Microsoft.Open.MSGraph.Model.AzureADMSPrivilegedSchedule",
  "$schedule.Type = 'Once'",
  'Open-AzureADMSPrivilegedRoleAssignmentRequest `', // line 4
  '    -ProviderId aadRoles -AssignmentState Eligible -Schedule $schedule',
  "$params = @{ assignmentState = 'Active'; type = 'UserAdd' }",
  'New-MgBetaPrivilegedAccessRoleAssignmentRequest -PrivilegedAccessId aadGroups -BodyParameter $params', // line 7
  "$base = 'https://graph.microsoft.com/beta'",
  "$body = @{ assignmentState = 'Active' }",
  'Invoke-RestMethod -Method Post -Uri "$base/privilegedAccess/aadRoles/roleAssignmentRequests" -Body ($body | ConvertTo-Json)', // line 10
  '# POST /privilegedAccess/aadRoles/roleAssignmentRequests', // line 11
  'New-MgRoleManagementDirectoryRoleEligibilityScheduleRequest -BodyParameter $params',
  "Invoke-RestMethod -Method Put -Uri 'https://management.azure.com/providers/Microsoft.Authorization/roleEligibilityScheduleRequests/1?api-version=2020-10-01'",
].join('\n');

describe('powershell extractor through scan', () => {
  let root: string;
  let rulesDir: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'pim-ps-scan-'));
    rulesDir = join(root, 'rules');
    mkdirSync(join(rulesDir, 'iteration2'), { recursive: true });
    for (const file of ['hosts.yaml', 'cmdlet-families.yaml', 'sdk-chains.yaml']) {
      copyFileSync(join('rules', file), join(rulesDir, file));
    }
    writeFileSync(join(rulesDir, 'iteration2', 'requests.yaml'), RULE);
    mkdirSync(join(root, 'src'));
    writeFileSync(join(root, 'src', 'Grant.ps1'), SCRIPT);
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('finds cmdlets, REST calls and comments', async () => {
    const result = await scan({ paths: [join(root, 'src')], rulesDir }, { extractors: [genericExtractor, powershellExtractor] });
    const rows = result.findings.map((finding) => ({
      line: finding.line,
      rule: finding.ruleId,
      family: finding.family,
      provider: finding.provider,
      exact: finding.exact,
      inComment: finding.inComment,
      replacement: finding.replacements.map((replacement) => replacement.path).join(' | '),
    }));
    expect(rows).toEqual([
      { line: 4, rule: 'pim2-test-requests-create', family: 'cmdlet-azureadpreview', provider: 'aadRoles', exact: true, inComment: false, replacement: '/roleManagement/directory/roleEligibilityScheduleRequests' },
      { line: 7, rule: 'pim2-test-requests-create', family: 'cmdlet-mggraph-beta', provider: 'aadGroups', exact: true, inComment: false, replacement: '/identityGovernance/privilegedAccess/group/assignmentScheduleRequests' },
      { line: 10, rule: 'pim2-test-requests-create', family: 'graph-beta-iteration2', provider: 'aadRoles', exact: true, inComment: false, replacement: '/roleManagement/directory/roleAssignmentScheduleRequests' },
      { line: 11, rule: 'pim2-test-requests-create', family: 'graph-beta-iteration2', provider: 'aadRoles', exact: false, inComment: true, replacement: '/roleManagement/directory/roleEligibilityScheduleRequests | /roleManagement/directory/roleAssignmentScheduleRequests' },
    ]);
    expect(result.findings[0]?.matchedText).toBe('Open-AzureADMSPrivilegedRoleAssignmentRequest');
    expect(result.findings[2]?.confidence).toBe('high');
    expect(result.findings[3]?.confidence).toBe('low');
  });
});
