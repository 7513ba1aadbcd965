import { beforeEach, describe, expect, it } from 'vitest';
import { typescriptExtractor } from '../../../src/extract/typescript/index.js';
import { extractSnippet, offsetOf, urlText } from './helpers.js';

beforeEach(() => typescriptExtractor.reset());

describe('file kinds', () => {
  it('compiled CommonJS file', () => {
    const text = [
      '"use strict";',
      'Object.defineProperty(exports, "__esModule", { value: true });',
      'exports.listSubscriptions = listSubscriptions;',
      "const PIM_API = 'https://api.azrbac.mspim.azure.com/api/v2';",
      'async function listSubscriptions(token) {',
      '    const filter = encodeURIComponent("type eq \'subscription\'");',
      '    const res = await fetch(`${PIM_API}/privilegedAccess/azureResources/resources?$filter=${filter}`, {',
      '        headers: { Authorization: `Bearer ${token}` },',
      '    });',
      '    return res.json();',
      '}',
    ].join('\n');
    const { sites } = extractSnippet('dist/resources.js', text);
    expect(sites).toHaveLength(1);
    expect(sites[0]!.language).toBe('javascript');
    expect(sites[0]!.method).toBe('GET');
    expect(sites[0]!.url).toEqual([
      { kind: 'literal', text: 'https://api.azrbac.mspim.azure.com/api/v2', offset: offsetOf(text, 'https://'), resolvedFrom: 'PIM_API (dist/resources.js)' },
      { kind: 'literal', text: '/privilegedAccess/azureResources/resources?$filter=', offset: offsetOf(text, '/privilegedAccess') },
      { kind: 'dynamic', name: 'filter', offset: offsetOf(text, 'filter}') },
    ]);
  });

  it('JSX component', () => {
    const text = [
      "import React from 'react';",
      "const ROLES = '/privilegedAccess/aadRoles/roleAssignments';",
      'export function Roles() {',
      '  {/* GET /privilegedAccess/aadRoles/roleDefinitions is listed elsewhere */}',
      '  return <button onClick={() => fetch(ROLES)}>Load</button>;',
      '}',
    ].join('\n');
    const { sites } = extractSnippet('src/Roles.tsx', text);
    const live = sites.filter((site) => !site.inComment);
    expect(live).toHaveLength(1);
    expect(live[0]!.method).toBe('GET');
    expect(live[0]!.anchor.offset).toBe(offsetOf(text, 'fetch(ROLES)'));
    expect(live[0]!.url?.[0]).toMatchObject({ offset: offsetOf(text, '/privilegedAccess/aadRoles/roleAssignments') });
  });

  it('syntax error file does not throw', () => {
    const text = [
      'export function broken( {',
      "  fetch('/privilegedAccess/aadRoles/roleAssignments', { method: 'DELETE' ;",
      '  const x = = 3;',
      '}}}',
      "const after = '/privilegedAccess/aadGroups/resources';",
    ].join('\n');
    const { sites } = extractSnippet('src/broken.ts', text);
    expect(sites.map(urlText)).toContain('/privilegedAccess/aadGroups/resources');
    expect(sites.map(urlText)).toContain('/privilegedAccess/aadRoles/roleAssignments');
  });

  it('file without a signature is skipped', () => {
    const { sites } = extractSnippet('src/none.ts', "fetch('/roleManagement/directory/roleAssignmentScheduleRequests');");
    expect(sites).toEqual([]);
  });
});

describe('loose strings and other calls', () => {
  it('unused exported constant', () => {
    const text = "export const URL = 'https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignments';\n";
    const { sites } = extractSnippet('src/const.ts', text);
    expect(sites).toEqual([
      {
        kind: 'url',
        language: 'typescript',
        url: [{ kind: 'literal', text: 'https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignments', offset: offsetOf(text, 'https://') }],
        method: null,
        inComment: false,
        confidence: 'medium',
        anchor: { offset: offsetOf(text, "'https://"), length: text.trim().length - offsetOf(text, "'https://") - 1 },
      },
    ]);
  });

  it('literal used by a request is reported once', () => {
    const text = [
      "const URL = '/privilegedAccess/aadRoles/roleAssignments';",
      'console.log(URL);',
      'export const load = () => fetch(URL);',
    ].join('\n');
    const { sites } = extractSnippet('src/once.ts', text);
    expect(sites).toHaveLength(1);
    expect(sites[0]!.confidence).toBe('high');
    expect(sites[0]!.anchor.offset).toBe(offsetOf(text, 'fetch(URL)'));
  });

  it('unknown call with a relevant argument', () => {
    const text = "export const res = request.send(`/privilegedAccess/${'aadRoles'}/resources`, 1);\n";
    const { sites } = extractSnippet('src/other.ts', text);
    expect(sites).toHaveLength(1);
    expect(sites[0]!.method).toBeNull();
    expect(sites[0]!.confidence).toBe('medium');
    expect(urlText(sites[0]!)).toBe('/privilegedAccess/aadRoles/resources');
    expect(sites[0]!.anchor.offset).toBe(offsetOf(text, 'request.send'));
  });

  it('identifier named like a signature is not a URL', () => {
    const text = [
      'export interface Staff { privilegedAccessLevel: string }',
      'export function check(s: Staff) {',
      "  const privilegedAccessLevel = s['privilegedAccessLevel'];",
      "  return privilegedAccessLevel === 'standard' ? '/api/privilegedAccessLevels' : 'privilegedAccess_x';",
      '}',
    ].join('\n');
    expect(extractSnippet('src/words.ts', text).sites).toEqual([]);
  });

  it('iteration 3 paths count only with a signature segment', () => {
    const text = [
      'export async function run(client: any) {',
      "  await client.api('/roleManagement/directory/roleEligibilityScheduleRequests').post({ action: 'adminAssign' });",
      "  await client.api('/identityGovernance/privilegedAccess/group/assignmentScheduleRequests').post({ action: 'selfActivate' });",
      '}',
    ].join('\n');
    const { sites } = extractSnippet('src/v3.ts', text);
    expect(sites.map(urlText)).toEqual(['/identityGovernance/privilegedAccess/group/assignmentScheduleRequests']);
    expect(sites[0]!.baseUrl).toBe('https://graph.microsoft.com/v1.0');
  });

  it('module specifiers are not URLs', () => {
    const text = "import { x } from './privilegedAccess/client';\nexport * from './privilegedAccess/types';\nconst y = require('./privilegedAccess/legacy');\n";
    expect(extractSnippet('src/imports.ts', text).sites).toEqual([]);
  });
});

describe('extractor cache', () => {
  it('reset drops parsed files and re-reads changed text', () => {
    const first = extractSnippet('src/a.ts', "export const load = () => fetch('/privilegedAccess/aadRoles/resources');");
    expect(first.sites.map(urlText)).toEqual(['/privilegedAccess/aadRoles/resources']);
    typescriptExtractor.reset();
    const second = extractSnippet('src/a.ts', "export const load = () => fetch('/privilegedAccess/aadGroups/resources');");
    expect(second.sites.map(urlText)).toEqual(['/privilegedAccess/aadGroups/resources']);
  });
});

describe('comments', () => {
  it('line, block and JSDoc comments with a verb', () => {
    const text = [
      '// POST https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignmentRequests (retired).',
      '/* see /privilegedAccess/azureResources/resources for the list */',
      '/**',
      ' * Replaces GET /privilegedRoleAssignments/my, and PATCH privilegedAccess/aadRoles/roleSettings/{id}.',
      ' * {@link https://learn.example/beta/privilegedApproval}',
      ' */',
      'export const n = 1; // privilegedAccess is a word here, not a path',
    ].join('\n');
    const { sites } = extractSnippet('src/doc.ts', text);
    expect(sites.map((site) => [site.url?.[0], site.method])).toEqual([
      [{ kind: 'literal', text: 'https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignmentRequests', offset: offsetOf(text, 'https://') }, 'POST'],
      [{ kind: 'literal', text: '/privilegedAccess/azureResources/resources', offset: offsetOf(text, '/privilegedAccess/azure') }, null],
      [{ kind: 'literal', text: '/privilegedRoleAssignments/my', offset: offsetOf(text, '/privilegedRoleAssignments') }, 'GET'],
      [{ kind: 'literal', text: 'privilegedAccess/aadRoles/roleSettings/{id}', offset: offsetOf(text, 'privilegedAccess/aadRoles/roleSettings') }, 'PATCH'],
      [{ kind: 'literal', text: 'https://learn.example/beta/privilegedApproval', offset: offsetOf(text, 'https://learn') }, null],
    ]);
    for (const site of sites) {
      expect(site.inComment).toBe(true);
      expect(site.confidence).toBe('low');
      expect(site.anchor.length).toBe((site.url?.[0] as { text: string }).text.length);
    }
  });
});
