import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/acceptance/evaluate.js';
import { normalizeLabelPath, type Label, type UseLabel } from '../../src/acceptance/expected.js';
import type { Finding, ReplacementOut } from '../../src/model/finding.js';

function replacement(path: string): ReplacementOut {
  return { api: 'graph', method: 'POST', path, version: 'v1.0', url: `https://graph.microsoft.com/v1.0${path}` };
}

function finding(file: string, line: number, paths: string[], overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'pim2-role-assignment-requests-create',
    title: 'Create a role assignment request',
    file,
    line,
    column: 5,
    endLine: line,
    endColumn: 40,
    language: 'typescript',
    family: 'graph-beta-iteration2',
    operation: { method: 'POST', path: '/privilegedAccess/aadRoles/roleAssignmentRequests' },
    provider: 'aadRoles',
    cloud: 'public',
    replacements: paths.map(replacement),
    exact: paths.length === 1,
    fix: 'suggestion',
    confidence: 'high',
    inComment: false,
    message: '',
    notes: [],
    retired: '',
    docs: '',
    matchedText: '',
    ...overrides,
  };
}

function use(overrides: Partial<UseLabel> = {}): UseLabel {
  return {
    case: 'grant',
    file: 'grant/src/grant.ts',
    line: 10,
    family: 'graph-beta-iteration2',
    method: 'POST',
    path: '/privilegedAccess/aadRoles/roleAssignmentRequests',
    target: 'roleManagement/directory/roleEligibilityScheduleRequests',
    exact: true,
    comment: false,
    entryLine: 1,
    ...overrides,
  };
}

const ELIGIBILITY = '/roleManagement/directory/roleEligibilityScheduleRequests';
const ASSIGNMENT = '/roleManagement/directory/roleAssignmentScheduleRequests';

function outcomeOf(labels: Label[], findings: Finding[]) {
  return evaluate(labels, findings, new Map()).cases[0]!.uses[0]!;
}

describe('evaluate', () => {
  it('validates an exact single replacement', () => {
    const result = outcomeOf([use()], [finding('grant/src/grant.ts', 10, [ELIGIBILITY])]);

    expect(result.outcome).toBe('validated');
    expect(result.warnings).toEqual([]);
  });

  it('rejects two replacements where exact', () => {
    const result = outcomeOf([use()], [finding('grant/src/grant.ts', 10, [ELIGIBILITY, ASSIGNMENT])]);

    expect(result.outcome).toBe('wrong replacement');
    expect(result.seen).toHaveLength(1);
  });

  it('accepts target among several when not exact', () => {
    const result = outcomeOf([use({ exact: false })], [finding('grant/src/grant.ts', 10, [ASSIGNMENT, ELIGIBILITY])]);

    expect(result.outcome).toBe('validated');
  });

  it('rejects a single wrong replacement', () => {
    const result = outcomeOf([use()], [finding('grant/src/grant.ts', 10, [ASSIGNMENT])]);

    expect(result.outcome).toBe('wrong replacement');
  });

  it('reports missing with other lines', () => {
    const result = outcomeOf([use()], [finding('grant/src/grant.ts', 11, [ELIGIBILITY]), finding('grant/src/other.ts', 10, [ELIGIBILITY])]);

    expect(result.outcome).toBe('missing');
    expect(result.otherLines).toEqual([11]);
  });

  it('validates when any finding at the line proposes target', () => {
    const findings = [finding('grant/src/grant.ts', 10, [ASSIGNMENT], { ruleId: 'first' }), finding('grant/src/grant.ts', 10, [ELIGIBILITY], { ruleId: 'second' })];
    const result = outcomeOf([use()], findings);

    expect(result.outcome).toBe('validated');
    expect(result.seen.map((seen) => seen.ruleId)).toEqual(['first', 'second']);
  });

  it('warns on family, method and path mismatches', () => {
    const seen = finding('grant/src/grant.ts', 10, [ELIGIBILITY], {
      family: 'azrbac-iteration2',
      operation: { method: null, path: '/privilegedAccess/aadRoles/roleAssignmentRequests/{id}' },
    });
    const result = outcomeOf([use()], [seen]);

    expect(result.outcome).toBe('validated');
    expect(result.warnings).toEqual([
      'family azrbac-iteration2, label graph-beta-iteration2',
      'method null, label POST',
      'path /privilegedAccess/aadRoles/roleAssignmentRequests/{id}, label /privilegedAccess/aadRoles/roleAssignmentRequests',
    ]);
  });

  it('compares paths case-sensitively', () => {
    const seen = finding('grant/src/grant.ts', 10, [ELIGIBILITY], { operation: { method: 'POST', path: '/privilegedAccess/aadRoles/roleassignmentrequests' } });
    const result = outcomeOf([use()], [seen]);

    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/^path /);
  });

  it('treats comment entries as neither pass nor fail', () => {
    const labels = [use({ comment: true }), use({ comment: true, line: 20 })];
    const evaluation = evaluate(labels, [finding('grant/src/grant.ts', 10, [ASSIGNMENT])], new Map());
    const result = evaluation.cases[0]!;

    expect(result.uses.map((entry) => entry.outcome)).toEqual(['comment (reported)', 'comment (not reported)']);
    expect(result.status).toBe('pass');
    expect(evaluation.totals).toEqual({ validated: 0, missing: 0, wrongReplacement: 0, unexpected: 0, comments: 2 });
    expect(evaluation.failed).toBe(false);
  });

  it('lists every finding in a none file', () => {
    const labels: Label[] = [{ case: 'links', file: 'links/a.js', none: true, entryLine: 1 }];
    const evaluation = evaluate(labels, [finding('links/a.js', 3, []), finding('links/a.js', 9, [])], new Map());
    const result = evaluation.cases[0]!;

    expect(result.unexpected.map((entry) => entry.finding.line)).toEqual([3, 9]);
    expect(result.status).toBe('fail');
    expect(evaluation.totals.unexpected).toBe(2);
    expect(evaluation.failed).toBe(true);
  });

  it('marks pending failures and passes', () => {
    const labels = [use({ case: 'broken' }), use({ case: 'fixed', file: 'fixed/a.ts' })];
    const pending = new Map([
      ['broken', { reason: 'body not read yet', line: 2 }],
      ['fixed', { reason: 'was broken', line: 4 }],
    ]);
    const evaluation = evaluate(labels, [finding('fixed/a.ts', 10, [ELIGIBILITY])], pending);

    expect(evaluation.cases.map((result) => [result.name, result.status])).toEqual([
      ['broken', 'pending'],
      ['fixed', 'now passes'],
    ]);
    expect(evaluation.failed).toBe(true);
  });

  it('passes a run whose only failure is pending', () => {
    const evaluation = evaluate([use({ case: 'broken' })], [], new Map([['broken', { reason: 'r', line: 2 }]]));

    expect(evaluation.cases[0]!.status).toBe('pending');
    expect(evaluation.failed).toBe(false);
  });
});

describe('normalizeLabelPath', () => {
  it('normalises provider casing and placeholders', () => {
    expect(normalizeLabelPath('/privilegedAccess/AzureResources/resources/{resourceId}/roleAssignments/')).toBe(
      '/privilegedAccess/azureResources/resources/{id}/roleAssignments',
    );
  });

  it('keeps providerId and segment case', () => {
    expect(normalizeLabelPath('/privilegedAccess/{providerId}/RoleSettings')).toBe('/privilegedAccess/{providerId}/RoleSettings');
  });
});
