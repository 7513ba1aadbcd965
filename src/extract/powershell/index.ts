import { relative } from 'node:path';
import type { Node } from 'web-tree-sitter';
import type { CallSite } from '../../model/call-site.js';
import type { ExtractInput, Extractor } from '../extractor.js';
import { shiftCallSite } from '../shift.js';
import { parseWith } from '../tree-sitter/parse.js';
import { mentionsSignature } from '../common/signatures.js';
import { dotSourcedPaths, readScript, type ImportedVariables } from './dot-source.js';
import { FileExtraction } from './extract-file.js';
import { Resolver, type OuterVariables } from './resolve.js';
import { scriptNodes } from './script-nodes.js';
import { VariableTable } from './variables.js';

/** Maximum nesting of `Invoke-Expression` strings parsed as scripts. */
const MAX_EMBEDDED_DEPTH = 3;

/** Maximum chain of dot-sourced files followed from one script. */
const MAX_DOT_SOURCE_DEPTH = 4;

/** Variables of dot-sourced files, by absolute path, for the current scan. */
const importCache = new Map<string, Promise<ImportedVariables>>();

/**
 * Extracts call sites from PowerShell scripts and modules: PIM cmdlets (AzureADPreview, Entra
 * beta, Graph beta) with their parameters and bodies, REST calls made with Invoke-RestMethod,
 * Invoke-WebRequest, Invoke-MgGraphRequest, Invoke-AzRestMethod and `az rest`, relevant URL
 * strings no call uses, `Invoke-Expression` strings, and URLs and cmdlet names in comments.
 */
export const powershellExtractor: Extractor = {
  id: 'powershell',
  languages: ['powershell'],

  async extract(input: ExtractInput): Promise<CallSite[]> {
    if (!mentionsSignature(input.text, input.signatures)) {
      return [];
    }
    try {
      const sites = await extractScript(input, input.text, () => undefined, 0);
      return sites.sort((a, b) => a.anchor.offset - b.anchor.offset);
    } catch {
      // A file the parser cannot load at all yields no call sites rather than failing the scan.
      return [];
    }
  },

  reset(): void {
    importCache.clear();
  },
};

async function extractScript(input: ExtractInput, text: string, outer: OuterVariables, depth: number): Promise<CallSite[]> {
  const tree = await parseWith('powershell', text);
  try {
    const root = tree.rootNode;
    const nodes = scriptNodes(root);
    const imports = depth === 0 ? await importsOf(nodes.commands, input.path, input.root, new Set([input.path])) : new Map<string, never>();
    const resolver = new Resolver(text, VariableTable.build(root, nodes.bindings), (key) => imports.get(key) ?? outer(key));
    const result = new FileExtraction(nodes, resolver, input.signatures, input.language).run();
    const sites = [...result.sites];
    if (depth < MAX_EMBEDDED_DEPTH) {
      for (const script of result.embedded) {
        const inner = await extractScript(input, script.text, (key) => resolver.variableValue(key, script.at), depth + 1);
        sites.push(...inner.map((site) => shiftCallSite(site, script.offset)));
      }
    }
    return sites;
  } finally {
    tree.delete();
  }
}

/** Variables of the files a script dot-sources; a later dot-source overrides an earlier one. */
async function importsOf(commands: readonly Node[], scriptPath: string, scanRoot: string, visited: ReadonlySet<string>): Promise<ImportedVariables> {
  const merged: ImportedVariables = new Map();
  if (visited.size > MAX_DOT_SOURCE_DEPTH) {
    return merged;
  }
  for (const path of dotSourcedPaths(commands, scriptPath, scanRoot)) {
    if (visited.has(path)) {
      continue;
    }
    let loaded = importCache.get(path);
    if (!loaded) {
      loaded = loadImported(path, scanRoot, new Set([...visited, path])).catch(() => new Map());
      importCache.set(path, loaded);
    }
    for (const [key, parts] of await loaded) {
      merged.set(key, parts);
    }
  }
  return merged;
}

/** Parse a dot-sourced file and resolve each variable it assigns, as seen at its end. */
async function loadImported(path: string, scanRoot: string, visited: ReadonlySet<string>): Promise<ImportedVariables> {
  const text = readScript(path);
  const variables: ImportedVariables = new Map();
  if (text === null) {
    return variables;
  }
  const tree = await parseWith('powershell', text);
  try {
    const nodes = scriptNodes(tree.rootNode);
    const nested = await importsOf(nodes.commands, path, scanRoot, visited);
    const table = VariableTable.build(tree.rootNode, nodes.bindings);
    const resolver = new Resolver(text, table, (key) => nested.get(key));
    const from = relative(scanRoot, path).split('\\').join('/');
    for (const [key, parts] of nested) {
      variables.set(key, parts);
    }
    for (const key of table.plainKeys()) {
      const parts = resolver.variableValue(key, text.length, `$${key} (${from})`);
      if (parts) {
        variables.set(key, parts);
      }
    }
  } finally {
    tree.delete();
  }
  return variables;
}
