import { describe, expect, it } from 'vitest';
import { javaExtractor } from '../../../src/extract/java/index.js';
import { extractSnippet, offsetOf, scanProject } from '../common/extractor-run.js';

const extract = (text: string, extra: Record<string, string> = {}) => extractSnippet(javaExtractor, 'java', 'src/Pim.java', text, extra);

describe('java strings', () => {
  it('concatenation with a static final constant', async () => {
    const text = `class Pim {
  static final String BASE = "https://graph.microsoft.com/beta";
  void run(HttpClient http, String id) {
    String url = BASE + "/privilegedAccess/aadRoles/roleAssignments/" + id;
    http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), null);
  }
}`;
    const sites = await extract(text);
    expect(sites).toHaveLength(1);
    expect(sites[0]!.url).toEqual([
      { kind: 'literal', text: 'https://graph.microsoft.com/beta', offset: offsetOf(text, 'https://'), resolvedFrom: 'BASE' },
      { kind: 'literal', text: '/privilegedAccess/aadRoles/roleAssignments/', offset: offsetOf(text, '/privilegedAccess') },
      { kind: 'dynamic', name: 'id', offset: offsetOf(text, 'id;') },
    ]);
    expect(sites[0]!.method).toBe('GET');
    expect(sites[0]!.confidence).toBe('high');
  });

  it('String.format and formatted', async () => {
    const text = `class Pim {
  String a(String p) { return String.format("%s/privilegedAccess/%s/resources", "https://h", p); }
  String b(String p) { return "https://h/privilegedAccess/%s/roleDefinitions".formatted(p); }
}`;
    const sites = await extract(text);
    expect(sites.map((site) => site.url)).toEqual([
      [
        { kind: 'literal', text: 'https://h', offset: offsetOf(text, 'https://h') },
        { kind: 'literal', text: '/privilegedAccess/', offset: offsetOf(text, '/privilegedAccess') },
        { kind: 'dynamic', name: 'p', offset: offsetOf(text, 'p);') },
        { kind: 'literal', text: '/resources', offset: offsetOf(text, '/resources') },
      ],
      [
        { kind: 'literal', text: 'https://h/privilegedAccess/', offset: offsetOf(text, 'https://h', 1) },
        { kind: 'dynamic', name: 'p', offset: offsetOf(text, 'p);', 1) },
        { kind: 'literal', text: '/roleDefinitions', offset: offsetOf(text, '/roleDefinitions') },
      ],
    ]);
    expect(sites.every((site) => site.confidence === 'medium' && site.method === null)).toBe(true);
  });

  it('constant of another class in the project', async () => {
    const text = `class Pim {
  void run(OkHttpClient http) {
    Request r = new Request.Builder().url(Endpoints.BASE + "/privilegedAccess/aadGroups/resources").build();
  }
}`;
    const sites = await extract(text, { 'src/config/Endpoints.java': 'public final class Endpoints {\n  public static final String BASE = "https://graph.microsoft.com" + "/beta";\n}\n' });
    expect(sites).toHaveLength(1);
    expect(sites[0]!.url).toEqual([
      { kind: 'literal', text: 'https://graph.microsoft.com', resolvedFrom: 'Endpoints.BASE (src/config/Endpoints.java)' },
      { kind: 'literal', text: '/beta', resolvedFrom: 'Endpoints.BASE (src/config/Endpoints.java)' },
      { kind: 'literal', text: '/privilegedAccess/aadGroups/resources', offset: offsetOf(text, '/privilegedAccess') },
    ]);
    expect(sites[0]!.method).toBe('GET');
  });

  it('text block body of an HttpRequest POST', async () => {
    const text = `class Pim {
  void run(String id) {
    String json = """
        {"type": "AdminAdd", "assignmentState": "Eligible", "subjectId": "%s"}
        """.formatted(id);
    HttpRequest.newBuilder().uri(URI.create("https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignmentRequests"))
        .POST(HttpRequest.BodyPublishers.ofString(json)).build();
  }
}`;
    const sites = await extract(text);
    expect(sites).toHaveLength(1);
    expect(sites[0]!.method).toBe('POST');
    expect(sites[0]!.body?.fields).toEqual({ type: 'AdminAdd', assignmentState: 'Eligible', subjectId: null });
  });
});

describe('java http clients', () => {
  it('HttpRequest method PATCH', async () => {
    const text = `class Pim { void r() { HttpRequest.newBuilder(URI.create("/privilegedAccess/aadRoles/roleSettings/1")).method("PATCH", BodyPublishers.ofString("{}")).build(); } }`;
    const sites = await extract(text);
    expect(sites[0]!.method).toBe('PATCH');
  });

  it('OkHttp post body', async () => {
    const text = `class Pim { void r(RequestBody body) { new Request.Builder().url("https://graph.microsoft.com/beta/privilegedAccess/aadGroups/roleAssignmentRequests").post(body).build(); } }`;
    const sites = await extract(text);
    expect(sites[0]!.method).toBe('POST');
    expect(sites[0]!.confidence).toBe('high');
  });

  it('RestTemplate exchange and postForEntity', async () => {
    const text = `class Pim {
  void r(RestTemplate restTemplate) {
    restTemplate.exchange("https://h/privilegedAccess/aadRoles/roleSettings/x", HttpMethod.PATCH, entity, String.class);
    restTemplate.postForEntity("https://h/privilegedAccess/aadRoles/roleAssignmentRequests", Map.of("type", "UserAdd", "assignmentState", "Active"), String.class);
  }
}`;
    const sites = await extract(text);
    expect(sites.map((site) => site.method)).toEqual(['PATCH', 'POST']);
    expect(sites[1]!.body?.fields).toEqual({ type: 'UserAdd', assignmentState: 'Active' });
  });

  it('WebClient post uri', async () => {
    const text = `class Pim { void r(WebClient webClient) { webClient.post().uri("https://h/privilegedAccess/aadRoles/roleAssignmentRequests").bodyValue(b).retrieve(); } }`;
    const sites = await extract(text);
    expect(sites).toHaveLength(1);
    expect(sites[0]!.method).toBe('POST');
  });

  it('unrelated URL and annotation route are not reported', async () => {
    const text = `class Pim {
  @GetMapping("/privilegedAccess/aadRoles/resources")
  void r(RestTemplate restTemplate) { restTemplate.getForObject("https://graph.microsoft.com/v1.0/users", String.class); }
}`;
    expect(await extract(text)).toEqual([]);
  });
});

describe('java graph sdk chains', () => {
  it('chain split per line with setter body', async () => {
    const text = `class Pim {
  void r(GraphServiceClient graphClient) {
    GovernanceSchedule schedule = new GovernanceSchedule();
    schedule.setType("Once");
    GovernanceRoleAssignmentRequest body = new GovernanceRoleAssignmentRequest();
    body.setType("AdminAdd");
    body.setAssignmentState("Eligible");
    body.setSchedule(schedule);
    graphClient.privilegedAccess()
        .byPrivilegedAccessId("aadGroups")
        .roleAssignmentRequests()
        .post(body);
  }
}`;
    const sites = await extract(text);
    expect(sites).toHaveLength(1);
    const site = sites[0]!;
    expect(site.kind).toBe('sdk');
    expect(site.sdk).toEqual([
      { name: 'privilegedAccess', offset: offsetOf(text, 'privilegedAccess()') },
      { name: 'byPrivilegedAccessId', offset: offsetOf(text, 'byPrivilegedAccessId'), argument: { kind: 'literal', text: 'aadGroups', offset: offsetOf(text, 'aadGroups') } },
      { name: 'roleAssignmentRequests', offset: offsetOf(text, 'roleAssignmentRequests') },
      { name: 'post', offset: offsetOf(text, 'post('), argument: { kind: 'dynamic', name: 'body', offset: offsetOf(text, 'body);') } },
    ]);
    expect(site.body?.fields).toEqual({ type: 'AdminAdd', assignmentState: 'Eligible', 'schedule.type': 'Once' });
  });

  it('chain after this.field starts at the field', async () => {
    const text = `class Pim { Object r() { return this.graphClient.privilegedAccess().byPrivilegedAccessId(PROVIDER).roleAssignments().get(c -> { c.queryParameters.filter = "x"; }); } static final String PROVIDER = "aadRoles"; }`;
    const sites = await extract(text);
    expect(sites[0]!.sdk?.map((link) => link.name)).toEqual(['graphClient', 'privilegedAccess', 'byPrivilegedAccessId', 'roleAssignments', 'get']);
    expect(sites[0]!.sdk?.[2]?.argument).toEqual({ kind: 'literal', text: 'aadRoles', offset: offsetOf(text, '"aadRoles"') + 1, resolvedFrom: 'PROVIDER' });
  });

  it('chain without a signature link is not reported', async () => {
    const text = `class Pim { void r() { graphClient.roleManagement().directory().roleEligibilityScheduleRequests().post(b); String s = "privilegedAccessLevel"; } }`;
    expect(await extract(text)).toEqual([]);
  });
});

describe('java comments', () => {
  it('line and javadoc comments are low and inComment', async () => {
    const text = `/** Calls GET https://graph.microsoft.com/beta/privilegedAccess/aadRoles/resources. */
class Pim {
  // POST /privilegedAccess/azureResources/roleAssignmentRequests
}`;
    const sites = await extract(text);
    expect(sites.map((site) => [site.inComment, site.confidence, site.method])).toEqual([
      [true, 'low', 'GET'],
      [true, 'low', 'POST'],
    ]);
    expect(sites[0]!.url).toEqual([{ kind: 'literal', text: 'https://graph.microsoft.com/beta/privilegedAccess/aadRoles/resources', offset: offsetOf(text, 'https://') }]);
  });
});

describe('java end to end', () => {
  it('v3 group chain yields no finding', async () => {
    const text = `class Pim { void r() { graphClient.identityGovernance().privilegedAccess().group().eligibilityScheduleRequests().post(b); } }`;
    expect(await scanProject(javaExtractor, { 'src/Pim.java': text })).toEqual([]);
  });

  it('sdk chain finding on the provider line', async () => {
    const text = `class Pim {
  void r(GraphServiceClient graphClient) {
    GovernanceRoleAssignmentRequest body = new GovernanceRoleAssignmentRequest();
    body.setType("AdminAdd");
    body.setAssignmentState("Eligible");
    graphClient.privilegedAccess()
        .byPrivilegedAccessId("aadRoles")
        .roleAssignmentRequests()
        .post(body);
  }
}`;
    const findings = await scanProject(javaExtractor, { 'src/Pim.java': text });
    expect(findings).toHaveLength(1);
    const finding = findings[0]!;
    expect(finding.ruleId).toBe('pim2-role-assignment-requests-create');
    expect(finding.line).toBe(7);
    expect(finding.provider).toBe('aadRoles');
    expect(finding.exact).toBe(true);
    expect(finding.replacements.map((replacement) => replacement.path)).toEqual(['/roleManagement/directory/roleEligibilityScheduleRequests']);
  });
});
