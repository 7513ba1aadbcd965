import type { Node } from 'web-tree-sitter';
import type { ResolveState, Resolver } from './resolve.js';
import { commandNameText } from './commands.js';
import { isStringNode, memberName, namedChildren, unwrap, variableKey } from './tree.js';
import { literalText } from './strings.js';

/** A member of a hashtable or object: an expression, a nested object, or text read from JSON. */
export type FieldValue =
  | { kind: 'node'; node: Node }
  | { kind: 'object'; object: ObjectValue }
  | { kind: 'text'; text: string | null };

/** A hashtable, `[pscustomobject]`, `New-Object` object or JSON object, with members as written. */
export interface ObjectValue {
  entries: Map<string, FieldValue>;
  /** False when some members could not be read (a key computed at run time, say). */
  complete: boolean;
  /** Offset of the expression that creates the object. */
  offset: number;
}

/** True when an expression creates an object (hashtable, object cast, `New-Object`), without resolving anything. */
export function createsObject(node: Node): boolean {
  const target = unwrap(node);
  if (target.type === 'hash_literal_expression') {
    return true;
  }
  if (target.type === 'cast_expression') {
    const [type, operand] = namedChildren(target);
    return !!type && !!operand && OBJECT_CASTS.test(type.text.replace(/^\[|\]$/g, '').trim()) && createsObject(operand);
  }
  return target.type === 'command' && /^new-object$/i.test(commandNameText(target) ?? '');
}

/** Type names that a cast to keeps a hashtable literal a hashtable-like object. */
const OBJECT_CASTS = /^(pscustomobject|psobject|ordered|hashtable|system\.collections\.hashtable)$/i;

/** Maximum nesting of objects read (hashtables in hashtables, variables holding them). */
const MAX_OBJECT_DEPTH = 8;

/**
 * Read an expression as an object: a hashtable literal, a cast of one, a variable holding one
 * (with later `$x.Name = ...` and `$x['Name'] = ...` members applied), `New-Object`, a value piped
 * to `ConvertTo-Json`, or a JSON string. Returns null for anything else.
 */
export function readObject(resolver: Resolver, node: Node, state: ResolveState, depth = 0): ObjectValue | null {
  if (depth > MAX_OBJECT_DEPTH) {
    return null;
  }
  const target = unwrap(node);
  switch (target.type) {
    case 'hash_literal_expression':
      return hashLiteral(resolver, target, state, depth);
    case 'cast_expression': {
      const [type, operand] = namedChildren(target);
      return type && operand && OBJECT_CASTS.test(type.text.replace(/^\[|\]$/g, '').trim()) ? readObject(resolver, operand, state, depth + 1) : null;
    }
    case 'variable':
      return variableObject(resolver, target, state, depth);
    case 'member_access': {
      const name = memberName(target);
      const owner = namedChildren(target)[0];
      const container = owner && name ? readObject(resolver, owner, state, depth + 1) : null;
      const field = container && name ? [...container.entries].find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1] : undefined;
      return field?.kind === 'object' ? field.object : field?.kind === 'node' ? readObject(resolver, field.node, state, depth + 1) : null;
    }
    case 'pipeline_chain':
      return pipedObject(resolver, target, state, depth);
    case 'command':
      return commandObject(resolver, target, state, depth);
    default:
      if (isStringNode(target)) {
        return jsonObject(resolver, target, state);
      }
      return null;
  }
}

function hashLiteral(resolver: Resolver, node: Node, state: ResolveState, depth: number): ObjectValue {
  const object: ObjectValue = { entries: new Map(), complete: true, offset: node.startIndex };
  const body = namedChildren(node).find((child) => child.type === 'hash_literal_body');
  for (const entry of body ? namedChildren(body) : []) {
    if (entry.type !== 'hash_entry') {
      continue;
    }
    const [keyNode, valueNode] = namedChildren(entry);
    const key = keyNode ? hashKey(resolver, keyNode, state) : null;
    if (key === null || !valueNode) {
      object.complete = false;
      continue;
    }
    object.entries.set(key, fieldOf(resolver, valueNode, state, depth));
  }
  return object;
}

/** A hash key as written: a bare name, a quoted string or a literal expression. */
function hashKey(resolver: Resolver, node: Node, state: ResolveState): string | null {
  const inner = unwrap(node);
  if (inner.type === 'simple_name' || inner.type === 'generic_token') {
    return inner.text;
  }
  return resolver.value(inner, state);
}

function fieldOf(resolver: Resolver, node: Node, state: ResolveState, depth: number): FieldValue {
  const nested = readObject(resolver, node, state, depth + 1);
  return nested && !isStringNode(unwrap(node)) ? { kind: 'object', object: nested } : { kind: 'node', node };
}

/** A variable's object as a use sees it: its nearest assignment, then the member assignments made after it. */
function variableObject(resolver: Resolver, node: Node, state: ResolveState, depth: number): ObjectValue | null {
  const key = variableKey(node.text);
  if (state.visiting.has(`object:${key}`)) {
    return null;
  }
  const assignment = resolver.table.plainAssignment(key, node.startIndex);
  if (!assignment) {
    return null;
  }
  state.visiting.add(`object:${key}`);
  try {
    const base = readObject(resolver, assignment.value, state, depth + 1);
    if (!base) {
      return null;
    }
    const object: ObjectValue = { entries: new Map(base.entries), complete: base.complete, offset: base.offset };
    for (const member of resolver.table.memberAssignments(key, assignment.start, node.startIndex)) {
      setPath(object, member.path, fieldOf(resolver, member.value, state, depth));
    }
    return object;
  } finally {
    state.visiting.delete(`object:${key}`);
  }
}

/** Set a dotted member path, creating nested objects as `$p.schedule.type = ...` implies. */
function setPath(object: ObjectValue, path: readonly string[], value: FieldValue): void {
  let current = object;
  for (let i = 0; i < path.length - 1; i++) {
    const name = path[i]!;
    const existingKey = [...current.entries.keys()].find((key) => key.toLowerCase() === name.toLowerCase()) ?? name;
    const existing = current.entries.get(existingKey);
    if (existing?.kind === 'object') {
      current = existing.object;
      continue;
    }
    const created: ObjectValue = { entries: new Map(), complete: true, offset: object.offset };
    current.entries.set(existingKey, { kind: 'object', object: created });
    current = created;
  }
  const last = path.at(-1)!;
  const existingKey = [...current.entries.keys()].find((key) => key.toLowerCase() === last.toLowerCase()) ?? last;
  current.entries.set(existingKey, value);
}

/** `$body | ConvertTo-Json -Depth 5` is the object `$body`. */
function pipedObject(resolver: Resolver, node: Node, state: ResolveState, depth: number): ObjectValue | null {
  const stages = namedChildren(node);
  const last = stages.at(-1);
  if (stages.length < 2 || !last || last.type !== 'command' || !/^convertto-json$/i.test(commandNameText(last) ?? '')) {
    return null;
  }
  return readObject(resolver, stages[stages.length - 2]!, state, depth + 1);
}

/** `New-Object SomeType` starts an empty object; `ConvertTo-Json -InputObject $x` is `$x`. */
function commandObject(resolver: Resolver, node: Node, state: ResolveState, depth: number): ObjectValue | null {
  const name = (commandNameText(node) ?? '').toLowerCase();
  const elements = namedChildren(node).find((child) => child.type === 'command_elements');
  const values = elements ? namedChildren(elements).filter((child) => child.type !== 'command_argument_sep') : [];
  if (name === 'new-object') {
    const hashArgument = values.find((value) => unwrap(value).type === 'hash_literal_expression');
    return hashArgument ? readObject(resolver, hashArgument, state, depth + 1) : { entries: new Map(), complete: true, offset: node.startIndex };
  }
  if (name === 'convertto-json') {
    const input = values.find((value, index) => value.type !== 'command_parameter' && (index === 0 || /^-inputobject:?$/i.test(values[index - 1]!.text)));
    return input ? readObject(resolver, input, state, depth + 1) : null;
  }
  return null;
}

/** Stands for a dynamic part inside JSON text, so the text still parses. */
const DYNAMIC_VALUE = '__pim_migrate_dynamic__';

/** A JSON object written as a string or here-string, with `$var` parts read as unknown values. */
function jsonObject(resolver: Resolver, node: Node, state: ResolveState): ObjectValue | null {
  const parts = resolver.parts(node, state);
  const joined = literalText(parts) ?? parts.map((part) => (part.kind === 'literal' ? part.text : DYNAMIC_VALUE)).join('');
  if (!/^\s*\{/.test(joined)) {
    return null;
  }
  let parsed: unknown;
  try {
    // An unquoted `$value` in JSON text becomes null; a quoted one stays a string with the marker.
    parsed = JSON.parse(joined.replace(new RegExp(`([:\\[,]\\s*)${DYNAMIC_VALUE}`, 'g'), '$1null'));
  } catch {
    return null;
  }
  return isRecord(parsed) ? jsonToObject(parsed, node.startIndex) : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function jsonToObject(value: Record<string, unknown>, offset: number, depth = 0): ObjectValue {
  const object: ObjectValue = { entries: new Map(), complete: true, offset };
  for (const [key, member] of Object.entries(value)) {
    if (isRecord(member) && depth < MAX_OBJECT_DEPTH) {
      object.entries.set(key, { kind: 'object', object: jsonToObject(member, offset, depth + 1) });
    } else if (typeof member === 'string') {
      object.entries.set(key, { kind: 'text', text: member.includes(DYNAMIC_VALUE) ? null : member });
    } else if (typeof member === 'number' || typeof member === 'boolean') {
      object.entries.set(key, { kind: 'text', text: String(member) });
    } else {
      object.entries.set(key, { kind: 'text', text: null });
    }
  }
  return object;
}

/** Flatten an object into body fields keyed by dotted path (`schedule.duration`). */
export function flattenFields(resolver: Resolver, object: ObjectValue, state: ResolveState, prefix = '', into: Record<string, string | null> = {}, depth = 0): Record<string, string | null> {
  for (const [key, field] of object.entries) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (field.kind === 'object' && depth < MAX_OBJECT_DEPTH) {
      flattenFields(resolver, field.object, state, path, into, depth + 1);
    } else {
      into[path] = resolver.fieldValue(field, state);
    }
  }
  return into;
}
