import type { Finding } from '../../src/model/finding.js';
import type { ScanResult } from '../../src/model/scan-result.js';

/** Builds a complete finding for report tests, with `overrides` replacing fields. */
export function makeFinding(overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'pim2-role-assignment-requests-create',
    title: 'Create a role assignment request (iteration 2)',
    file: 'src/pim.ts',
    line: 2,
    column: 22,
    endLine: 2,
    endColumn: 71,
    language: 'typescript',
    family: 'graph-beta-iteration2',
    operation: { method: 'POST', path: '/privilegedAccess/{providerId}/roleAssignmentRequests' },
    provider: 'aadRoles',
    cloud: 'public',
    replacements: [
      {
        api: 'graph',
        method: 'POST',
        path: '/roleManagement/directory/roleEligibilityScheduleRequests',
        version: 'v1.0',
        url: 'https://graph.microsoft.com/v1.0/roleManagement/directory/roleEligibilityScheduleRequests',
        when: 'assignmentState is Eligible',
        condition: { assignmentState: ['Eligible'] },
        action: 'adminAssign',
        cmdlet: 'New-MgRoleManagementDirectoryRoleEligibilityScheduleRequest',
        notes: ['Unconfirmed: the schedule must be sent again on renewal.'],
      },
    ],
    exact: true,
    fix: 'suggestion',
    confidence: 'high',
    severity: 'warning',
    inComment: false,
    message: 'This call uses iteration 2 of the PIM API.',
    notes: ['Role definition ids differ between iterations.'],
    permissions: { from: ['PrivilegedAccess.ReadWrite.AzureAD'], to: ['RoleEligibilitySchedule.ReadWrite.Directory'] },
    retired: '2026-10-28',
    docs: 'https://learn.microsoft.com/graph/api/governanceroleassignmentrequest-post?view=graph-rest-beta',
    matchedText: '/privilegedAccess/aadRoles/roleAssignmentRequests',
    ...overrides,
  };
}

/** Builds a scan result whose summary counts its findings, as the scanner does. */
export function makeResult(root: string, findings: Finding[], skipped: ScanResult['skipped'] = []): ScanResult {
  const count = (key: (finding: Finding) => string): Record<string, number> => {
    const counts: Record<string, number> = {};
    for (const finding of findings) counts[key(finding)] = (counts[key(finding)] ?? 0) + 1;
    return counts;
  };
  return {
    root,
    findings,
    skipped,
    warnings: [],
    summary: {
      filesDiscovered: 10,
      filesWithoutSignature: 7,
      filesParsed: 3,
      filesSkipped: skipped.length,
      findings: findings.length,
      byProvider: count((finding) => finding.provider ?? 'dynamic'),
      byFix: count((finding) => finding.fix),
      byFamily: count((finding) => finding.family),
      byRule: count((finding) => finding.ruleId),
      inComments: findings.filter((finding) => finding.inComment).length,
    },
  };
}

/** Source of `src/pim.ts` that `makeFinding` points at: line 2, columns 22 to 70. */
export const SAMPLE_SOURCE = [
  "import { client } from './client';",
  "const request = api('/privilegedAccess/aadRoles/roleAssignmentRequests').post(body);",
  'export { request };',
  '',
].join('\n');
