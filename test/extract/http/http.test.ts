import { afterEach, describe, expect, it } from 'vitest';
import { genericExtractor } from '../../../src/extract/generic/index.js';
import { httpExtractor } from '../../../src/extract/http/index.js';
import type { CallSite } from '../../../src/model/call-site.js';
import { scan } from '../../../src/scan.js';
import { writeProject } from '../../helpers/temp-project.js';

const SIGNATURES = ['privilegedaccess', 'privilegedroles'];
let cleanup = (): void => {};
afterEach(() => cleanup());

function extract(text: string): CallSite[] {
  return httpExtractor.extract({
    path: '/r/a.http', relativePath: 'a.http', text, language: 'http', candidates: [], root: '/r', signatures: SIGNATURES,
    extractEmbedded: async () => [],
  }) as CallSite[];
}

describe('httpExtractor', () => {
  it('resolves variables and reads continuation lines', () => {
    const text = [
      '@graph = https://graph.microsoft.com/beta',
      '@provider = aadRoles',
      '',
      'GET {{graph}}/privilegedAccess/{{provider}}/roleAssignments',
      "    ?$filter=assignmentState eq 'Eligible'",
      '    &$expand=roleDefinition HTTP/1.1',
      'Authorization: Bearer {{token}}',
    ].join('\n');
    const [site] = extract(text);
    expect(site!.method).toBe('GET');
    expect(site!.confidence).toBe('high');
    expect(site!.url).toEqual([
      { kind: 'literal', text: 'https://graph.microsoft.com/beta', offset: text.indexOf('https://'), resolvedFrom: '@graph' },
      { kind: 'literal', text: '/privilegedAccess/', offset: text.indexOf('/privilegedAccess/') },
      { kind: 'literal', text: 'aadRoles', offset: text.indexOf('aadRoles'), resolvedFrom: '@provider' },
      { kind: 'literal', text: '/roleAssignments', offset: text.indexOf('/roleAssignments') },
      { kind: 'literal', text: "?$filter=assignmentState eq 'Eligible'", offset: text.indexOf('?$filter') },
      { kind: 'literal', text: '&$expand=roleDefinition', offset: text.indexOf('&$expand') },
    ]);
  });

  it('reads JSON bodies, keeps JSON-in-string settings and splits at ###', () => {
    const text = [
      '### activate',
      'POST https://graph.microsoft.com/beta/privilegedAccess/aadGroups/roleAssignmentRequests',
      'Content-Type: application/json',
      '',
      '{ "type": "UserAdd", "assignmentState": "Active", "roleDefinitionId": "{{role}}", "schedule": { "duration": "PT1H" },',
      '  "settings": [{ "setting": "{\\"required\\":true}" }] }',
      '',
      '###',
      'PATCH /beta/privilegedAccess/aadRoles/roleSettings/1',
      'Host: graph.microsoft.com',
    ].join('\n');
    const sites = extract(text);
    expect(sites.map((site) => site.method)).toEqual(['POST', 'PATCH']);
    expect(sites[0]!.body).toEqual({
      fields: { type: 'UserAdd', assignmentState: 'Active', roleDefinitionId: null, 'schedule.duration': 'PT1H', 'settings.0.setting': '{"required":true}' },
      complete: true,
      offset: text.indexOf('{ "type"'),
    });
    expect(sites[1]!.baseUrl).toBe('https://graph.microsoft.com');
    expect(sites[1]!.body).toBeUndefined();
  });

  it('marks requests in comment lines and ignores new API URLs', () => {
    const text = [
      '# POST https://graph.microsoft.com/beta/privilegedRoles/1/selfActivate',
      '// GET https://graph.microsoft.com/beta/privilegedAccess/aadRoles/resources',
      'GET https://graph.microsoft.com/v1.0/roleManagement/directory/roleEligibilityScheduleInstances',
    ].join('\n');
    const sites = extract(text);
    expect(sites.map((site) => [site.inComment, site.confidence, site.method])).toEqual([
      [true, 'low', 'POST'],
      [true, 'low', 'GET'],
    ]);
  });

  it('starts a new request at a request line without ###', () => {
    const text = 'GET https://graph.microsoft.com/beta/privilegedRoles\n\nDELETE https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignments/1\n';
    expect(extract(text).map((site) => site.method)).toEqual(['GET', 'DELETE']);
  });

  it('finds requests end to end', async () => {
    const project = writeProject({
      'api/pim.rest': '@base = https://graph.microsoft.com/beta\n\nPOST {{base}}/privilegedAccess/aadRoles/roleAssignmentRequests\nContent-Type: application/json\n\n{ "type": "AdminRemove", "assignmentState": "Active" }\n',
    });
    cleanup = project.cleanup;
    const result = await scan({ paths: [project.root] }, { extractors: [genericExtractor, httpExtractor] });
    expect(result.findings).toHaveLength(1);
    const [finding] = result.findings;
    expect([finding!.ruleId, finding!.line, finding!.provider, finding!.exact, finding!.confidence]).toEqual(['pim2-role-assignment-requests-create', 3, 'aadRoles', true, 'high']);
    expect(finding!.replacements[0]!.path).toBe('/roleManagement/directory/roleAssignmentScheduleRequests');
  });
});
