import type { Node, Tree } from 'web-tree-sitter';
import { readCommand, type CommandCall } from '../../extract/powershell/commands.js';
import { Resolver } from '../../extract/powershell/resolve.js';
import { variableKey, walk } from '../../extract/powershell/tree.js';
import { VariableTable } from '../../extract/powershell/variables.js';
import { parseWith } from '../../extract/tree-sitter/parse.js';

/** One parsed PowerShell file, read the way the extractor reads it. The caller must call `dispose()`. */
export interface PowerShellScript {
  text: string;
  root: Node;
  resolver: Resolver;
  table: VariableTable;
  commands: CommandCall[];
  /** Every `$name` and `@name` use, by variable key. */
  variableUses: Map<string, Node[]>;
  dispose(): void;
}

export async function parseScript(text: string): Promise<PowerShellScript> {
  const tree: Tree = await parseWith('powershell', text);
  const root = tree.rootNode;
  const table = VariableTable.build(root);
  const commands: CommandCall[] = [];
  const variableUses = new Map<string, Node[]>();
  walk(root, (node) => {
    if (node.type === 'command') {
      const call = readCommand(node);
      if (call) {
        commands.push(call);
      }
    } else if (node.type === 'variable') {
      const key = variableKey(node.text);
      variableUses.set(key, [...(variableUses.get(key) ?? []), node]);
    }
  });
  return { text, root, resolver: new Resolver(text, table), table, commands, variableUses, dispose: () => tree.delete() };
}

/** The command whose name starts at `offset` (where cmdlet findings point). */
export function commandNamedAt(script: PowerShellScript, offset: number): CommandCall | undefined {
  return script.commands.find((call) => call.nameNode.startIndex === offset);
}

/** The innermost command whose arguments contain `offset` (a URL literal of `Invoke-RestMethod`). */
export function commandAround(script: PowerShellScript, offset: number): CommandCall | undefined {
  let best: CommandCall | undefined;
  for (const call of script.commands) {
    if (call.node.startIndex <= offset && offset < call.node.endIndex && (!best || call.node.startIndex >= best.node.startIndex)) {
      best = call;
    }
  }
  return best;
}

/** The command name as written, without a module qualifier (`AzureADPreview\Get-...`). */
export function bareName(call: CommandCall): string {
  const text = call.nameNode.text;
  return text.slice(text.lastIndexOf('\\') + 1);
}
