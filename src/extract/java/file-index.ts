import type { Node } from 'web-tree-sitter';
import type { UrlPart } from '../../model/call-site.js';
import { walk } from '../tree-sitter/parse.js';

/** Constants of another class, by field name, resolved inside that class's file. */
export type ClassConstants = ReadonlyMap<string, UrlPart[]>;

/** Declarations of one Java file that string resolution looks up by name. */
export interface JavaFileIndex {
  /** Field initialisers by class name, then field name (`static final` or not). */
  classFields: Map<string, Map<string, Node>>;
  /** `import static a.b.Endpoints.BASE` (or `.*`): member name (or `*`) to class names. */
  staticImports: Map<string, string[]>;
  /** Class names referenced as `Name.FIELD` that this file does not declare. */
  externalClasses: Set<string>;
}

const FIELD_OWNERS = new Set(['class_declaration', 'interface_declaration', 'enum_declaration', 'record_declaration']);

export function indexJavaFile(root: Node): JavaFileIndex {
  const index: JavaFileIndex = { classFields: new Map(), staticImports: new Map(), externalClasses: new Set() };
  const referenced = new Set<string>();
  walk(root, (node) => {
    if (node.type === 'field_declaration' || node.type === 'constant_declaration') {
      const owner = enclosingTypeName(node);
      if (owner) {
        for (const declarator of node.namedChildren) {
          const name = declarator?.type === 'variable_declarator' ? declarator.childForFieldName('name')?.text : undefined;
          const value = declarator?.childForFieldName('value');
          if (name && value) {
            let fields = index.classFields.get(owner);
            if (!fields) {
              fields = new Map();
              index.classFields.set(owner, fields);
            }
            fields.set(name, value);
          }
        }
      }
    } else if (node.type === 'import_declaration' && /^import\s+static\b/.test(node.text)) {
      const path = node.text.replace(/^import\s+static\s+/, '').replace(/\s*;\s*$/, '').split('.');
      const member = path.pop();
      const className = path.pop();
      if (member && className) {
        index.staticImports.set(member, [...(index.staticImports.get(member) ?? []), className]);
        referenced.add(className);
      }
      return false;
    } else if (node.type === 'field_access') {
      const object = node.childForFieldName('object');
      if (object?.type === 'identifier' && /^[A-Z]/.test(object.text)) {
        referenced.add(object.text);
      }
    }
    return undefined;
  });
  for (const name of referenced) {
    if (!index.classFields.has(name)) {
      index.externalClasses.add(name);
    }
  }
  return index;
}

/** Name of the class, interface, enum or record that declares `node`. */
export function enclosingTypeName(node: Node): string | undefined {
  let current = node.parent;
  while (current) {
    if (FIELD_OWNERS.has(current.type)) {
      return current.childForFieldName('name')?.text;
    }
    current = current.parent;
  }
  return undefined;
}
