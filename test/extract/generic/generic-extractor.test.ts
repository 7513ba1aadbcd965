import { describe, expect, it } from 'vitest';
import { genericExtractor } from '../../../src/extract/generic/index.js';
import type { CallSite, UrlPart } from '../../../src/model/call-site.js';

const SIGNATURES = ['privilegedaccess', 'privilegedrole', 'privilegedapproval'];

function extract(text: string, language: string): CallSite[] {
  return genericExtractor.extract({ path: '/x', relativePath: 'x', text, language, candidates: [], root: '/', signatures: SIGNATURES });
}

const shape = (parts: UrlPart[] | undefined): string => (parts ?? []).map((part) => (part.kind === 'literal' ? part.text : `<${part.name}>`)).join('');

describe('genericExtractor', () => {
  it('reads a quoted URL with its query up to the closing quote', () => {
    const [site] = extract(`$u = "https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignments?$filter=assignmentState eq 'Eligible'"`, 'powershell');
    expect(shape(site?.url)).toBe("https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignments?$filter=assignmentState eq 'Eligible'");
    expect(site?.confidence).toBe('low');
    expect(site?.inComment).toBe(false);
  });

  it('turns placeholders of several languages into dynamic parts', () => {
    expect(shape(extract('url := fmt.Sprintf("%s/privilegedAccess/aadroles/roleAssignments", base)', 'go')[0]?.url)).toBe('<%s>/privilegedAccess/aadroles/roleAssignments');
    expect(shape(extract('u = f"{PIM_API}/privilegedAccess/aadGroups/roleAssignmentRequests/{rid}/cancel"', 'python')[0]?.url)).toBe('<{PIM_API}>/privilegedAccess/aadGroups/roleAssignmentRequests/<{rid}>/cancel');
    expect(shape(extract('$u = "$GraphBeta/privilegedRoles/$($role.id)/selfActivate"', 'powershell')[0]?.url)).toBe('<$GraphBeta>/privilegedRoles/<$($role.id)>/selfActivate');
    expect(shape(extract('let u = format!("{PIM_HOST}/privilegedAccess/aadGroups/roleAssignments");', 'rust')[0]?.url)).toBe('<{PIM_HOST}>/privilegedAccess/aadGroups/roleAssignments');
  });

  it('follows string concatenation on both sides', () => {
    const [site] = extract("var r = GRAPH + '/privilegedAccess/' + providerId + '/resources/' + id + '/roleAssignments';", 'java');
    expect(shape(site?.url)).toBe('<GRAPH>/privilegedAccess/<providerId>/resources/<id>/roleAssignments');
  });

  it('does not take permission names or identifiers for paths', () => {
    expect(extract("Connect-MgGraph -Scopes 'PrivilegedAccess.Read.AzureADGroup'", 'powershell')).toHaveLength(0);
    expect(extract('const privilegedAccessLevel = member.privilegedAccessLevel;', 'csharp')).toHaveLength(0);
    expect(extract('Privileged access to production is granted through PIM.', 'markdown')).toHaveLength(0);
  });

  it('marks line and block comments', () => {
    const sites = extract('<#\n  Invoke-RestMethod -Uri "https://graph.microsoft.com/beta/privilegedRoles"\n#>\n# also /privilegedApproval\n$x = 1', 'powershell');
    expect(sites.map((site) => site.inComment)).toEqual([true, true]);
  });

  it('does not take // inside a string for a comment', () => {
    const [site] = extract('var u = "https://graph.microsoft.com/beta/privilegedRoles";', 'csharp');
    expect(site?.inComment).toBe(false);
  });

  it('treats Markdown prose as comment and fenced code as code', () => {
    const text = 'See `/privilegedAccess/aadRoles/roleSettings`.\n\n```http\nGET https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleSettings\n```\n';
    const sites = extract(text, 'markdown');
    expect(sites.map((site) => site.inComment)).toEqual([true, false]);
    expect(sites[1]?.method).toBe('GET');
    const withHeaders = 'GET https://graph.microsoft.com/beta/privilegedRoles\nAuthorization: Bearer {token}\n';
    expect(extract(withHeaders, 'http')[0]?.method).toBe('GET');
  });

  it('guesses the method from nearby spellings', () => {
    const ps = 'Invoke-RestMethod -Method Post -Body $b `\n    -Uri "https://graph.microsoft.com/beta/privilegedRoles/x/selfActivate"';
    expect(extract(ps, 'powershell')[0]?.method).toBe('POST');
    const py = 'resp = session.patch(\n    f"{BASE}/privilegedApproval/{approval_id}",\n    json=body)';
    expect(extract(py, 'python')[0]?.method).toBe('PATCH');
    const sh = 'curl -sS -X POST \\\n  "https://graph.microsoft.com/beta/privilegedAccess/azureResources/roleAssignmentRequests"';
    expect(extract(sh, 'shell')[0]?.method).toBe('POST');
    const json = '{ "method": "POST", "uri": "https://graph.microsoft.com/beta/privilegedaccess/aadroles/roleAssignmentRequests" }';
    expect(extract(json, 'json')[0]?.method).toBe('POST');
    const go = 'req, err := http.NewRequest(http.MethodGet, base+"/privilegedAccess/aadRoles/roleAssignments", nil)';
    expect(extract(go, 'go')[0]?.method).toBe('GET');
  });

  it('leaves the method unknown when nothing names it', () => {
    expect(extract('"EligibleRolesUrl": "https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignments"', 'json')[0]?.method).toBeNull();
  });

  it('records the offset of literal parts', () => {
    const text = 'x = "https://graph.microsoft.com/beta/privilegedRoles"';
    const [site] = extract(text, 'python');
    const part = site?.url?.[0];
    expect(part?.kind === 'literal' && part.offset).toBe(text.indexOf('https'));
  });

  it('takes the method from a sibling key or the next call', () => {
    const hcl = 'resource "x" "y" {\n  method = "POST"\n  uri    = "https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignmentRequests"\n}';
    expect(extract(hcl, 'terraform')[0]?.method).toBe('POST');
    const ps = '$uri = "https://graph.microsoft.us/beta/privilegedAccess/azureResources/roleAssignmentRequests"\nInvoke-RestMethod -Method Post -Uri $uri -Body $body';
    expect(extract(ps, 'powershell')[0]?.method).toBe('POST');
  });

  it('does not look for a method past a blank line', () => {
    const ps = 'Invoke-RestMethod -Method Delete -Uri $other\n\n$uri = "https://graph.microsoft.com/beta/privilegedRoles"';
    expect(extract(ps, 'powershell')[0]?.method).toBeNull();
  });

  it('reads type and assignmentState of a nearby body for writes', () => {
    const ps = "$body = @{\n  assignmentState = 'Active'\n  type = 'UserAdd'\n  schedule = @{ type = 'Once' }\n} | ConvertTo-Json\nInvoke-RestMethod -Method Post -Body $body -Uri 'https://graph.microsoft.com/beta/privilegedAccess/aadGroups/roleAssignmentRequests'";
    expect(extract(ps, 'powershell')[0]?.body?.fields).toEqual({ type: 'UserAdd', assignmentState: 'Active' });
  });

  it('ignores nearby bodies for reads', () => {
    const ps = "$b = @{ assignmentState = 'Active'; type = 'AdminAdd' }\nInvoke-RestMethod -Uri 'https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignments'";
    expect(extract(ps, 'powershell')[0]?.body).toBeUndefined();
  });
});
