import { describe, expect, it } from 'vitest';
import { extractSnippet, offsetOf, urlText } from '../common/python-shell.js';

const GRAPH = 'https://graph.microsoft.com/beta';
const REQUESTS = `${GRAPH}/privilegedAccess/aadRoles/roleAssignmentRequests`;

describe('python HTTP calls', () => {
  it('reads requests.request with a method and a json dict', async () => {
    const text = `import requests\nrequests.request("post", "${REQUESTS}", json={"type": "AdminAdd", "assignmentState": "Eligible", "schedule": {"type": "Once", "duration": hours}})\n`;
    const [site] = await extractSnippet('a.py', text);
    expect(site?.method).toBe('POST');
    expect(site?.body).toEqual({
      fields: { type: 'AdminAdd', assignmentState: 'Eligible', 'schedule.type': 'Once', 'schedule.duration': null },
      complete: true,
      offset: offsetOf(text, '{"type"'),
    });
  });

  it('reads a session from requests.Session and a body bound to a name', async () => {
    const text = [
      'import requests, json',
      'def go(rid):',
      '    s = requests.Session()',
      '    body = {"type": "UserAdd", **extra}',
      `    s.patch("${GRAPH}/privilegedApproval/" + rid, data=json.dumps(body))`,
      '',
    ].join('\n');
    const [site] = await extractSnippet('a.py', text);
    expect(site?.method).toBe('PATCH');
    expect(site?.body?.fields).toEqual({ type: 'UserAdd' });
    expect(site?.body?.complete).toBe(false);
  });

  it('reads async httpx clients with a base_url', async () => {
    const text = [
      'import httpx',
      'PIM_API = "https://api.azrbac.mspim.azure.com/api/v2"',
      'async def go():',
      '    async with httpx.AsyncClient(base_url=PIM_API) as client:',
      '        await client.get("/privilegedAccess/azureResources/resources")',
      '',
    ].join('\n');
    const [site] = await extractSnippet('a.py', text);
    expect(site?.baseUrl).toBe('https://api.azrbac.mspim.azure.com/api/v2');
    expect(urlText(site)).toBe('/privilegedAccess/azureResources/resources');
    expect(site?.confidence).toBe('high');
  });

  it('reads aiohttp sessions and httpx module calls', async () => {
    const text = [
      'import aiohttp, httpx',
      'async def go():',
      '    session = aiohttp.ClientSession()',
      `    await session.post("${REQUESTS}", json=payload)`,
      `httpx.delete("${GRAPH}/privilegedRoleAssignments/abc")`,
      '',
    ].join('\n');
    const sites = await extractSnippet('a.py', text);
    expect(sites.map((site) => [site.method, site.confidence])).toEqual([['POST', 'high'], ['DELETE', 'high']]);
    expect(sites[0]?.body).toMatchObject({ fields: {}, complete: false });
  });

  it('does not treat dict.get as an HTTP call', async () => {
    const text = `config = {}\nvalue = config.get("${GRAPH}/privilegedRoles")\n`;
    const [site] = await extractSnippet('a.py', text);
    expect(site).toMatchObject({ method: null, confidence: 'medium' });
  });
});

describe('python az rest', () => {
  it('reads subprocess argument lists with a json.dumps body', async () => {
    const text = [
      'import json, subprocess',
      'body = {"type": "AdminRemove"}',
      `subprocess.run(["az", "rest", "--method", "post", "--url", "${REQUESTS}", "--body", json.dumps(body)], check=True)`,
      '',
    ].join('\n');
    const [site] = await extractSnippet('a.py', text);
    expect(site?.method).toBe('POST');
    expect(site?.url?.[0]).toMatchObject({ text: REQUESTS, offset: offsetOf(text, REQUESTS) });
    expect(site?.body?.fields).toEqual({ type: 'AdminRemove' });
  });

  it('reads command strings given to os.system', async () => {
    const text = `import os\nos.system(f"az rest -m GET -u '${GRAPH}/privilegedRoles/{rid}/settings' -o json")\n`;
    const [site] = await extractSnippet('a.py', text);
    expect(site?.method).toBe('GET');
    expect(urlText(site)).toBe(`${GRAPH}/privilegedRoles/{rid}/settings`);
    expect(site?.url?.[0]?.offset).toBe(offsetOf(text, GRAPH));
    expect(site?.confidence).toBe('high');
  });

  it('defaults az rest to GET and reads an inline JSON body', async () => {
    const text = `import subprocess\nsubprocess.check_output(["az", "rest", "--uri", "${GRAPH}/privilegedApproval", "-b", '{"approvalState": "approved"}'])\n`;
    const [site] = await extractSnippet('a.py', text);
    expect(site?.method).toBe('GET');
    expect(site?.body?.fields).toEqual({ approvalState: 'approved' });
  });
});

describe('python msgraph-beta-sdk chains', () => {
  it('reads a chain with a model body', async () => {
    const text = [
      'async def go(graph_client, me):',
      '    request = GovernanceRoleAssignmentRequest(type="AdminAdd", assignment_state="Eligible", subject_id=me,',
      '        schedule=GovernanceSchedule(duration="PT8H"), additional_data={"reason": "ops"})',
      '    await graph_client.privileged_access.by_privileged_access_id("aadRoles").role_assignment_requests.post(request)',
      '',
    ].join('\n');
    const [site] = await extractSnippet('a.py', text);
    expect(site?.kind).toBe('sdk');
    expect(site?.sdk).toEqual([
      { name: 'privileged_access', offset: offsetOf(text, 'privileged_access') },
      { name: 'by_privileged_access_id', offset: offsetOf(text, 'by_privileged'), argument: { kind: 'literal', text: 'aadRoles', offset: offsetOf(text, 'aadRoles') } },
      { name: 'role_assignment_requests', offset: offsetOf(text, 'role_assignment_requests') },
      { name: 'post', offset: offsetOf(text, 'post(') },
    ]);
    expect(site?.method).toBe('POST');
    expect(site?.body?.fields).toEqual({ type: 'AdminAdd', assignment_state: 'Eligible', subject_id: null, 'schedule.duration': 'PT8H', reason: 'ops' });
  });

  it('reads a chain split with backslashes from self.client, with attribute assignments', async () => {
    const text = [
      'class Pim:',
      '    async def cancel(self, rid):',
      '        body = GovernanceRoleAssignmentRequest()',
      '        body.type = "AdminRemove"',
      '        body.schedule = GovernanceSchedule(type="Once")',
      '        await self.client.privileged_access \\',
      '            .by_privileged_access_id(PROVIDER) \\',
      '            .role_assignment_requests.by_governance_role_assignment_request_id(rid).cancel.post(body)',
      'PROVIDER = "azureResources"',
      '',
    ].join('\n');
    const [site] = await extractSnippet('a.py', text);
    expect(site?.sdk?.map((link) => link.name)).toEqual([
      'client', 'privileged_access', 'by_privileged_access_id', 'role_assignment_requests', 'by_governance_role_assignment_request_id', 'cancel', 'post',
    ]);
    expect(site?.sdk?.[2]?.argument).toMatchObject({ kind: 'literal', text: 'azureResources', resolvedFrom: 'PROVIDER (a.py)' });
    expect(site?.sdk?.[4]?.argument).toMatchObject({ kind: 'dynamic', name: 'rid' });
    expect(site?.body?.fields).toEqual({ type: 'AdminRemove', 'schedule.type': 'Once' });
  });

  it('ignores chains that name no signature', async () => {
    const text = 'async def go(c):\n    await c.identity_governance.privileged_access.group.assignment_schedule_requests.post(b)\n    await c.users.by_user_id("x").get()\n';
    const sites = await extractSnippet('a.py', text);
    expect(sites.map((site) => site.sdk?.map((link) => link.name).join('.'))).toEqual(['identity_governance.privileged_access.group.assignment_schedule_requests.post']);
  });
});

describe('python comments and docstrings', () => {
  it('reports URLs in comments and docstrings as low confidence', async () => {
    const text = [
      '"""Calls PATCH /privilegedAccess/aadRoles/roleSettings/{id} on the old API."""',
      '# see https://graph.microsoft.com/beta/privilegedRoles for the list',
      'def f():',
      "    '''Uses GET /privilegedApproval/myRequests.'''",
      '',
    ].join('\n');
    const sites = await extractSnippet('a.py', text);
    expect(sites.map((site) => [urlText(site), site.method, site.inComment, site.confidence])).toEqual([
      ['/privilegedAccess/aadRoles/roleSettings/{{id}}', 'PATCH', true, 'low'],
      ['https://graph.microsoft.com/beta/privilegedRoles', null, true, 'low'],
      ['/privilegedApproval/myRequests', 'GET', true, 'low'],
    ]);
    expect(sites[1]?.url?.[0]?.offset).toBe(offsetOf(text, 'https://'));
  });

  it('reports nothing for a comment without a path', async () => {
    expect(await extractSnippet('a.py', '# privilegedAccess is retired\nx = 1\n')).toEqual([]);
  });
});
