import type { Node } from 'web-tree-sitter';
import { ResolveState } from '../../extract/powershell/resolve.js';
import { cookExpandable, cookVerbatim, stringContent } from '../../extract/powershell/strings.js';
import { isStringNode, shortText, unwrap } from '../../extract/powershell/tree.js';
import type { Edit } from '../edits.js';
import type { FixPlan } from '../plan.js';
import { DYNAMIC_MARK, rewriteUrlLiteral } from '../url-rewrite.js';
import type { RestCall } from './rest-call.js';
import type { PowerShellScript } from './script.js';
import { singleUseAssignment } from './single-use.js';

/** The undocumented PIM service host in every cloud (`api.azrbac.mspim.azure.com` and its sovereign variants). */
export const PIM_HOST = /^https?:\/\/api\.azrbac\./i;

/** A written host: scheme and authority, up to the first path, query, variable or escape character. */
const WRITTEN_HOST = /^https?:\/\/[^/?#$`'"]+/i;

/** Base URL that `Invoke-MgGraphRequest` puts before a relative `beta/...` URI; only its path is kept. */
const RELATIVE_BASE = 'https://graph.microsoft.com';

export type UrlEdit = { edit: Edit } | { reason: string };

/**
 * Rewrites the URL of a REST call to the plan's replacement. The URL is one string literal on
 * the call or in a variable assigned once and used only by it. The host stays as written (a
 * literal, or a variable such as `$graph` that holds only the host), and the version and path
 * after it become the replacement's `/v1.0/...`.
 */
export function rewriteRestUrl(script: PowerShellScript, rest: RestCall, plan: FixPlan): UrlEdit {
  let target = unwrap(rest.uri);
  if (target.type === 'variable') {
    const single = singleUseAssignment(script, target);
    if ('reason' in single) {
      return { reason: `${single.reason}; give this call its own URL, then rerun the fix` };
    }
    target = unwrap(single.assignment.value);
  }
  if (!isStringNode(target) || target.type.includes('here_string')) {
    return { reason: `the URL ${shortText(target)} is built by an expression, not written as one string; write it as one string, then rerun the fix` };
  }
  const content = stringContent(target);
  const host = hostOf(script, target, content.start, content.verbatim);
  if ('reason' in host) {
    return host;
  }
  if (PIM_HOST.test(host.value)) {
    return { reason: pimHostReason() };
  }
  if (host.value === '' && !rest.graphRequest) {
    return { reason: 'the URL has no host; write the absolute Graph URL, then rerun the fix' };
  }
  const tail = tailWithMarks(script, target, host.end, content.end, content.verbatim);
  // A relative Invoke-MgGraphRequest URI is read against the Graph host to find its replacement.
  let base = host.value;
  if (base === '') {
    base = tail.startsWith('/') ? RELATIVE_BASE : `${RELATIVE_BASE}/`;
  }
  const rewrite = rewriteUrlLiteral(base + tail, plan);
  if ('reason' in rewrite) {
    return rewrite;
  }
  let newTail = rewrite.text.replace(/^https?:\/\/[^/]+/i, '');
  if (host.value === '' && !tail.startsWith('/')) {
    newTail = newTail.slice(1);
  }
  const escaped = content.verbatim ? newTail.replace(/'/g, "''") : newTail.replace(/[`$"]/g, (char) => '`' + char);
  return { edit: { start: host.end, end: content.end, text: escaped } };
}

export function pimHostReason(): string {
  return 'the call goes to the PIM service host with a token for that host\'s audience, which Microsoft Graph rejects; request a Microsoft Graph token, then change the URL and body by hand';
}

type Host = { value: string; end: number } | { reason: string };

/**
 * Reads the host at the start of a string: written (`https://graph.microsoft.com`), or a leading
 * variable or `$(...)` whose value in this script is a host with no path. A string that starts
 * with the path has host `''`, which only `Invoke-MgGraphRequest` accepts.
 */
function hostOf(script: PowerShellScript, node: Node, start: number, verbatim: boolean): Host {
  const leading = verbatim ? undefined : embeddedParts(node, start, Number.MAX_SAFE_INTEGER)[0];
  if (leading && leading.startIndex === start) {
    const value = script.resolver.value(leading, new ResolveState());
    if (value === null) {
      return { reason: `the host in ${leading.text} is not known in this script; write the Graph host in the string, then rerun the fix` };
    }
    if (!/^https?:\/\/[^/?#]+$/i.test(value)) {
      return { reason: `${leading.text} holds ${value}, which is more than the host; write the version and path in the string, then rerun the fix` };
    }
    return { value, end: leading.endIndex };
  }
  const written = WRITTEN_HOST.exec(script.text.slice(start, start + 300));
  return written ? { value: written[0], end: start + written[0].length } : { value: '', end: start };
}

/** Returns the string's text from `start` to `end`, with each embedded `$name` or `$(...)` as DYNAMIC_MARK. */
function tailWithMarks(script: PowerShellScript, node: Node, start: number, end: number, verbatim: boolean): string {
  if (verbatim) {
    return cookVerbatim(script.text.slice(start, end), false);
  }
  let out = '';
  let cursor = start;
  for (const part of embeddedParts(node, start, end)) {
    out += cookExpandable(script.text.slice(cursor, part.startIndex), false) + DYNAMIC_MARK;
    cursor = part.endIndex;
  }
  return out + cookExpandable(script.text.slice(cursor, end), false);
}

/** Variables and sub-expressions embedded in an expandable string between two offsets. */
function embeddedParts(node: Node, start: number, end: number): Node[] {
  return node.namedChildren.filter((child): child is Node => child !== null && child.startIndex >= start && child.endIndex <= end);
}
