import { describe, expect, it } from 'vitest';
import { extractSnippet, offsetOf, urlText } from '../common/python-shell.js';

const GRAPH = 'https://graph.microsoft.com/beta';

describe('shell curl', () => {
  it('reads -X, a quoted URL with variables and a -d JSON body', async () => {
    const text = `export BASE=${GRAPH}\ncurl -s -X PATCH -H "Authorization: Bearer $TOKEN" "$BASE/privilegedAccess/aadRoles/roleSettings/$ID" -d '{"adminEligibleSettings": [], "type": "x"}'\n`;
    const [site] = await extractSnippet('a.sh', text);
    expect(site?.method).toBe('PATCH');
    expect(urlText(site)).toBe(`${GRAPH}/privilegedAccess/aadRoles/roleSettings/{ID}`);
    expect(site?.url?.[0]).toEqual({ kind: 'literal', text: GRAPH, offset: offsetOf(text, GRAPH), resolvedFrom: '$BASE' });
    expect(site?.body?.fields).toEqual({ adminEligibleSettings: null, type: 'x' });
    expect(site?.confidence).toBe('high');
  });

  it('defaults to GET, and to POST when data is given', async () => {
    const text = `curl ${GRAPH}/privilegedRoles\ncurl --json '{"reason": "r"}' ${GRAPH}/privilegedRoles/abc/selfActivate\ncurl -sSXPOST ${GRAPH}/privilegedSignupStatus/signUp\n`;
    const sites = await extractSnippet('a.sh', text);
    expect(sites.map((site) => site.method)).toEqual(['GET', 'POST', 'POST']);
    expect(sites[1]?.body?.fields).toEqual({ reason: 'r' });
  });

  it('uses ${VAR:-default} when the variable is not assigned', async () => {
    const text = `curl "\${GRAPH_URL:-${GRAPH}}/privilegedApproval"\n`;
    const [site] = await extractSnippet('a.sh', text);
    expect(urlText(site)).toBe(`${GRAPH}/privilegedApproval`);
    expect(site?.url?.[0]?.offset).toBe(offsetOf(text, GRAPH));
  });

  it('reads a heredoc body, leaving shell variables unknown', async () => {
    const text = [
      'TYPE=AdminAdd',
      `curl -X POST "${GRAPH}/privilegedAccess/azureResources/roleAssignmentRequests" --data-binary @- <<EOF`,
      '{"type": "$TYPE", "assignmentState": "Eligible", "subjectId": "$ME", "schedule": {"duration": "PT\${H}H", "hours": $H}}',
      'EOF',
      '',
    ].join('\n');
    const [site] = await extractSnippet('a.sh', text);
    expect(site?.body?.fields).toEqual({ type: 'AdminAdd', assignmentState: 'Eligible', subjectId: null, 'schedule.duration': null, 'schedule.hours': null });
    expect(site?.body?.complete).toBe(true);
  });

  it('keeps a quoted heredoc literal and reads --data @file as unknown', async () => {
    const text = [
      `cat <<'JSON' | curl -d @- ${GRAPH}/privilegedApproval`,
      '{"approvalState": "$STATE"}',
      'JSON',
      `curl --data @body.json ${GRAPH}/privilegedRoleAssignments`,
      '',
    ].join('\n');
    const sites = await extractSnippet('a.sh', text);
    expect(sites[0]?.body?.fields).toEqual({ approvalState: '$STATE' });
    expect(sites[1]?.body).toEqual({ fields: {}, complete: false });
    expect(sites[1]?.method).toBe('POST');
  });
});

describe('shell az rest, wget and HTTPie', () => {
  it('places an az rest finding on the --url line of a continued command', async () => {
    const text = `az rest --method post \\\n  --uri "${GRAPH}/privilegedAccess/aadGroups/roleAssignmentRequests" \\\n  --body '{"type": "UserAdd", "assignmentState": "Active"}'\n`;
    const [site] = await extractSnippet('a.sh', text);
    expect(site?.method).toBe('POST');
    expect(site?.url?.[0]?.offset).toBe(offsetOf(text, GRAPH));
    expect(site?.body?.fields).toEqual({ type: 'UserAdd', assignmentState: 'Active' });
  });

  it('reads short az rest flags and a body file', async () => {
    const text = `U=${GRAPH}/privilegedRoleAssignments\naz rest -m DELETE -u "$U/$ID" -b @del.json\n`;
    const [site] = await extractSnippet('a.sh', text);
    expect(site?.method).toBe('DELETE');
    expect(urlText(site)).toBe(`${GRAPH}/privilegedRoleAssignments/{ID}`);
    expect(site?.body).toEqual({ fields: {}, complete: false });
  });

  it('reads wget and HTTPie requests', async () => {
    const text = `wget -q -O - --method=PATCH --body-data='{"approvalState": "denied"}' ${GRAPH}/privilegedApproval/1\nhttp POST ${GRAPH}/privilegedRoleAssignmentRequests type=UserAdd duration:=8 schedule:='{"type": "Once"}' Authorization:"Bearer x"\n`;
    const sites = await extractSnippet('a.sh', text);
    expect(sites.map((site) => site.method)).toEqual(['PATCH', 'POST']);
    expect(sites[0]?.body?.fields).toEqual({ approvalState: 'denied' });
    expect(sites[1]?.body?.fields).toEqual({ type: 'UserAdd', duration: '8', 'schedule.type': 'Once' });
  });

  it('reports unused URL variables as medium and comments as low', async () => {
    const text = `# GET ${GRAPH}/privilegedRoles lists roles\nOLD_URL="${GRAPH}/privilegedAccess/aadRoles/resources"\necho done\n`;
    const sites = await extractSnippet('a.sh', text);
    expect(sites.map((site) => [urlText(site), site.method, site.confidence, site.inComment])).toEqual([
      [`${GRAPH}/privilegedRoles`, 'GET', 'low', true],
      [`${GRAPH}/privilegedAccess/aadRoles/resources`, null, 'medium', false],
    ]);
  });

  it('reports nothing for unrelated commands and scopes', async () => {
    const text = `curl https://graph.microsoft.com/v1.0/me\naz login --scope PrivilegedAccess.ReadWrite.AzureAD\n`;
    expect(await extractSnippet('a.sh', text)).toEqual([]);
  });
});
