import { afterEach, describe, expect, it } from 'vitest';
import { genericExtractor } from '../../../src/extract/generic/index.js';
import { typescriptExtractor } from '../../../src/extract/typescript/index.js';
import { yamlExtractor } from '../../../src/extract/yaml/index.js';
import type { CallSite } from '../../../src/model/call-site.js';
import { scan } from '../../../src/scan.js';
import { writeProject } from '../../helpers/temp-project.js';

const SIGNATURES = ['privilegedaccess', 'privilegedroles'];
let cleanup = (): void => {};
afterEach(() => cleanup());

async function extract(text: string): Promise<{ sites: CallSite[]; embedded: { language: string; text: string; offset: number }[] }> {
  const embedded: { language: string; text: string; offset: number }[] = [];
  const sites = await yamlExtractor.extract({
    path: '/r/p.yml', relativePath: 'p.yml', text, language: 'yaml', candidates: [], root: '/r', signatures: SIGNATURES,
    extractEmbedded: async (language, region, offset) => {
      embedded.push({ language, text: region, offset });
      return [];
    },
  });
  return { sites, embedded };
}

describe('yamlExtractor', () => {
  it('hands step scripts to their language verbatim', async () => {
    const text = [
      'steps:',
      '  - task: AzureCLI@2',
      '    inputs:',
      '      scriptType: pscore',
      '      inlineScript: |',
      '        Invoke-RestMethod "https://graph.microsoft.com/beta/privilegedRoles"',
      '  - bash: curl https://graph.microsoft.com/beta/privilegedRoles',
      '  - run: >-',
      '      Invoke-RestMethod /privilegedAccess/aadRoles/resources',
      '    shell: pwsh',
      '  - uses: actions/github-script@v7',
      '    with:',
      "      script: \"await fetch('/privilegedRoles')\"",
    ].join('\n');
    const { embedded } = await extract(text);
    expect(embedded.map((region) => region.language)).toEqual(['powershell', 'shell', 'powershell', 'javascript']);
    for (const region of embedded) {
      expect(text.slice(region.offset, region.offset + region.text.length)).toBe(region.text);
    }
    expect(embedded[0]!.offset).toBe(text.indexOf('        Invoke-RestMethod "https'));
    expect(embedded[3]!.text).toBe("await fetch('/privilegedRoles')");
  });

  it('reports other URL values with a sibling method, variables and comments', async () => {
    const text = [
      'variables:',
      '  graph: https://graph.microsoft.com/beta',
      '# GET https://graph.microsoft.com/beta/privilegedAccess/aadRoles/resources',
      'call:',
      "  url: '$(graph)/privilegedAccess/aadGroups/roleAssignments?$filter=assignmentState eq ''Active'''",
      '  method: get',
      'portal: https://portal.azure.com/#blade/Microsoft_Azure_PIMCommon/ActivationMenuBlade/aadroles',
      'next: https://graph.microsoft.com/v1.0/identityGovernance/privilegedAccess/group/assignmentScheduleInstances',
    ].join('\n');
    const { sites } = await extract(text);
    expect(sites.map((site) => [site.inComment, site.confidence, site.method])).toEqual([
      [true, 'low', 'GET'],
      [false, 'medium', 'GET'],
      [false, 'medium', null],
    ]);
    expect(sites[1]!.url).toEqual([
      { kind: 'literal', text: 'https://graph.microsoft.com/beta', resolvedFrom: 'variables.graph', offset: text.indexOf('https://graph') },
      { kind: 'literal', text: "/privilegedAccess/aadGroups/roleAssignments?$filter=assignmentState eq 'Active'", offset: text.indexOf('/privilegedAccess/aadGroups') },
    ]);
  });

  it('finds a script call and an Ansible uri task end to end', async () => {
    const project = writeProject({
      'ci/playbook.yml': [
        '- name: assign',
        '  uri:',
        '    url: https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignmentRequests',
        '    method: POST',
        '    body:',
        '      type: AdminAdd',
        '      assignmentState: Eligible',
      ].join('\n'),
      '.github/workflows/pim.yml': [
        'jobs:',
        '  run:',
        '    steps:',
        '      - uses: actions/github-script@v7',
        '        with:',
        '          script: |',
        "            await fetch('https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleSettings');",
      ].join('\n'),
    });
    cleanup = project.cleanup;
    const result = await scan({ paths: [project.root] }, { extractors: [genericExtractor, typescriptExtractor, yamlExtractor] });
    expect(result.findings.map((finding) => [finding.file, finding.line, finding.ruleId, finding.operation.method, finding.exact, finding.confidence])).toEqual([
      ['.github/workflows/pim.yml', 7, 'pim2-role-settings-list', 'GET', false, 'high'],
      ['ci/playbook.yml', 3, 'pim2-role-assignment-requests-create', 'POST', true, 'high'],
    ]);
    expect(result.findings[1]!.replacements[0]!.path).toBe('/roleManagement/directory/roleEligibilityScheduleRequests');
  });
});
