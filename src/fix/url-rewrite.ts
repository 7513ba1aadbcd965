import type { FixPlan } from './plan.js';

/** Marks a part of the literal that the code computes (a template substitution). */
export const DYNAMIC_MARK = '\u0000';

/** Hosts whose old paths start after a version segment: Graph (`/beta`) and the PIM host (`/api/v2`). */
const ABSOLUTE = /^(https?:\/\/)([^/?#\u0000]+)(\/beta|\/api\/v2)(\/[^?#]*)(\?[^#]*)?$/i;
const RELATIVE = /^(\/?)((?:privilegedAccess|privilegedRoles|privilegedRoleAssignments|privilegedRoleAssignmentRequests|privilegedApproval|privilegedOperationEvents|privilegedSignupStatus)[^?#]*)(\?[^#]*)?$/i;

export type UrlRewrite = { text: string; relative: boolean } | { reason: string };

/**
 * Computes the text of a path or URL literal after the fix. `literal` is the literal's value,
 * with DYNAMIC_MARK where the code substitutes a value. The literal must hold the whole old
 * path: a URL built from several strings is refused, because part of it is elsewhere.
 */
export function rewriteUrlLiteral(literal: string, plan: FixPlan): UrlRewrite {
  const replacement = plan.replacement;
  if (replacement.url.includes('{')) {
    const needed = replacement.url.match(/\{[^}]+\}/g)?.join(', ');
    return { reason: `the new call needs ${needed}, which the old call does not give; write the URL by hand: ${replacement.url}` };
  }
  const absolute = ABSOLUTE.exec(literal);
  const relative = absolute ? null : RELATIVE.exec(literal);
  if (!absolute && !relative) {
    return { reason: 'the URL is built from several parts, so the old path is not one literal in this file; change the parts by hand' };
  }
  const path = absolute ? absolute[4]! : `/${relative![2]!}`;
  const query = absolute ? absolute[5] : relative![3];
  if (!samePath(path, plan.finding.operation.path)) {
    return { reason: `the literal holds ${path}, not the whole path ${plan.finding.operation.path}; change the call by hand` };
  }
  const queryCheck = query ? checkQuery(query, plan) : undefined;
  if (queryCheck) {
    return { reason: queryCheck };
  }
  if (absolute) {
    return { text: replacement.url, relative: false };
  }
  return { text: `${relative![1]!}${replacement.path.replace(/^\//, '')}`, relative: true };
}

/** Compares a written path with the finding's path, where `{id}` and `{providerId}` take any segment. */
function samePath(written: string, operation: string): boolean {
  const writtenSegments = written.replace(/\/+$/, '').split('/').filter(Boolean);
  const operationSegments = operation.split('/').filter(Boolean);
  if (writtenSegments.length !== operationSegments.length) {
    return false;
  }
  return operationSegments.every((segment, index) => {
    const value = writtenSegments[index]!;
    if (segment.startsWith('{')) {
      return true;
    }
    return !value.includes(DYNAMIC_MARK) && value.toLowerCase() === segment.toLowerCase();
  });
}

/**
 * Only a `$filter` whose every clause is a condition that chose the replacement
 * (`assignmentState eq 'Eligible'`) can be dropped: the new collection already is that
 * subset. Any other query option names iteration 2 fields, so the fix is refused.
 */
function checkQuery(query: string, plan: FixPlan): string | undefined {
  const conditionFields = new Set(
    plan.rule.providers[plan.provider]?.replacements.flatMap((spec) => Object.keys(spec.when ?? {}).map((field) => field.toLowerCase())) ?? [],
  );
  for (const option of query.slice(1).split('&')) {
    const [name, rawValue = ''] = option.split('=');
    if (name?.toLowerCase() !== '$filter') {
      return `the query option ${name} refers to iteration 2 fields; rewrite the query by hand`;
    }
    const value = safeDecode(rawValue.replace(/\+/g, ' '));
    if (value.includes(DYNAMIC_MARK)) {
      return 'the $filter is computed by the code; rewrite it by hand for the new collection';
    }
    for (const clause of value.split(/\s+and\s+/i)) {
      const field = /^\s*([A-Za-z/]+)\s+eq\s+'[^']*'\s*$/.exec(clause)?.[1];
      if (!field || !conditionFields.has(field.toLowerCase())) {
        return `the $filter clause "${clause.trim()}" uses iteration 2 fields; rewrite it for the new collection by hand`;
      }
    }
  }
  return undefined;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
