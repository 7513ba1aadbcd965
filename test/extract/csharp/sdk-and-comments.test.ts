import { afterEach, describe, expect, it } from 'vitest';
import { csharpExtractor } from '../../../src/extract/csharp/index.js';
import { genericExtractor } from '../../../src/extract/generic/index.js';
import { scan } from '../../../src/scan.js';
import { writeProject } from '../../helpers/temp-project.js';
import { extractCs, offsetOf } from './helpers.js';

let cleanup = (): void => {};
afterEach(() => cleanup());

describe('C# Graph SDK chains', () => {
  it('v4 indexer chain with AddAsync and a bound request', async () => {
    const text = [
      'class Activator {',
      '  async Task Run(GraphServiceClient graphClient, string me) {',
      '    var request = new GovernanceRoleAssignmentRequestObject',
      '    {',
      '      Type = "UserAdd",',
      '      AssignmentState = "Active",',
      '      SubjectId = me,',
      '      Schedule = new GovernanceSchedule { Type = "Once", Duration = "PT1H" },',
      '    };',
      '    await graphClient.PrivilegedAccess["aadRoles"].RoleAssignmentRequests',
      '      .Request()',
      '      .AddAsync(request)',
      '      .ConfigureAwait(false);',
      '  }',
      '}',
    ].join('\n');
    const result = await extractCs('Activator.cs', { 'Activator.cs': text });
    cleanup = result.cleanup;
    expect(result.sites).toHaveLength(1);
    const site = result.sites[0]!;
    expect(site.kind).toBe('sdk');
    expect(site.method).toBeNull();
    expect(site.confidence).toBe('high');
    expect(site.sdk).toEqual([
      { name: 'PrivilegedAccess', offset: offsetOf(text, 'PrivilegedAccess') },
      { name: '[]', offset: offsetOf(text, '["aadRoles"]'), argument: { kind: 'literal', text: 'aadRoles', offset: offsetOf(text, 'aadRoles') } },
      { name: 'RoleAssignmentRequests', offset: offsetOf(text, 'RoleAssignmentRequests') },
      { name: 'Request', offset: offsetOf(text, 'Request()') },
      { name: 'AddAsync', offset: offsetOf(text, 'AddAsync'), argument: { kind: 'dynamic', name: 'request', offset: offsetOf(text, 'request)') } },
      { name: 'ConfigureAwait', offset: offsetOf(text, 'ConfigureAwait'), argument: { kind: 'dynamic', name: 'false', offset: offsetOf(text, 'false)') } },
    ]);
    expect(site.body).toEqual({
      fields: { Type: 'UserAdd', AssignmentState: 'Active', SubjectId: null, 'Schedule.Type': 'Once', 'Schedule.Duration': 'PT1H' },
      complete: true,
      offset: offsetOf(text, 'request)'),
    });
  });

  it('filter chain, v5 cancel and a chain stored in a variable', async () => {
    const text = [
      'class Reader {',
      '  async Task Run(GraphServiceClient client, string me) {',
      '    var page = await this.graph.PrivilegedAccess["aadGroups"].RoleAssignments.Request().Filter($"subjectId eq \'{me}\'").GetAsync();',
      '    await client.PrivilegedAccess["azureResources"].RoleAssignmentRequests["42"].Cancel.PostAsync();',
      '    var requests = client.PrivilegedAccess["aadRoles"].RoleAssignmentRequests;',
      '    await requests.Request().AddAsync(new GovernanceRoleAssignmentRequestObject { Type = "AdminRemove" });',
      '  }',
      '}',
    ].join('\n');
    const result = await extractCs('Reader.cs', { 'Reader.cs': text });
    cleanup = result.cleanup;
    expect(result.sites).toHaveLength(3);
    const [filter, cancel, stored] = result.sites;
    expect(filter!.sdk?.map((link) => link.name)).toEqual(['graph', 'PrivilegedAccess', '[]', 'RoleAssignments', 'Request', 'Filter', 'GetAsync']);
    expect(filter!.sdk?.[5]?.argument).toEqual({ kind: 'dynamic', name: '$"subjectId eq \'{me}\'"', offset: offsetOf(text, '$"subjectId') });
    expect(cancel!.sdk?.map((link) => link.name)).toEqual(['PrivilegedAccess', '[]', 'RoleAssignmentRequests', '[]', 'Cancel', 'PostAsync']);
    expect(cancel!.sdk?.[3]?.argument).toMatchObject({ kind: 'literal', text: '42' });
    expect(cancel!.body).toBeUndefined();
    expect(stored!.sdk?.map((link) => link.name)).toEqual(['PrivilegedAccess', '[]', 'RoleAssignmentRequests', 'Request', 'AddAsync']);
    expect(stored!.body?.fields).toEqual({ Type: 'AdminRemove' });
  });

  it('ignores chains without an old segment', async () => {
    const text = 'class N { Task Run(GraphServiceClient c) => c.RoleManagement.Directory.RoleAssignmentScheduleRequests.PostAsync(body); }';
    const result = await extractCs('N.cs', { 'N.cs': text });
    cleanup = result.cleanup;
    expect(result.sites).toEqual([]);
  });
});

describe('C# comments', () => {
  it('line, block and XML doc comments are low confidence', async () => {
    const text = [
      '/// <summary>Wraps GET /privilegedAccess/aadRoles/roleAssignments.</summary>',
      'class Doc {',
      '  // POST https://api.azrbac.mspim.azure.com/api/v2/privilegedAccess/aadGroups/roleAssignmentRequests',
      '  /* old: /privilegedAccess/{providerId}/resources */',
      '  void M() { }',
      '}',
    ].join('\n');
    const result = await extractCs('Doc.cs', { 'Doc.cs': text });
    cleanup = result.cleanup;
    expect(result.sites).toHaveLength(3);
    expect(result.sites.every((site) => site.inComment && site.confidence === 'low')).toBe(true);
    expect(result.sites.map((site) => site.method)).toEqual(['GET', 'POST', null]);
    expect(result.sites[0]!.url).toEqual([{ kind: 'literal', text: '/privilegedAccess/aadRoles/roleAssignments', offset: offsetOf(text, '/privilegedAccess/aadRoles') }]);
    expect(result.sites[2]!.url).toEqual([
      { kind: 'literal', text: '/privilegedAccess/', offset: offsetOf(text, '/privilegedAccess/{') },
      { kind: 'dynamic', name: '{providerId}', offset: offsetOf(text, '{providerId}') },
      { kind: 'literal', text: '/resources', offset: offsetOf(text, '/resources') },
    ]);
  });

  it('broken code does not throw', async () => {
    const text = 'class X { void M( { var u = $"https://graph.microsoft.com/beta/privilegedAccess/{"; http.GetAsync(u';
    const result = await extractCs('X.cs', { 'X.cs': text });
    cleanup = result.cleanup;
    expect(Array.isArray(result.sites)).toBe(true);
  });
});

describe('C# scan end to end', () => {
  it('findings for an HttpClient request and an SDK chain', async () => {
    const project = writeProject({
      'src/Pim.cs': [
        'class Pim {',
        '  private const string Path = "privilegedAccess/aadRoles/roleAssignmentRequests";',
        '  private readonly HttpClient _http = new HttpClient { BaseAddress = new Uri("https://api.azrbac.mspim.azure.com/api/v2/") };',
        '  Task Activate() => _http.PostAsJsonAsync(Path, new { type = "UserAdd", assignmentState = "Active" });',
        '  Task Mine(GraphServiceClient graphClient, string me) => graphClient.PrivilegedAccess["aadRoles"]',
        '    .RoleAssignments.Request().Filter($"subjectId eq \'{me}\'").GetAsync();',
        '  // not a call: see /privilegedAccess/aadRoles/roleSettings',
        '}',
      ].join('\n'),
    });
    cleanup = project.cleanup;
    const result = await scan({ paths: [project.root] }, { extractors: [genericExtractor, csharpExtractor] });
    const findings = [...result.findings].sort((a, b) => a.line - b.line);
    expect(findings.map((finding) => [finding.ruleId, finding.line, finding.inComment])).toEqual([
      ['pim2-role-assignment-requests-create', 2, false],
      ['pim2-role-assignments-list', 5, false],
      ['pim2-role-settings-list', 7, true],
    ]);
    const [create, list] = findings;
    expect(create!.family).toBe('azrbac-iteration2');
    expect(create!.provider).toBe('aadRoles');
    expect(create!.exact).toBe(true);
    expect(create!.replacements.map((replacement) => replacement.path)).toEqual(['/roleManagement/directory/roleAssignmentScheduleRequests']);
    expect(list!.family).toBe('sdk-graph-beta');
    expect(list!.operation.method).toBe('GET');
    expect(list!.replacements.map((replacement) => replacement.path)).toContain('/roleManagement/directory/roleAssignmentScheduleInstances');
  });
});
