import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import type { UrlPart } from '../../model/call-site.js';
import { withTree } from '../tree-sitter/parse.js';
import { namedChildren, stringPieces, type Piece } from './templates.js';
import { literalText } from '../common/resolve-state.js';

/** Sibling `.tf` files larger than this are not read for variable defaults and locals. */
const MAX_SIBLING_BYTES = 1024 * 1024;
/** References that lead to other references are followed this deep, which also stops cycles. */
const MAX_REFERENCE_DEPTH = 8;

export interface ModuleValue {
  pieces: Piece[];
  /** Path relative to the scan root, for `resolvedFrom`. */
  file: string;
  /** Absolute path, so offsets are kept only for values in the scanned file. */
  path: string;
}

/** `var.x` defaults and `local.x` values of one file, keyed `var.x` / `local.x`. */
export function moduleValuesOf(root: Node, path: string, relativePath: string): Map<string, ModuleValue> {
  const values = new Map<string, ModuleValue>();
  const body = namedChildren(root).find((node) => node.type === 'body');
  for (const block of body ? namedChildren(body) : []) {
    if (block.type !== 'block') {
      continue;
    }
    const children = namedChildren(block);
    const type = children[0]?.text;
    const blockBody = children.find((node) => node.type === 'body');
    if (!blockBody || (type !== 'variable' && type !== 'locals')) {
      continue;
    }
    const label = children.find((node) => node.type === 'string_lit');
    const variableName = label ? namedChildren(label).find((node) => node.type === 'template_literal')?.text : undefined;
    for (const attribute of namedChildren(blockBody)) {
      if (attribute.type !== 'attribute') {
        continue;
      }
      const [name, expression] = namedChildren(attribute);
      const pieces = expression ? stringPieces(expression) : undefined;
      if (!name || !pieces) {
        continue;
      }
      if (type === 'variable' && name.text === 'default' && variableName) {
        values.set(`var.${variableName}`, { pieces, file: relativePath, path });
      } else if (type === 'locals') {
        values.set(`local.${name.text}`, { pieces, file: relativePath, path });
      }
    }
  }
  return values;
}

type Node = Parameters<typeof stringPieces>[0];

/**
 * Variable defaults and locals of a Terraform module: the scanned file and the other `.tf` files
 * of its folder (a module is one folder). Sibling files are parsed once per scan.
 */
export class ModuleValues {
  private readonly folders = new Map<string, Promise<Map<string, ModuleValue>>>();

  reset(): void {
    this.folders.clear();
  }

  /** Values defined by the `.tf` files of the folder that contains `path`. */
  siblingsOf(path: string, scanRoot: string): Promise<Map<string, ModuleValue>> {
    const folder = dirname(path);
    let siblings = this.folders.get(folder);
    if (!siblings) {
      siblings = readFolder(folder, scanRoot);
      this.folders.set(folder, siblings);
    }
    return siblings;
  }
}

/**
 * The values a file sees: its own, then those of the other files of its folder. The folder's
 * copy of the file itself is dropped, because the text being scanned may differ from the disk.
 */
export function mergeModuleValues(siblings: Map<string, ModuleValue>, own: Map<string, ModuleValue>, path: string): Map<string, ModuleValue> {
  const merged = new Map<string, ModuleValue>();
  for (const [name, value] of siblings) {
    if (value.path !== path) {
      merged.set(name, value);
    }
  }
  for (const [name, value] of own) {
    merged.set(name, value);
  }
  return merged;
}

async function readFolder(folder: string, scanRoot: string): Promise<Map<string, ModuleValue>> {
  const values = new Map<string, ModuleValue>();
  let names: string[];
  try {
    names = readdirSync(folder).filter((name) => name.endsWith('.tf')).sort();
  } catch {
    return values;
  }
  for (const name of names) {
    const path = join(folder, name);
    try {
      if (statSync(path).size > MAX_SIBLING_BYTES) {
        continue;
      }
      const text = readFileSync(path, 'utf8');
      if (!text.includes('variable') && !text.includes('locals')) {
        continue;
      }
      const found = await withTree('hcl', text, (root) => moduleValuesOf(root, path, relative(scanRoot, path).split('\\').join('/') || basename(path)));
      for (const [key, value] of found) {
        if (!values.has(key)) {
          values.set(key, value);
        }
      }
    } catch {
      // An unreadable sibling only leaves its values unresolved.
    }
  }
  return values;
}

/** Turns pieces into URL parts, resolving `var.x` and `local.x` through the module's values. */
export class Resolver {
  constructor(
    private readonly values: Map<string, ModuleValue>,
    private readonly path: string,
  ) {}

  parts(pieces: Piece[], depth = 0): UrlPart[] {
    const parts: UrlPart[] = [];
    for (const piece of pieces) {
      if (piece.kind === 'literal') {
        parts.push({ kind: 'literal', text: piece.text, offset: piece.offset });
        continue;
      }
      const value = piece.kind === 'ref' ? this.values.get(piece.name) : undefined;
      if (!value || depth >= MAX_REFERENCE_DEPTH) {
        parts.push({ kind: 'dynamic', name: piece.name, offset: piece.offset });
        continue;
      }
      const sameFile = value.path === this.path;
      for (const part of this.parts(value.pieces, depth + 1)) {
        if (part.kind === 'literal' && part.resolvedFrom === undefined) {
          const { offset, ...rest } = part;
          parts.push({ ...rest, ...(sameFile && offset !== undefined ? { offset } : {}), resolvedFrom: `${piece.name} (${value.file})` });
        } else {
          parts.push(sameFile ? part : withoutOffset(part));
        }
      }
    }
    return parts;
  }

  /** The text of pieces when every piece resolves to a literal, else null. */
  text(pieces: Piece[]): string | null {
    const parts = this.parts(pieces);
    return literalText(parts) ?? null;
  }
}

function withoutOffset(part: UrlPart): UrlPart {
  const { offset: _offset, ...rest } = part;
  return rest as UrlPart;
}
