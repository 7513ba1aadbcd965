import type { BodyEvidence } from '../../model/call-site.js';
import type { BoundArgument } from './arguments.js';
import { flattenFields, readObject, type ObjectValue } from './objects.js';
import type { ResolveState, Resolver } from './resolve.js';

/** The object a bound argument holds: a nested hashtable, or an expression read as an object. */
export function argumentObject(argument: BoundArgument, resolver: Resolver, state: ResolveState): ObjectValue | null {
  const value = argument.value;
  if (!value) {
    return null;
  }
  if (value.kind === 'object') {
    return value.object;
  }
  return value.kind === 'node' ? readObject(resolver, value.node, state) : null;
}

/**
 * Read a request body argument into body evidence: a hashtable, a variable holding one (piped to
 * `ConvertTo-Json` or not), `[pscustomobject]@{...}` or JSON text. A body that cannot be read
 * gives no fields and `complete: false`.
 */
export function readBody(argument: BoundArgument, resolver: Resolver, state: ResolveState): BodyEvidence {
  const offset = argument.value?.kind === 'node' ? argument.value.node.startIndex : argument.offset;
  const object = argumentObject(argument, resolver, state);
  if (!object) {
    return { fields: {}, complete: false, offset };
  }
  return { fields: flattenFields(resolver, object, state), complete: object.complete, offset };
}
