import { beforeEach, describe, expect, it } from 'vitest';
import { typescriptExtractor } from '../../../src/extract/typescript/index.js';
import { extractFile, extractSnippet, offsetOf, writeProject } from './helpers.js';

beforeEach(() => typescriptExtractor.reset());

describe('fetch', () => {
  it('init method and JSON.stringify body', () => {
    const text = [
      'export async function activate(token: string, roleId: string) {',
      "  return fetch('https://api.azrbac.mspim.azure.com/api/v2/privilegedAccess/aadGroups/roleAssignmentRequests', {",
      "    method: 'post',",
      '    headers: { Authorization: `Bearer ${token}` },',
      "    body: JSON.stringify({ roleDefinitionId: roleId, assignmentState: 'Active', type: 'UserAdd', schedule: { type: 'Once', duration: `PT1H` } }),",
      '  });',
      '}',
    ].join('\n');
    const { sites } = extractSnippet('src/activate.ts', text);
    expect(sites).toHaveLength(1);
    const site = sites[0]!;
    expect(site.method).toBe('POST');
    expect(site.confidence).toBe('high');
    expect(site.url).toEqual([
      {
        kind: 'literal',
        text: 'https://api.azrbac.mspim.azure.com/api/v2/privilegedAccess/aadGroups/roleAssignmentRequests',
        offset: offsetOf(text, 'https://'),
      },
    ]);
    expect(site.body).toEqual({
      fields: {
        roleDefinitionId: null,
        assignmentState: 'Active',
        type: 'UserAdd',
        'schedule.type': 'Once',
        'schedule.duration': 'PT1H',
      },
      complete: true,
      offset: offsetOf(text, 'JSON.stringify'),
    });
    expect(site.anchor.offset).toBe(offsetOf(text, 'fetch('));
    expect(site.baseUrl).toBeUndefined();
  });

  it('default GET, window.fetch and new Request', () => {
    const text = [
      "const BASE = 'https://graph.microsoft.com/beta';",
      'export function list() {',
      '  void window.fetch(`${BASE}/privilegedAccess/aadRoles/resources`);',
      "  return new Request(BASE + '/privilegedAccess/azureResources/resources/register', { method: 'POST', body: JSON.stringify({ externalId: '/subscriptions/1' }) });",
      '}',
    ].join('\n');
    const { sites } = extractSnippet('src/list.ts', text);
    expect(sites.map((site) => site.method)).toEqual(['GET', 'POST']);
    expect(sites[0]!.url).toEqual([
      { kind: 'literal', text: 'https://graph.microsoft.com/beta', offset: offsetOf(text, 'https://'), resolvedFrom: 'BASE (src/list.ts)' },
      { kind: 'literal', text: '/privilegedAccess/aadRoles/resources', offset: offsetOf(text, '/privilegedAccess') },
    ]);
    expect(sites[1]!.body?.fields).toEqual({ externalId: '/subscriptions/1' });
    // BASE flows into both calls and is not reported again as a loose string.
    expect(sites).toHaveLength(2);
  });

  it('init from a const with a spread', () => {
    const text = [
      "const JSON_POST = { method: 'PATCH', headers: {} } as const;",
      "const payload = { type: 'AdminUpdate' };",
      'export function update(id: string, extra: object) {',
      "  return fetch('/privilegedAccess/aadRoles/roleSettings/' + id, { ...JSON_POST, body: JSON.stringify({ ...payload, ...extra }) });",
      '}',
    ].join('\n');
    const { sites } = extractSnippet('src/update.ts', text);
    expect(sites).toHaveLength(1);
    expect(sites[0]!.method).toBe('PATCH');
    expect(sites[0]!.body?.fields).toEqual({ type: 'AdminUpdate' });
    expect(sites[0]!.body?.complete).toBe(false);
  });

  it('unknown init spread leaves the method null', () => {
    const text = [
      'export function send(options: RequestInit) {',
      "  return fetch('/privilegedAccess/aadRoles/roleAssignments', { ...options });",
      '}',
    ].join('\n');
    const { sites } = extractSnippet('src/send.ts', text);
    expect(sites).toHaveLength(1);
    expect(sites[0]!.method).toBeNull();
  });
});

describe('fetch wrapper helper', () => {
  const config = [
    "export const GRAPH_ROOT = 'https://graph.microsoft.com';",
    'export const GRAPH_BETA = `${GRAPH_ROOT}/beta`;',
  ].join('\n');
  const pim = [
    "import { GRAPH_BETA } from '../config';",
    '',
    'async function call<T>(token: string, url: string, init: RequestInit = {}): Promise<T> {',
    '  const res = await fetch(url, { ...init, headers: { Authorization: `Bearer ${token}` } });',
    '  return (await res.json()) as T;',
    '}',
    '',
    'export async function list(token: string, resourceId: string) {',
    '  const url = `${GRAPH_BETA}/privilegedAccess/azureResources/resources/${resourceId}/roleAssignments`;',
    '  return call(token, url);',
    '}',
    '',
    'export async function cancel(token: string, requestId: string) {',
    '  await call<void>(token, `${GRAPH_BETA}/privilegedAccess/azureResources/roleAssignmentRequests/${requestId}/cancel`, {',
    "    method: 'POST',",
    '  });',
    '}',
  ].join('\n');

  it('imported template base and method on the next line', () => {
    const root = writeProject({ 'src/config.ts': config, 'src/pim/roles.ts': pim });
    const sites = extractFile(root, 'src/pim/roles.ts');
    expect(sites).toHaveLength(2);
    const [list, cancel] = sites;
    expect(list!.method).toBe('GET');
    expect(list!.confidence).toBe('high');
    expect(list!.anchor.offset).toBe(offsetOf(pim, 'call(token, url)'));
    expect(list!.url).toEqual([
      { kind: 'literal', text: 'https://graph.microsoft.com', resolvedFrom: 'GRAPH_BETA (src/config.ts)' },
      { kind: 'literal', text: '/beta', resolvedFrom: 'GRAPH_BETA (src/config.ts)' },
      {
        kind: 'literal',
        text: '/privilegedAccess/azureResources/resources/',
        offset: offsetOf(pim, '/privilegedAccess'),
        resolvedFrom: 'url (src/pim/roles.ts)',
      },
      { kind: 'dynamic', name: 'resourceId', offset: offsetOf(pim, 'resourceId}') },
      { kind: 'literal', text: '/roleAssignments', offset: offsetOf(pim, '/roleAssignments'), resolvedFrom: 'url (src/pim/roles.ts)' },
    ]);
    expect(cancel!.method).toBe('POST');
    expect(cancel!.url).toEqual([
      { kind: 'literal', text: 'https://graph.microsoft.com', resolvedFrom: 'GRAPH_BETA (src/config.ts)' },
      { kind: 'literal', text: '/beta', resolvedFrom: 'GRAPH_BETA (src/config.ts)' },
      { kind: 'literal', text: '/privilegedAccess/azureResources/roleAssignmentRequests/', offset: offsetOf(pim, '/privilegedAccess', 1) },
      { kind: 'dynamic', name: 'requestId', offset: offsetOf(pim, 'requestId}') },
      { kind: 'literal', text: '/cancel', offset: offsetOf(pim, '/cancel') },
    ]);
  });

  it('config file alone has no call sites', () => {
    const root = writeProject({ 'src/config.ts': config, 'src/pim/roles.ts': pim });
    expect(extractFile(root, 'src/config.ts')).toEqual([]);
  });

  it('helper with its own URL is reported once', () => {
    const text = [
      'function load(token, myId) {',
      "  var filter = \"subjectId eq '\" + myId + \"'\";",
      "  return fetch('/api/v2/privilegedAccess/aadroles/roleAssignments?$filter=' + encodeURIComponent(filter));",
      '}',
      "load('t', 'me');",
    ].join('\n');
    const { sites } = extractSnippet('popup.js', text);
    expect(sites).toHaveLength(1);
    expect(sites[0]!.anchor.offset).toBe(offsetOf(text, 'fetch('));
    expect(sites[0]!.url?.[1]).toEqual({ kind: 'dynamic', name: 'encodeURIComponent(filter)', offset: offsetOf(text, 'encodeURIComponent') });
  });
});

describe('imported wrapper helper', () => {
  it('axios helper in another file with a method parameter', () => {
    const root = writeProject({
      'src/http.ts': [
        "import axios from 'axios';",
        'export const send = (method: string, url: string, data?: object) => axios.request({ url, method, data });',
      ].join('\n'),
      'src/use.ts': [
        "import { send } from './http';",
        "export const run = () => send('put', '/privilegedAccess/aadRoles/roleSettings/1', { type: 'AdminUpdate' });",
      ].join('\n'),
    });
    const sites = extractFile(root, 'src/use.ts');
    expect(sites).toHaveLength(1);
    expect(sites[0]!.method).toBe('PUT');
    expect(sites[0]!.body?.fields).toEqual({ type: 'AdminUpdate' });
    expect(sites[0]!.confidence).toBe('high');
  });
});

describe('nested wrapper helpers', () => {
  it('second level is an unknown call', () => {
    const text = [
      'function outer(u: string) { return inner(u); }',
      'function inner(u: string) { return fetch(u); }',
      "outer('/privilegedAccess/aadRoles/resources');",
    ].join('\n');
    const { sites } = extractSnippet('src/nested.ts', text);
    expect(sites).toHaveLength(1);
    expect(sites[0]!.method).toBeNull();
    expect(sites[0]!.confidence).toBe('medium');
    expect(sites[0]!.anchor.offset).toBe(offsetOf(text, "outer('"));
  });
});

describe('XMLHttpRequest', () => {
  it('open method and send body', () => {
    const text = [
      'function approve(id) {',
      '  var xhr = new XMLHttpRequest();',
      "  xhr.open('PATCH', 'https://graph.microsoft.com/beta/privilegedApproval/' + id);",
      "  xhr.send(JSON.stringify({ assignmentState: 'Approved' }));",
      '}',
    ].join('\n');
    const { sites } = extractSnippet('legacy.js', text);
    expect(sites).toHaveLength(1);
    expect(sites[0]!.method).toBe('PATCH');
    expect(sites[0]!.url).toEqual([
      { kind: 'literal', text: 'https://graph.microsoft.com/beta/privilegedApproval/', offset: offsetOf(text, 'https://') },
      { kind: 'dynamic', name: 'id', offset: offsetOf(text, 'id);') },
    ]);
    expect(sites[0]!.body?.fields).toEqual({ assignmentState: 'Approved' });
    expect(sites[0]!.anchor.offset).toBe(offsetOf(text, 'xhr.open'));
  });
});
