import type { CommandCall } from './commands.js';
import { readObject, type FieldValue } from './objects.js';
import type { ResolveState, Resolver } from './resolve.js';

/** A parameter of a command after splats are expanded. */
export interface BoundArgument {
  name: string;
  /** Offset of the `-Name` token, or of the splat for a splatted parameter. */
  offset: number;
  /** The value, or null for a switch. */
  value: FieldValue | null;
}

export interface BoundArguments {
  list: BoundArgument[];
  /** False when a splat could not be read, so parameters may be missing. */
  complete: boolean;
}

/**
 * Bind a command's written parameters and the members of its `@splat` hashtables. Written
 * parameters come after splatted ones, so `find` sees the written one last and `named` prefers it.
 */
export function bindArguments(call: CommandCall, resolver: Resolver, state: ResolveState): BoundArguments {
  const list: BoundArgument[] = [];
  let complete = true;
  for (const splat of call.splats) {
    const object = readObject(resolver, splat, state);
    if (!object) {
      complete = false;
      continue;
    }
    complete &&= object.complete;
    for (const [name, value] of object.entries) {
      list.push({ name, offset: splat.startIndex, value });
    }
  }
  for (const parameter of call.parameters) {
    list.push({ name: parameter.name, offset: parameter.offset, value: parameter.value ? { kind: 'node', node: parameter.value } : null });
  }
  return { list, complete };
}

/** The bound argument with one of the names (case-insensitive), preferring the last written. */
export function named(args: BoundArguments, ...names: string[]): BoundArgument | undefined {
  const wanted = names.map((name) => name.toLowerCase());
  return [...args.list].reverse().find((argument) => wanted.includes(argument.name.toLowerCase()));
}
