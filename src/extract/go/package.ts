import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Parser } from 'web-tree-sitter';
import type { UrlPart } from '../../model/call-site.js';
import { GoResolver, ResolveState } from './resolve.js';
import { packageValues, structTypes } from './scope.js';
import { packageName, structJsonNames } from './syntax.js';
import { readProjectFile } from '../common/file-texts.js';

/** Maximum number of sibling files read in one folder. */
const MAX_FILES = 2_000;

interface SiblingFile {
  path: string;
  relativePath: string;
  text: string;
  values: Set<string>;
}

/**
 * The other files of one Go package (same folder, same `package` clause), read on demand when
 * code uses a constant, variable or struct type this file does not declare. Cached per scan.
 */
export class GoPackage {
  private siblings: SiblingFile[] | undefined;
  private readonly structs = new Map<string, Map<string, string | null>>();
  private readonly values = new Map<string, { parts: UrlPart[]; file: string } | undefined>();
  private readonly loading = new Set<string>();

  constructor(
    private readonly folder: string,
    private readonly name: string,
    private readonly root: string,
    private readonly parser: Parser,
  ) {}

  /** The value of a package-level constant or variable declared in another file, as URL parts. */
  value(name: string, excludeFile: string): { parts: UrlPart[]; file: string } | undefined {
    if (this.values.has(name)) {
      return this.values.get(name);
    }
    if (this.loading.has(name)) {
      return undefined;
    }
    const file = this.files().find((sibling) => sibling.path !== excludeFile && sibling.values.has(name));
    if (!file) {
      return undefined;
    }
    this.loading.add(name);
    let result: { parts: UrlPart[]; file: string } | undefined;
    try {
      result = this.resolveIn(file, name);
    } finally {
      this.loading.delete(name);
    }
    this.values.set(name, result);
    return result;
  }

  /** JSON names of a struct type declared anywhere in the package. */
  structNames(name: string): Map<string, string | null> | undefined {
    this.files();
    return this.structs.get(name);
  }

  private resolveIn(file: SiblingFile, name: string): { parts: UrlPart[]; file: string } | undefined {
    const tree = this.parser.parse(file.text);
    if (!tree) {
      return undefined;
    }
    try {
      const value = packageValues(tree.rootNode).get(name);
      if (!value) {
        return undefined;
      }
      const resolver = new GoResolver({ root: tree.rootNode, path: file.path, relativePath: file.relativePath, pkg: this }, new ResolveState());
      return { parts: resolver.parts(value), file: file.relativePath };
    } finally {
      tree.delete();
    }
  }

  private files(): SiblingFile[] {
    if (this.siblings) {
      return this.siblings;
    }
    this.siblings = [];
    let entries: string[] = [];
    try {
      entries = readdirSync(this.folder).filter((entry) => entry.endsWith('.go')).sort().slice(0, MAX_FILES);
    } catch {
      entries = [];
    }
    for (const entry of entries) {
      const full = path.join(this.folder, entry);
      const text = readProjectFile(full);
      if (text === undefined) {
        continue;
      }
      const tree = this.parser.parse(text);
      if (!tree) {
        continue;
      }
      try {
        if (packageName(tree.rootNode) !== this.name) {
          continue;
        }
        for (const [typeName, struct] of structTypes(tree.rootNode)) {
          if (!this.structs.has(typeName)) {
            this.structs.set(typeName, structJsonNames(struct));
          }
        }
        const relativePath = path.relative(this.root, full).split(path.sep).join('/');
        this.siblings.push({ path: full, relativePath, text, values: new Set(packageValues(tree.rootNode).keys()) });
      } finally {
        tree.delete();
      }
    }
    return this.siblings;
  }
}
