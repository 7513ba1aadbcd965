import type { Node } from 'web-tree-sitter';
import type { CommandCall } from '../../extract/powershell/commands.js';
import type { FixAttempt } from '../edits.js';

/** The summary's check for a person when the script uses the old cmdlet's or request's output. */
export const RESULT_REVIEW =
  'the script uses the output, and iteration 3 returns a schedule request with another shape (status is a string, principal instead of subject, no assignmentState); check what it reads';

/**
 * Decides whether a script uses the output of the command `call`. Output assigned to `$null`,
 * cast to `[void]` or piped to `Out-Null` is discarded, and so is a statement at the script's top
 * level, whose output only reaches the console. Anything else, including a statement in a function
 * or script block (its output becomes the block's result), needs a person's check.
 */
export function resultReview(call: CommandCall): string | undefined {
  const chain = call.node.parent;
  if (chain?.type !== 'pipeline_chain') {
    return RESULT_REVIEW;
  }
  const commands = chain.namedChildren.filter((child): child is Node => child !== null && child.type === 'command');
  const index = commands.findIndex((command) => command.startIndex === call.node.startIndex);
  if (index < 0) {
    return RESULT_REVIEW;
  }
  if (index < commands.length - 1) {
    const next = commands[index + 1]!;
    const discarded = index + 2 === commands.length && /^(microsoft\.powershell\.core\\)?out-null$/i.test(next.childForFieldName('command_name')?.text ?? next.namedChildren[0]?.text ?? '');
    return discarded ? undefined : RESULT_REVIEW;
  }
  const pipeline = chain.parent;
  const parent = pipeline?.parent;
  if (!pipeline || !parent) {
    return RESULT_REVIEW;
  }
  if (parent.type === 'assignment_expression') {
    return parent.namedChildren[0]?.text.trim().toLowerCase() === '$null' ? undefined : RESULT_REVIEW;
  }
  if (parent.type === 'parenthesized_expression') {
    return isVoidCast(parent) ? undefined : RESULT_REVIEW;
  }
  if (parent.type === 'statement_list' && !insideScriptBlock(parent)) {
    return undefined;
  }
  return RESULT_REVIEW;
}

/** `[void](...)`: the cast's type names void and its operand is this parenthesized expression. */
function isVoidCast(parenthesized: Node): boolean {
  let node: Node | null = parenthesized.parent;
  while (node && node.type === 'unary_expression') {
    node = node.parent;
  }
  if (node?.type !== 'cast_expression') {
    return false;
  }
  const type = node.namedChildren.find((child) => child?.type === 'type_literal');
  return /^\[\s*(system\.)?void\s*\]$/i.test(type?.text ?? '');
}

function insideScriptBlock(node: Node): boolean {
  for (let current: Node | null = node.parent; current; current = current.parent) {
    if (current.type === 'script_block' || current.type === 'function_statement') {
      return true;
    }
  }
  return false;
}

/** Lowers a fix to a suggestion when the script uses the output of the command it rewrote. */
export function withResultReview(attempt: FixAttempt, call: CommandCall): FixAttempt {
  if ('reason' in attempt || attempt.review !== undefined) {
    return attempt;
  }
  const review = resultReview(call);
  return review === undefined ? attempt : { ...attempt, review };
}
