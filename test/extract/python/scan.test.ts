import { describe, expect, it } from 'vitest';
import { genericExtractor } from '../../../src/extract/generic/index.js';
import { pythonExtractor } from '../../../src/extract/python/index.js';
import { shellExtractor } from '../../../src/extract/shell/index.js';
import { scan } from '../../../src/scan.js';
import { extractSnippet, writeProject } from '../common/python-shell.js';

const extractors = [genericExtractor, pythonExtractor, shellExtractor];

describe('python and shell end to end', () => {
  it('maps a python SDK chain and an httpx call to findings', async () => {
    const root = writeProject({
      'tool/config.py': 'PIM_API = "https://api.azrbac.mspim.azure.com/api/v2"\n',
      'tool/main.py': [
        'import httpx',
        'from .config import PIM_API',
        'async def go(client, me):',
        '    body = GovernanceRoleAssignmentRequest(type="UserAdd", assignment_state="Active")',
        '    await (client.privileged_access',
        '        .by_privileged_access_id("aadRoles")',
        '        .role_assignment_requests',
        '        .post(body))',
        'def groups():',
        '    return httpx.get(f"{PIM_API}/privilegedAccess/aadGroups/roleAssignments")',
        '# PATCH /privilegedAccess/aadRoles/roleSettings/{id}',
        '',
      ].join('\n'),
    });
    const result = await scan({ paths: [root] }, { extractors });
    const found = result.findings.map((finding) => [finding.ruleId, finding.line, finding.provider, finding.exact, finding.inComment, finding.replacements[0]?.path]);
    expect(found).toEqual([
      ['pim2-role-assignment-requests-create', 6, 'aadRoles', true, false, '/roleManagement/directory/roleAssignmentScheduleRequests'],
      ['pim2-role-assignments-list', 10, 'aadGroups', false, false, expect.stringContaining('/identityGovernance/privilegedAccess/group/')],
      ['pim2-role-settings-update', 11, 'aadRoles', expect.any(Boolean), true, expect.stringContaining('roleManagementPolicies')],
    ]);
    expect(result.findings[1]?.family).toBe('azrbac-iteration2');
  });
});

describe('python robustness', () => {
  it('survives a file that does not parse', async () => {
    const sites = await extractSnippet('a.py', 'def (((:\n  requests.get("https://graph.microsoft.com/beta/privilegedRoles"\nclass\n');
    expect(sites.some((site) => site.url?.some((part) => part.kind === 'literal' && part.text.includes('/privilegedRoles')))).toBe(true);
  });

  it('survives deeply nested expressions', async () => {
    const text = `x = ${'('.repeat(3000)}"/privilegedRoles"${')'.repeat(3000)}\n`;
    await expect(extractSnippet('a.py', text)).resolves.toBeDefined();
  });
});
