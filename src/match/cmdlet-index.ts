import type { CmdletFamily, Rule } from '../rules/schema.js';

export interface CmdletEntry {
  rule: Rule;
  family: CmdletFamily;
  /** The name as the rule table spells it. */
  name: string;
}

/** Returns the module family whose name pattern matches a cmdlet, if any. */
export function cmdletFamilyOf(name: string, families: readonly CmdletFamily[]): CmdletFamily | undefined {
  return families.find((family) => new RegExp(family.pattern, 'i').test(name));
}

/** Cmdlet name (lower case) -> the rule of the operation it calls and its module family. */
export class CmdletIndex {
  private readonly byName = new Map<string, CmdletEntry>();

  constructor(rules: readonly Rule[], families: readonly CmdletFamily[]) {
    for (const rule of rules) {
      for (const name of rule.operation.cmdlets ?? []) {
        const family = cmdletFamilyOf(name, families);
        if (!family) {
          throw new Error(`cmdlet ${name} of rule ${rule.id} matches no family in cmdlet-families.yaml`);
        }
        this.byName.set(name.toLowerCase(), { rule, family, name });
        for (const alias of family.aliases) {
          const aliased = name.replace(new RegExp(`-${alias.from}`, 'i'), `-${alias.to}`);
          if (aliased !== name && !this.byName.has(aliased.toLowerCase())) {
            this.byName.set(aliased.toLowerCase(), { rule, family, name: aliased });
          }
        }
      }
    }
  }

  /** Look up a cmdlet as written, with or without a module qualifier (`AzureADPreview\\Get-...`). */
  lookup(written: string): CmdletEntry | undefined {
    const name = written.slice(written.lastIndexOf('\\') + 1);
    return this.byName.get(name.toLowerCase());
  }

  /** Return every cmdlet name in the table, for prefilter signatures. */
  names(): string[] {
    return [...this.byName.values()].map((entry) => entry.name);
  }
}
