import { describe, expect, it } from 'vitest';
import { extractSnippet, offsetOf, urlText } from '../common/python-shell.js';

const GRAPH = 'https://graph.microsoft.com/beta';

describe('python string building', () => {
  it('resolves f-string fields through module constants', async () => {
    const text = `import requests\nBASE = "${GRAPH}"\nrequests.get(f"{BASE}/privilegedAccess/aadRoles/roleAssignments?$filter=subjectId eq '{me}'")\n`;
    const [site] = await extractSnippet('a.py', text);
    expect(urlText(site)).toBe(`${GRAPH}/privilegedAccess/aadRoles/roleAssignments?$filter=subjectId eq '{me}'`);
    expect(site?.url?.[0]).toEqual({ kind: 'literal', text: GRAPH, offset: offsetOf(text, GRAPH), resolvedFrom: 'BASE (a.py)' });
    expect(site?.url?.[1]).toMatchObject({ kind: 'literal', text: '/privilegedAccess/aadRoles/roleAssignments?$filter=subjectId eq \'', offset: offsetOf(text, '/privilegedAccess') });
    expect(site?.method).toBe('GET');
    expect(site?.confidence).toBe('high');
  });

  it('joins adjacent strings across lines in parentheses', async () => {
    const text = `import requests\nurl = (\n    "${GRAPH}/privilegedAccess"\n    "/aadGroups/roleAssignments"\n)\nrequests.get(url)\n`;
    const sites = await extractSnippet('a.py', text);
    expect(sites).toHaveLength(1);
    expect(urlText(sites[0])).toBe(`${GRAPH}/privilegedAccess/aadGroups/roleAssignments`);
    expect(sites[0]?.url?.[1]?.offset).toBe(offsetOf(text, '/aadGroups'));
  });

  it('applies percent formatting with a tuple', async () => {
    const text = `import requests\nBASE = "${GRAPH}"\nrequests.post('%s/privilegedAccess/%s/roleAssignmentRequests' % (BASE, provider))\n`;
    const [site] = await extractSnippet('a.py', text);
    expect(urlText(site)).toBe(`${GRAPH}/privilegedAccess/{provider}/roleAssignmentRequests`);
    expect(site?.url?.[1]).toMatchObject({ text: '/privilegedAccess/', offset: offsetOf(text, '/privilegedAccess') });
    expect(site?.method).toBe('POST');
  });

  it('applies str.format with positional and keyword fields', async () => {
    const text = `import requests\nrequests.get('{}/privilegedAccess/{p}/resources/{{x}}'.format("${GRAPH}", p="azureResources"))\n`;
    const [site] = await extractSnippet('a.py', text);
    expect(urlText(site)).toBe(`${GRAPH}/privilegedAccess/azureResources/resources/{x}`);
  });

  it('follows plus concatenation and local variables', async () => {
    const text = `import requests\ndef f(rid):\n    base = "${GRAPH}"\n    path = base + "/privilegedRoleAssignments/" + rid\n    return requests.delete(path)\n`;
    const [site] = await extractSnippet('a.py', text);
    expect(urlText(site)).toBe(`${GRAPH}/privilegedRoleAssignments/{rid}`);
    expect(site?.method).toBe('DELETE');
  });

  it('joins with urljoin, posixpath.join and a separator join', async () => {
    const text = [
      'import requests, posixpath',
      'from urllib.parse import urljoin',
      `BASE = "${GRAPH}/"`,
      "requests.get(urljoin(BASE, 'privilegedAccess/aadRoles/roleDefinitions'))",
      "requests.get(posixpath.join(BASE, 'privilegedRoles', rid))",
      "requests.get('/'.join([BASE.rstrip('/'), 'privilegedApproval', aid]))",
      '',
    ].join('\n');
    const sites = await extractSnippet('a.py', text);
    expect(sites.map(urlText)).toEqual([
      `${GRAPH}/privilegedAccess/aadRoles/roleDefinitions`,
      `${GRAPH}/privilegedRoles/{rid}`,
      `{BASE.rstrip('/')}/privilegedApproval/{aid}`,
    ]);
    expect(sites[0]?.url?.at(-1)?.offset).toBe(offsetOf(text, 'privilegedAccess/aadRoles'));
  });

  it('resolves annotated constants and class attributes from __init__', async () => {
    const text = [
      'import httpx',
      `GRAPH: str = "${GRAPH}"`,
      'class Pim:',
      '    def __init__(self):',
      '        self.base = f"{GRAPH}/privilegedAccess/aadRoles"',
      '        self.http = httpx.Client()',
      '    def settings(self):',
      '        return self.http.get(f"{self.base}/roleSettings")',
      '',
    ].join('\n');
    const [site] = await extractSnippet('a.py', text);
    expect(urlText(site)).toBe(`${GRAPH}/privilegedAccess/aadRoles/roleSettings`);
    expect(site?.confidence).toBe('high');
  });

  it('reports a relevant string not passed to an HTTP call as medium', async () => {
    const text = `ROLES_URL = "${GRAPH}/privilegedRoles"\nhelper(ROLES_URL)\n`;
    const sites = await extractSnippet('a.py', text);
    expect(sites).toHaveLength(1);
    expect(sites[0]).toMatchObject({ method: null, confidence: 'medium', inComment: false });
    expect(sites[0]?.url?.[0]?.offset).toBe(offsetOf(text, GRAPH));
  });

  it('ignores words that are not path segments', async () => {
    const text = 'scope = "PrivilegedAccess.ReadWrite.AzureAD"\nname = "privilegedAccessLevel"\n';
    expect(await extractSnippet('a.py', text)).toEqual([]);
  });

  it('reports a URL once when a constant flows into a call', async () => {
    const text = `import requests\nURL = "${GRAPH}/privilegedApproval"\nrequests.get(URL)\nrequests.get(URL + "/myRequests")\n`;
    const sites = await extractSnippet('a.py', text);
    expect(sites.map(urlText)).toEqual([`${GRAPH}/privilegedApproval`, `${GRAPH}/privilegedApproval/myRequests`]);
    expect(sites.every((site) => site.confidence === 'high')).toBe(true);
  });
});

describe('python imports across modules', () => {
  it('resolves a relative from-import', async () => {
    const sites = await extractSnippet('pkg/api.py', 'import requests\nfrom .config import PIM_API\nrequests.get(f"{PIM_API}/privilegedAccess/aadGroups/resources")\n', {
      'pkg/__init__.py': '',
      'pkg/config.py': 'PIM_API = "https://api.azrbac.mspim.azure.com/api/v2"\n',
    });
    expect(urlText(sites[0])).toBe('https://api.azrbac.mspim.azure.com/api/v2/privilegedAccess/aadGroups/resources');
    expect(sites[0]?.url?.[0]).toEqual({ kind: 'literal', text: 'https://api.azrbac.mspim.azure.com/api/v2', resolvedFrom: 'PIM_API (pkg/config.py)' });
  });

  it('resolves an absolute import and a module alias', async () => {
    const sites = await extractSnippet(
      'app/jobs/run.py',
      'import requests\nimport app.settings as c\nfrom app.settings import Paths\nrequests.get(c.BASE + "/privilegedRoles")\nrequests.get(c.BASE + Paths.APPROVALS)\n',
      {
        'app/__init__.py': '',
        'app/settings.py': `from .hosts import GRAPH\nBASE = GRAPH + "/beta"\nclass Paths:\n    APPROVALS = "/privilegedApproval"\n`,
        'app/hosts.py': 'GRAPH = "https://graph.microsoft.com"\n',
      },
    );
    expect(sites.map(urlText)).toEqual(['https://graph.microsoft.com/beta/privilegedRoles', 'https://graph.microsoft.com/beta/privilegedApproval']);
  });

  it('leaves a missing module dynamic', async () => {
    const [site] = await extractSnippet('a.py', 'import requests\nfrom nowhere import BASE\nrequests.get(BASE + "/privilegedRoles")\n');
    expect(site?.url?.[0]).toMatchObject({ kind: 'dynamic', name: 'BASE' });
  });
});
