import { describe, expect, it } from 'vitest';
import { findingTier } from '../../src/match/fix-tier.js';
import type { Finding, ReplacementOut } from '../../src/model/finding.js';
import { noteApplies } from '../../src/rules/note-scope.js';

const groupRequest: ReplacementOut = {
  api: 'graph',
  method: 'POST',
  path: '/identityGovernance/privilegedAccess/group/eligibilityScheduleRequests',
  version: 'v1.0',
  url: 'https://graph.microsoft.com/v1.0/identityGovernance/privilegedAccess/group/eligibilityScheduleRequests',
  action: 'adminAssign',
};

type TierInput = Parameters<typeof findingTier>[1];
const groupFinding = (overrides: Partial<Finding> = {}): TierInput => ({
  provider: 'aadGroups',
  family: 'graph-beta-iteration2',
  exact: true,
  replacements: [groupRequest],
  notes: ['The request body chooses the endpoint.'],
  ...overrides,
});

describe('findingTier', () => {
  it('keeps a group request to Graph beta safe under a safe rule', () => {
    expect(findingTier('safe', groupFinding())).toEqual({ tier: 'safe' });
  });

  it('never raises a rule above its tier', () => {
    expect(findingTier('suggestion', groupFinding()).tier).toBe('suggestion');
    expect(findingTier('manual', groupFinding()).tier).toBe('manual');
  });

  it('gives a suggestion rule its first note', () => {
    expect(findingTier('suggestion', groupFinding()).because).toBe("the rule's fixes need a review: The request body chooses the endpoint.");
  });

  it.each([
    ['an Entra role call', { provider: 'aadRoles' as const }, 'role definition ids'],
    ['a call to the PIM service host', { family: 'azrbac-iteration2' as const }, 'token'],
    ['an AzureADPreview cmdlet', { family: 'cmdlet-azureadpreview' as const }, 'Connect-MgGraph'],
    ['several replacements', { exact: false, replacements: [groupRequest, groupRequest] }, 'one Graph replacement'],
    ['an unconfirmed note after a label', { notes: ['aadGroups: Unconfirmed: selfRenew acceptance is untested.'] }, 'selfRenew'],
    ['an unconfirmed replacement note', { replacements: [{ ...groupRequest, notes: ['Unconfirmed: the host'] }] }, 'the host'],
  ])('lowers %s to a suggestion', (_name, overrides, because) => {
    const verdict = findingTier('safe', groupFinding(overrides));
    expect(verdict.tier).toBe('suggestion');
    expect(verdict.because).toContain(because);
  });
});

describe('noteApplies', () => {
  const scoped = { text: 'navigation form', unconfirmed: true, paths: ['/privilegedAccess/{providerId}/resources/{resourceId}/roleAssignmentRequests'], actions: ['selfRenew'] };

  it('applies plain notes everywhere', () => {
    expect(noteApplies('plain', { path: '/x', action: 'adminAssign' })).toBe(true);
  });

  it('skips notes scoped elsewhere', () => {
    expect(noteApplies(scoped, { path: '/privilegedAccess/aadGroups/roleAssignmentRequests', action: 'selfRenew' })).toBe(false);
    expect(noteApplies(scoped, { path: '/privilegedAccess/aadGroups/resources/{id}/roleAssignmentRequests', action: 'adminAssign' })).toBe(false);
  });

  it('keeps a scoped note when the call matches or is unknown', () => {
    expect(noteApplies(scoped, { path: '/privilegedAccess/AADGROUPS/resources/{id}/roleAssignmentRequests', action: 'SelfRenew' })).toBe(true);
    expect(noteApplies(scoped, {})).toBe(true);
  });
});
