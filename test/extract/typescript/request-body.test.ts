import { beforeEach, describe, expect, it } from 'vitest';
import { typescriptExtractor } from '../../../src/extract/typescript/index.js';
import { extractSnippet, offsetOf } from './helpers.js';

beforeEach(() => typescriptExtractor.reset());

describe('request body evidence', () => {
  it('type from an as-const map', () => {
    const text = [
      "const TENANT_ID = '00000000-0000-0000-0000-00000000000a';",
      'const REQUEST_TYPE = {',
      "  activate: 'UserAdd',",
      "  deactivate: 'UserRemove',",
      '} as const;',
      'export async function activate(client: any, roleDefinitionId: string, hours: number) {',
      '  const body = {',
      '    roleDefinitionId,',
      '    resourceId: TENANT_ID,',
      "    assignmentState: 'Active',",
      '    type: REQUEST_TYPE.activate,',
      "    schedule: { type: 'Once', duration: `PT${hours}H` },",
      '  };',
      "  return client.api('https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignmentRequests').post(body);",
      '}',
    ].join('\n');
    const { sites } = extractSnippet('src/self.ts', text);
    expect(sites).toHaveLength(1);
    expect(sites[0]!.method).toBe('POST');
    expect(sites[0]!.body).toEqual({
      fields: {
        roleDefinitionId: null,
        resourceId: '00000000-0000-0000-0000-00000000000a',
        assignmentState: 'Active',
        type: 'UserAdd',
        'schedule.type': 'Once',
        'schedule.duration': null,
      },
      complete: true,
      offset: offsetOf(text, 'body);'),
    });
  });

  it('computed keys, enum values, spreads and nested consts', () => {
    const text = [
      "enum State { Eligible = 'Eligible' }",
      "const KEYS = { kind: 'type' } as const;",
      "const schedule = { type: 'Once', startDateTime: null };",
      "const common = { reason: `rota` };",
      'export function send(extra: Record<string, string>) {',
      "  return fetch('/privilegedAccess/aadRoles/roleAssignmentRequests', {",
      "    method: 'POST',",
      "    body: JSON.stringify({ ...common, [KEYS.kind]: 'AdminAdd', assignmentState: State.Eligible, schedule, ...extra }),",
      '  });',
      '}',
    ].join('\n');
    const { sites } = extractSnippet('src/keys.ts', text);
    expect(sites[0]!.body).toEqual({
      fields: {
        reason: 'rota',
        type: 'AdminAdd',
        assignmentState: 'Eligible',
        'schedule.type': 'Once',
        'schedule.startDateTime': null,
      },
      complete: false,
      offset: offsetOf(text, 'JSON.stringify'),
    });
  });

  it('body that is not an object is incomplete', () => {
    const text = [
      'export function send(raw: string) {',
      "  return fetch('/privilegedAccess/aadRoles/roleAssignmentRequests', { method: 'POST', body: raw });",
      '}',
    ].join('\n');
    const { sites } = extractSnippet('src/raw.ts', text);
    expect(sites[0]!.body).toEqual({ fields: {}, complete: false, offset: offsetOf(text, 'raw }') });
  });
});
