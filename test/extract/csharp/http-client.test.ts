import { afterEach, describe, expect, it } from 'vitest';
import { extractCs, offsetOf, urlText } from './helpers.js';

let cleanup = (): void => {};
afterEach(() => cleanup());

const ENDPOINTS = [
  'namespace Demo;',
  'public static class PimEndpoints',
  '{',
  '    public const string Base = "https://api.azrbac.mspim.azure.com/api/v2";',
  '    public static readonly string Unused = @"C:\\temp";',
  '}',
].join('\n');

describe('C# HttpClient calls', () => {
  it('interpolation with a constant from another file', async () => {
    const text = [
      'public class A {',
      '  private readonly HttpClient _http;',
      '  public Task Run(string provider) => _http.GetAsync($"{PimEndpoints.Base}/privilegedAccess/{provider}/resources");',
      '}',
    ].join('\n');
    const result = await extractCs('src/A.cs', { 'src/A.cs': text, 'lib/Endpoints.cs': ENDPOINTS });
    cleanup = result.cleanup;
    expect(result.sites).toHaveLength(1);
    const site = result.sites[0]!;
    expect(site.url).toEqual([
      { kind: 'literal', text: 'https://api.azrbac.mspim.azure.com/api/v2', resolvedFrom: 'PimEndpoints.Base (lib/Endpoints.cs)' },
      { kind: 'literal', text: '/privilegedAccess/', offset: offsetOf(text, '/privilegedAccess') },
      { kind: 'dynamic', name: 'provider', offset: offsetOf(text, 'provider}') },
      { kind: 'literal', text: '/resources', offset: offsetOf(text, '/resources') },
    ]);
    expect(site.method).toBe('GET');
    expect(site.confidence).toBe('high');
    expect(site.inComment).toBe(false);
    expect(site.kind).toBe('url');
  });

  it('relative const path with constructor BaseAddress', async () => {
    const text = [
      'class Collector {',
      '  private const string Path = "privilegedAccess/aadRoles/roleAssignments?$filter=assignmentState eq \'Active\'";',
      '  private readonly HttpClient _http;',
      '  public Collector(HttpClient http) {',
      '    _http = http;',
      '    _http.BaseAddress = new Uri("https://api.azrbac.mspim.azure.com/api/v2/");',
      '  }',
      '  public Task Get() => _http.GetAsync(Path);',
      '}',
    ].join('\n');
    const result = await extractCs('Collector.cs', { 'Collector.cs': text });
    cleanup = result.cleanup;
    expect(result.sites).toHaveLength(1);
    const site = result.sites[0]!;
    expect(site.url).toEqual([
      {
        kind: 'literal',
        text: "privilegedAccess/aadRoles/roleAssignments?$filter=assignmentState eq 'Active'",
        offset: offsetOf(text, 'privilegedAccess/'),
        resolvedFrom: 'Collector.Path (Collector.cs)',
      },
    ]);
    expect(site.baseUrl).toBe('https://api.azrbac.mspim.azure.com/api/v2/');
    expect(site.anchor.offset).toBe(offsetOf(text, '_http.GetAsync'));
  });

  it('initializer BaseAddress, verbatim string and request class body', async () => {
    const text = [
      'class Sender {',
      '  private readonly HttpClient _client = new HttpClient { BaseAddress = new Uri("https://api.azrbac.mspim.azure.com/api/v2/") };',
      '  public async Task Send() {',
      '    var request = new AssignmentRequest { Type = "UserAdd", AssignmentState = "Active", Reason = reason };',
      '    await _client.PostAsync(@"privilegedAccess/aadRoles/roleAssignmentRequests", new StringContent(JsonSerializer.Serialize(request)));',
      '  }',
      '}',
      'class AssignmentRequest {',
      '  [JsonPropertyName("type")] public string Type { get; set; }',
      '  [JsonPropertyName("assignmentState")] public string AssignmentState { get; set; }',
      '  public string Reason { get; set; }',
      '}',
    ].join('\n');
    const result = await extractCs('Sender.cs', { 'Sender.cs': text });
    cleanup = result.cleanup;
    expect(result.sites).toHaveLength(1);
    const site = result.sites[0]!;
    expect(site.url).toEqual([{ kind: 'literal', text: 'privilegedAccess/aadRoles/roleAssignmentRequests', offset: offsetOf(text, 'privilegedAccess/') }]);
    expect(site.method).toBe('POST');
    expect(site.baseUrl).toBe('https://api.azrbac.mspim.azure.com/api/v2/');
    expect(site.body).toEqual({
      fields: { type: 'UserAdd', assignmentState: 'Active', Reason: null },
      complete: true,
      offset: offsetOf(text, 'new StringContent'),
    });
  });

  it('PostAsJsonAsync with an anonymous object and concatenation', async () => {
    const text = [
      'class B {',
      '  const string Root = "https://api.azrbac.mspim.azure.com/api/v2/privilegedAccess";',
      '  async Task Run(HttpClient http) {',
      '    var body = new { type = "AdminAdd", assignmentState = "Eligible", schedule = new { type = "Once" } };',
      '    await http.PostAsJsonAsync(Root + "/aadRoles/roleAssignmentRequests", body);',
      '  }',
      '}',
    ].join('\n');
    const result = await extractCs('B.cs', { 'B.cs': text });
    cleanup = result.cleanup;
    expect(result.sites).toHaveLength(1);
    const site = result.sites[0]!;
    expect(urlText(site)).toBe('https://api.azrbac.mspim.azure.com/api/v2/privilegedAccess/aadRoles/roleAssignmentRequests');
    expect(site.url?.[0]).toMatchObject({ offset: offsetOf(text, 'https://'), resolvedFrom: 'B.Root (B.cs)' });
    expect(site.body?.fields).toEqual({ type: 'AdminAdd', assignmentState: 'Eligible', 'schedule.type': 'Once' });
    expect(site.baseUrl).toBeUndefined();
  });

  it('SendAsync with string.Format and JsonContent', async () => {
    const text = [
      'class C {',
      '  async Task Cancel(HttpClient http, string provider, string id) {',
      '    var url = string.Format("{0}/privilegedAccess/{1}/roleAssignmentRequests/{2}/cancel", PimEndpoints.Base, provider, id);',
      '    using var message = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(new { reason = "done" }) };',
      '    await http.SendAsync(message);',
      '  }',
      '}',
    ].join('\n');
    const result = await extractCs('C.cs', { 'C.cs': text, 'Endpoints.cs': ENDPOINTS });
    cleanup = result.cleanup;
    expect(result.sites).toHaveLength(1);
    const site = result.sites[0]!;
    expect(site.method).toBe('POST');
    expect(site.url).toEqual([
      { kind: 'literal', text: 'https://api.azrbac.mspim.azure.com/api/v2', resolvedFrom: 'PimEndpoints.Base (Endpoints.cs)' },
      { kind: 'literal', text: '/privilegedAccess/', offset: offsetOf(text, '/privilegedAccess') },
      { kind: 'dynamic', name: 'provider', offset: offsetOf(text, 'provider, id)') },
      { kind: 'literal', text: '/roleAssignmentRequests/', offset: offsetOf(text, '/roleAssignmentRequests') },
      { kind: 'dynamic', name: 'id', offset: offsetOf(text, 'id);') },
      { kind: 'literal', text: '/cancel', offset: offsetOf(text, '/cancel') },
    ]);
    expect(site.body?.fields).toEqual({ reason: 'done' });
    expect(site.anchor.offset).toBe(offsetOf(text, 'http.SendAsync'));
  });

  it('string.Concat, raw strings and $@ interpolation', async () => {
    const text = [
      'class D {',
      '  async Task Run(HttpClient http, string p) {',
      '    await http.DeleteAsync(string.Concat("https://graph.microsoft.com/beta/privilegedAccess/", p, "/roleAssignments/1"));',
      '    await http.GetAsync("""',
      '        https://graph.microsoft.com/beta/privilegedAccess/aadGroups/resources',
      '        """);',
      '    await http.PatchAsync($@"https://graph.microsoft.com/beta/privilegedAccess/{p}/roleSettings/x", null);',
      '  }',
      '}',
    ].join('\n');
    const result = await extractCs('D.cs', { 'D.cs': text });
    cleanup = result.cleanup;
    expect(result.sites.map((site) => site.method)).toEqual(['DELETE', 'GET', 'PATCH']);
    expect(urlText(result.sites[0])).toBe('https://graph.microsoft.com/beta/privilegedAccess/{p}/roleAssignments/1');
    expect(result.sites[1]!.url).toEqual([
      { kind: 'literal', text: 'https://graph.microsoft.com/beta/privilegedAccess/aadGroups/resources', offset: offsetOf(text, 'https://graph.microsoft.com/beta/privilegedAccess/aadGroups') },
    ]);
    expect(urlText(result.sites[2])).toBe('https://graph.microsoft.com/beta/privilegedAccess/{p}/roleSettings/x');
  });

  it('helper method returning a URL and a loose constant', async () => {
    const text = [
      'class E {',
      '  static string RolesUrl(string provider) => $"https://graph.microsoft.com/beta/privilegedAccess/{provider}/roleDefinitions";',
      '  public static readonly string Unused = "https://graph.microsoft.com/beta/privilegedAccess/aadGroups/resources";',
      '  Task Run(HttpClient http) => http.GetAsync(RolesUrl("aadRoles"));',
      '}',
    ].join('\n');
    const result = await extractCs('E.cs', { 'E.cs': text });
    cleanup = result.cleanup;
    expect(result.sites).toHaveLength(2);
    const [unused, call] = [...result.sites].sort((a, b) => (a.confidence < b.confidence ? 1 : -1));
    expect(call!.confidence).toBe('high');
    expect(urlText(call)).toBe('https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleDefinitions');
    expect(call!.url?.[1]).toEqual({ kind: 'literal', text: 'aadRoles', offset: offsetOf(text, 'aadRoles') });
    expect(unused!.confidence).toBe('medium');
    expect(unused!.method).toBeNull();
    expect(unused!.anchor.offset).toBe(offsetOf(text, '"https://graph.microsoft.com/beta/privilegedAccess/aadGroups'));
  });

  it('ignores nameof, other words and unrelated URLs', async () => {
    const text = [
      'class F {',
      '  const string Scope = "PrivilegedAccess.ReadWrite.AzureAD";',
      '  Task Run(HttpClient http) => http.GetAsync("https://graph.microsoft.com/v1.0/roleManagement/directory/roleAssignmentScheduleRequests");',
      '  string Name => nameof(PrivilegedAccess);',
      '  string Level = "privilegedAccessLevel/x";',
      '}',
    ].join('\n');
    const result = await extractCs('F.cs', { 'F.cs': text });
    cleanup = result.cleanup;
    expect(result.sites).toEqual([]);
  });

  it('reports each literal once', async () => {
    const text = [
      'class G {',
      '  const string Url = "https://graph.microsoft.com/beta/privilegedAccess/aadRoles/resources";',
      '  Task A(HttpClient http) => http.GetAsync(Url);',
      '  Task B(HttpClient http) => http.GetAsync(Url);',
      '}',
    ].join('\n');
    const result = await extractCs('G.cs', { 'G.cs': text });
    cleanup = result.cleanup;
    expect(result.sites).toHaveLength(2);
    expect(result.sites.every((site) => site.confidence === 'high')).toBe(true);
  });
});
