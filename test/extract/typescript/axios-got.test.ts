import { beforeEach, describe, expect, it } from 'vitest';
import { typescriptExtractor } from '../../../src/extract/typescript/index.js';
import { extractSnippet, offsetOf, urlText } from './helpers.js';

beforeEach(() => typescriptExtractor.reset());

describe('axios', () => {
  it('get with + concatenation and a parameter provider id', () => {
    const text = [
      "import axios from 'axios';",
      "const GRAPH = 'https://graph.microsoft.com/beta';",
      'export async function list(token: string, providerId: string, resourceId: string) {',
      "  const { data } = await axios.get(GRAPH + '/privilegedAccess/' + providerId + '/resources/' + resourceId + '/roleAssignments', {",
      "    headers: { Authorization: 'Bearer ' + token },",
      '  });',
      '  return data;',
      '}',
    ].join('\n');
    const { sites } = extractSnippet('src/reports.ts', text);
    expect(sites).toHaveLength(1);
    expect(sites[0]!.method).toBe('GET');
    expect(sites[0]!.body).toBeUndefined();
    expect(sites[0]!.url).toEqual([
      { kind: 'literal', text: 'https://graph.microsoft.com/beta', offset: offsetOf(text, 'https://'), resolvedFrom: 'GRAPH (src/reports.ts)' },
      { kind: 'literal', text: '/privilegedAccess/', offset: offsetOf(text, '/privilegedAccess/') },
      { kind: 'dynamic', name: 'providerId', offset: offsetOf(text, "providerId + '") },
      { kind: 'literal', text: '/resources/', offset: offsetOf(text, '/resources/') },
      { kind: 'dynamic', name: 'resourceId', offset: offsetOf(text, "resourceId + '") },
      { kind: 'literal', text: '/roleAssignments', offset: offsetOf(text, '/roleAssignments') },
    ]);
    expect(sites[0]!.anchor.offset).toBe(offsetOf(text, 'axios.get'));
  });

  it('instance baseURL, post body and config call', () => {
    const text = [
      "import http from 'axios';",
      "const api = http.create({ baseURL: 'https://graph.microsoft.com/beta' });",
      'export async function run(body: object) {',
      "  await api.post('/privilegedAccess/aadRoles/roleAssignmentRequests', { type: 'AdminAdd', assignmentState: 'Active' });",
      "  await http({ url: 'https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignmentRequests', method: 'post', data: body });",
      "  await api.delete('/privilegedAccess/aadRoles/roleAssignments/1');",
      '}',
    ].join('\n');
    const { sites } = extractSnippet('src/instance.ts', text);
    expect(sites.map((site) => site.method)).toEqual(['POST', 'POST', 'DELETE']);
    expect(sites[0]!.baseUrl).toBe('https://graph.microsoft.com/beta');
    expect(sites[0]!.body?.fields).toEqual({ type: 'AdminAdd', assignmentState: 'Active' });
    expect(sites[1]!.baseUrl).toBeUndefined();
    expect(sites[1]!.body).toEqual({ fields: {}, complete: false, offset: offsetOf(text, 'body }') });
    expect(sites[2]!.baseUrl).toBe('https://graph.microsoft.com/beta');
  });
});

describe('client instance from another module', () => {
  it('reads the instance made in the imported module', () => {
    // axios is named only in the imported module, which the program loads with the scanned file.
    const text = ['import { api } from \'./http\';', "export const run = () => api.post('/privilegedAccess/aadRoles/roleAssignmentRequests', { type: 'AdminAdd' });", ''].join('\n');
    const { sites } = extractSnippet('src/run.ts', text, {
      'src/http.ts': "import axios from 'axios';\nexport const api = axios.create({ baseURL: 'https://graph.microsoft.com/beta' });\n",
    });
    expect(sites.map((site) => site.method)).toEqual(['POST']);
    expect(sites[0]!.baseUrl).toBe('https://graph.microsoft.com/beta');
    expect(sites[0]!.body?.fields).toEqual({ type: 'AdminAdd' });
  });
});

describe('got', () => {
  it('options method and json body, shorthand get', () => {
    const text = [
      "import got from 'got';",
      'export async function run() {',
      "  await got('https://graph.microsoft.com/beta/privilegedAccess/azureResources/roleAssignmentRequests', { method: 'POST', json: { type: 'AdminExtend' } });",
      "  return got.get('https://graph.microsoft.com/beta/privilegedAccess/azureResources/resources').json();",
      '}',
    ].join('\n');
    const { sites } = extractSnippet('src/got.ts', text);
    expect(sites.map((site) => site.method)).toEqual(['POST', 'GET']);
    expect(sites[0]!.body?.fields).toEqual({ type: 'AdminExtend' });
    expect(urlText(sites[1]!)).toBe('https://graph.microsoft.com/beta/privilegedAccess/azureResources/resources');
  });
});
