import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockPimServer } from './mock-pim-server.js';

let server: Awaited<ReturnType<typeof startMockPimServer>>;
beforeAll(async () => {
  server = await startMockPimServer();
});
afterAll(async () => {
  await server.close();
});

const post = (path: string, body: unknown) => fetch(`${server.url}${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const valid = { action: 'adminAssign', principalId: 'p', roleDefinitionId: 'r', directoryScopeId: '/', justification: 'j', scheduleInfo: { expiration: { type: 'noExpiration' } } };

describe('mock PIM server', () => {
  it('accepts a valid eligibility request', async () => {
    expect((await post('/v1.0/roleManagement/directory/roleEligibilityScheduleRequests', valid)).status).toBe(201);
  });
  it('rejects an unknown action', async () => {
    expect((await post('/v1.0/roleManagement/directory/roleEligibilityScheduleRequests', { ...valid, action: 'selfActivate' })).status).toBe(400);
  });
  it('rejects iteration 2 fields on iteration 3', async () => {
    expect((await post('/v1.0/roleManagement/directory/roleAssignmentScheduleRequests', { ...valid, subjectId: 'p' })).status).toBe(400);
  });
  it('rejects a missing scope', async () => {
    const { directoryScopeId: _scope, ...body } = valid;
    expect((await post('/v1.0/roleManagement/directory/roleAssignmentScheduleRequests', body)).status).toBe(400);
  });
  it('rejects afterDuration without duration', async () => {
    expect((await post('/v1.0/roleManagement/directory/roleAssignmentScheduleRequests', { ...valid, scheduleInfo: { expiration: { type: 'afterDuration' } } })).status).toBe(400);
  });
  it('rejects group access ids other than member or owner', async () => {
    const body = { action: 'adminAssign', principalId: 'p', groupId: 'g', accessId: 'Member', scheduleInfo: { expiration: { type: 'noExpiration' } } };
    expect((await post('/v1.0/identityGovernance/privilegedAccess/group/eligibilityScheduleRequests', body)).status).toBe(400);
    expect((await post('/v1.0/identityGovernance/privilegedAccess/group/eligibilityScheduleRequests', { ...body, accessId: 'member' })).status).toBe(201);
  });
  it('requires a filter on group instances', async () => {
    expect((await fetch(`${server.url}/v1.0/identityGovernance/privilegedAccess/group/eligibilityScheduleInstances`)).status).toBe(400);
    expect((await fetch(`${server.url}/v1.0/identityGovernance/privilegedAccess/group/eligibilityScheduleInstances?$filter=groupId eq 'g'`)).status).toBe(200);
  });
  it('validates iteration 2 requests', async () => {
    expect((await post('/beta/privilegedAccess/aadRoles/roleAssignmentRequests', { type: 'AdminAdd', assignmentState: 'Eligible', subjectId: 's', roleDefinitionId: 'r', resourceId: 't' })).status).toBe(201);
    expect((await post('/beta/privilegedAccess/aadRoles/roleAssignmentRequests', { type: 'AdminAssign', assignmentState: 'Eligible', subjectId: 's', roleDefinitionId: 'r', resourceId: 't' })).status).toBe(400);
  });
  it('records every request', () => {
    expect(server.requests.length).toBeGreaterThan(5);
    expect(server.requests.every((request) => request.path.startsWith('/'))).toBe(true);
  });
});
