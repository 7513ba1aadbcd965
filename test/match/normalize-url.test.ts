import { describe, expect, it } from 'vitest';
import { loadRuleTable } from '../../src/rules/load.js';
import { DYNAMIC, readFilterEvidence, UrlNormalizer } from '../../src/match/normalize-url.js';
import type { UrlPart } from '../../src/model/call-site.js';

const normalizer = new UrlNormalizer(loadRuleTable().hosts);
const literal = (text: string, offset?: number): UrlPart => (offset === undefined ? { kind: 'literal', text } : { kind: 'literal', text, offset });
const dynamic = (name: string): UrlPart => ({ kind: 'dynamic', name });
const texts = (parts: UrlPart[], baseUrl?: string): string[] => normalizer.normalize(parts, baseUrl).segments.map((segment) => segment.text);

describe('UrlNormalizer', () => {
  it('strips the Graph host and beta version', () => {
    const url = normalizer.normalize([literal('https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignments?$top=5')]);
    expect(url.host).toBe('graph.microsoft.com');
    expect(url.hostKind).toBe('graph');
    expect(url.cloud).toBe('public');
    expect(url.version).toBe('beta');
    expect(url.segments.map((segment) => segment.text)).toEqual(['privilegedAccess', 'aadRoles', 'roleAssignments']);
    expect(url.query).toBe('$top=5');
  });

  it('strips the PIM service host and its /api/v2 base path', () => {
    const url = normalizer.normalize([literal('https://api.azrbac.mspim.azure.com/api/v2/privilegedAccess/aadGroups/resources')]);
    expect(url.hostKind).toBe('pim-service');
    expect(url.version).toBe('api/v2');
    expect(url.segments[0]!.text).toBe('privilegedAccess');
  });

  it('recognises sovereign hosts and their cloud', () => {
    expect(normalizer.normalize([literal('https://dod-graph.microsoft.us/beta/privilegedRoles')]).cloud).toBe('dod');
    expect(normalizer.normalize([literal('https://microsoftgraph.chinacloudapi.cn/beta/privilegedRoles')]).cloud).toBe('china');
    expect(normalizer.normalize([literal('https://api.azrbac.azurepim.identitygovernance.azure.cn/api/v2/privilegedAccess')]).cloud).toBe('china');
  });

  it('treats an unknown api.azrbac host as the PIM service', () => {
    const url = normalizer.normalize([literal('https://api.azrbac.example.test/api/v2/privilegedAccess/aadRoles')]);
    expect(url.hostKind).toBe('pim-service');
    expect(url.cloud).toBeNull();
  });

  it('marks a dynamic base and dynamic id segments', () => {
    const url = normalizer.normalize([dynamic('GRAPH'), literal('/privilegedAccess/'), dynamic('providerId'), literal('/resources/'), dynamic('id')]);
    expect(url.dynamicBase).toBe(true);
    expect(url.segments.map((segment) => segment.dynamic)).toEqual([false, true, false, true]);
  });

  it('joins a relative path to the base URL', () => {
    expect(texts([literal('/privilegedAccess/aadRoles')], 'https://graph.microsoft.com/beta')).toEqual(['privilegedAccess', 'aadRoles']);
    expect(normalizer.normalize([literal('privilegedRoles')], 'https://graph.microsoft.com/beta').version).toBe('beta');
  });

  it('decodes percent-encoding in segments', () => {
    expect(texts([literal('/privilegedAccess/aad%52oles/roleSettings')])).toEqual(['privilegedAccess', 'aadRoles', 'roleSettings']);
  });

  it('keeps file offsets of literal segments', () => {
    const url = normalizer.normalize([literal('https://graph.microsoft.com/beta/privilegedRoles', 100)]);
    const segment = url.segments[0]!;
    expect(segment.offset).toBe(100 + 'https://graph.microsoft.com/beta/'.length);
    expect(segment.endOffset).toBe(100 + 'https://graph.microsoft.com/beta/privilegedRoles'.length);
  });

  it('keeps a dynamic marker inside a mixed segment', () => {
    const url = normalizer.normalize([literal('/privilegedRoles/role-'), dynamic('id')]);
    expect(url.segments[1]!.text).toBe(`role-${DYNAMIC}`);
    expect(url.segments[1]!.dynamic).toBe(false);
  });
});

describe('readFilterEvidence', () => {
  it('reads eq pairs from $filter', () => {
    expect(readFilterEvidence("$expand=subject&$filter=assignmentState eq 'Eligible' and subjectId eq 'abc'")).toEqual({ assignmentState: 'Eligible', subjectId: 'abc' });
  });

  it('keeps the last segment of a navigation path as the field', () => {
    expect(readFilterEvidence("$filter=(subject/id eq 'x') and (assignmentState eq 'Active')")).toMatchObject({ id: 'x', assignmentState: 'Active' });
  });

  it('returns nothing without a filter', () => {
    expect(readFilterEvidence('$top=10')).toEqual({});
  });
});

describe('UrlNormalizer dynamic versions', () => {
  it('strips a dynamic version after a Graph host', () => {
    const url = normalizer.normalize([literal('https://graph.microsoft.com/'), dynamic('version'), literal('/privilegedAccess/aadRoles/roleAssignments')]);
    expect(url.version).toBe(DYNAMIC);
    expect(url.segments.map((segment) => segment.text)).toEqual(['privilegedAccess', 'aadRoles', 'roleAssignments']);
  });

  it('keeps a dynamic first segment on other hosts', () => {
    const url = normalizer.normalize([literal('https://example.test/'), dynamic('tenant'), literal('/privilegedAccess')]);
    expect(url.segments).toHaveLength(2);
  });
});
