import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Parser } from 'web-tree-sitter';
import type { UrlPart } from '../../model/call-site.js';
import { jsonNamesOf } from './json-names.js';
import { CsResolver, ResolveState } from './resolve.js';
import { memberValue, typesByName } from './scope.js';
import { namedChildren } from './syntax.js';
import { FileTexts } from '../common/file-texts.js';

/** Maximum number of `.cs` files listed under the scan root. */
const MAX_FILES = 20_000;
/** Folders that hold build output or dependencies, not project sources. */
const SKIPPED_FOLDERS = new Set(['bin', 'obj', 'node_modules', '.git', '.vs', 'packages']);

/** Constants and JSON property names of one type declared in another file. */
export interface TypeTable {
  /** Member name to its value as URL parts, with offsets into `file` (dropped by the reader). */
  constants: Map<string, UrlPart[]>;
  /** C# property name to the JSON name its attribute sets. */
  jsonNames: Map<string, string>;
  /** Path relative to the scan root. */
  file: string;
}

/**
 * The `.cs` files under the scan root, read on demand when code uses a type this file does not
 * declare (`PimEndpoints.Base`). Results are cached for one scan.
 */
export class CsProject {
  private files: string[] | undefined;
  private readonly texts = new FileTexts();
  private readonly tables = new Map<string, TypeTable | undefined>();
  private readonly loading = new Set<string>();

  constructor(
    readonly root: string,
    private readonly parser: Parser,
  ) {}

  /** Finds a type by simple name in the project and returns its table, or undefined. */
  typeTable(name: string, excludeFile?: string): TypeTable | undefined {
    if (this.tables.has(name)) {
      return this.tables.get(name);
    }
    if (this.loading.has(name)) {
      // A constant that refers back to its own type while it is being read: a cycle.
      return undefined;
    }
    this.loading.add(name);
    let table: TypeTable | undefined;
    try {
      table = this.loadType(name, excludeFile);
    } finally {
      this.loading.delete(name);
    }
    this.tables.set(name, table);
    return table;
  }

  private loadType(name: string, excludeFile: string | undefined): TypeTable | undefined {
    const declaration = new RegExp(`\\b(?:class|struct|record|interface)\\s+${name}\\b`);
    for (const file of this.listFiles()) {
      if (file === excludeFile) {
        continue;
      }
      const text = this.texts.read(file);
      if (text === undefined || !declaration.test(text)) {
        continue;
      }
      const table = this.readTable(file, text, name);
      if (table) {
        return table;
      }
    }
    return undefined;
  }

  private readTable(file: string, text: string, name: string): TypeTable | undefined {
    const tree = this.parser.parse(text);
    if (!tree) {
      return undefined;
    }
    try {
      const type = typesByName(tree.rootNode).get(name);
      if (!type) {
        return undefined;
      }
      const relativePath = path.relative(this.root, file).split(path.sep).join('/');
      const resolver = new CsResolver({ root: tree.rootNode, relativePath, project: this }, new ResolveState());
      const constants = new Map<string, UrlPart[]>();
      for (const member of constantMemberNames(type)) {
        const value = memberValue(type, member);
        if (value) {
          constants.set(member, resolver.parts(value));
        }
      }
      return { constants, jsonNames: jsonNamesOf(type), file: relativePath };
    } finally {
      tree.delete();
    }
  }

  private listFiles(): string[] {
    if (this.files) {
      return this.files;
    }
    const files: string[] = [];
    const folders = [this.root];
    while (folders.length > 0 && files.length < MAX_FILES) {
      const folder = folders.pop()!;
      let entries;
      try {
        entries = readdirSync(folder, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const entry of entries) {
        if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) {
          folders.push(path.join(folder, entry.name));
        } else if (entry.isFile() && entry.name.endsWith('.cs')) {
          files.push(path.join(folder, entry.name));
        }
      }
    }
    this.files = files.sort();
    return this.files;
  }
}

/** Names of the fields and properties a type declares directly. */
function constantMemberNames(type: import('web-tree-sitter').Node): string[] {
  const body = namedChildren(type).find((child) => child.type === 'declaration_list');
  const names: string[] = [];
  for (const member of body ? namedChildren(body) : []) {
    if (member.type === 'property_declaration') {
      names.push(member.childForFieldName('name')?.text ?? '');
    } else if (member.type === 'field_declaration') {
      for (const declarator of member.descendantsOfType('variable_declarator')) {
        names.push(declarator?.childForFieldName('name')?.text ?? '');
      }
    }
  }
  return names.filter((name) => name !== '');
}
