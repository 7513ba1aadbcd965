import type { Node } from 'web-tree-sitter';
import type { Assignment } from '../../extract/powershell/variables.js';
import { variableKey } from '../../extract/powershell/tree.js';
import type { PowerShellScript } from './script.js';

export type SingleUse = { assignment: Assignment } | { reason: string };

/**
 * Finds the one plain assignment (`$x = ...`) of the variable `use` reads, and checks that `use`
 * is the variable's only read and that no member of it is set (`$x.type = ...`). The fix rewrites
 * the assigned value in place, so any other use would see the new value.
 */
export function singleUseAssignment(script: PowerShellScript, use: Node): SingleUse {
  const key = variableKey(use.text);
  const assignment = script.table.plainAssignment(key, use.startIndex);
  if (!assignment) {
    return { reason: `${use.text} is not assigned in this script` };
  }
  const others = (script.variableUses.get(key) ?? []).filter(
    (node) => node.startIndex !== use.startIndex && (node.startIndex < assignment.start || node.startIndex >= assignment.end),
  );
  if (others.length > 0 || script.table.memberAssignments(key, 0, script.text.length).length > 0) {
    return { reason: `$${key} is used or changed elsewhere in the script` };
  }
  return { assignment };
}
