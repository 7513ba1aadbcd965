import { describe, expect, it } from 'vitest';
import { rustExtractor } from '../../../src/extract/rust/index.js';
import { extractSnippet, offsetOf, scanProject } from '../common/extractor-run.js';

const CARGO = '[package]\nname = "pim"\nversion = "0.1.0"\n';
const extract = (text: string, extra: Record<string, string> = {}) => extractSnippet(rustExtractor, 'rust', 'src/lib.rs', text, { 'Cargo.toml': CARGO, ...extra });

describe('rust strings', () => {
  it('format with a positional constant on its own line', async () => {
    const text = `const BASE: &str = "https://graph.microsoft.com/beta";
fn list(client: &Client, provider: &str) {
    let url = format!(
        "{}/privilegedAccess/{}/roleAssignments",
        BASE, provider
    );
    client.get(&url).send();
}`;
    const sites = await extract(text);
    expect(sites).toHaveLength(1);
    expect(sites[0]!.url).toEqual([
      { kind: 'literal', text: 'https://graph.microsoft.com/beta', offset: offsetOf(text, 'https://'), resolvedFrom: 'BASE' },
      { kind: 'literal', text: '/privilegedAccess/', offset: offsetOf(text, '/privilegedAccess') },
      { kind: 'dynamic', name: 'provider', offset: offsetOf(text, 'provider\n') },
      { kind: 'literal', text: '/roleAssignments', offset: offsetOf(text, '/roleAssignments') },
    ]);
    expect(sites[0]!.method).toBe('GET');
    expect(sites[0]!.confidence).toBe('high');
  });

  it('inline named argument from another module', async () => {
    const text = `use crate::config::PIM_HOST;
fn f(http: &Client) { http.post(format!("{PIM_HOST}/privilegedAccess/aadGroups/roleAssignmentRequests")).send(); }`;
    const sites = await extract(text, { 'src/config.rs': 'pub const PIM_HOST: &str = concat!("https://api.azrbac.mspim.azure.com", "/api/v2");\n' });
    expect(sites[0]!.url).toEqual([
      { kind: 'literal', text: 'https://api.azrbac.mspim.azure.com', resolvedFrom: 'PIM_HOST (src/config.rs)' },
      { kind: 'literal', text: '/api/v2', resolvedFrom: 'PIM_HOST (src/config.rs)' },
      { kind: 'literal', text: '/privilegedAccess/aadGroups/roleAssignmentRequests', offset: offsetOf(text, '/privilegedAccess') },
    ]);
    expect(sites[0]!.method).toBe('POST');
  });

  it('raw string, String::from and to_string are medium', async () => {
    const text = `fn f() {
    let a = r#"https://graph.microsoft.com/beta/privilegedAccess/aadRoles/resources"#;
    let b = String::from("/privilegedAccess/aadGroups/resources");
    let c = "/privilegedAccess/azureResources/resources".to_string();
}`;
    const sites = await extract(text);
    expect(sites.map((site) => [site.confidence, site.url?.[0]])).toEqual([
      ['medium', { kind: 'literal', text: 'https://graph.microsoft.com/beta/privilegedAccess/aadRoles/resources', offset: offsetOf(text, 'https://') }],
      ['medium', { kind: 'literal', text: '/privilegedAccess/aadGroups/resources', offset: offsetOf(text, '/privilegedAccess/aadGroups') }],
      ['medium', { kind: 'literal', text: '/privilegedAccess/azureResources/resources', offset: offsetOf(text, '/privilegedAccess/azureResources') }],
    ]);
  });
});

describe('rust reqwest bodies', () => {
  it('json macro body with request method', async () => {
    const text = `fn f(client: &Client, id: &str) {
    client.request(Method::POST, "https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignmentRequests")
        .json(&serde_json::json!({ "type": "UserAdd", "assignmentState": "Active", "schedule": { "type": "Once" }, "subjectId": id }))
        .send();
}`;
    const sites = await extract(text);
    expect(sites[0]!.method).toBe('POST');
    expect(sites[0]!.body?.fields).toEqual({ type: 'UserAdd', assignmentState: 'Active', 'schedule.type': 'Once', subjectId: null });
  });

  it('serde struct body with rename', async () => {
    const text = `#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Request { #[serde(rename = "type")] kind: String, assignment_state: String, reason: String }
fn f(client: &Client, why: String) {
    let body = Request { kind: "AdminAdd".into(), assignment_state: String::from("Eligible"), reason: why };
    client.post("https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignmentRequests").json(&body).send();
}`;
    const sites = await extract(text);
    expect(sites[0]!.body?.fields).toEqual({ type: 'AdminAdd', assignmentState: 'Eligible', reason: null });
  });

  it('unrelated request and attribute route are not reported', async () => {
    const text = `#[get("/privilegedAccess/aadRoles/resources")]
fn f(client: &Client) { client.get("https://graph.microsoft.com/v1.0/me").send(); }`;
    expect(await extract(text)).toEqual([]);
  });
});

describe('rust comments', () => {
  it('doc, inner and block comments are low', async () => {
    const text = `//! GET /privilegedAccess/aadRoles/resources
/// POST https://graph.microsoft.com/beta/privilegedAccess/aadGroups/roleAssignmentRequests
/* /privilegedAccess/azureResources/roleDefinitions */
fn f() {}`;
    const sites = await extract(text);
    expect(sites.map((site) => [site.inComment, site.confidence, site.method])).toEqual([
      [true, 'low', 'GET'],
      [true, 'low', 'POST'],
      [true, 'low', null],
    ]);
  });
});

describe('rust end to end', () => {
  it('format host constant finding', async () => {
    const text = `const HOST: &str = "https://graph.microsoft.com/beta";
pub fn roles(http: &Client) {
    let url = format!(
        "{HOST}/privilegedAccess/aadRoles/roleDefinitions"
    );
    http.get(url).send();
}`;
    const findings = await scanProject(rustExtractor, { 'Cargo.toml': CARGO, 'src/lib.rs': text });
    expect(findings).toHaveLength(1);
    expect(findings[0]!.ruleId).toBe('pim2-role-definitions-list');
    expect(findings[0]!.line).toBe(4);
    expect(findings[0]!.provider).toBe('aadRoles');
    expect(findings[0]!.exact).toBe(true);
    expect(findings[0]!.replacements.map((replacement) => replacement.path)).toEqual(['/roleManagement/directory/roleDefinitions']);
  });
});
