import { describe, expect, it } from 'vitest';
import { genericExtractor } from '../../../src/extract/generic/index.js';
import { pythonExtractor } from '../../../src/extract/python/index.js';
import { scan } from '../../../src/scan.js';
import { extractSnippet, offsetOf, urlText, writeProject } from '../common/python-shell.js';

const BETA = 'https://graph.microsoft.com/beta';

/** Short view of a call site for table-like checks. */
function summary(site: { method: string | null; confidence: string; anchor: { offset: number } } | undefined) {
  return site ? { method: site.method, confidence: site.confidence, anchor: site.anchor.offset } : undefined;
}

describe('python request helpers', () => {
  it('binds method, url and body of a requests.request helper', async () => {
    const text = [
      'import requests',
      `BETA = "${BETA}"`,
      'def _call(method, url, token, body=None):',
      '    return requests.request(method, url, headers={"Authorization": f"Bearer {token}"}, json=body)',
      'def assign(tok, principal):',
      '    return _call("POST", f"{BETA}/privilegedAccess/aadRoles/roleAssignmentRequests", tok, {"type": "AdminAdd", "assignmentState": "Eligible", "subjectId": principal})',
      '',
    ].join('\n');
    const sites = await extractSnippet('pim.py', text);
    expect(sites).toHaveLength(1);
    const [site] = sites;
    expect(summary(site)).toEqual({ method: 'POST', confidence: 'high', anchor: offsetOf(text, '_call("POST"') });
    expect(urlText(site)).toBe(`${BETA}/privilegedAccess/aadRoles/roleAssignmentRequests`);
    expect(site?.url?.[0]).toEqual({ kind: 'literal', text: BETA, offset: offsetOf(text, BETA) + 0, resolvedFrom: 'BETA (pim.py)' });
    expect(site?.url?.[1]).toEqual({ kind: 'literal', text: '/privilegedAccess/aadRoles/roleAssignmentRequests', offset: offsetOf(text, '/privilegedAccess') });
    expect(site?.body).toEqual({
      fields: { type: 'AdminAdd', assignmentState: 'Eligible', subjectId: null },
      complete: true,
      offset: offsetOf(text, '{"type"'),
    });
  });

  it('binds keyword arguments and leaves a None body out', async () => {
    const text = [
      'import requests',
      'def _call(method, url, body=None):',
      '    return requests.request(method.upper(), url, json=body)',
      `_call(url="${BETA}/privilegedAccess/aadGroups/resources", method="get")`,
      '',
    ].join('\n');
    const [site, ...rest] = await extractSnippet('pim.py', text);
    expect(rest).toEqual([]);
    expect(site?.method).toBe('GET');
    expect(site?.body).toBeUndefined();
    expect(urlText(site)).toBe(`${BETA}/privilegedAccess/aadGroups/resources`);
  });

  it('joins a path parameter to a module constant', async () => {
    const text = [
      'import requests',
      `GRAPH = "${BETA}"`,
      'session = requests.Session()',
      'def pim_post(path, payload):',
      '    return session.post(GRAPH + path, json=payload)',
      'def request_role():',
      '    body = {"type": "UserAdd", "assignmentState": "Active"}',
      '    body["reason"] = "on call"',
      '    return pim_post("/privilegedAccess/aadRoles/roleAssignmentRequests", body)',
      '',
    ].join('\n');
    const [site, ...rest] = await extractSnippet('pim.py', text);
    expect(rest).toEqual([]);
    expect(summary(site)).toEqual({ method: 'POST', confidence: 'high', anchor: offsetOf(text, 'pim_post("/') });
    expect(urlText(site)).toBe(`${BETA}/privilegedAccess/aadRoles/roleAssignmentRequests`);
    expect(site?.body?.fields).toEqual({ type: 'UserAdd', assignmentState: 'Active', reason: 'on call' });
  });

  it('follows a helper that calls another helper', async () => {
    const text = [
      'import requests',
      `BASE = "${BETA}/privilegedAccess"`,
      'def _send(verb, url, data=None):',
      '    return requests.request(verb, url, json=data)',
      'def pim(verb, provider, resource, data=None):',
      '    return _send(verb, f"{BASE}/{provider}/{resource}", data)',
      'pim("PATCH", "aadRoles", "roleSettings/abc", {"adminEligibleSettings": []})',
      '',
    ].join('\n');
    const [inner, site, ...rest] = await extractSnippet('pim.py', text);
    expect(rest).toEqual([]);
    // The call inside `pim` names the base path itself, like a helper's own request.
    expect(summary(inner)).toEqual({ method: null, confidence: 'high', anchor: offsetOf(text, '_send(verb', 1) });
    expect(urlText(inner)).toBe(`${BETA}/privilegedAccess/{provider}/{resource}`);
    expect(summary(site)).toEqual({ method: 'PATCH', confidence: 'high', anchor: offsetOf(text, 'pim("PATCH"') });
    expect(urlText(site)).toBe(`${BETA}/privilegedAccess/aadRoles/roleSettings/abc`);
    expect(site?.body?.fields).toEqual({ adminEligibleSettings: null });
  });

  it('reads self._request methods of a client class', async () => {
    const text = [
      'import requests',
      'class PimClient:',
      `    BASE = "${BETA}"`,
      '    def __init__(self, token):',
      '        self.session = requests.Session()',
      '    def _request(self, method, path, **kwargs):',
      '        return self.session.request(method, self.BASE + path, json=kwargs.get("json"))',
      '    def activate(self, role):',
      '        return self._request("POST", "/privilegedAccess/aadGroups/roleAssignmentRequests", json={"type": "UserAdd"})',
      'client = PimClient("t")',
      'client._request("DELETE", "/privilegedAccess/aadRoles/roleAssignments/x")',
      '',
    ].join('\n');
    const sites = await extractSnippet('pim.py', text);
    expect(sites.map((site) => [site.method, site.confidence, urlText(site)])).toEqual([
      ['POST', 'high', `${BETA}/privilegedAccess/aadGroups/roleAssignmentRequests`],
      ['DELETE', 'high', `${BETA}/privilegedAccess/aadRoles/roleAssignments/x`],
    ]);
    expect(sites[0]?.anchor.offset).toBe(offsetOf(text, 'self._request("POST"'));
    expect(sites[1]?.anchor.offset).toBe(offsetOf(text, 'client._request('));
  });

  it('keeps a method the caller does not fix null', async () => {
    const text = [
      'import requests',
      'def _call(method, url):',
      '    return requests.request(method, url)',
      'def run(verb):',
      `    return _call(verb, "${BETA}/privilegedAccess/aadRoles/roleDefinitions")`,
      '',
    ].join('\n');
    const [site, ...rest] = await extractSnippet('pim.py', text);
    expect(rest).toEqual([]);
    expect(site?.method).toBeNull();
    expect(site?.confidence).toBe('high');
    expect(site?.url?.length).toBe(1);
  });

  it('reports nothing for a helper called without a relevant URL', async () => {
    const text = [
      'import requests',
      'def _call(method, url, body=None):',
      '    return requests.request(method, url, json=body)',
      `_call("GET", "${BETA}/me")`,
      '_call("POST", next_link, {"type": "AdminAdd"})',
      '',
    ].join('\n');
    expect(await extractSnippet('pim.py', text)).toEqual([]);
  });

  it('reports a helper that names the path and callers that fill it', async () => {
    const text = [
      'import requests',
      `BETA = "${BETA}"`,
      'def list_assignments(provider):',
      '    return requests.get(f"{BETA}/privilegedAccess/{provider}/roleAssignments")',
      'list_assignments("aadRoles")',
      'list_assignments(provider_id)',
      '',
    ].join('\n');
    const sites = await extractSnippet('pim.py', text);
    expect(sites.map(summary)).toEqual([
      { method: 'GET', confidence: 'high', anchor: offsetOf(text, 'requests.get') },
      { method: 'GET', confidence: 'high', anchor: offsetOf(text, 'list_assignments("aadRoles")') },
    ]);
    expect(urlText(sites[0])).toBe(`${BETA}/privilegedAccess/{provider}/roleAssignments`);
    expect(urlText(sites[1])).toBe(`${BETA}/privilegedAccess/aadRoles/roleAssignments`);
  });

  it('keeps a string passed to an unknown function a loose string', async () => {
    const text = ['def log(message, url):', '    print(message, url)', `log("x", "${BETA}/privilegedAccess/aadRoles/resources")`, ''].join('\n');
    const sites = await extractSnippet('pim.py', text);
    expect(sites.map((site) => [site.method, site.confidence])).toEqual([[null, 'medium']]);
  });

  it('reads a helper URL mentioned in a comment as a comment', async () => {
    const text = [
      'import requests',
      'def _call(method, url):',
      '    # e.g. POST /privilegedAccess/aadRoles/roleAssignmentRequests',
      '    return requests.request(method, url)',
      '',
    ].join('\n');
    const sites = await extractSnippet('pim.py', text);
    expect(sites.map((site) => [site.method, site.inComment, site.confidence])).toEqual([['POST', true, 'low']]);
  });

  it('stops at a helper that calls itself', async () => {
    const text = [
      'import requests',
      'def again(url, n):',
      '    return again(url, n - 1) if n else requests.get(url)',
      `again("${BETA}/privilegedAccess/aadRoles/roleDefinitions", 3)`,
      '',
    ].join('\n');
    const sites = await extractSnippet('pim.py', text);
    expect(sites.map((site) => [site.method, site.confidence])).toEqual([['GET', 'high']]);
  });
});

describe('python request helpers end to end', () => {
  it('maps helper calls to rules by method and body', async () => {
    const root = writeProject({
      'tool/pim.py': [
        'import requests',
        `BETA = "${BETA}"`,
        'def _call(method, url, token, body=None):',
        '    return requests.request(method, url, headers={"Authorization": f"Bearer {token}"}, json=body)',
        'def assign(tok, principal, role):',
        '    return _call("POST", f"{BETA}/privilegedAccess/aadRoles/roleAssignmentRequests", tok,',
        '                 {"type": "AdminAdd", "assignmentState": "Eligible", "subjectId": principal, "roleDefinitionId": role})',
        'def settings(tok):',
        '    return _call("GET", f"{BETA}/privilegedAccess/aadRoles/roleSettings", tok)',
        '',
      ].join('\n'),
    });
    const result = await scan({ paths: [root] }, { extractors: [genericExtractor, pythonExtractor] });
    const found = result.findings.map((finding) => [finding.ruleId, finding.line, finding.operation.method, finding.exact, finding.replacements[0]?.path]);
    expect(found).toEqual([
      ['pim2-role-assignment-requests-create', 6, 'POST', true, '/roleManagement/directory/roleEligibilityScheduleRequests'],
      ['pim2-role-settings-list', 9, 'GET', expect.any(Boolean), expect.stringContaining('/policies/roleManagementPolicies')],
    ]);
  });
});
