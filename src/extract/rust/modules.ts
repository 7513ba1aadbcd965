import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Node } from 'web-tree-sitter';
import { walk } from '../tree-sitter/parse.js';

/** `use` imports of a file: local name to the full path (`PIM_HOST` to `crate::config::PIM_HOST`). */
export function readUseImports(root: Node): Map<string, string[]> {
  const imports = new Map<string, string[]>();
  walk(root, (node) => {
    if (node.type === 'use_declaration') {
      const argument = node.childForFieldName('argument');
      if (argument) {
        addUseTree(argument, [], imports);
      }
      return false;
    }
    return node.type === 'source_file' || node.type === 'mod_item' || node.type === 'declaration_list' ? undefined : false;
  });
  return imports;
}

function addUseTree(node: Node, prefix: string[], imports: Map<string, string[]>): void {
  switch (node.type) {
    case 'identifier':
    case 'crate':
    case 'self':
    case 'super':
    case 'scoped_identifier': {
      const path = [...prefix, ...node.text.split('::').map((segment) => segment.trim())];
      imports.set(path.at(-1)!, path);
      break;
    }
    case 'use_as_clause': {
      const path = node.childForFieldName('path');
      const alias = node.childForFieldName('alias')?.text;
      if (path && alias) {
        imports.set(alias, [...prefix, ...path.text.split('::').map((segment) => segment.trim())]);
      }
      break;
    }
    case 'scoped_use_list': {
      const path = node.childForFieldName('path');
      const list = node.childForFieldName('list');
      const next = path ? [...prefix, ...path.text.split('::').map((segment) => segment.trim())] : prefix;
      for (const child of list?.namedChildren ?? []) {
        if (child) {
          addUseTree(child, next, imports);
        }
      }
      break;
    }
    case 'use_list':
      for (const child of node.namedChildren) {
        if (child) {
          addUseTree(child, prefix, imports);
        }
      }
      break;
    default:
      break;
  }
}

/** The `src` folder of the crate that contains `file`: the nearest folder with a Cargo.toml, plus `src`. */
export function crateSourceDir(file: string, root: string): string | undefined {
  let folder = dirname(file);
  for (let steps = 0; steps < 64; steps++) {
    if (existsSync(join(folder, 'Cargo.toml'))) {
      return join(folder, 'src');
    }
    if (folder === root || dirname(folder) === folder) {
      break;
    }
    folder = dirname(folder);
  }
  return undefined;
}

/** The folder that holds the submodules of the module in `file` (`src/a/` for `src/a.rs`). */
function moduleDir(file: string): string {
  const name = basename(file);
  return name === 'lib.rs' || name === 'main.rs' || name === 'mod.rs' ? dirname(file) : join(dirname(file), name.replace(/\.rs$/, ''));
}

/**
 * The file of the module a path names, for `crate::a::b`, `super::b`, `self::b` and `b` (a child
 * module of the current file). Returns undefined when no such file exists.
 * NOTE: `#[path = "..."]` attributes and inline `mod x { ... }` blocks are not followed.
 */
export function moduleFile(modulePath: readonly string[], file: string, srcDir: string | undefined): string | undefined {
  let folder: string;
  let rest = [...modulePath];
  if (rest[0] === 'crate') {
    if (!srcDir) {
      return undefined;
    }
    folder = srcDir;
    rest = rest.slice(1);
  } else {
    folder = moduleDir(file);
    while (rest[0] === 'super' || rest[0] === 'self') {
      if (rest[0] === 'super') {
        folder = dirname(folder);
      }
      rest = rest.slice(1);
    }
  }
  if (rest.length === 0) {
    const named = join(folder, '..', `${basename(folder)}.rs`);
    return [join(folder, 'mod.rs'), named, join(folder, 'lib.rs'), join(folder, 'main.rs')].find((path) => existsSync(path));
  }
  const base = join(folder, ...rest);
  return [`${base}.rs`, join(base, 'mod.rs')].find((path) => existsSync(path));
}
