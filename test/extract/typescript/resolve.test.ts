import { beforeEach, describe, expect, it } from 'vitest';
import { typescriptExtractor } from '../../../src/extract/typescript/index.js';
import { extractFile, extractSnippet, offsetOf, urlText, writeProject } from './helpers.js';

beforeEach(() => typescriptExtractor.reset());

describe('URL resolution', () => {
  it('enum member', () => {
    const text = [
      'enum PimPath {',
      "  Assignments = '/privilegedAccess/aadRoles/roleAssignments',",
      '}',
      'export const load = () => fetch(PimPath.Assignments);',
    ].join('\n');
    const { sites } = extractSnippet('src/enum.ts', text);
    expect(sites).toHaveLength(1);
    expect(sites[0]!.url).toEqual([
      {
        kind: 'literal',
        text: '/privilegedAccess/aadRoles/roleAssignments',
        offset: offsetOf(text, '/privilegedAccess'),
        resolvedFrom: 'PimPath.Assignments (src/enum.ts)',
      },
    ]);
    expect(sites[0]!.method).toBe('GET');
  });

  it('function returning a URL with a parameter', () => {
    const text = [
      "const ROOT = 'https://graph.microsoft.com/beta';",
      'function base() { return `${ROOT}/privilegedAccess`; }',
      'const resourceUrl = (provider: string, id: string) => `${base()}/${provider}/resources/${id}`;',
      'export function get(p: string, resource: string) {',
      '  return fetch(resourceUrl(p, resource));',
      '}',
    ].join('\n');
    const { sites } = extractSnippet('src/fn.ts', text);
    expect(sites).toHaveLength(1);
    expect(urlText(sites[0]!)).toBe('https://graph.microsoft.com/beta/privilegedAccess/{p}/resources/{resource}');
    const parts = sites[0]!.url!;
    expect(parts[0]).toEqual({ kind: 'literal', text: 'https://graph.microsoft.com/beta', offset: offsetOf(text, 'https://'), resolvedFrom: 'ROOT (src/fn.ts)' });
    expect(parts[1]).toEqual({ kind: 'literal', text: '/privilegedAccess', offset: offsetOf(text, '/privilegedAccess'), resolvedFrom: 'base() (src/fn.ts)' });
    expect(parts[3]).toEqual({ kind: 'dynamic', name: 'p', offset: offsetOf(text, 'p, resource)') });
  });

  it('object maps, element access, as const and satisfies', () => {
    const text = [
      "const CONFIG = { base: 'https://graph.microsoft.com/beta' } satisfies Record<string, string>;",
      'const PATHS = {',
      "  aadRoles: { assignments: '/privilegedAccess/aadRoles/roleAssignments' },",
      '} as const;',
      'export function run() {',
      "  return fetch(CONFIG['base'] + PATHS.aadRoles.assignments);",
      '}',
    ].join('\n');
    const { sites } = extractSnippet('src/maps.ts', text);
    expect(sites).toHaveLength(1);
    expect(sites[0]!.url).toEqual([
      { kind: 'literal', text: 'https://graph.microsoft.com/beta', offset: offsetOf(text, 'https://'), resolvedFrom: "CONFIG['base'] (src/maps.ts)" },
      {
        kind: 'literal',
        text: '/privilegedAccess/aadRoles/roleAssignments',
        offset: offsetOf(text, '/privilegedAccess'),
        resolvedFrom: 'PATHS.aadRoles.assignments (src/maps.ts)',
      },
    ]);
  });

  it('namespace import, re-export and default export', () => {
    const root = writeProject({
      'src/urls/base.ts': "export const BETA = 'https://graph.microsoft.com/beta';\nexport default 'aadGroups';",
      'src/urls/index.ts': "export { BETA } from './base';\nexport { default as GROUPS } from './base';",
      'src/use.ts': [
        "import * as urls from './urls/index';",
        'export const run = (id: string) => fetch(`${urls.BETA}/privilegedAccess/${urls.GROUPS}/resources/${id}`);',
      ].join('\n'),
    });
    const sites = extractFile(root, 'src/use.ts');
    expect(sites).toHaveLength(1);
    expect(sites[0]!.url).toEqual([
      { kind: 'literal', text: 'https://graph.microsoft.com/beta', resolvedFrom: 'urls.BETA (src/urls/base.ts)' },
      expect.objectContaining({ kind: 'literal', text: '/privilegedAccess/' }),
      { kind: 'literal', text: 'aadGroups', resolvedFrom: 'urls.GROUPS (src/urls/base.ts)' },
      expect.objectContaining({ kind: 'literal', text: '/resources/' }),
      expect.objectContaining({ kind: 'dynamic', name: 'id' }),
    ]);
  });

  it('let with one assignment resolves, reassigned let does not', () => {
    const text = [
      'export function run(flag: boolean) {',
      '  let once;',
      "  once = '/privilegedAccess/aadRoles/roleDefinitions';",
      "  let twice = '/privilegedAccess/aadRoles/resources';",
      "  if (flag) { twice = '/other'; }",
      '  fetch(once);',
      '  fetch(twice);',
      '}',
    ].join('\n');
    const { sites } = extractSnippet('src/lets.ts', text);
    const fetched = sites.filter((site) => site.confidence === 'high');
    expect(fetched).toHaveLength(1);
    expect(urlText(fetched[0]!)).toBe('/privilegedAccess/aadRoles/roleDefinitions');
    // The reassigned literal is still reported, as a loose string.
    const loose = sites.filter((site) => site.confidence === 'medium');
    expect(loose.map(urlText)).toEqual(['/privilegedAccess/aadRoles/resources']);
  });

  it('cycles and runtime calls stay dynamic', () => {
    const text = [
      'const a: string = b;',
      'const b: string = a;',
      'export function run(x: string) {',
      "  fetch(a + '/privilegedAccess/aadRoles/resources/' + encodeURIComponent(x) + String(x));",
      '}',
    ].join('\n');
    const { sites } = extractSnippet('src/cycle.ts', text);
    expect(sites).toHaveLength(1);
    expect(sites[0]!.url).toEqual([
      { kind: 'dynamic', name: 'a', offset: offsetOf(text, "a + '") },
      { kind: 'literal', text: '/privilegedAccess/aadRoles/resources/', offset: offsetOf(text, '/privilegedAccess') },
      { kind: 'dynamic', name: 'encodeURIComponent(x)', offset: offsetOf(text, 'encodeURIComponent') },
      { kind: 'dynamic', name: 'String(x)', offset: offsetOf(text, 'String(x)') },
    ]);
  });

  it('recursive function stays dynamic', () => {
    const text = "function f(): string { return f() + '/privilegedAccess/x'; }\nfetch(f());";
    const { sites } = extractSnippet('src/recursive.ts', text);
    expect(sites).toHaveLength(1);
    expect(sites[0]!.url).toEqual([
      { kind: 'dynamic', name: 'f()', offset: offsetOf(text, 'f() +') },
      { kind: 'literal', text: '/privilegedAccess/x', offset: offsetOf(text, '/privilegedAccess'), resolvedFrom: 'f() (src/recursive.ts)' },
    ]);
  });

  it('long concatenation keeps every literal', () => {
    const pieces = Array.from({ length: 200 }, (_, index) => `'/p${index}'`).join(' + ');
    const { sites } = extractSnippet('src/concat.ts', `fetch('/privilegedAccess' + ${pieces});`);
    expect(sites).toHaveLength(1);
    expect(sites[0]!.url).toHaveLength(201);
    expect(urlText(sites[0]!).endsWith('/p198/p199')).toBe(true);
  });

  it('long dynamic names are cut to 60 characters', () => {
    const text = [
      'export function run(o: any) {',
      "  fetch('/privilegedAccess/' + o.someVeryLongPropertyName.anotherVeryLongPropertyName.yetAnotherOne);",
      '}',
    ].join('\n');
    const { sites } = extractSnippet('src/long.ts', text);
    expect(sites[0]!.url![1]).toEqual({
      kind: 'dynamic',
      name: 'o.someVeryLongPropertyName.anotherVeryLongPropertyName.yetAn',
      offset: offsetOf(text, 'o.some'),
    });
  });

  it('destructured const from an object', () => {
    const text = [
      "const ENDPOINTS = { approvals: 'https://graph.microsoft.com/beta/privilegedApproval' };",
      'const { approvals: approvalUrl } = ENDPOINTS;',
      'export const run = () => fetch(approvalUrl);',
    ].join('\n');
    const { sites } = extractSnippet('src/destructure.ts', text);
    expect(sites).toHaveLength(1);
    expect(sites[0]!.url?.[0]).toMatchObject({ text: 'https://graph.microsoft.com/beta/privilegedApproval', offset: offsetOf(text, 'https://') });
  });
});
