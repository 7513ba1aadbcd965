import { isStringNode, unwrap } from '../../extract/powershell/tree.js';
import type { FixAttempt } from '../edits.js';
import type { FixPlan } from '../plan.js';
import type { OldCall } from './arguments.js';
import { checkComment, isLiteralGuid } from './az-values.js';
import { layoutOf, rewriteCall, type NewParameter } from './command.js';
import { filterParameter } from './read-cmdlet.js';
import { bareName, type PowerShellScript } from './script.js';
import { nodeValue } from './values.js';

/** Parameters that name the resource whose assignments the old cmdlet lists. */
const RESOURCE_PARAMETERS = new Set(['resourceid', 'governanceresourceid']);

const CHECK_SCOPE = '-Scope must be the ARM scope (the old resource\'s externalId, like /subscriptions/{id}), because iteration 2 resource ids do not carry over';

/**
 * Rewrites `Get-AzureADMSPrivilegedRoleAssignment -ProviderId azureResources` (and the Graph beta
 * list cmdlets) to the Az.Resources instance cmdlet the plan chose, `-ResourceId` to `-Scope`,
 * with a comment line above the call about the scope. The new cmdlets take only -Scope and
 * -Filter (Az.Resources help), so -Top, -All and an -Id are refused.
 */
export function fixAzReadCmdlet(script: PowerShellScript, old: OldCall, plan: FixPlan): FixAttempt {
  const cmdlet = plan.replacement.cmdlet;
  if (!cmdlet) {
    return { reason: `rule ${plan.rule.id} names no Az.Resources cmdlet; call ${plan.replacement.url} by hand` };
  }
  if (/count$/i.test(bareName(old.call))) {
    return { reason: `Az.Resources has no count cmdlet; count the result of ${cmdlet} -Scope by hand` };
  }
  const parameters: NewParameter[] = [];
  let scope: NewParameter | undefined;
  for (const argument of old.arguments) {
    const name = argument.name.toLowerCase();
    if (name === 'providerid' || name === 'privilegedaccessid') {
      continue;
    }
    const node = argument.value?.kind === 'node' ? argument.value.node : undefined;
    if (RESOURCE_PARAMETERS.has(name) && node) {
      if (isLiteralGuid(nodeValue(node, script.resolver, "'"))) {
        return { reason: `-${argument.name} is a PIM resource id, which is not an ARM scope; pass the old resource's externalId (like /subscriptions/{id}) as -Scope by hand` };
      }
      scope = { name: 'Scope', text: node.text };
      continue;
    }
    if (name !== 'filter') {
      return { reason: `-${argument.name} has no counterpart on ${cmdlet}, which takes only -Scope and -Filter; migrate the call by hand` };
    }
    const filter = filterParameter(node, plan);
    if ('reason' in filter) {
      return filter;
    }
    parameters.push(...filter.parameters);
  }
  if (!scope) {
    return { reason: `the call names no resource, and ${cmdlet} requires -Scope; write the ARM scope (the old resource's externalId) by hand` };
  }
  const comment = checkComment(script.text, old.call.node.startIndex, CHECK_SCOPE);
  if ('reason' in comment) {
    return comment;
  }
  const layout = layoutOf(script, old);
  return { edits: [...rewriteCall(script, old, cmdlet, [scope, ...parameters], layout), comment.edit] };
}
