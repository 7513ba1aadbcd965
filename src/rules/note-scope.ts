import type { RuleNote } from './schema.js';

/** The call a note may concern: the old path (ids as `{id}`) and the new request's action. */
export interface NoteContext {
  path?: string;
  /** Undefined when the evidence does not choose one action; a note scoped by action then applies. */
  action?: string;
}

/**
 * Returns true when a note concerns this call. A note without `paths` or `actions` concerns
 * every call of its rule. A scoped note applies unless the call is known to be outside its
 * scope, so an unknown path or action never hides an unconfirmed fact.
 */
export function noteApplies(note: RuleNote, context: NoteContext): boolean {
  if (typeof note === 'string') {
    return true;
  }
  if (note.paths && context.path !== undefined && !note.paths.some((template) => pathFits(template, context.path!))) {
    return false;
  }
  if (note.actions && context.action !== undefined && !note.actions.some((action) => action.toLowerCase() === context.action!.toLowerCase())) {
    return false;
  }
  return true;
}

/** Segment by segment: `{name}` fits any segment, literal segments compare without case. */
function pathFits(template: string, path: string): boolean {
  const want = template.split('/').filter(Boolean);
  const have = path.split(/[?#]/, 1)[0]!.split('/').filter(Boolean);
  return want.length === have.length && want.every((segment, index) => /^\{[^}]+\}$/.test(segment) || segment.toLowerCase() === have[index]!.toLowerCase());
}
