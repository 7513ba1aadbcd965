import { afterEach, describe, expect, it } from 'vitest';
import { genericExtractor } from '../../../src/extract/generic/index.js';
import { jsonExtractor } from '../../../src/extract/json/index.js';
import { terraformExtractor } from '../../../src/extract/terraform/index.js';
import { scan } from '../../../src/scan.js';
import { writeProject } from '../../helpers/temp-project.js';

let cleanup = (): void => {};
afterEach(() => {
  cleanup();
  terraformExtractor.reset?.();
});

const MAIN = [
  'locals {',
  '  pim = "privilegedAccess/aadRoles"',
  '}',
  '# GET https://graph.microsoft.com/beta/privilegedRoles',
  'resource "msgraph_resource" "assign" {',
  '  url         = "privilegedAccess/aadRoles/roleAssignmentRequests"',
  '  api_version = "beta"',
  '  body = {',
  '    type            = "AdminAdd"',
  '    assignmentState = "Eligible"',
  '    schedule        = { type = "Once" }',
  '  }',
  '}',
  'data "http" "roles" {',
  '  url          = "${var.graph_base}/${local.pim}/roleAssignments?$filter=assignmentState eq \'Active\'"',
  '  request_body = jsonencode({ note = "x" })',
  '}',
  'resource "azurerm_logic_app_action_http" "activate" {',
  '  method = "POST"',
  '  uri    = "https://graph.microsoft.com/beta/privilegedAccess/aadGroups/roleAssignmentRequests"',
  '  body   = jsonencode({ type = "UserAdd", assignmentState = "Active" })',
  '}',
  'output "settings" {',
  '  value = "${var.graph_base}/privilegedAccess/azureResources/roleSettings"',
  '}',
  'resource "azurerm_resource_group_template_deployment" "flow" {',
  '  template_content = <<JSON',
  '{ "actions": { "a": { "type": "Http", "inputs": { "method": "DELETE", "uri": "https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignments/1" } } } }',
  'JSON',
  '}',
  '/* https://graph.microsoft.com/v1.0/roleManagement/directory/roleAssignmentScheduleRequests */',
].join('\n');

describe('terraformExtractor', () => {
  it('reads request blocks, module values, heredoc JSON and comments end to end', async () => {
    const project = writeProject({
      'infra/main.tf': MAIN,
      'infra/variables.tf': 'variable "graph_base" {\n  default = "https://graph.microsoft.com/beta"\n}\n',
    });
    cleanup = project.cleanup;
    const result = await scan({ paths: [project.root] }, { extractors: [genericExtractor, jsonExtractor, terraformExtractor] });
    expect(result.findings.map((finding) => [finding.line, finding.ruleId, finding.operation.method, finding.provider, finding.exact, finding.confidence, finding.inComment])).toEqual([
      [4, 'pim1-privileged-roles-list', 'GET', 'aadRoles', true, 'low', true],
      [6, 'pim2-role-assignment-requests-create', 'POST', 'aadRoles', true, 'high', false],
      [15, 'pim2-role-assignments-list', 'GET', 'aadRoles', true, 'high', false],
      [20, 'pim2-role-assignment-requests-create', 'POST', 'aadGroups', true, 'high', false],
      [24, 'pim2-role-settings-list', null, 'azureResources', false, 'medium', false],
      [28, 'pim2-sdk-only-role-assignment-writes', 'DELETE', 'aadRoles', false, 'high', false],
    ]);
    expect(result.findings[1]!.replacements[0]!.path).toBe('/roleManagement/directory/roleEligibilityScheduleRequests');
    expect(result.findings[3]!.replacements[0]!.path).toBe('/identityGovernance/privilegedAccess/group/assignmentScheduleRequests');
  });

  it('reads msgraph URL parts, base URL and body', async () => {
    const sites = await terraformExtractor.extract({
      path: '/nowhere/main.tf', relativePath: 'main.tf', text: MAIN, language: 'terraform', candidates: [], root: '/nowhere',
      signatures: ['privilegedaccess', 'privilegedroles'], extractEmbedded: async () => [],
    });
    const msgraph = sites.find((site) => site.method === 'POST' && site.baseUrl);
    expect(msgraph?.baseUrl).toBe('https://graph.microsoft.com/beta');
    expect(msgraph?.url).toEqual([{ kind: 'literal', text: 'privilegedAccess/aadRoles/roleAssignmentRequests', offset: MAIN.indexOf('privilegedAccess/aadRoles/roleAssignmentRequests') }]);
    expect(msgraph?.body?.fields).toEqual({ type: 'AdminAdd', assignmentState: 'Eligible', 'schedule.type': 'Once' });
    // Without the variables file, var.graph_base stays dynamic; local.pim resolves in the file.
    const http = sites.find((site) => site.url?.some((part) => part.kind === 'dynamic' && part.name === 'var.graph_base') && site.confidence === 'high');
    expect(http?.url?.[2]).toEqual({ kind: 'literal', text: 'privilegedAccess/aadRoles', offset: MAIN.indexOf('privilegedAccess/aadRoles"'), resolvedFrom: 'local.pim (main.tf)' });
    expect(sites.filter((site) => site.inComment)).toHaveLength(1);
  });

  it('reads msgraph_resource_action with its method and body', async () => {
    const text = [
      'resource "msgraph_resource_action" "oncall" {',
      '  resource_url = "privilegedAccess/aadGroups/roleAssignmentRequests"',
      '  api_version  = "beta"',
      '  method       = "POST"',
      '  body = {',
      '    assignmentState = "Eligible"',
      '    type            = "AdminAdd"',
      '  }',
      '}',
      '',
    ].join('\n');
    const project = writeProject({ 'main.tf': text });
    cleanup = project.cleanup;
    const result = await scan({ paths: [project.root] }, { extractors: [genericExtractor, terraformExtractor] });
    expect(result.findings.map((finding) => [finding.line, finding.ruleId, finding.operation.method, finding.exact, finding.confidence])).toEqual([
      [2, 'pim2-role-assignment-requests-create', 'POST', true, 'high'],
    ]);
    expect(result.findings[0]!.replacements[0]!.path).toBe('/identityGovernance/privilegedAccess/group/eligibilityScheduleRequests');
  });
});
