import { describe, expect, it } from 'vitest';
import { loadRuleTable } from '../../src/rules/load.js';
import { Matcher } from '../../src/match/matcher.js';
import { LineIndex } from '../../src/match/line-index.js';
import type { CallSite } from '../../src/model/call-site.js';

const matcher = new Matcher(loadRuleTable());

function matchUrl(url: string, method: string | null, extra: Partial<CallSite> = {}) {
  const text = `x = "${url}"`;
  const site: CallSite = {
    kind: 'url',
    language: 'text',
    url: [{ kind: 'literal', text: url, offset: 5 }],
    method,
    inComment: false,
    confidence: 'high',
    anchor: { offset: 5, length: url.length },
    ...extra,
  };
  return matcher.match(site, { relativePath: 'a.txt', text, lines: new LineIndex(text) });
}

describe('Matcher', () => {
  it('names the other methods of a path when the method is unknown', () => {
    const finding = matchUrl('https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignmentRequests', null);
    expect(finding?.ruleId).toBe('pim2-role-assignment-requests-list');
    expect(finding?.notes[0]).toMatch(/does not show the HTTP method.*Sent with POST, it is pim2-role-assignment-requests-create/);
  });

  it('adds no method note when the method is known', () => {
    const finding = matchUrl('https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignmentRequests', 'POST');
    expect(finding?.ruleId).toBe('pim2-role-assignment-requests-create');
    expect(finding?.notes.some((note) => note.includes('does not show the HTTP method'))).toBe(false);
  });

  it('gives low confidence on a host that is neither Graph nor PIM', () => {
    expect(matchUrl('https://proxy.example.test/graph/privilegedAccess/aadRoles/roleAssignments', 'GET')?.confidence).toBe('low');
    expect(matchUrl('https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignments', 'GET')?.confidence).toBe('high');
  });

  it('matches a path after a dynamic prefix', () => {
    const rolesPath = { kind: 'literal' as const, text: '/privilegedAccess/aadRoles/roleSettings', offset: 40 };
    const glued = matchUrl('', 'GET', { url: [{ kind: 'literal', text: 'https://graph.microsoft.com/beta', offset: 5 }, { kind: 'dynamic', name: 'prefix' }, rolesPath] });
    const ownSegment = matchUrl('', 'GET', { url: [{ kind: 'literal', text: 'https://graph.microsoft.com/beta/', offset: 5 }, { kind: 'dynamic', name: 'prefix' }, rolesPath] });

    for (const finding of [glued, ownSegment]) {
      expect(finding?.ruleId).toBe('pim2-role-settings-list');
      expect(finding?.confidence).toBe('medium');
    }
  });

  it('keeps requiring the path right after a literal prefix', () => {
    expect(matchUrl('https://graph.microsoft.com/beta/tenant/privilegedAccess/aadRoles/roleSettings', 'GET')).toBeNull();
  });

  it('keeps the cloud of the old call in replacement URLs', () => {
    const finding = matchUrl('https://graph.microsoft.us/beta/privilegedAccess/azureResources/roleAssignments', 'GET');
    expect(finding?.cloud).toBe('usgov');
    expect(finding?.replacements.every((replacement) => replacement.url.startsWith('https://management.usgovcloudapi.net/'))).toBe(true);
  });

  it('words a catch-all finding as unmapped, not as having no equivalent', () => {
    const finding = matchUrl('https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignments/$ref', 'GET');
    expect(finding?.ruleId).toBe('pim2-catch-all');
    expect(finding?.message).toMatch(/No rule maps this operation/);
  });

  it('lists every provider with a condition when the provider is dynamic', () => {
    const finding = matchUrl('', 'GET', { url: [{ kind: 'literal', text: '/privilegedAccess/', offset: 5 }, { kind: 'dynamic', name: 'provider' }, { kind: 'literal', text: '/roleSettings' }], baseUrl: 'https://graph.microsoft.com/beta' });
    expect(finding?.provider).toBeNull();
    expect(finding?.operation.path).toBe('/privilegedAccess/{providerId}/roleSettings');
    expect(finding?.replacements.every((replacement) => replacement.condition?.providerId?.length === 1)).toBe(true);
  });
});

describe('Matcher request bodies', () => {
  it('reads a body as a write when the method is hidden', () => {
    const finding = matchUrl('https://graph.microsoft.com/beta/privilegedAccess/aadGroups/roleAssignmentRequests', null, {
      body: { fields: { type: 'UserRemove', assignmentState: 'Active' }, complete: true },
    });
    expect(finding?.ruleId).toBe('pim2-role-assignment-requests-create');
    expect(finding?.exact).toBe(true);
    expect(finding?.replacements[0]?.path).toBe('/identityGovernance/privilegedAccess/group/assignmentScheduleRequests');
  });
});
