import type { Node } from 'web-tree-sitter';
import { allChildren, initializerOf, MAX_ANCESTORS, namedChildren, TYPE_DECLARATIONS } from './syntax.js';

/** What a name refers to at one point of the code. */
export type LocalLookup = { kind: 'value'; expression: Node } | { kind: 'parameter' } | undefined;

const BLOCKS = new Set(['block', 'switch_section', 'compilation_unit', 'declaration_list']);
const FUNCTIONS = new Set([
  'method_declaration',
  'constructor_declaration',
  'local_function_statement',
  'lambda_expression',
  'anonymous_method_expression',
  'operator_declaration',
  'accessor_declaration',
]);
const LOOP_VARIABLES = new Set(['foreach_statement', 'catch_declaration', 'using_statement', 'for_statement']);

/** The declarator named `name` in a `local_declaration_statement` (or a top-level statement that wraps one). */
function declaratorIn(statement: Node, name: string): Node | undefined {
  const declaration = statement.type === 'global_statement' ? statement.namedChild(0) : statement;
  if (!declaration || (declaration.type !== 'local_declaration_statement' && declaration.type !== 'field_declaration')) {
    return undefined;
  }
  const variables = namedChildren(declaration).find((child) => child.type === 'variable_declaration');
  return variables ? namedChildren(variables).find((child) => child.type === 'variable_declarator' && child.childForFieldName('name')?.text === name) : undefined;
}

/** True when a function, lambda or loop declares `name` as a parameter or loop variable. */
function declaresParameter(node: Node, name: string): boolean {
  for (const child of namedChildren(node)) {
    if (child.type === 'parameter_list') {
      if (namedChildren(child).some((parameter) => parameter.childForFieldName('name')?.text === name)) {
        return true;
      }
    } else if (child.type === 'identifier' && child.text === name && (node.type === 'lambda_expression' || LOOP_VARIABLES.has(node.type))) {
      return true;
    }
  }
  if (LOOP_VARIABLES.has(node.type)) {
    // `for (var i = ...)`, `using (var x = ...)`: the variable changes or is opaque, so it is dynamic.
    return node.descendantsOfType('variable_declarator').some((declarator) => declarator?.childForFieldName('name')?.text === name);
  }
  return false;
}

/**
 * Finds what a simple name means where it is used: the initializer of the nearest local variable
 * declared before it in an enclosing block, or a parameter. Fields are looked up separately.
 * NOTE: a later assignment (`x = ...`) to the variable is not seen; the declaration wins.
 */
export function lookupLocal(name: string, use: Node): LocalLookup {
  let child: Node = use;
  let parent = use.parent;
  for (let i = 0; parent && i < MAX_ANCESTORS; i += 1) {
    if (TYPE_DECLARATIONS.has(parent.type)) {
      return undefined;
    }
    if (BLOCKS.has(parent.type) && parent.type !== 'declaration_list') {
      const statements = allChildren(parent);
      const index = statements.findIndex((statement) => statement.startIndex === child.startIndex && statement.endIndex === child.endIndex);
      for (let j = index - 1; j >= 0; j -= 1) {
        const declarator = declaratorIn(statements[j]!, name);
        if (declarator) {
          const value = initializerOf(declarator);
          return value ? { kind: 'value', expression: value } : { kind: 'parameter' };
        }
      }
    }
    if ((FUNCTIONS.has(parent.type) || LOOP_VARIABLES.has(parent.type)) && declaresParameter(parent, name)) {
      return { kind: 'parameter' };
    }
    child = parent;
    parent = parent.parent;
  }
  return undefined;
}

function modifiersOf(declaration: Node): Set<string> {
  return new Set(namedChildren(declaration).filter((child) => child.type === 'modifier').map((child) => child.text));
}

/**
 * The value of a constant-like member of a type: a `const` or `readonly` field, or a property
 * without a setter that has an initializer or an expression body.
 */
export function memberValue(typeDeclaration: Node, name: string): Node | undefined {
  const body = namedChildren(typeDeclaration).find((child) => child.type === 'declaration_list');
  if (!body) {
    return undefined;
  }
  for (const member of namedChildren(body)) {
    if (member.type === 'field_declaration') {
      const modifiers = modifiersOf(member);
      if (!modifiers.has('const') && !modifiers.has('readonly')) {
        continue;
      }
      const declarator = declaratorIn(member, name);
      if (declarator) {
        return initializerOf(declarator);
      }
    } else if (member.type === 'property_declaration' && member.childForFieldName('name')?.text === name) {
      const accessors = namedChildren(member).find((child) => child.type === 'accessor_list');
      if (accessors && /\bset\b/.test(accessors.text)) {
        return undefined;
      }
      const arrow = namedChildren(member).find((child) => child.type === 'arrow_expression_clause');
      return arrow ? namedChildren(arrow).at(-1) : initializerOf(member);
    }
  }
  return undefined;
}

/** A method of a type whose body is one expression (`=> expr` or `{ return expr; }`), with its parameter names. */
export function simpleMethod(typeDeclaration: Node, name: string): { parameters: string[]; returned: Node } | undefined {
  const body = namedChildren(typeDeclaration).find((child) => child.type === 'declaration_list');
  const method = body ? namedChildren(body).find((member) => member.type === 'method_declaration' && member.childForFieldName('name')?.text === name) : undefined;
  if (!method) {
    return undefined;
  }
  const list = namedChildren(method).find((child) => child.type === 'parameter_list');
  const parameters = list ? namedChildren(list).map((parameter) => parameter.childForFieldName('name')?.text ?? '') : [];
  const arrow = namedChildren(method).find((child) => child.type === 'arrow_expression_clause');
  if (arrow) {
    const returned = namedChildren(arrow).at(-1);
    return returned ? { parameters, returned } : undefined;
  }
  const block = namedChildren(method).find((child) => child.type === 'block');
  const statements = block ? namedChildren(block).filter((child) => child.type !== 'comment') : [];
  const only = statements.length === 1 ? statements[0] : undefined;
  const returned = only?.type === 'return_statement' ? only.namedChild(0) : null;
  return returned ? { parameters, returned } : undefined;
}

/** Type declarations of a file by name (nested ones too); the first declaration of a name wins. */
export function typesByName(root: Node): Map<string, Node> {
  const types = new Map<string, Node>();
  for (const kind of TYPE_DECLARATIONS) {
    for (const declaration of root.descendantsOfType(kind)) {
      const name = declaration?.childForFieldName('name')?.text;
      if (declaration && name && !types.has(name)) {
        types.set(name, declaration);
      }
    }
  }
  return types;
}
