import type { Node } from 'web-tree-sitter';
import { readObject, type FieldValue, type ObjectValue } from '../../src/extract/powershell/objects.js';
import { ResolveState, type Resolver } from '../../src/extract/powershell/resolve.js';
import { shortText, unwrap, variableKey } from '../../src/extract/powershell/tree.js';

/** A JSON value as a PowerShell script would send it, with run-time values replaced by placeholders. */
export type JsonValue = string | number | boolean | null | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/**
 * Returns the placeholder for a value only known at run time. It names the expression and is a
 * non-empty string, so the mock server's "is required" and "must be a string" checks still apply,
 * while an enum or ISO 8601 check fails on it, as it should for a value the script cannot show.
 */
export function placeholder(node: Node): string {
  // Unwrapped, so `(Get-Date)` passed as an argument and `Get-Date` in a hashtable name the same expression.
  return `<dynamic ${shortText(unwrap(node))}>`;
}

/**
 * Converts a key to camelCase (first letter lower case), the casing Graph documents for request
 * bodies. PowerShell hashtables and the Graph PowerShell SDK's `-BodyParameter` bind keys without
 * case, so `DirectoryScopeId` and `directoryScopeId` are the same member there.
 * NOTE: for `Invoke-*` calls the body keys go out as written, and this file assumes Graph accepts
 * other casing in a raw JSON body too. The original scripts sent the same casing to iteration 2.
 */
export function camelCase(key: string): string {
  return key.length === 0 ? key : key[0]!.toLowerCase() + key.slice(1);
}

/** Reads an object (hashtable, `New-Object` with member assignments, JSON text) as a JSON object with camelCase keys. */
export function objectToJson(resolver: Resolver, object: ObjectValue): JsonObject {
  const json: JsonObject = {};
  for (const [key, field] of object.entries) {
    json[camelCase(key)] = fieldToJson(resolver, field);
  }
  return json;
}

/** Reads one hashtable member or JSON member as a JSON value. */
export function fieldToJson(resolver: Resolver, field: FieldValue): JsonValue {
  switch (field.kind) {
    case 'object':
      return objectToJson(resolver, field.object);
    case 'text':
      // A JSON member the extractor read as computed (`"$UserId"` inside a here-string) is null here.
      return field.text;
    case 'node':
      return nodeToJson(resolver, field.node);
  }
}

/**
 * Reads an expression as a JSON value. `$null`, `$true` and `$false` stay themselves and integer
 * literals become numbers. Strings and bare words with a literal value become that value, which
 * includes variables assigned once and parameter defaults. Objects become objects, and anything
 * else becomes a placeholder.
 */
export function nodeToJson(resolver: Resolver, node: Node): JsonValue {
  const inner = unwrap(node);
  if (inner.type === 'variable') {
    const key = variableKey(inner.text);
    if (key === 'null') {
      return null;
    }
    if (key === 'true' || key === 'false') {
      return key === 'true';
    }
  }
  if (inner.type === 'decimal_integer_literal' || inner.type === 'integer_literal') {
    return Number(inner.text);
  }
  const object = readObject(resolver, node, new ResolveState());
  if (object) {
    return objectToJson(resolver, object);
  }
  return resolver.value(node, new ResolveState()) ?? placeholder(node);
}
