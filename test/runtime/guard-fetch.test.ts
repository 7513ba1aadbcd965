import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Finding } from '../../src/model/finding.js';
import { guardFetch, PimRetiredApiError } from '../../src/runtime/index.js';
import { startRecordingServer, type RecordingServer } from './recording-server.js';

const THIS_FILE = fileURLToPath(import.meta.url);
const ROLE_ID = '62e90394-69f5-4237-9190-012177145e10';

let server: RecordingServer;
let temp: string;
beforeAll(async () => {
  server = await startRecordingServer();
  temp = mkdtempSync(join(tmpdir(), 'pim-guard-'));
});
afterAll(async () => {
  await server.close();
  rmSync(temp, { recursive: true, force: true });
});
afterEach(() => {
  server.requests.length = 0;
  vi.restoreAllMocks();
});

describe('guardFetch', () => {
  it('reports a Graph call and sends it', async () => {
    const findings: Finding[] = [];
    const guarded = guardFetch(fetch, { hosts: ['127.0.0.1'], onFinding: (finding) => findings.push(finding) });

    const response = await guarded(`${server.origin}/beta/privilegedAccess/azureResources/roleDefinitions/${ROLE_ID}`);

    expect(response.status).toBe(200);
    expect(server.requests.map((request) => request.path)).toEqual([`/beta/privilegedAccess/azureResources/roleDefinitions/${ROLE_ID}`]);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.operation).toEqual({ method: 'GET', path: '/privilegedAccess/azureResources/roleDefinitions/{id}' });
    expect(findings[0]!.matchedText).toBe(`${server.origin}/beta/privilegedAccess/azureResources/roleDefinitions/{id}`);
    expect(findings[0]!.replacements[0]!.api).toBe('azure-rest');
    expect(findings[0]!.file).toBe(THIS_FILE);
  });

  it('matches the PIM service path on any host', async () => {
    const findings: Finding[] = [];
    const guarded = guardFetch(fetch, { hosts: 'any', onFinding: (finding) => findings.push(finding) });

    await guarded(`${server.origin}/api/v2/privilegedAccess/aadroles/roleAssignments?$filter=subjectId+eq+'${ROLE_ID}'`, { method: 'GET' });

    expect(server.requests).toHaveLength(1);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.ruleId).toMatch(/^pim2-role-assignments/);
    // The API path takes the rule table's spelling of the provider.
    expect(findings[0]!.matchedText).toBe(`${server.origin}/api/v2/privilegedAccess/aadRoles/roleAssignments?$filter={value}`);
    expect(JSON.stringify(findings[0])).not.toContain(ROLE_ID);
  });

  it('blocks with a typed error', async () => {
    const guarded = guardFetch(fetch, { hosts: 'any', mode: 'block' });
    const body = JSON.stringify({ roleDefinitionId: 'r', resourceId: 'x', subjectId: 's', assignmentState: 'Active', type: 'AdminAdd' });

    const error = await guarded(`${server.origin}/api/v2/privilegedAccess/azureResources/roleAssignmentRequests`, { method: 'POST', body }).catch((caught: unknown) => caught);

    expect(server.requests).toHaveLength(0);
    expect(error).toBeInstanceOf(PimRetiredApiError);
    const blocked = error as PimRetiredApiError;
    expect(blocked.ruleId).toBe('pim2-role-assignment-requests-create');
    expect(blocked.replacements.length).toBeGreaterThan(0);
    expect(blocked.message).toContain('roleAssignmentScheduleRequests');
    expect(blocked.message).toContain(blocked.ruleId);
    expect(guarded.pimGuard.blocked).toBe(1);
  });

  it('passes other requests unchanged', async () => {
    const findings: Finding[] = [];
    const guarded = guardFetch(fetch, { hosts: 'any', mode: 'block', onFinding: (finding) => findings.push(finding) });
    const init = { method: 'PATCH', headers: { 'content-type': 'application/json', 'x-request-id': 'abc-1' }, body: '{"displayName":"x"}' };

    await fetch(`${server.origin}/v1.0/users/abc?$select=id`, init);
    await guarded(`${server.origin}/v1.0/users/abc?$select=id`, init);

    const [unguarded, seen] = server.requests;
    expect(seen!.method).toBe('PATCH');
    expect(seen!.path).toBe('/v1.0/users/abc?$select=id');
    expect(seen!.headers['x-request-id']).toBe('abc-1');
    expect(seen!.headers).toEqual(unguarded!.headers);
    expect(seen!.body).toBe('{"displayName":"x"}');
    expect(findings).toHaveLength(0);
    expect(guarded.pimGuard).toMatchObject({ requests: 1, candidates: 0 });
  });

  it('passes the same input and init objects', async () => {
    const calls: unknown[][] = [];
    const fake = (async (...args: unknown[]) => {
      calls.push(args);
      return new Response('{}');
    }) as typeof fetch;
    const init = { method: 'GET' };
    const guarded = guardFetch(fake);

    await guarded('https://graph.microsoft.com/v1.0/roleManagement/directory/roleAssignmentSchedules', init);
    await guarded('https://graph.microsoft.com/v1.0/identityGovernance/privilegedAccess/group/assignmentSchedules', init);

    expect(calls).toHaveLength(2);
    expect(calls[0]![1]).toBe(init);
    expect(calls[1]![1]).toBe(init);
    // The v1.0 groups API contains a signature word, so it reaches the matcher, which finds no rule.
    expect(guarded.pimGuard).toMatchObject({ requests: 2, candidates: 1, matched: 0 });
  });

  it('warns once per rule id', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const guarded = guardFetch(fetch, { hosts: 'any', mode: 'warn' });

    await guarded(`${server.origin}/beta/privilegedAccess/aadRoles/roleDefinitions`);
    await guarded(`${server.origin}/beta/privilegedAccess/aadRoles/roleDefinitions`);
    await guarded(`${server.origin}/beta/privilegedAccess/aadGroups/roleDefinitions`);
    await guarded(`${server.origin}/beta/privilegedRoles`);

    expect(server.requests).toHaveLength(4);
    const messages = warn.mock.calls.map((call) => String(call[0]));
    expect(messages).toHaveLength(2);
    expect(messages[0]).toContain('pim2-role-definitions-list');
    expect(messages[0]).toContain(THIS_FILE);
    expect(messages[1]).toContain('privilegedRoles');
  });

  it('appends JSON lines to the log file', async () => {
    const logFile = join(temp, 'runtime.jsonl');
    const guarded = guardFetch(fetch, { hosts: 'any', logFile });

    await guarded(`${server.origin}/beta/privilegedAccess/aadRoles/roleSettings`);
    for (let i = 0; i < 3; i++) {
      await guarded(`${server.origin}/beta/privilegedAccess/aadRoles/roleDefinitions`);
    }

    const lines = readFileSync(logFile, 'utf8').trimEnd().split('\n');
    // Repeats of one call from one place are logged once.
    expect(lines).toHaveLength(2);
    const parsed = lines.map((line) => JSON.parse(line) as Finding);
    expect(parsed.map((finding) => finding.ruleId)).toEqual(['pim2-role-settings-list', 'pim2-role-definitions-list']);
    expect(parsed[0]!.source).toBe('runtime');
    expect(parsed[0]!.file).toBe(THIS_FILE);
    expect(Object.keys(parsed[0]!)[0]).toBe('ruleId');
  });

  it('survives failing sinks', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const guarded = guardFetch(fetch, {
      hosts: 'any',
      dedupe: false,
      logFile: join(temp, 'missing-folder', 'runtime.jsonl'),
      onFinding: () => {
        throw new Error('sink down');
      },
    });

    const first = await guarded(`${server.origin}/beta/privilegedAccess/aadRoles/roleDefinitions`);
    const second = await guarded(`${server.origin}/beta/privilegedAccess/aadRoles/roleDefinitions`);

    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(server.requests).toHaveLength(2);
    expect(guarded.pimGuard.sinkErrors).toBe(4);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toContain('sink down');
  });

  it('reads the method and URL of a Request', async () => {
    const findings: Finding[] = [];
    const guarded = guardFetch(fetch, { hosts: 'any', mode: 'block', onFinding: (finding) => findings.push(finding) });

    const request = new Request(`${server.origin}/beta/privilegedAccess/aadRoles/roleAssignments/${ROLE_ID}`, { method: 'DELETE' });
    await expect(guarded(request)).rejects.toBeInstanceOf(PimRetiredApiError);

    expect(findings[0]!.operation.method).toBe('DELETE');
    expect(server.requests).toHaveLength(0);
  });
});
