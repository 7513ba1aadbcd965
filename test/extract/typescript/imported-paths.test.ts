import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { genericExtractor } from '../../../src/extract/generic/index.js';
import { typescriptExtractor } from '../../../src/extract/typescript/index.js';
import type { CallSite } from '../../../src/model/call-site.js';
import { scan } from '../../../src/scan.js';
import { offsetOf, SIGNATURES, urlText, writeProject } from './helpers.js';

const PATHS_MODULE = [
  "export const PIM_REQUESTS = '/privilegedAccess/aadRoles/roleAssignmentRequests';",
  'export enum Paths {',
  "  Requests = '/privilegedAccess/aadGroups/roleAssignmentRequests',",
  "  Resources = '/privilegedAccess/aadGroups/resources',",
  '}',
  '',
].join('\n');

/** Calls that take their paths from the paths module; the roleDefinitions URL makes the file a candidate. */
const CALLER = [
  "import { PIM_REQUESTS, Paths } from './paths';",
  'declare const client: any;',
  'export async function assign(principal: string) {',
  "  await client.api(PIM_REQUESTS).version('beta').post({ type: 'AdminAdd', assignmentState: 'Eligible', subjectId: principal });",
  "  await fetch(Paths.Requests, { method: 'POST', body: JSON.stringify({ type: 'UserAdd', assignmentState: 'Active' }) });",
  "  await fetch('https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleDefinitions');",
  '  console.log(Paths.Resources);',
  '}',
  '',
].join('\n');

/** Extracts one file of `root`, with `candidates` (relative paths) as the scan's candidate list. */
function extractWith(root: string, relative: string, candidates: readonly string[]): CallSite[] {
  const full = path.join(root, relative);
  return typescriptExtractor.extract({
    path: full,
    relativePath: relative,
    text: fs.readFileSync(full, 'utf8'),
    language: 'typescript',
    candidates: candidates.map((candidate) => path.join(root, candidate)),
    root,
    signatures: SIGNATURES,
    extractEmbedded: async () => [],
  }) as CallSite[];
}

afterEach(() => typescriptExtractor.reset?.());

describe('typescript imported path constants', () => {
  it('reads method and body at the importing call', () => {
    const root = writeProject({ 'paths.ts': PATHS_MODULE, 'main.ts': CALLER });
    const sites = extractWith(root, 'main.ts', ['paths.ts', 'main.ts']);
    const view = sites.map((site) => [site.method, site.confidence, urlText(site), site.anchor.offset]);
    expect(view).toEqual([
      ['POST', 'high', '/privilegedAccess/aadRoles/roleAssignmentRequests', offsetOf(CALLER, 'client.api')],
      ['POST', 'high', '/privilegedAccess/aadGroups/roleAssignmentRequests', offsetOf(CALLER, 'fetch(Paths')],
      ['GET', 'high', 'https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleDefinitions', offsetOf(CALLER, "fetch('https")],
      [null, 'medium', '/privilegedAccess/aadGroups/resources', offsetOf(CALLER, 'console.log')],
    ]);
    expect(sites[0]?.url).toEqual([{ kind: 'literal', text: '/privilegedAccess/aadRoles/roleAssignmentRequests', resolvedFrom: 'PIM_REQUESTS (paths.ts)' }]);
    expect(sites[0]?.body?.fields).toEqual({ type: 'AdminAdd', assignmentState: 'Eligible', subjectId: null });
    expect(sites[1]?.url?.[0]).toMatchObject({ resolvedFrom: 'Paths.Requests (paths.ts)' });
    expect(sites[1]?.body?.fields).toEqual({ type: 'UserAdd', assignmentState: 'Active' });
  });

  it('leaves constants read by another candidate out of the declaring file', () => {
    const root = writeProject({ 'paths.ts': PATHS_MODULE, 'main.ts': CALLER });
    expect(extractWith(root, 'paths.ts', ['paths.ts', 'main.ts'])).toEqual([]);
  });

  it('checks candidates listed before the declaring file', () => {
    const root = writeProject({ 'paths.ts': PATHS_MODULE, 'main.ts': CALLER });
    extractWith(root, 'main.ts', ['main.ts', 'paths.ts']);
    expect(extractWith(root, 'paths.ts', ['main.ts', 'paths.ts'])).toEqual([]);
  });

  it('keeps constants whose importer is no candidate', () => {
    const root = writeProject({ 'paths.ts': PATHS_MODULE, 'main.ts': CALLER });
    const sites = extractWith(root, 'paths.ts', ['paths.ts']);
    expect(sites.map((site) => [site.method, site.confidence])).toEqual([
      [null, 'medium'],
      [null, 'medium'],
      [null, 'medium'],
    ]);
  });

  it('skips candidates that do not import the module', () => {
    const root = writeProject({ 'paths.ts': PATHS_MODULE, 'main.ts': CALLER.replace("from './paths'", "from './routes'") });
    const sites = extractWith(root, 'paths.ts', ['paths.ts', 'main.ts']);
    expect(sites.map((site) => site.confidence)).toEqual(['medium', 'medium', 'medium']);
  });

  it('follows a parent folder import to its index file', () => {
    const root = writeProject({
      'api/index.ts': "export const SETTINGS = '/privilegedAccess/aadRoles/roleSettings';\n",
      // The comment makes the importer a candidate.
      'api/sub/use.ts': "import { SETTINGS } from '..';\nfetch('https://graph.microsoft.com/beta' + SETTINGS); // privilegedAccess\n",
    });
    expect(extractWith(root, 'api/index.ts', ['api/index.ts', 'api/sub/use.ts'])).toEqual([]);
  });

  it('omits default exports an importer reads', () => {
    const root = writeProject({
      'resources.ts': "export default '/privilegedAccess/aadRoles/resources';\n",
      'use.ts': "import RESOURCES from './resources';\nfetch('https://graph.microsoft.com/beta' + RESOURCES); // privilegedAccess\n",
    });
    expect(extractWith(root, 'resources.ts', ['resources.ts', 'use.ts'])).toEqual([]);
    expect(extractWith(root, 'use.ts', ['resources.ts', 'use.ts']).map((site) => urlText(site))).toEqual(['https://graph.microsoft.com/beta/privilegedAccess/aadRoles/resources']);
  });

  it('skips a same-named module in another folder', () => {
    const root = writeProject({ 'a/paths.ts': PATHS_MODULE, 'b/paths.ts': 'export const OTHER = 1;\n', 'b/main.ts': CALLER });
    const sites = extractWith(root, 'a/paths.ts', ['a/paths.ts', 'b/main.ts']);
    expect(sites.map((site) => site.confidence)).toEqual(['medium', 'medium', 'medium']);
  });

  it('keeps constants only a bundle reads', () => {
    // The bundle's one long line sends it to the generic extractor, which follows no import, so
    // the constant must be reported where it is declared.
    const bundle = `import { PIM_REQUESTS } from './paths';${'var a=1;'.repeat(3_000)}fetch(PIM_REQUESTS, { method: 'POST' });// privilegedAccess\n`;
    const root = writeProject({ 'paths.ts': PATHS_MODULE, 'vendor.bundle.js': bundle });
    const sites = extractWith(root, 'paths.ts', ['paths.ts', 'vendor.bundle.js']);
    expect(sites.map((site) => urlText(site))).toContain('/privilegedAccess/aadRoles/roleAssignmentRequests');
  });

  it('ignores the other candidates', () => {
    // A script without imports that reads a global declared in another candidate: each file is
    // read in a program of its own and what it imports, so the order of candidates cannot matter.
    const root = writeProject({
      'globals.js': "var PIM_BASE = 'https://graph.microsoft.com/beta/privilegedAccess';\n",
      'page.js': "fetch(PIM_BASE + '/aadRoles/roleAssignments'); // privilegedAccess\n",
      'main.ts': CALLER,
      'paths.ts': PATHS_MODULE,
    });
    const alone = extractWith(root, 'page.js', ['page.js']);
    typescriptExtractor.reset?.();
    extractWith(root, 'globals.js', ['globals.js', 'main.ts', 'page.js']);
    const afterOthers = extractWith(root, 'page.js', ['globals.js', 'main.ts', 'page.js']);
    expect(afterOthers).toEqual(alone);
    typescriptExtractor.reset?.();
    expect(extractWith(root, 'main.ts', ['main.ts'])).toEqual(extractWith(root, 'main.ts', ['paths.ts', 'main.ts', 'page.js']));
  });

  it('keeps a constant that a candidate only stores', () => {
    const root = writeProject({
      'paths.ts': "export const STORED = '/privilegedAccess/aadRoles/roleAssignments';\n",
      'main.ts': "import { STORED } from './paths';\nexport const table = { assignments: STORED, settings: '/privilegedAccess/aadRoles/roleSettings' };\n",
    });
    const sites = extractWith(root, 'paths.ts', ['paths.ts', 'main.ts']);
    expect(sites.map((site) => [site.method, site.confidence, urlText(site)])).toEqual([[null, 'medium', '/privilegedAccess/aadRoles/roleAssignments']]);
  });
});

describe('typescript imported path constants end to end', () => {
  it('maps the importing calls by method and body', async () => {
    const root = writeProject({ 'src/paths.ts': PATHS_MODULE, 'src/main.ts': CALLER });
    const result = await scan({ paths: [root] }, { extractors: [genericExtractor, typescriptExtractor] });
    const found = result.findings.map((finding) => [finding.file, finding.line, finding.ruleId, finding.operation.method, finding.exact, finding.replacements[0]?.path]);
    expect(found).toEqual([
      ['src/main.ts', 4, 'pim2-role-assignment-requests-create', 'POST', true, '/roleManagement/directory/roleEligibilityScheduleRequests'],
      ['src/main.ts', 5, 'pim2-role-assignment-requests-create', 'POST', true, '/identityGovernance/privilegedAccess/group/assignmentScheduleRequests'],
      ['src/main.ts', 6, 'pim2-role-definitions-list', 'GET', true, '/roleManagement/directory/roleDefinitions'],
      ['src/main.ts', 7, 'pim2-resources-list', null, true, '/identityGovernance/privilegedAccess/group/resources'],
    ]);
  });
});
