import type { Node } from 'web-tree-sitter';
import { namedChildren, unwrap } from './tree.js';

/** One `-Name value`, `-Name:value` or switch of a command, as written. */
export interface CommandParameter {
  /** Name without dashes, as written (`ProviderId`, `method` for `--method`). */
  name: string;
  offset: number;
  /** The argument, or null for a switch. */
  value: Node | null;
}

/** A command invocation read from the tree. */
export interface CommandCall {
  node: Node;
  /** `&` or `.` when the command is invoked through an operator. */
  invocation: '&' | '.' | null;
  /** The name token (`command_name`), or the expression after `&` / `.` that gives the name. */
  nameNode: Node;
  parameters: CommandParameter[];
  /** Arguments not bound to a named parameter, in order. */
  positional: Node[];
  /** `@name` splats, in order. */
  splats: Node[];
}

/** The command name as written, when it is a plain token (not `& $expression`). */
export function commandNameText(node: Node): string | null {
  const name = namedChildren(node).find((child) => child.type === 'command_name');
  return name ? name.text : null;
}

/**
 * Read a command's name, parameters, positional arguments and splats. A parameter followed by an
 * argument takes it as its value unless a `-Name:` colon form already bound one.
 * NOTE: without the cmdlet's metadata, a switch followed by a positional argument reads that
 * argument as the switch's value; the PIM cmdlets take no positional arguments after switches.
 * The result is shared by every caller that passes the same node object, so callers must not
 * change it.
 */
export function readCommand(node: Node): CommandCall | null {
  let call = readCommands.get(node);
  if (call === undefined) {
    call = readCommandNode(node);
    readCommands.set(node, call);
  }
  return call;
}

/**
 * Commands already read, by node object: the dot-source search and the extraction read the same
 * command nodes, and each read crosses the WebAssembly boundary once per child.
 */
const readCommands = new WeakMap<Node, CommandCall | null>();

function readCommandNode(node: Node): CommandCall | null {
  const children = namedChildren(node);
  const operator = children.find((child) => child.type === 'command_invokation_operator');
  const nameNode = children.find((child) => child.type === 'command_name' || child.type === 'command_name_expr');
  if (!nameNode) {
    return null;
  }
  const call: CommandCall = {
    node,
    invocation: operator ? (operator.text.trim() === '&' ? '&' : '.') : null,
    nameNode: nameNode.type === 'command_name_expr' ? (namedChildren(nameNode)[0] ?? nameNode) : nameNode,
    parameters: [],
    positional: [],
    splats: [],
  };
  const elements = children.find((child) => child.type === 'command_elements');
  let pending: CommandParameter | null = null;
  for (const element of elements ? namedChildren(elements) : []) {
    if (element.type === 'command_argument_sep' || element.type === 'redirection' || element.type === 'stop_parsing') {
      continue;
    }
    if (element.type === 'command_parameter') {
      if (pending) {
        call.parameters.push(pending);
      }
      pending = { name: element.text.replace(/^[-\u2013\u2014]+/, '').replace(/:$/, ''), offset: element.startIndex, value: null };
      continue;
    }
    const inner = unwrap(element);
    if (inner.type === 'variable' && inner.text.startsWith('@')) {
      call.splats.push(inner);
      continue;
    }
    if (pending) {
      pending.value = element;
      call.parameters.push(pending);
      pending = null;
    } else {
      call.positional.push(element);
    }
  }
  if (pending) {
    call.parameters.push(pending);
  }
  return call;
}

/** The value of a named parameter (case-insensitive; a later one wins, as PowerShell rejects duplicates anyway). */
export function parameterOf(call: CommandCall, ...names: string[]): CommandParameter | undefined {
  const wanted = names.map((name) => name.toLowerCase());
  return [...call.parameters].reverse().find((parameter) => wanted.includes(parameter.name.toLowerCase()));
}
