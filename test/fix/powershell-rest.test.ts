import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../cli/run-in-process.js';

const GRAPH_BETA = 'https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignmentRequests';
const ELIGIBLE_V1 = 'https://graph.microsoft.com/v1.0/roleManagement/directory/roleEligibilityScheduleRequests';
const BODY = "@{ roleDefinitionId = $RoleId; resourceId = $TenantId; subjectId = $UserId; assignmentState = 'Eligible'; type = 'AdminAdd'; schedule = @{ type = 'Once'; endDateTime = $End } }";
const MAPPED = "@{ roleDefinitionId = $RoleId; directoryScopeId = '/'; principalId = $UserId; action = 'adminAssign'; scheduleInfo = @{ expiration = @{ type = 'afterDateTime'; endDateTime = $End } } }";

/** Runs `fix --write --tier suggestion` on one script and returns the file after it and the summary. */
async function fixScript(script: string): Promise<{ after: string; stderr: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'pim-fix-ps-rest-'));
  const path = join(dir, 'request.ps1');
  try {
    writeFileSync(path, script);
    const run = await runInProcess(['fix', dir, '--write', '--tier', 'suggestion']);
    expect(run.stderr).not.toContain('internal error');
    return { after: readFileSync(path, 'utf8'), stderr: run.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('PowerShell REST request fix', () => {
  it.each([
    {
      name: 'positional URI',
      script: `$b = ${BODY}\nInvoke-RestMethod '${GRAPH_BETA}' -Method Post -Body ($b | ConvertTo-Json)\n`,
      expected: `$b = ${MAPPED}\nInvoke-RestMethod '${ELIGIBLE_V1}' -Method Post -Body ($b | ConvertTo-Json)\n`,
    },
    {
      name: 'JSON in a single-use variable',
      script: `$b = ${BODY}\n$json = $b | ConvertTo-Json -Depth 4\nirm -Method Post -Uri "${GRAPH_BETA}" -Body $json\n`,
      expected: `$b = ${MAPPED}\n$json = $b | ConvertTo-Json -Depth 4\nirm -Method Post -Uri "${ELIGIBLE_V1}" -Body $json\n`,
    },
    {
      name: 'ordered hashtable',
      script: `$b = [ordered]${BODY}\nInvoke-RestMethod -Method Post -Uri '${GRAPH_BETA}' -Body (ConvertTo-Json $b)\n`,
      expected: `$b = [ordered]${MAPPED}\nInvoke-RestMethod -Method Post -Uri '${ELIGIBLE_V1}' -Body (ConvertTo-Json $b)\n`,
    },
    {
      name: 'relative Invoke-MgGraphRequest URI',
      script: `Invoke-MgGraphRequest -Method POST -Uri 'beta/privilegedAccess/aadRoles/roleAssignmentRequests' -Body ${BODY}\n`,
      expected: `Invoke-MgGraphRequest -Method POST -Uri 'v1.0/roleManagement/directory/roleEligibilityScheduleRequests' -Body ${MAPPED}\n`,
    },
  ])('rewrites $name', async ({ script, expected }) => {
    const { after, stderr } = await fixScript(script);
    expect(stderr).toContain('1 fixed');
    expect(after).toBe(expected);
  });

  it('keeps a second run unchanged', async () => {
    const first = await fixScript(`$b = ${BODY}\nInvoke-RestMethod -Method Post -Uri '${GRAPH_BETA}' -Body ($b | ConvertTo-Json)\n`);
    const second = await fixScript(first.after);
    expect(second.after).toBe(first.after);
  });

  it.each([
    {
      name: 'hashtable body without ConvertTo-Json',
      script: `Invoke-RestMethod -Method Post -Uri '${GRAPH_BETA}' -Body ${BODY}\n`,
      reason: 'URL-encoded form fields, not JSON',
    },
    {
      name: 'too small ConvertTo-Json depth',
      script: `$b = @{ roleDefinitionId = $R; resourceId = $T; subjectId = $U; assignmentState = 'Eligible'; type = 'AdminAdd'; schedule = @{ startDateTime = $S; duration = 'PT8H' } }\nInvoke-RestMethod -Method Post -Uri '${GRAPH_BETA}' -Body ($b | ConvertTo-Json -Depth 1)\n`,
      reason: 'ConvertTo-Json -Depth 1 would cut the new body',
    },
    {
      name: 'body read elsewhere',
      script: `$b = ${BODY}\nWrite-Verbose ($b | ConvertTo-Json)\nInvoke-RestMethod -Method Post -Uri '${GRAPH_BETA}' -Body ($b | ConvertTo-Json)\n`,
      reason: '$b is used or changed elsewhere in the script',
    },
    {
      name: 'body member set later',
      script: `$b = ${BODY}\n$b.reason = 'late'\nInvoke-MgGraphRequest -Method POST -Uri '${GRAPH_BETA}' -Body $b\n`,
      reason: '$b is used or changed elsewhere in the script',
    },
    {
      name: 'URL variable shared by two calls',
      script: `$u = '${GRAPH_BETA}'\nInvoke-MgGraphRequest -Method POST -Uri $u -Body ${BODY}\nInvoke-MgGraphRequest -Method POST -Uri $u -Body ${BODY}\n`,
      reason: 'the URL variable is passed to several calls',
    },
    {
      name: 'host variable with the version',
      script: `$graph = 'https://graph.microsoft.com/beta'\nInvoke-MgGraphRequest -Method POST -Uri "$graph/privilegedAccess/aadRoles/roleAssignmentRequests" -Body ${BODY}\n`,
      reason: '$graph holds https://graph.microsoft.com/beta, which is more than the host',
    },
    {
      name: 'schedule built elsewhere',
      script: `$s = @{ startDateTime = $S; duration = 'PT8H' }\n$b = @{ roleDefinitionId = $R; resourceId = $T; subjectId = $U; assignmentState = 'Eligible'; type = 'AdminAdd'; schedule = $s }\nInvoke-MgGraphRequest -Method POST -Uri '${GRAPH_BETA}' -Body $b\n`,
      reason: 'the body member schedule = $s is an object built elsewhere',
    },
    {
      name: 'URL from a format expression',
      script: `$u = '{0}/beta/privilegedAccess/aadRoles/roleAssignmentRequests' -f 'https://graph.microsoft.com'\nInvoke-MgGraphRequest -Method POST -Uri $u -Body ${BODY}\n`,
      reason: 'is built by an expression, not written as one string',
    },
    {
      name: 'a request without a schedule',
      script: `Invoke-MgGraphRequest -Method POST -Uri '${GRAPH_BETA}' -Body @{ roleDefinitionId = $R; resourceId = $T; subjectId = $U; assignmentState = 'Active'; type = 'UserAdd'; reason = 'x' }\n`,
      reason: 'the request has no schedule, and iteration 3 selfActivate needs scheduleInfo',
    },
  ])('leaves $name whole', async ({ script, reason }) => {
    const { after, stderr } = await fixScript(script);
    const line = stderr.split('\n').find((text) => text.includes('[left]'));
    expect(line, stderr).toContain(reason);
    expect(stderr).not.toContain('[fixed]');
    expect(after).toBe(script);
  });
});
