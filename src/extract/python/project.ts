import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Node } from 'web-tree-sitter';
import type { UrlPart } from '../../model/call-site.js';
import { parseWith } from '../tree-sitter/parse.js';
import { nodesOfTypes } from '../tree-sitter/collect.js';
import type { ImportTarget, ModuleValues, PyContext } from './context.js';
import { collectImports, type ImportSpec } from './imports.js';
import { ResolveState, resolveParts } from './resolve.js';
import { ScopeTable } from './scopes.js';
import { resolvedFromName } from '../common/resolve-state.js';

/** Imported modules larger than this are not read: constant files are small. */
const MAX_MODULE_BYTES = 1024 * 1024;

/** How many import hops are followed from the scanned file (`a` imports `b` imports `c`). */
const MAX_IMPORT_DEPTH = 3;

/** Import statements anywhere in a file (also inside functions and `try` blocks). */
export function importStatements(root: Node): Node[] {
  // An import statement never contains another, so no subtree needs skipping.
  return nodesOfTypes(root, ['import_statement', 'import_from_statement']);
}

function isInside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

function moduleFileIn(base: string, dotted: string, root: string): string | undefined {
  const segments = dotted === '' ? [] : dotted.split('.');
  const stem = path.join(base, ...segments);
  for (const candidate of [`${stem}.py`, path.join(stem, '__init__.py')]) {
    if (isInside(root, candidate) && existsSync(candidate)) {
      try {
        if (statSync(candidate).isFile()) {
          return candidate;
        }
      } catch {
        // An unreadable candidate is skipped like a missing one.
      }
    }
  }
  return undefined;
}

/**
 * Finds the file of a module under the scan root. A relative import starts from the importing
 * file's package. The scanned tree does not say where its import root is, so an absolute import
 * is tried from each folder between the file and the root, and from `root/src`.
 */
export function findModuleFile(importer: string, root: string, module: string, level: number): string | undefined {
  if (level > 0) {
    let base = path.dirname(importer);
    for (let i = 1; i < level; i++) {
      base = path.dirname(base);
    }
    return moduleFileIn(base, module, root);
  }
  const bases: string[] = [];
  let current = path.dirname(importer);
  for (let guard = 0; guard < 30 && (current === root || isInside(root, current)); guard++) {
    bases.push(current);
    if (current === root) {
      break;
    }
    current = path.dirname(current);
  }
  bases.push(path.join(root, 'src'));
  for (const base of bases) {
    const found = moduleFileIn(base, module, root);
    if (found) {
      return found;
    }
  }
  return undefined;
}

/**
 * Reads the string constants of the project's Python modules on demand, once per scan. Only
 * files are read; nothing is imported or executed.
 */
export class PythonProject {
  private readonly modules = new Map<string, Promise<ModuleValues | undefined>>();

  reset(): void {
    this.modules.clear();
  }

  /** Resolves the import bindings of a file to the constants of the modules they name. */
  async importsOf(specs: readonly ImportSpec[], importer: string, root: string, depth = 0): Promise<Map<string, ImportTarget>> {
    const targets = new Map<string, ImportTarget>();
    if (depth >= MAX_IMPORT_DEPTH) {
      return targets;
    }
    for (const spec of specs) {
      const moduleFile = findModuleFile(importer, root, spec.module, spec.level);
      const values = moduleFile ? await this.load(moduleFile, root, depth + 1) : undefined;
      if (spec.star) {
        for (const name of values?.constants.keys() ?? []) {
          targets.set(name, { kind: 'value', values: values!, name });
        }
        continue;
      }
      if (spec.name === undefined) {
        if (values) {
          targets.set(spec.local, { kind: 'module', values });
        }
        continue;
      }
      // `from pkg import config` names a submodule when the package has no such value.
      const hasValue = values && [...values.constants.keys()].some((key) => key === spec.name || key.startsWith(`${spec.name}.`));
      if (values && hasValue) {
        targets.set(spec.local, { kind: 'value', values, name: spec.name });
        continue;
      }
      const submodule = findModuleFile(importer, root, spec.module === '' ? spec.name : `${spec.module}.${spec.name}`, spec.level);
      const submoduleValues = submodule ? await this.load(submodule, root, depth + 1) : undefined;
      if (submoduleValues) {
        targets.set(spec.local, { kind: 'module', values: submoduleValues });
      }
    }
    return targets;
  }

  private load(file: string, root: string, depth: number): Promise<ModuleValues | undefined> {
    let loaded = this.modules.get(file);
    if (!loaded) {
      loaded = this.read(file, root, depth).catch(() => undefined);
      this.modules.set(file, loaded);
    }
    return loaded;
  }

  private async read(file: string, root: string, depth: number): Promise<ModuleValues | undefined> {
    if (statSync(file).size > MAX_MODULE_BYTES) {
      return undefined;
    }
    const text = readFileSync(file, 'utf8');
    const relativePath = path.relative(root, file).split(path.sep).join('/');
    const values: ModuleValues = { relativePath, constants: new Map() };
    const tree = await parseWith('python', text);
    try {
      // The module's own imports are loaded before its tree is read, because parsing is async.
      const rootNode = tree.rootNode;
      const imports = await this.importsOf(collectImports(importStatements(rootNode)), file, root, depth);
      const scopes = new ScopeTable(rootNode);
      const ctx: PyContext = { root: rootNode, relativePath, sameFile: false, scopes, imports };
      for (const [name, target] of imports) {
        if (target.kind === 'value') {
          const parts = target.values.constants.get(target.name);
          if (parts) {
            values.constants.set(name, parts);
          }
        }
      }
      for (const [name, bindings] of scopes.moduleNames(rootNode)) {
        this.addConstant(values, name, bindings.at(-1)?.value ?? null, ctx);
      }
      for (const child of rootNode.namedChildren) {
        if (child?.type === 'class_definition') {
          const className = child.childForFieldName('name')?.text;
          for (const [name, bindings] of scopes.scopeOf(child).names) {
            if (className && !name.startsWith('self.')) {
              this.addConstant(values, `${className}.${name}`, bindings.at(-1)?.value ?? null, ctx);
            }
          }
        }
      }
    } finally {
      tree.delete();
    }
    return values;
  }

  private addConstant(values: ModuleValues, name: string, value: Node | null, ctx: PyContext): void {
    if (!value || !['string', 'concatenated_string', 'binary_operator', 'call', 'identifier', 'attribute', 'parenthesized_expression'].includes(value.type)) {
      return;
    }
    const parts: UrlPart[] = resolveParts(value, ctx, new ResolveState());
    if (parts.some((part) => part.kind === 'literal')) {
      values.constants.set(name, resolvedFromName(parts, `${name} (${ctx.relativePath})`).map((part) => stripOffset(part)));
    }
  }
}

function stripOffset(part: UrlPart): UrlPart {
  const { offset: _offset, ...rest } = part;
  return rest;
}
