import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { genericExtractor } from '../../../src/extract/generic/index.js';
import { goExtractor } from '../../../src/extract/go/index.js';
import type { CallSite } from '../../../src/model/call-site.js';
import { scan } from '../../../src/scan.js';
import { writeProject } from '../../helpers/temp-project.js';

const SIGNATURES = ['privilegedaccess', 'privilegedroles', 'governanceroleassignmentrequests'];
let cleanup = (): void => {};
afterEach(() => cleanup());

const HOSTS = ['package pim', '', 'const (', '\tazrbacBase = "https://api.azrbac.mspim.azure.com/api/v2"', '\tgraphBeta string = "https://graph.microsoft.com/beta"', ')', ''].join('\n');
const OTHER_PACKAGE = ['package other', '', 'const azrbacBase = "https://wrong.example.com"', ''].join('\n');

async function extractGo(body: string, extra: Record<string, string> = { 'pim/hosts.go': HOSTS, 'pim/other.go': OTHER_PACKAGE }): Promise<{ sites: CallSite[]; text: string }> {
  const text = `package pim\n\n${body}\n`;
  const project = writeProject({ ...extra, 'pim/client.go': text });
  cleanup = project.cleanup;
  const full = path.join(project.root, 'pim/client.go');
  goExtractor.reset?.();
  const sites = await goExtractor.extract({
    path: full,
    relativePath: 'pim/client.go',
    text: fs.readFileSync(full, 'utf8'),
    language: 'go',
    candidates: [full],
    root: project.root,
    signatures: SIGNATURES,
    extractEmbedded: async () => [],
  });
  return { sites, text };
}

const at = (text: string, needle: string): number => {
  const index = text.indexOf(needle);
  if (index < 0) {
    throw new Error(`"${needle}" is not in the snippet`);
  }
  return index;
};
const urlText = (site: CallSite | undefined): string => (site?.url ?? []).map((part) => (part.kind === 'literal' ? part.text : `{${part.name ?? ''}}`)).join('');

describe('Go HTTP requests', () => {
  it('Sprintf with a package constant and a tagged struct body', async () => {
    const { sites, text } = await extractGo(
      [
        'type roleRequest struct {',
        '\tType            string   `json:"type"`',
        '\tAssignmentState string   `json:"assignmentState,omitempty"`',
        '\tInternal        string   `json:"-"`',
        '\tSchedule        schedule `json:"schedule"`',
        '}',
        'type schedule struct {',
        '\tKind string `json:"type"`',
        '}',
        'func run(ctx context.Context, provider string) {',
        '\tendpoint := fmt.Sprintf("%s/privilegedAccess/%s/roleAssignmentRequests", azrbacBase, provider)',
        '\tpayload, _ := json.Marshal(roleRequest{Type: "UserRemove", AssignmentState: "Active", Internal: "x", Schedule: schedule{Kind: "Once"}})',
        '\treq, _ := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, bytes.NewReader(payload))',
        '\t_ = req',
        '}',
      ].join('\n'),
    );
    expect(sites).toHaveLength(1);
    const site = sites[0]!;
    expect(site.url).toEqual([
      { kind: 'literal', text: 'https://api.azrbac.mspim.azure.com/api/v2', resolvedFrom: 'azrbacBase (pim/hosts.go)' },
      { kind: 'literal', text: '/privilegedAccess/', offset: at(text, '/privilegedAccess') },
      { kind: 'dynamic', name: 'provider', offset: at(text, 'provider)') },
      { kind: 'literal', text: '/roleAssignmentRequests', offset: at(text, '/roleAssignmentRequests') },
    ]);
    expect(site.method).toBe('POST');
    expect(site.confidence).toBe('high');
    expect(site.body).toEqual({
      fields: { type: 'UserRemove', assignmentState: 'Active', 'schedule.type': 'Once' },
      complete: true,
      offset: at(text, 'bytes.NewReader'),
    });
    expect(site.anchor.offset).toBe(at(text, 'http.NewRequestWithContext'));
  });

  it('raw strings, url.Values query, JoinPath and a map body with resty', async () => {
    const { sites, text } = await extractGo(
      [
        'func run(client *http.Client, id, provider string) {',
        '\thttp.Get(azrbacBase + `/privilegedAccess/aadRoles/roleSettings`)',
        '\tu, _ := url.Parse(azrbacBase + "/privilegedAccess/aadRoles/roleAssignments")',
        '\tq := url.Values{}',
        '\tq.Set("$filter", "subjectId eq \'"+id+"\'")',
        '\tu.RawQuery = q.Encode()',
        '\thttp.NewRequest("GET", u.String(), nil)',
        '\tjoined, _ := url.JoinPath(graphBeta, "privilegedAccess", "aadGroups", "resources")',
        '\tclient.Get(joined)',
        '\tm := map[string]any{"type": "AdminAdd", "assignmentState": "Eligible"}',
        '\tb, _ := json.Marshal(m)',
        '\trest := resty.New().SetBaseURL("https://api.azrbac.mspim.azure.com/api/v2/")',
        '\trest.R().SetBody(b).Post(path.Join("privilegedAccess", provider, "roleAssignmentRequests"))',
        '}',
      ].join('\n'),
    );
    expect(sites.map((site) => site.method)).toEqual(['GET', 'GET', 'GET', 'POST']);
    expect(sites[0]!.url?.[1]).toEqual({ kind: 'literal', text: '/privilegedAccess/aadRoles/roleSettings', offset: at(text, '/privilegedAccess/aadRoles/roleSettings') });
    expect(urlText(sites[1])).toBe("https://api.azrbac.mspim.azure.com/api/v2/privilegedAccess/aadRoles/roleAssignments?$filter=subjectId eq '{id}'");
    expect(urlText(sites[2])).toBe('https://graph.microsoft.com/beta/privilegedAccess/aadGroups/resources');
    expect(urlText(sites[3])).toBe('privilegedAccess/{provider}/roleAssignmentRequests');
    expect(sites[3]!.baseUrl).toBe('https://api.azrbac.mspim.azure.com/api/v2/');
    expect(sites[3]!.body?.fields).toEqual({ type: 'AdminAdd', assignmentState: 'Eligible' });
  });

  it('loose strings.Join and a comment', async () => {
    const { sites, text } = await extractGo(
      [
        'var loose = strings.Join([]string{azrbacBase, "privilegedAccess", "aadRoles", "roleDefinitions"}, "/")',
        '// See POST /privilegedAccess/aadRoles/roleAssignmentRequests for the old call.',
        'const scope = "PrivilegedAccess.ReadWrite.AzureAD"',
      ].join('\n'),
    );
    expect(sites).toHaveLength(2);
    expect(sites[0]!.confidence).toBe('medium');
    expect(urlText(sites[0])).toBe('https://api.azrbac.mspim.azure.com/api/v2/privilegedAccess/aadRoles/roleDefinitions');
    expect(sites[1]).toMatchObject({ inComment: true, confidence: 'low', method: 'POST' });
    expect(sites[1]!.url).toEqual([{ kind: 'literal', text: '/privilegedAccess/aadRoles/roleAssignmentRequests', offset: at(text, '/privilegedAccess/aadRoles/roleAssignmentRequests') }]);
  });

  it('ignores a constant of another package with the same name', async () => {
    const { sites } = await extractGo('func run() { http.Get(azrbacBase + "/privilegedAccess/aadRoles/resources") }', { 'pim/other.go': OTHER_PACKAGE });
    expect(sites).toHaveLength(1);
    expect(sites[0]!.url?.[0]).toMatchObject({ kind: 'dynamic', name: 'azrbacBase' });
  });
});

describe('Go SDK chains', () => {
  it('current, older and misspelled accessors with setter bodies', async () => {
    const { sites, text } = await extractGo(
      [
        'func run(ctx context.Context, graphClient *msgraphsdk.GraphServiceClient, id string) {',
        '\tt := "AdminAdd"',
        '\ts := "Eligible"',
        '\tbody := graphmodels.NewGovernanceRoleAssignmentRequest()',
        '\tbody.SetType(&t)',
        '\tbody.SetAssignmentState(&s)',
        '\tgraphClient.PrivilegedAccess().ByPrivilegedAccessId("aadRoles").RoleAssignmentRequests().Post(ctx, body, nil)',
        '\tgraphClient.PrivilegedAccessById("aadGroups").RoleAssignmentRequestsById(id).Cancel().Post(ctx, nil)',
        '\tgraphClient.PrivilegedAccess().ByPrivilegedAccesId("azureResources").',
        '\t\tResources().',
        '\t\tGet(ctx, nil)',
        '}',
      ].join('\n'),
    );
    expect(sites).toHaveLength(3);
    const [create, cancel, list] = sites;
    expect(create!.kind).toBe('sdk');
    expect(create!.sdk).toEqual([
      { name: 'PrivilegedAccess', offset: at(text, 'PrivilegedAccess()') },
      { name: 'ByPrivilegedAccessId', offset: at(text, 'ByPrivilegedAccessId'), argument: { kind: 'literal', text: 'aadRoles', offset: at(text, 'aadRoles') } },
      { name: 'RoleAssignmentRequests', offset: at(text, 'RoleAssignmentRequests()') },
      { name: 'Post', offset: at(text, 'Post(ctx, body'), argument: { kind: 'dynamic', name: 'ctx', offset: at(text, 'ctx, body') } },
    ]);
    expect(create!.body).toEqual({ fields: { Type: 'AdminAdd', AssignmentState: 'Eligible' }, complete: true, offset: at(text, 'body, nil') });
    expect(cancel!.sdk?.map((link) => link.name)).toEqual(['PrivilegedAccessById', 'RoleAssignmentRequestsById', 'Cancel', 'Post']);
    expect(cancel!.sdk?.[1]?.argument).toEqual({ kind: 'dynamic', name: 'id', offset: at(text, 'id).Cancel') });
    expect(cancel!.body).toBeUndefined();
    expect(list!.sdk?.[1]).toMatchObject({ name: 'ByPrivilegedAccesId', argument: { kind: 'literal', text: 'azureResources' } });
  });
});

describe('Go scan end to end', () => {
  it('findings, and none for the iteration 3 group chain', async () => {
    const project = writeProject({
      'pim/hosts.go': HOSTS,
      'pim/client.go': [
        'package pim',
        '',
        'type req struct {',
        '\tType string `json:"type"`',
        '\tState string `json:"assignmentState"`',
        '}',
        '',
        'func activate(ctx context.Context) {',
        '\tb, _ := json.Marshal(req{Type: "UserAdd", State: "Active"})',
        '\tendpoint := fmt.Sprintf("%s/privilegedAccess/aadroles/roleAssignmentRequests", azrbacBase)',
        '\thttp.NewRequestWithContext(ctx, "POST", endpoint, bytes.NewReader(b))',
        '}',
        '',
        'func migrated(ctx context.Context, client *msgraphsdk.GraphServiceClient, body any) {',
        '\tclient.IdentityGovernance().PrivilegedAccess().Group().EligibilityScheduleRequests().Post(ctx, body, nil)',
        '}',
        '',
        'func sdk(ctx context.Context, graphClient *msgraphsdk.GraphServiceClient) {',
        '\tgraphClient.PrivilegedAccess().ByPrivilegedAccessId("aadRoles").RoleAssignments().Get(ctx, nil)',
        '}',
        '',
      ].join('\n'),
    });
    cleanup = project.cleanup;
    const result = await scan({ paths: [project.root] }, { extractors: [genericExtractor, goExtractor] });
    const findings = [...result.findings].sort((a, b) => a.line - b.line);
    expect(findings.map((finding) => [finding.ruleId, finding.line, finding.family])).toEqual([
      ['pim2-role-assignment-requests-create', 10, 'azrbac-iteration2'],
      ['pim2-role-assignments-list', 19, 'sdk-graph-beta'],
    ]);
    expect(findings[0]!.exact).toBe(true);
    expect(findings[0]!.provider).toBe('aadRoles');
    expect(findings[0]!.replacements.map((replacement) => replacement.path)).toEqual(['/roleManagement/directory/roleAssignmentScheduleRequests']);
  });
});
