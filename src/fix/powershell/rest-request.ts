import type { FixAttempt } from '../edits.js';
import type { FixPlan } from '../plan.js';
import { findRestCall } from './rest-call.js';
import { withResultReview } from './result-use.js';
import { rewriteRestBody } from './rest-body.js';
import { pimHostReason, rewriteRestUrl } from './rest-url.js';
import type { PowerShellScript } from './script.js';

/**
 * Fixes a roleAssignmentRequests POST sent with `Invoke-RestMethod`, `Invoke-WebRequest` or
 * `Invoke-MgGraphRequest`: the URL becomes the replacement the body's type and assignmentState
 * chose, and the body hashtable is mapped with `mapRequestBody`. Both edits are made or neither,
 * so a call is never half migrated. `offset` is where the finding's URL starts.
 */
export function fixPowerShellRestRequest(script: PowerShellScript, offset: number, plan: FixPlan): FixAttempt {
  if (plan.replacement.api !== 'graph') {
    return { reason: 'Azure resources move to Azure Resource Manager: a new host, token audience and request name; rewrite the call by hand (see the replacement URL)' };
  }
  if (plan.finding.family === 'azrbac-iteration2') {
    return { reason: pimHostReason() };
  }
  if (!plan.body.some((field) => field.from === 'type')) {
    return { reason: `the ${plan.rule.id} body is not rewritten by this fixer; map its fields by hand (see pim-migrate explain ${plan.rule.id})` };
  }
  const found = findRestCall(script, offset);
  if ('reason' in found) {
    return found;
  }
  if (found.rest.problem) {
    return { reason: found.rest.problem };
  }
  const url = rewriteRestUrl(script, found.rest, plan);
  if ('reason' in url) {
    return url;
  }
  // The body's own literals set the quote style; it always has at least the literal type.
  const body = rewriteRestBody(script, found.rest, plan, "'");
  if ('reason' in body) {
    return body;
  }
  return withResultReview({ edits: [url.edit, body.edit] }, found.rest.call);
}
