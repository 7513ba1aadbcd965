import type { FixPlan } from './plan.js';

/**
 * True when the new call needs a different request body: the rule maps body fields and the
 * call sends one. Only the roleAssignmentRequests body (`type` becomes `action`) is rewritten;
 * other bodies are refused by `mapRequestBody` with the field it cannot map.
 */
export function needsBodyChange(plan: FixPlan): boolean {
  const method = plan.finding.operation.method ?? plan.replacement.method;
  return plan.body.length > 0 && ['POST', 'PUT', 'PATCH'].includes(method.toUpperCase());
}

/** True when the body mapping is the roleAssignmentRequests one, which `mapRequestBody` builds. */
export function isScheduleRequestBody(plan: FixPlan): boolean {
  return plan.body.some((field) => field.from === 'type') && plan.replacement.action !== undefined;
}
