import type { FixAttempt } from '../edits.js';
import type { FixPlan } from '../plan.js';
import { readOldCall } from './arguments.js';
import { withResultReview } from './result-use.js';
import { fixAzReadCmdlet } from './az-read-cmdlet.js';
import { fixAzRequest } from './az-request.js';
import { fixCreateRequest } from './create-request.js';
import { fixReadCmdlet } from './read-cmdlet.js';
import { commandNamedAt, type PowerShellScript } from './script.js';

/**
 * Fixes one cmdlet finding in a PowerShell script: the create-request cmdlets and the role
 * assignment list cmdlets become their Microsoft Graph v1.0 cmdlets, or their Az.Resources
 * cmdlets for Azure resources. `offset` is where the cmdlet name starts.
 */
export function fixPowerShellCmdlet(script: PowerShellScript, offset: number, plan: FixPlan): FixAttempt {
  const call = commandNamedAt(script, offset);
  const cmdlet = plan.replacement.cmdlet;
  if (!call || call.invocation !== null) {
    return { reason: `the cmdlet is not called by name here; replace it with ${cmdlet ?? 'the replacement'} by hand` };
  }
  // The cmdlet and its parameters are printed anew, so a comment between them would be lost.
  if (call.node.descendantsOfType('comment').length > 0) {
    return { reason: 'a comment sits between the parameters of the call, and the new call would lose it; move it above the call, then rerun the fix' };
  }
  const read = readOldCall(script, call);
  if ('reason' in read) {
    return read;
  }
  const method = (plan.finding.operation.method ?? plan.replacement.method).toUpperCase();
  if (plan.provider === 'azureResources') {
    if (method === 'POST' && plan.body.some((field) => field.from === 'type')) {
      return fixAzRequest(script, read.old, plan);
    }
    if (method === 'GET' && plan.rule.id === 'pim2-role-assignments-list') {
      return fixAzReadCmdlet(script, read.old, plan);
    }
    return { reason: `replace the cmdlet with ${cmdlet ?? 'the Az.Resources cmdlet'} and map its parameters by hand (the fixer rewrites Azure role assignment requests and role assignment lists only)` };
  }
  if (method === 'POST' && plan.body.some((field) => field.from === 'type')) {
    return withResultReview(fixCreateRequest(script, read.old, plan), call);
  }
  if (method === 'GET' && plan.rule.id === 'pim2-role-assignments-list') {
    return withResultReview(fixReadCmdlet(script, read.old, plan), call);
  }
  return { reason: `replace the cmdlet with ${cmdlet ?? 'the replacement'} and map its parameters by hand (the fixer rewrites role assignment requests and role assignment lists only)` };
}
