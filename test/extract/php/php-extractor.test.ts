import { describe, expect, it } from 'vitest';
import { phpExtractor } from '../../../src/extract/php/index.js';
import { extractSnippet, offsetOf, scanProject } from '../common/extractor-run.js';

const extract = (text: string) => extractSnippet(phpExtractor, 'php', 'src/Pim.php', text);

describe('php strings and requests', () => {
  it('class constant, interpolation and Guzzle json body', async () => {
    const text = `<?php
class Pim {
    const BASE = 'https://graph.microsoft.com/beta';
    public function activate($client, $provider, $roleId) {
        $url = self::BASE . "/privilegedAccess/{$provider}/roleAssignmentRequests";
        $client->request('POST', $url, ['json' => ['type' => 'UserAdd', 'schedule' => ['type' => 'Once'], 'roleDefinitionId' => $roleId]]);
    }
}`;
    const sites = await extract(text);
    expect(sites).toHaveLength(1);
    expect(sites[0]!.url).toEqual([
      { kind: 'literal', text: 'https://graph.microsoft.com/beta', offset: offsetOf(text, 'https://'), resolvedFrom: 'Pim::BASE' },
      { kind: 'literal', text: '/privilegedAccess/', offset: offsetOf(text, '/privilegedAccess') },
      { kind: 'dynamic', name: '$provider', offset: offsetOf(text, '$provider}') },
      { kind: 'literal', text: '/roleAssignmentRequests', offset: offsetOf(text, '/roleAssignmentRequests') },
    ]);
    expect(sites[0]!.method).toBe('POST');
    expect(sites[0]!.body?.fields).toEqual({ type: 'UserAdd', 'schedule.type': 'Once', roleDefinitionId: null });
  });

  it('sprintf with define and Guzzle get', async () => {
    const text = `<?php
define('GRAPH', 'https://graph.microsoft.com/beta');
function roles($client, $p) { return $client->get(sprintf('%s/privilegedAccess/%s/roleDefinitions', GRAPH, $p)); }`;
    const sites = await extract(text);
    expect(sites[0]!.url).toEqual([
      { kind: 'literal', text: 'https://graph.microsoft.com/beta', offset: offsetOf(text, 'https://'), resolvedFrom: 'GRAPH' },
      { kind: 'literal', text: '/privilegedAccess/', offset: offsetOf(text, '/privilegedAccess') },
      { kind: 'dynamic', name: '$p', offset: offsetOf(text, '$p)', 1) },
      { kind: 'literal', text: '/roleDefinitions', offset: offsetOf(text, '/roleDefinitions') },
    ]);
    expect(sites[0]!.method).toBe('GET');
  });

  it('curl with custom request and heredoc body', async () => {
    const text = `<?php
$json = <<<JSON
{"type": "AdminUpdate", "assignmentState": "$state"}
JSON;
$ch = curl_init();
curl_setopt($ch, CURLOPT_URL, 'https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignmentRequests');
curl_setopt($ch, CURLOPT_CUSTOMREQUEST, 'POST');
curl_setopt($ch, CURLOPT_POSTFIELDS, $json);`;
    const sites = await extract(text);
    expect(sites).toHaveLength(1);
    expect(sites[0]!.method).toBe('POST');
    expect(sites[0]!.body?.fields).toEqual({ type: 'AdminUpdate', assignmentState: null });
  });

  it('nowdoc loose string is medium', async () => {
    const text = `<?php
$path = <<<'EOT'
/privilegedAccess/aadGroups/resources
EOT;`;
    const sites = await extract(text);
    expect(sites.map((site) => [site.confidence, site.method])).toEqual([['medium', null]]);
  });

  it('unrelated request and comments', async () => {
    const text = `<?php
# GET https://graph.microsoft.com/beta/privilegedAccess/aadRoles/resources
/* PATCH /privilegedAccess/aadRoles/roleSettings/1 */
$client->get('https://graph.microsoft.com/v1.0/me');`;
    const sites = await extract(text);
    expect(sites.map((site) => [site.inComment, site.confidence, site.method])).toEqual([
      [true, 'low', 'GET'],
      [true, 'low', 'PATCH'],
    ]);
  });
});

describe('php graph sdk chains', () => {
  it('chain with setter body', async () => {
    const text = `<?php
$body = new GovernanceRoleAssignmentRequest();
$body->setType('AdminAdd');
$body->setAssignmentState('Eligible');
$graphServiceClient->privilegedAccess()->byPrivilegedAccessId('aadRoles')->roleAssignmentRequests()->post($body)->wait();`;
    const sites = await extract(text);
    expect(sites).toHaveLength(1);
    expect(sites[0]!.kind).toBe('sdk');
    expect(sites[0]!.sdk?.map((link) => link.name)).toEqual(['privilegedAccess', 'byPrivilegedAccessId', 'roleAssignmentRequests', 'post', 'wait']);
    expect(sites[0]!.sdk?.[1]?.argument).toEqual({ kind: 'literal', text: 'aadRoles', offset: offsetOf(text, 'aadRoles') });
    expect(sites[0]!.body?.fields).toEqual({ type: 'AdminAdd', assignmentState: 'Eligible' });
  });

  it('end to end finding', async () => {
    const text = `<?php
$body = new GovernanceRoleAssignmentRequest();
$body->setType('AdminAdd');
$body->setAssignmentState('Eligible');
$graphServiceClient->privilegedAccess()
    ->byPrivilegedAccessId('aadRoles')
    ->roleAssignmentRequests()->post($body)->wait();`;
    const findings = await scanProject(phpExtractor, { 'src/pim.php': text });
    expect(findings).toHaveLength(1);
    expect(findings[0]!.ruleId).toBe('pim2-role-assignment-requests-create');
    expect(findings[0]!.line).toBe(6);
    expect(findings[0]!.provider).toBe('aadRoles');
    expect(findings[0]!.exact).toBe(true);
    expect(findings[0]!.replacements.map((replacement) => replacement.path)).toEqual(['/roleManagement/directory/roleEligibilityScheduleRequests']);
  });
});
