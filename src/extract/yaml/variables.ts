import { isMap, isScalar, isSeq, type Scalar } from 'yaml';
import type { UrlPart } from '../../model/call-site.js';
import { oneLineValue, scalarSource } from './scalar-source.js';

/** `variables.name` or `variables['name']` inside a template expression. */
const TEMPLATE_VARIABLE = /^variables(?:\.([\w.-]+)|\[\s*'([^']+)'\s*\])$/;

/**
 * Pipeline variables the file defines with a literal value at the top level: Azure Pipelines
 * `variables:` as a map or as a list of `name`/`value` items, and GitHub Actions `env:`. They
 * resolve `$(name)`, `${{ variables.name }}` and `${{ env.NAME }}`; anything else stays dynamic.
 * NOTE: variables of stages and jobs, variable groups and templates are not read.
 */
export class PipelineVariables {
  private readonly values = new Map<string, Scalar<string>>();

  constructor(contents: unknown, private readonly text: string) {
    if (!isMap(contents)) {
      return;
    }
    for (const pair of contents.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (key === 'variables' && isMap(pair.value)) {
        for (const item of pair.value.items) {
          this.add(isScalar(item.key) ? String(item.key.value) : undefined, item.value);
        }
      } else if (key === 'variables' && isSeq(pair.value)) {
        for (const item of pair.value.items) {
          if (isMap(item)) {
            const name = item.items.find((entry) => isScalar(entry.key) && entry.key.value === 'name')?.value;
            const value = item.items.find((entry) => isScalar(entry.key) && entry.key.value === 'value')?.value;
            this.add(isScalar(name) ? String(name.value) : undefined, value);
          }
        }
      } else if (key === 'env' && isMap(pair.value)) {
        for (const item of pair.value.items) {
          this.add(isScalar(item.key) ? `env.${String(item.key.value)}` : undefined, item.value);
        }
      }
    }
  }

  private add(name: string | undefined, value: unknown): void {
    if (name !== undefined && isScalar(value) && typeof value.value === 'string') {
      this.values.set(name, value as Scalar<string>);
    }
  }

  /** The literal of a placeholder match (see the YAML placeholder pattern), or null. */
  resolve(match: RegExpExecArray): UrlPart[] | null {
    const [, macro, template] = match;
    let name = macro;
    if (template !== undefined) {
      const variable = TEMPLATE_VARIABLE.exec(template);
      name = variable ? (variable[1] ?? variable[2]) : /^env\.[\w-]+$/.test(template) ? template : undefined;
    }
    const scalar = name === undefined ? undefined : this.values.get(name);
    if (!scalar || name === undefined) {
      return null;
    }
    const source = scalarSource(scalar, this.text);
    const value = source && oneLineValue(scalar, source, this.text);
    const offset = value?.offsets(0);
    const part: UrlPart = { kind: 'literal', text: scalar.value, resolvedFrom: name.startsWith('env.') ? name : `variables.${name}` };
    return [offset === undefined || value?.text !== scalar.value ? part : { ...part, offset }];
  }
}
