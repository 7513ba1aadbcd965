import { readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import type { Node } from 'web-tree-sitter';
import type { UrlPart } from '../../model/call-site.js';
import { readCommand } from './commands.js';
import { namedChildren, unwrap } from './tree.js';

/** Files larger than this are not read for dot-sourced variables (bytes). */
export const MAX_DOT_SOURCE_BYTES = 1024 * 1024;

/** Variables a dot-sourced file defines, resolved in that file, without offsets. */
export type ImportedVariables = Map<string, UrlPart[]>;

/** `$PSScriptRoot` and its braced form, the folder of the running script. */
const SCRIPT_ROOT = /\$\{?PSScriptRoot\}?/gi;

/**
 * Paths of the files a script dot-sources (`. ./common.ps1`, `. $PSScriptRoot\common.ps1`,
 * `. (Join-Path $PSScriptRoot 'common.ps1')`), read from its command nodes, absolute, limited
 * to files under `root`.
 * NOTE: a relative path is taken from the script's folder; PowerShell takes it from the
 * current location, which is usually the same folder for scripts run from their repository.
 */
export function dotSourcedPaths(commands: readonly Node[], scriptPath: string, root: string): string[] {
  const folder = dirname(scriptPath);
  const paths: string[] = [];
  for (const node of commands) {
    const call = readCommand(node);
    if (!call || call.invocation !== '.') {
      continue;
    }
    const written = pathText(call.nameNode);
    if (!written || !/\.ps[m]?1$/i.test(written)) {
      continue;
    }
    const absolute = resolve(folder, written.replace(SCRIPT_ROOT, folder).replace(/\\/g, '/'));
    const inside = relative(root, absolute);
    if (!inside.startsWith('..') && !inside.startsWith(sep) && absolute !== scriptPath) {
      paths.push(absolute);
    }
  }
  return paths;
}

/** The path text of a dot-source target: a bare path, a quoted one, or a `Join-Path` of literals. */
function pathText(node: Node): string | null {
  const target = unwrap(node);
  if (target.type === 'command') {
    const call = readCommand(target);
    if (!call || !/^join-path$/i.test(call.nameNode.text)) {
      return null;
    }
    const pieces = [...call.positional, ...call.parameters.filter((parameter) => /^(path|childpath)$/i.test(parameter.name)).map((parameter) => parameter.value)];
    const texts = pieces.map((piece) => (piece ? unquote(piece.text) : null));
    return texts.every((text) => text !== null) ? texts.join('/') : null;
  }
  if (target.type === 'path_command_name' || target.type === 'generic_token' || target.type.includes('string')) {
    return unquote(target.text);
  }
  return namedChildren(target).length === 0 ? unquote(target.text) : null;
}

function unquote(text: string): string {
  return text.trim().replace(/^(['"])(.*)\1$/s, '$2');
}

/** Read a dot-source target's text when it exists and is small enough; null otherwise. */
export function readScript(path: string): string | null {
  try {
    const stats = statSync(path);
    if (!stats.isFile() || stats.size > MAX_DOT_SOURCE_BYTES) {
      return null;
    }
    return readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch {
    return null;
  }
}
