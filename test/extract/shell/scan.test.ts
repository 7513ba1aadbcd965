import { describe, expect, it } from 'vitest';
import { genericExtractor } from '../../../src/extract/generic/index.js';
import { shellExtractor } from '../../../src/extract/shell/index.js';
import { scan } from '../../../src/scan.js';
import { extractSnippet, writeProject } from '../common/python-shell.js';

const extractors = [genericExtractor, shellExtractor];

describe('shell end to end', () => {
  it('maps shell curl and az rest to findings on the URL line', async () => {
    const root = writeProject({
      'run.sh': [
        'az rest --method post \\',
        '  --url "https://graph.microsoft.com/beta/privilegedRoles/$ROLE/selfActivate" \\',
        '  --body "{\\"reason\\": \\"ops\\"}"',
        'curl -s https://graph.microsoft.com/beta/privilegedApproval',
        '',
      ].join('\n'),
    });
    const result = await scan({ paths: [root] }, { extractors });
    expect(result.findings.map((finding) => [finding.ruleId, finding.line, finding.operation.method, finding.exact])).toEqual([
      ['pim1-privileged-roles-self-activate', 2, 'POST', true],
      ['pim1-privileged-approval-list', 4, 'GET', expect.any(Boolean)],
    ]);
    expect(result.findings[0]?.replacements[0]?.path).toBe('/roleManagement/directory/roleAssignmentScheduleRequests');
  });

  it('survives broken scripts', async () => {
    const sites = await extractSnippet('a.sh', 'curl "https://graph.microsoft.com/beta/privilegedRoles\nif then fi ((( <<EOF\n');
    expect(Array.isArray(sites)).toBe(true);
  });
});
