import { fileURLToPath } from 'node:url';
import { AuthenticationHandler, Client, GraphError, HTTPMessageHandler } from '@microsoft/microsoft-graph-client';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Finding } from '../../src/model/finding.js';
import { createPimGuardMiddleware, isPimRetiredApiError, type PimGuardOptions } from '../../src/runtime/index.js';
import { startRecordingServer, type RecordingServer } from './recording-server.js';

const THIS_FILE = fileURLToPath(import.meta.url);
const PRINCIPAL = '0d5e6f70-1234-4abc-9def-0123456789ab';

let server: RecordingServer;
beforeAll(async () => {
  server = await startRecordingServer();
});
afterAll(async () => {
  await server.close();
});
afterEach(() => {
  server.requests.length = 0;
  vi.restoreAllMocks();
});

/** The real Graph client pointed at the local server, with the guard first when options are given. */
function graphClient(options?: PimGuardOptions) {
  // The authentication handler adds its token to https URLs only, so the local server sees none.
  const authProvider = { getAccessToken: async () => 'test-token' };
  const tail = [new AuthenticationHandler(authProvider), new HTTPMessageHandler()];
  const guard = options ? createPimGuardMiddleware({ hosts: ['127.0.0.1'], ...options }) : undefined;
  const client = Client.initWithMiddleware({
    middleware: guard ? [guard, ...tail] : tail,
    baseUrl: server.origin,
    customHosts: new Set(['127.0.0.1']),
  });
  return { client, guard };
}

const REQUEST_BODY = { roleDefinitionId: 'role-1', subjectId: PRINCIPAL, assignmentState: 'Eligible', type: 'AdminAdd', reason: 'on call' };

describe('graph client middleware', () => {
  it('reports a retired call and lets it through', async () => {
    const findings: Finding[] = [];
    const { client } = graphClient({ mode: 'report', onFinding: (finding) => findings.push(finding) });

    await client.api('/privilegedAccess/aadRoles/roleAssignmentRequests').version('beta').post(REQUEST_BODY);

    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.path).toBe('/beta/privilegedAccess/aadRoles/roleAssignmentRequests');
    expect(findings).toHaveLength(1);
    const finding = findings[0]!;
    expect(finding.ruleId).toBe('pim2-role-assignment-requests-create');
    expect(finding.source).toBe('runtime');
    expect(finding.operation.method).toBe('POST');
    // The body's assignmentState and type select the eligibility schedule request.
    expect(finding.exact).toBe(true);
    expect(finding.replacements[0]!.path).toBe('/roleManagement/directory/roleEligibilityScheduleRequests');
    expect(finding.matchedText).toBe(`${server.origin}/beta/privilegedAccess/aadRoles/roleAssignmentRequests`);
    expect(finding.file).toBe(THIS_FILE);
    expect(finding.line).toBeGreaterThan(1);
  });

  it('redacts ids and query values', async () => {
    const findings: Finding[] = [];
    const { client } = graphClient({ onFinding: (finding) => findings.push(finding) });

    await client.api(`/privilegedAccess/aadRoles/roleAssignments/${PRINCIPAL}`).version('beta').query({ $expand: 'roleDefinition' }).get();
    await client.api('/privilegedAccess/aadRoles/roleAssignments').version('beta').filter(`subjectId eq '${PRINCIPAL}'`).get();

    expect(findings.map((finding) => finding.matchedText)).toEqual([
      `${server.origin}/beta/privilegedAccess/aadRoles/roleAssignments/{id}?$expand={value}`,
      `${server.origin}/beta/privilegedAccess/aadRoles/roleAssignments?$filter={value}`,
    ]);
    expect(findings[0]!.operation.path).toBe('/privilegedAccess/aadRoles/roleAssignments/{id}');
    expect(JSON.stringify(findings)).not.toContain(PRINCIPAL);
  });

  it('blocks a retired call before it is sent', async () => {
    const findings: Finding[] = [];
    const { client, guard } = graphClient({ mode: 'block', onFinding: (finding) => findings.push(finding) });

    const error = await client.api('/privilegedAccess/aadRoles/roleAssignmentRequests').version('beta').post(REQUEST_BODY).catch((caught: unknown) => caught);

    expect(server.requests).toHaveLength(0);
    // The client rethrows every middleware error as a GraphError that keeps the name as its code.
    expect(error).toBeInstanceOf(GraphError);
    expect(isPimRetiredApiError(error)).toBe(true);
    expect((error as Error).message).toContain('pim2-role-assignment-requests-create');
    expect((error as Error).message).toContain('/v1.0/roleManagement/directory/roleEligibilityScheduleRequests');
    expect(findings).toHaveLength(1);
    expect(guard!.stats.blocked).toBe(1);
  });

  it('leaves other calls untouched', async () => {
    const body = { action: 'adminAssign', principalId: PRINCIPAL, roleDefinitionId: 'role-1', directoryScopeId: '/' };
    const send = (client: Client) => client.api('/roleManagement/directory/roleEligibilityScheduleRequests').header('x-trace', 'abc').post(body);

    await send(graphClient().client);
    const findings: Finding[] = [];
    const { client, guard } = graphClient({ mode: 'block', onFinding: (finding) => findings.push(finding) });
    await send(client);

    expect(server.requests).toHaveLength(2);
    const [unguarded, guarded] = server.requests;
    expect(guarded!.method).toBe(unguarded!.method);
    expect(guarded!.path).toBe('/v1.0/roleManagement/directory/roleEligibilityScheduleRequests');
    expect(guarded!.path).toBe(unguarded!.path);
    expect(guarded!.headers).toEqual(unguarded!.headers);
    expect(guarded!.headers['content-type']).toBe('application/json');
    expect(guarded!.headers['x-trace']).toBe('abc');
    expect(JSON.parse(guarded!.body)).toEqual(body);
    expect(guarded!.body).toBe(unguarded!.body);
    expect(findings).toHaveLength(0);
    expect(guard!.stats.candidates).toBe(0);
  });

  it('ignores unknown hosts by default', async () => {
    const findings: Finding[] = [];
    const guard = createPimGuardMiddleware({ onFinding: (finding) => findings.push(finding) });
    const client = Client.initWithMiddleware({ middleware: [guard, new HTTPMessageHandler()], baseUrl: server.origin });

    await client.api('/privilegedAccess/aadRoles/roleDefinitions').version('beta').get();

    expect(server.requests).toHaveLength(1);
    expect(guard.stats.candidates).toBe(1);
    expect(findings).toHaveLength(0);
  });

  it('rejects a chain without next', async () => {
    const guard = createPimGuardMiddleware();
    await expect(guard.execute({ request: 'https://graph.microsoft.com/v1.0/me' })).rejects.toThrow(/setNext/);
  });
});
