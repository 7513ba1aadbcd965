import type { Node } from 'jsonc-parser';
import type { BodyEvidence } from '../../model/call-site.js';

/** Nesting deeper than this in a request body is not read; the evidence is then incomplete. */
const MAX_BODY_DEPTH = 32;
/** Fields read from one body at most, so a huge JSON document cannot make a huge call site. */
const MAX_BODY_FIELDS = 500;

/**
 * The value of a body field: the string for a literal, or null when it is not a literal string
 * the caller can read (an expression, a placeholder it cannot resolve).
 */
export type StringFieldReader = (node: Node) => string | null;

interface PendingField {
  path: string;
  node: Node | undefined;
  depth: number;
}

/** Children of an object or array as fields below `prefix`, in document order. */
function childFields(node: Node, prefix: string, depth: number): PendingField[] {
  if (node.type === 'object') {
    return (node.children ?? []).map((property) => ({ path: prefix + String(property.children?.[0]?.value ?? ''), node: property.children?.[1], depth }));
  }
  return (node.children ?? []).map((item, index) => ({ path: prefix + String(index), node: item, depth }));
}

/**
 * Read the fields of a JSON object as request-body evidence, keyed by dotted path as written
 * (`schedule.type`); array items use their index (`userMemberSettings.0.ruleIdentifier`). A string
 * that holds JSON (role-setting `setting` values) stays one string field. Numbers, booleans and
 * null are present but not strings, so their value is null.
 */
export function readJsonFields(root: Node, readString: StringFieldReader): BodyEvidence {
  const evidence: BodyEvidence = { fields: {}, complete: true, offset: root.offset };
  if (root.type !== 'object') {
    evidence.complete = false;
    return evidence;
  }
  // An explicit stack, popped from the end, so children are pushed in reverse document order.
  const stack: PendingField[] = childFields(root, '', 1).reverse();
  let count = 0;
  while (stack.length > 0) {
    const { path, node, depth } = stack.pop()!;
    if (!node || depth > MAX_BODY_DEPTH) {
      evidence.complete = false;
      continue;
    }
    if (node.type === 'object' || node.type === 'array') {
      stack.push(...childFields(node, `${path}.`, depth + 1).reverse());
      continue;
    }
    if (count >= MAX_BODY_FIELDS) {
      evidence.complete = false;
      continue;
    }
    count += 1;
    evidence.fields[path] = node.type === 'string' ? readString(node) : null;
  }
  return evidence;
}
