import type { Node } from 'web-tree-sitter';
import { plainStringValue } from './strings.js';
import { namedChildren } from './syntax.js';

/** Attributes that rename a property in JSON: System.Text.Json and Newtonsoft.Json. */
const RENAMING_ATTRIBUTES = new Set(['JsonPropertyName', 'JsonPropertyNameAttribute', 'JsonProperty', 'JsonPropertyAttribute']);

/** Maps each property of a type that carries `[JsonPropertyName("x")]` or `[JsonProperty("x")]` to its JSON name. */
export function jsonNamesOf(type: Node): Map<string, string> {
  const names = new Map<string, string>();
  const body = namedChildren(type).find((child) => child.type === 'declaration_list');
  for (const member of body ? namedChildren(body) : []) {
    if (member.type !== 'property_declaration' && member.type !== 'field_declaration') {
      continue;
    }
    const jsonName = renamedTo(member);
    if (!jsonName) {
      continue;
    }
    if (member.type === 'property_declaration') {
      const name = member.childForFieldName('name')?.text;
      if (name) {
        names.set(name, jsonName);
      }
    } else {
      for (const declarator of member.descendantsOfType('variable_declarator')) {
        const name = declarator?.childForFieldName('name')?.text;
        if (name) {
          names.set(name, jsonName);
        }
      }
    }
  }
  // Positional records: `record Request([property: JsonPropertyName("type")] string Type)`.
  const parameters = namedChildren(type).find((child) => child.type === 'parameter_list');
  for (const parameter of parameters ? namedChildren(parameters) : []) {
    const jsonName = renamedTo(parameter);
    const name = parameter.childForFieldName('name')?.text;
    if (jsonName && name) {
      names.set(name, jsonName);
    }
  }
  return names;
}

function renamedTo(member: Node): string | undefined {
  for (const list of namedChildren(member).filter((child) => child.type === 'attribute_list')) {
    for (const attribute of namedChildren(list).filter((child) => child.type === 'attribute')) {
      const name = attribute.childForFieldName('name')?.text.split('.').at(-1);
      if (!name || !RENAMING_ATTRIBUTES.has(name)) {
        continue;
      }
      const argument = attribute.descendantsOfType(['string_literal', 'verbatim_string_literal'])[0];
      const value = argument ? plainStringValue(argument) : undefined;
      if (value) {
        return value.text;
      }
    }
  }
  return undefined;
}
