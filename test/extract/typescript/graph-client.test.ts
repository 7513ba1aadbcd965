import { beforeEach, describe, expect, it } from 'vitest';
import { typescriptExtractor } from '../../../src/extract/typescript/index.js';
import { extractSnippet, offsetOf } from './helpers.js';

beforeEach(() => typescriptExtractor.reset());

describe('Graph client chain', () => {
  it('relative path with version before the verb', () => {
    const text = [
      "import { Client } from '@microsoft/microsoft-graph-client';",
      'export async function grant(client: Client, principalId: string) {',
      "  const body = { assignmentState: 'Eligible', type: 'AdminAdd', subjectId: principalId };",
      '  return client',
      "    .api('/privilegedAccess/aadRoles/roleAssignmentRequests')",
      "    .version('beta')",
      '    .post(body);',
      '}',
    ].join('\n');
    const { sites } = extractSnippet('src/pim.ts', text);
    expect(sites).toHaveLength(1);
    const site = sites[0]!;
    expect(site.url).toEqual([
      { kind: 'literal', text: '/privilegedAccess/aadRoles/roleAssignmentRequests', offset: offsetOf(text, '/privilegedAccess') },
    ]);
    expect(site.method).toBe('POST');
    expect(site.baseUrl).toBe('https://graph.microsoft.com/beta');
    expect(site.confidence).toBe('high');
    expect(site.inComment).toBe(false);
    expect(site.body).toEqual({
      fields: { assignmentState: 'Eligible', type: 'AdminAdd', subjectId: null },
      complete: true,
      offset: offsetOf(text, 'body);'),
    });
    const callStart = offsetOf(text, 'client\n');
    expect(site.anchor).toEqual({ offset: callStart, length: offsetOf(text, '(body)') + '(body)'.length - callStart });
  });

  it('version after other chain methods and update verb', () => {
    const text = [
      'export async function patchSetting(client: any, id: string) {',
      '  await client.api(`/privilegedAccess/aadRoles/roleSettings/${id}`)',
      "    .header('x', 'y').version('beta').update({ isDefault: 'false' });",
      "  return client.api('/privilegedAccess/aadRoles/resources').select('id').version('beta').expand('parent').get();",
      '}',
    ].join('\n');
    const { sites } = extractSnippet('src/settings.ts', text);
    expect(sites.map((site) => site.method)).toEqual(['PATCH', 'GET']);
    expect(sites[0]!.url).toEqual([
      { kind: 'literal', text: '/privilegedAccess/aadRoles/roleSettings/', offset: offsetOf(text, '/privilegedAccess') },
      { kind: 'dynamic', name: 'id', offset: offsetOf(text, 'id}') },
    ]);
    expect(sites[0]!.baseUrl).toBe('https://graph.microsoft.com/beta');
    expect(sites[0]!.body?.fields).toEqual({ isDefault: 'false' });
    expect(sites[1]!.baseUrl).toBe('https://graph.microsoft.com/beta');
    expect(sites[1]!.body).toBeUndefined();
  });

  it('stored request and v1.0 default', () => {
    const text = [
      'export async function remove(client: any, id: string) {',
      "  const request = client.api('/privilegedAccess/azureResources/roleAssignmentRequests').version('beta');",
      "  const plain = client.api('/privilegedAccess/aadGroups/resources');",
      "  await request.post({ type: 'AdminRemove' });",
      '  await plain.del();',
      '}',
    ].join('\n');
    const { sites } = extractSnippet('src/remove.ts', text);
    expect(sites).toHaveLength(2);
    const [post, del] = sites;
    expect(post!.method).toBe('POST');
    expect(post!.baseUrl).toBe('https://graph.microsoft.com/beta');
    expect(post!.body?.fields).toEqual({ type: 'AdminRemove' });
    expect(post!.url?.[0]).toMatchObject({ text: '/privilegedAccess/azureResources/roleAssignmentRequests' });
    expect(post!.anchor.offset).toBe(offsetOf(text, 'request.post'));
    expect(del!.method).toBe('DELETE');
    expect(del!.baseUrl).toBe('https://graph.microsoft.com/v1.0');
  });

  it('absolute URL keeps its host', () => {
    const text = [
      'export async function activate(client: any) {',
      "  return client.api('https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignmentRequests').version('beta').post({ type: 'UserAdd' });",
      '}',
    ].join('\n');
    const { sites } = extractSnippet('src/abs.ts', text);
    expect(sites).toHaveLength(1);
    expect(sites[0]!.baseUrl).toBeUndefined();
    expect(sites[0]!.url).toEqual([
      {
        kind: 'literal',
        text: 'https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignmentRequests',
        offset: offsetOf(text, 'https://'),
      },
    ]);
  });

  it('api call without a verb is a medium call site', () => {
    const text = [
      'export function request(client: any) {',
      "  return client.api('/privilegedAccess/aadRoles/roleDefinitions').version('beta');",
      '}',
    ].join('\n');
    const { sites } = extractSnippet('src/builder.ts', text);
    expect(sites).toHaveLength(1);
    expect(sites[0]!.method).toBeNull();
    expect(sites[0]!.confidence).toBe('medium');
    expect(sites[0]!.baseUrl).toBe('https://graph.microsoft.com/beta');
    expect(sites[0]!.anchor.offset).toBe(offsetOf(text, "client.api('"));
  });
});
