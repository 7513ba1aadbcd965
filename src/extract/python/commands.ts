import type { Node } from 'web-tree-sitter';
import type { BodyEvidence, UrlPart } from '../../model/call-site.js';
import { readAzRest, splitShellWords } from '../common/az-rest.js';
import { jsonBodyFields, UNKNOWN_MARK } from '../common/json-text-body.js';
import { unwrap, type PyContext } from './context.js';
import { readBody } from './body.js';
import { calleeName, keywordArgument, positionalArguments, resolveParts, type ResolveState } from './resolve.js';
import { dottedNames } from './scopes.js';
import { literalText } from '../common/resolve-state.js';

/** Functions that run a command: `subprocess.run(...)`, `os.system("...")` and their relatives. */
const COMMAND_FUNCTIONS = new Set(['run', 'call', 'check_call', 'check_output', 'Popen', 'system', 'popen', 'getoutput', 'getstatusoutput']);

const BODY_FLAGS = new Set(['--body', '-b']);

/** An `az rest` request run from Python. */
export interface PyAzRest {
  node: Node;
  url: UrlPart[];
  method: string | null;
  body?: BodyEvidence;
}

function bodyFromText(parts: readonly UrlPart[]): BodyEvidence | undefined {
  const text = parts.map((part) => (part.kind === 'literal' ? part.text : UNKNOWN_MARK)).join('');
  if (text.startsWith('@')) {
    // `--body @file.json`: the body is in a file the scan does not read.
    return { fields: {}, complete: false };
  }
  return jsonBodyFields(text);
}

/**
 * Recognises `az rest` run through `subprocess` with an argument list
 * (`['az', 'rest', '--method', 'post', '--url', URL, '--body', json.dumps(b)]`) or through a
 * command string (`os.system(f"az rest --url {URL}")`, `subprocess.run("az rest ...", shell=True)`).
 */
export function recognizeAzRest(call: Node, ctx: PyContext, state: ResolveState): PyAzRest | undefined {
  const name = calleeName(call);
  if (!name || !COMMAND_FUNCTIONS.has(name)) {
    return undefined;
  }
  const callee = call.childForFieldName('function');
  const module = callee?.type === 'attribute' ? dottedNames(callee.childForFieldName('object') ?? callee)?.join('.') : undefined;
  if (module !== undefined && module !== 'subprocess' && module !== 'os' && module !== 'commands') {
    return undefined;
  }
  const argument = keywordArgument(call, 'args') ?? positionalArguments(call)[0];
  if (!argument) {
    return undefined;
  }
  const node = unwrap(argument);
  if (node.type === 'list' || node.type === 'tuple') {
    const elements = node.namedChildren.filter((child): child is Node => child !== null && child.type !== 'comment');
    const words = elements.map((element) => resolveParts(element, ctx, state));
    const request = readAzRest(words);
    if (!request) {
      return undefined;
    }
    const found: PyAzRest = { node: call, url: request.url, method: request.method };
    const flagIndex = words.findIndex((word) => BODY_FLAGS.has(literalText(word) ?? ''));
    const bodyNode = flagIndex >= 0 ? elements[flagIndex + 1] : undefined;
    if (bodyNode) {
      const inner = unwrap(bodyNode);
      found.body = inner.type === 'call' ? readBody(inner, ctx, state) : bodyFromText(words[flagIndex + 1]!) ?? { fields: {}, complete: false };
    }
    return found;
  }
  const request = readAzRest(splitShellWords(resolveParts(node, ctx, state)));
  if (!request) {
    return undefined;
  }
  const found: PyAzRest = { node: call, url: request.url, method: request.method };
  if (request.body) {
    found.body = bodyFromText(request.body) ?? { fields: {}, complete: false };
  }
  return found;
}
