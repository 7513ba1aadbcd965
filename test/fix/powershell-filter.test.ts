import { describe, expect, it } from 'vitest';
import type { FixPlan } from '../../src/fix/plan.js';
import { translateFilter } from '../../src/fix/powershell/read-cmdlet.js';
import { loadRuleTable } from '../../src/rules/load.js';

const rule = loadRuleTable().rules.find((candidate) => candidate.id === 'pim2-role-assignments-list')!;
const plan = { rule, provider: 'aadRoles' } as FixPlan;

describe('PowerShell -Filter translation', () => {
  it('renames subjectId to principalId', () => {
    expect(translateFilter("subjectId eq '$me'", plan)).toEqual({ filter: "principalId eq '$me'" });
  });

  it('drops the clause that chose the replacement', () => {
    expect(translateFilter("assignmentState eq 'Eligible' and subjectId eq 'a'", plan)).toEqual({ filter: "principalId eq 'a'" });
    expect(translateFilter("assignmentState eq 'Eligible'", plan)).toEqual({ filter: '' });
  });

  it('rejects other fields and operators', () => {
    expect(translateFilter("roleDefinitionId eq 'x'", plan)).toHaveProperty('reason');
    expect(translateFilter("subjectId eq 'a' or subjectId eq 'b'", plan)).toHaveProperty('reason');
    expect(translateFilter("startswith(subjectId, 'a')", plan)).toHaveProperty('reason');
  });
});
