import { afterEach, describe, expect, it } from 'vitest';
import { genericExtractor } from '../../../src/extract/generic/index.js';
import { httpExtractor } from '../../../src/extract/http/index.js';
import { jsonExtractor } from '../../../src/extract/json/index.js';
import { markdownExtractor } from '../../../src/extract/markdown/index.js';
import { codeRegions } from '../../../src/extract/markdown/code-regions.js';
import { fenceLanguage } from '../../../src/extract/markdown/fence-language.js';
import { typescriptExtractor } from '../../../src/extract/typescript/index.js';
import type { CallSite } from '../../../src/model/call-site.js';
import { scan } from '../../../src/scan.js';
import { writeProject } from '../../helpers/temp-project.js';

const SIGNATURES = ['privilegedaccess', 'privilegedroles'];
const extractors = [genericExtractor, typescriptExtractor, markdownExtractor, httpExtractor, jsonExtractor];
let cleanup = (): void => {};
afterEach(() => cleanup());

/** Runs the Markdown extractor and records every embedded region it hands on. */
async function extract(text: string): Promise<{ sites: CallSite[]; embedded: { language: string; text: string; offset: number }[] }> {
  const embedded: { language: string; text: string; offset: number }[] = [];
  const sites = await markdownExtractor.extract({
    path: '/r/doc.md',
    relativePath: 'doc.md',
    text,
    language: 'markdown',
    candidates: [],
    root: '/r',
    signatures: SIGNATURES,
    extractEmbedded: async (language, region, offset) => {
      embedded.push({ language, text: region, offset });
      return [];
    },
  });
  return { sites, embedded };
}

describe('fenceLanguage', () => {
  it('maps info strings to extractor languages', () => {
    const cases: [string, string][] = [
      ['rest', 'http'], ['pwsh', 'powershell'], ['ps', 'powershell'], ['console', 'shell'], ['zsh', 'shell'],
      ['js', 'javascript'], ['ts {linenos}', 'typescript'], ['py', 'python'], ['c#', 'csharp'], ['cs', 'csharp'],
      ['jsonc', 'json'], ['yml', 'yaml'], ['tf', 'terraform'], ['hcl', 'terraform'], ['', 'text'], ['mermaid', 'text'],
    ];
    for (const [info, language] of cases) {
      expect(fenceLanguage(info), info).toBe(language);
    }
  });
});

describe('markdownExtractor', () => {
  it('hands each fence its exact content offset', async () => {
    const text = '# Title\r\n\r\n```http\r\nGET https://graph.microsoft.com/beta/privilegedRoles\r\n```\r\n\r\n~~~ PowerShell\r\n$u = "/privilegedAccess/aadRoles/resources"\r\n~~~\r\n';
    const { embedded } = await extract(text);
    expect(embedded.map((region) => region.language)).toEqual(['http', 'powershell']);
    expect(embedded[0]!.offset).toBe(text.indexOf('GET '));
    expect(embedded[0]!.text).toBe('GET https://graph.microsoft.com/beta/privilegedRoles');
    expect(embedded[1]!.offset).toBe(text.indexOf('$u'));
    expect(text.slice(embedded[1]!.offset, embedded[1]!.offset + embedded[1]!.text.length)).toBe(embedded[1]!.text);
  });

  it('masks block quote markers and list indentation', () => {
    const text = '- step\n\n  ```json\n  { "u": "/privilegedRoles" }\n  ```\n\n> ```json\n> {}\n> ```\n';
    const regions = codeRegions(text);
    expect(regions).toHaveLength(2);
    expect(regions[0]!.text).toBe('  { "u": "/privilegedRoles" }');
    expect(regions[0]!.start).toBe(text.indexOf('  { "u"'));
    expect(regions[1]!.text).toBe('  {}');
    expect(regions[1]!.start).toBe(text.indexOf('> {}'));
  });

  it('reports prose and inline code URLs as comments only', async () => {
    const text = 'Call `POST /privilegedAccess/aadRoles/roleAssignmentRequests` or read [docs](https://graph.microsoft.com/beta/privilegedRoles).\n';
    const { sites } = await extract(text);
    expect(sites.map((site) => [site.inComment, site.confidence, site.method])).toEqual([
      [true, 'low', 'POST'],
      [true, 'low', null],
    ]);
    expect(sites[0]!.url).toEqual([{ kind: 'literal', text: '/privilegedAccess/aadRoles/roleAssignmentRequests', offset: text.indexOf('/privileged') }]);
  });

  it('yields nothing for prose about privileged access', async () => {
    const { sites, embedded } = await extract('Privileged access to production is granted through PIM.\nprivilegedAccess is a word here.\n');
    expect(sites).toEqual([]);
    expect(embedded).toEqual([]);
  });

  it('finds fenced calls end to end', async () => {
    const doc = [
      '# Runbook',
      '',
      'See https://portal.azure.com/#blade/Microsoft_Azure_PIMCommon/CommonMenuBlade/aadroles for the portal.',
      '',
      '```http',
      'POST https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignmentRequests',
      'Content-Type: application/json',
      '',
      '{ "type": "AdminAdd", "assignmentState": "Eligible" }',
      '```',
      '',
      '```json',
      '{ "reportUrl": "https://graph.microsoft.com/beta/privilegedAccess/aadGroups/resources" }',
      '```',
      '',
      '```',
      'GET https://graph.microsoft.com/v1.0/roleManagement/directory/roleEligibilityScheduleRequests',
      '```',
    ].join('\n');
    const project = writeProject({ 'docs/runbook.md': doc });
    cleanup = project.cleanup;
    const result = await scan({ paths: [project.root] }, { extractors });
    expect(result.findings.map((finding) => [finding.line, finding.ruleId, finding.operation.method, finding.provider, finding.exact, finding.inComment])).toEqual([
      [6, 'pim2-role-assignment-requests-create', 'POST', 'aadRoles', true, false],
      [13, 'pim2-resources-list', null, 'aadGroups', true, false],
    ]);
    expect(result.findings[0]!.replacements[0]!.path).toBe('/roleManagement/directory/roleEligibilityScheduleRequests');
    expect(result.findings[0]!.confidence).toBe('high');
  });
});
