import { afterEach, describe, expect, it } from 'vitest';
import { genericExtractor } from '../../../src/extract/generic/index.js';
import { jsonExtractor } from '../../../src/extract/json/index.js';
import type { CallSite } from '../../../src/model/call-site.js';
import { scan } from '../../../src/scan.js';
import { writeProject } from '../../helpers/temp-project.js';

const SIGNATURES = ['privilegedaccess', 'privilegedroles'];
let cleanup = (): void => {};
afterEach(() => cleanup());

function extract(text: string): CallSite[] {
  return jsonExtractor.extract({
    path: '/r/a.json', relativePath: 'a.json', text, language: 'json', candidates: [], root: '/r', signatures: SIGNATURES,
    extractEmbedded: async () => [],
  }) as CallSite[];
}

const LOGIC_APP = `{
  "definition": {
    "parameters": { "graphBase": { "type": "String", "defaultValue": "https://graph.microsoft.com/beta" } },
    "actions": {
      "Request_role": {
        "type": "HTTP",
        "inputs": {
          "method": "post",
          "uri": "@{parameters('graphBase')}/privilegedAccess/aadRoles/roleAssignmentRequests",
          "body": {
            "roleDefinitionId": "@{triggerBody()?['role']}",
            "subjectId": "@triggerBody()?['user']",
            "type": "AdminAdd",
            "assignmentState": "Eligible",
            "schedule": { "type": "Once" }
          }
        }
      },
      "List": {
        "type": "Http",
        "inputs": { "method": "GET", "uri": "https://graph.microsoft.com/beta/privilegedAccess/@{variables('provider')}/resources", "queries": { "$filter": "type eq 'subscription'" } }
      }
    }
  }
}`;

describe('jsonExtractor', () => {
  it('reads Logic App HTTP actions with expressions and literal body values', () => {
    const sites = extract(LOGIC_APP);
    expect(sites).toHaveLength(2);
    const [create, list] = sites;
    expect(create!.method).toBe('POST');
    expect(create!.confidence).toBe('high');
    expect(create!.url).toEqual([
      { kind: 'literal', text: 'https://graph.microsoft.com/beta', offset: LOGIC_APP.indexOf('https://graph'), resolvedFrom: "parameters('graphBase')" },
      { kind: 'literal', text: '/privilegedAccess/aadRoles/roleAssignmentRequests', offset: LOGIC_APP.indexOf('/privilegedAccess/aadRoles') },
    ]);
    expect(create!.body?.fields).toEqual({ roleDefinitionId: null, subjectId: null, type: 'AdminAdd', assignmentState: 'Eligible', 'schedule.type': 'Once' });
    expect(list!.url?.map((part) => (part.kind === 'literal' ? part.text : `<${part.name}>`)).join('')).toBe(
      "https://graph.microsoft.com/beta/privilegedAccess/<variables('provider')>/resources?$filter=type eq 'subscription'",
    );
  });

  it('splits Logic App concat() in whole-string and interpolated expressions', () => {
    const text = `{ "definition": { "actions": {
  "Approve": { "type": "Http", "inputs": { "method": "POST",
    "uri": "@{concat('https://graph.microsoft.com/beta/privilegedAccess/azureResources/roleAssignmentRequests/', triggerBody()?['id'], '/updateRequest')}" } },
  "Cancel": { "type": "Http", "inputs": { "method": "POST",
    "uri": "@concat('https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignmentRequests/', variables('requestId'), '/cancel')" } }
} } }`;
    const sites = extract(text);
    const shapes = sites.map((site) => site.url?.map((part) => (part.kind === 'literal' ? part.text : '<dynamic>')).join(''));
    expect(shapes).toEqual([
      'https://graph.microsoft.com/beta/privilegedAccess/azureResources/roleAssignmentRequests/<dynamic>/updateRequest',
      'https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignmentRequests/<dynamic>/cancel',
    ]);
    const first = sites[0]!.url![0]!;
    expect(first.kind === 'literal' && first.offset).toBe(text.indexOf('https://graph.microsoft.com/beta/privilegedAccess/azureResources'));
  });

  it('reads Postman collections with variables and raw JSON bodies', () => {
    const text = JSON.stringify(
      {
        info: { name: 'pim', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
        variable: [{ key: 'graph', value: 'https://graph.microsoft.com/beta' }],
        item: [
          { name: 'folder', item: [{ name: 'roles', request: { method: 'GET', url: { raw: '{{graph}}/privilegedRoles', host: ['{{graph}}'], path: ['privilegedRoles'] } } }] },
          {
            name: 'assign',
            request: {
              method: 'POST',
              url: { host: ['{{graph}}'], path: ['privilegedAccess', 'aadGroups', 'roleAssignmentRequests'] },
              body: { mode: 'raw', raw: '{ "type": "AdminUpdate", "resourceId": "{{group}}" }' },
            },
          },
        ],
      },
      null,
      2,
    );
    const sites = extract(text);
    expect(sites.map((site) => site.method)).toEqual(['GET', 'POST']);
    expect(sites[0]!.url?.[0]).toEqual({ kind: 'literal', text: 'https://graph.microsoft.com/beta', offset: text.indexOf('https://graph'), resolvedFrom: '@graph' });
    expect(sites[1]!.url?.map((part) => (part.kind === 'literal' ? part.text : '?')).join('')).toBe('https://graph.microsoft.com/beta/privilegedAccess/aadGroups/roleAssignmentRequests');
    expect(sites[1]!.body?.fields).toEqual({ type: 'AdminUpdate', resourceId: null });
  });

  it('reports config values with a sibling method, ARM concat and comments', () => {
    const text = [
      '{',
      '  // see https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleSettings',
      '  "Reports": { "EligibleUrl": "https:\\/\\/graph.microsoft.com\\/beta\\/privilegedAccess\\/aadRoles\\/roleAssignments" },',
      '  "hook": { "endpoint": "https://graph.microsoft.com/beta/privilegedRoles", "method": "get" },',
      "  \"armUri\": \"[concat(parameters('base'), '/privilegedAccess/azureResources/resources')]\",",
      '  "portal": "https://portal.azure.com/#blade/Microsoft_Azure_PIMCommon/ActivationMenuBlade/aadroles",',
      '  "next": "https://graph.microsoft.com/v1.0/roleManagement/directory/roleAssignmentScheduleRequests"',
      '}',
    ].join('\n');
    const sites = extract(text);
    expect(sites.map((site) => [site.inComment, site.confidence, site.method])).toEqual([
      [true, 'low', null],
      [false, 'medium', null],
      [false, 'medium', 'GET'],
      [false, 'medium', null],
    ]);
    // Escaped slashes keep exact offsets: `privilegedAccess` starts where the file writes it.
    const literal = sites[1]!.url![0]!;
    expect(literal.kind === 'literal' && literal.text).toBe('https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignments');
    expect(literal.offset).toBe(text.indexOf('https:\\/\\/'));
    expect(sites[3]!.url).toEqual([
      { kind: 'dynamic', name: "parameters('base')", offset: text.indexOf("parameters('base')") },
      { kind: 'literal', text: '/privilegedAccess/azureResources/resources', offset: text.indexOf('/privilegedAccess/azureResources') },
    ]);
  });

  it('survives invalid JSON', () => {
    expect(() => extract('{ "u": "https://graph.microsoft.com/beta/privilegedRoles", ')).not.toThrow();
    expect(extract('{ "u": "https://graph.microsoft.com/beta/privilegedRoles", ')).toHaveLength(1);
  });

  it('finds Logic App and config findings end to end', async () => {
    const project = writeProject({
      'flows/grant/workflow.json': LOGIC_APP,
      'appsettings.json': '{\n  "Pim": {\n    "Url": "https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignments?$filter=assignmentState eq \'Active\'"\n  }\n}\n',
    });
    cleanup = project.cleanup;
    const result = await scan({ paths: [project.root] }, { extractors: [genericExtractor, jsonExtractor] });
    expect(result.findings.map((finding) => [finding.file, finding.line, finding.ruleId, finding.operation.method, finding.provider, finding.exact, finding.confidence])).toEqual([
      ['appsettings.json', 3, 'pim2-role-assignments-list', null, 'aadRoles', true, 'medium'],
      ['flows/grant/workflow.json', 9, 'pim2-role-assignment-requests-create', 'POST', 'aadRoles', true, 'high'],
      ['flows/grant/workflow.json', 21, 'pim2-resources-list', 'GET', null, false, 'high'],
    ]);
    expect(result.findings[1]!.replacements[0]!.path).toBe('/roleManagement/directory/roleEligibilityScheduleRequests');
  });
});
