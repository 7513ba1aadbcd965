import type { Node } from 'web-tree-sitter';

/**
 * One name an import statement binds. `local` is the name the file uses (`c`, `PIM_API`, or
 * `pkg.config` for `import pkg.config`); `name` is the imported member for `from m import name`.
 */
export interface ImportSpec {
  local: string;
  module: string;
  /** Leading dots of a relative import (0 for an absolute one). */
  level: number;
  name?: string;
  /** `from m import *`. */
  star?: boolean;
}

function moduleNameOf(node: Node): { module: string; level: number } {
  if (node.type === 'relative_import') {
    const prefix = node.namedChildren.find((child) => child?.type === 'import_prefix');
    const dotted = node.namedChildren.find((child) => child?.type === 'dotted_name');
    return { module: dotted?.text ?? '', level: prefix?.text.length ?? 1 };
  }
  return { module: node.text, level: 0 };
}

/** Lists the bindings of every `import` and `from ... import` statement in the file, at any depth. */
export function collectImports(statements: readonly Node[]): ImportSpec[] {
  const specs: ImportSpec[] = [];
  for (const statement of statements) {
    if (statement.type === 'import_statement') {
      for (const name of statement.childrenForFieldName('name')) {
        if (name?.type === 'aliased_import') {
          const module = name.childForFieldName('name')?.text;
          const alias = name.childForFieldName('alias')?.text;
          if (module && alias) {
            specs.push({ local: alias, module, level: 0 });
          }
        } else if (name?.type === 'dotted_name') {
          specs.push({ local: name.text, module: name.text, level: 0 });
        }
      }
      continue;
    }
    const moduleNode = statement.childForFieldName('module_name');
    if (!moduleNode) {
      continue;
    }
    const { module, level } = moduleNameOf(moduleNode);
    if (statement.namedChildren.some((child) => child?.type === 'wildcard_import')) {
      specs.push({ local: '*', module, level, star: true });
      continue;
    }
    for (const name of statement.childrenForFieldName('name')) {
      if (name?.type === 'aliased_import') {
        const imported = name.childForFieldName('name')?.text;
        const alias = name.childForFieldName('alias')?.text;
        if (imported && alias) {
          specs.push({ local: alias, module, level, name: imported });
        }
      } else if (name?.type === 'dotted_name') {
        specs.push({ local: name.text, module, level, name: name.text });
      }
    }
  }
  return specs;
}
