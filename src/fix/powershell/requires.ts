import type { Edit, FixOutcome } from '../edits.js';

/** Modules whose PIM cmdlets the fixer migrates, by finding family. */
const OLD_MODULES: Record<string, string> = {
  'cmdlet-azureadpreview': 'AzureADPreview',
  'cmdlet-mggraph-beta': 'Microsoft.Graph.Beta.Identity.Governance',
};

const GRAPH_MODULE = 'Microsoft.Graph.Identity.Governance';

/** Azure resources move to Azure Resource Manager, whose PIM cmdlets are in Az.Resources. */
const AZURE_MODULE = 'Az.Resources';

/**
 * Updates `#Requires -Modules` and `Import-Module` lines once every cmdlet finding of an old module in the script is
 * fixed: the old module becomes Microsoft.Graph.Identity.Governance, Az.Resources (for Azure
 * resource calls) or both, less those the line already names. Otherwise the line stays,
 * and each finding left gets the reason appended, so the summary says why.
 * NOTE: cmdlets of the old module that are no findings (`Connect-AzureAD`, `Get-AzureADUser`)
 * also block the update, because the script still needs the module for them.
 */
export function requiresEdits(text: string, outcomes: FixOutcome[]): Edit[] {
  const edits: Edit[] = [];
  for (const [family, module] of Object.entries(OLD_MODULES)) {
    // `#Requires -Modules ...` and `Import-Module ...` statements that name the old module.
    const line = new RegExp(`^(?:#requires\\s+-modules|[ \\t]*import-module)\\s+.*\\b${escape(module)}\\b.*$`, 'gim');
    const matches = [...text.matchAll(line)];
    const ofModule = outcomes.filter((outcome) => outcome.finding.family === family && !outcome.finding.inComment);
    if (matches.length === 0 || ofModule.length === 0) {
      continue;
    }
    const left = ofModule.filter((outcome) => outcome.status !== 'fixed');
    const otherCmdlet = otherCommandOf(text, family, outcomes);
    if (left.length > 0 || otherCmdlet) {
      for (const outcome of left) {
        outcome.reason = `${outcome.reason ?? ''}; #Requires -Modules ${module} stays because this call still needs it`;
      }
      continue;
    }
    const needed = [GRAPH_MODULE, AZURE_MODULE].filter((wanted) => ofModule.some((outcome) => moduleOf(outcome) === wanted));
    for (const match of matches) {
      const start = match.index!;
      const missing = needed.filter((wanted) => !new RegExp(`\\b${escape(wanted)}\\b`, 'i').test(match[0]));
      const replaced = missing.length === 0
        ? match[0].replace(new RegExp(`\\s*,?\\s*['"]?${escape(module)}['"]?`, 'i'), '').replace(/(-Modules|Import-Module)\s*,\s*/i, '$1 ')
        : match[0].replace(new RegExp(`(['"]?)\\b${escape(module)}\\b\\1`, 'i'), (_all, quote: string) => missing.map((name) => `${quote}${name}${quote}`).join(', '));
      edits.push({ start, end: start + match[0].length, text: replaced });
    }
  }
  return edits;
}

/** Returns the module that the fixed call needs now. */
function moduleOf(outcome: FixOutcome): string {
  return outcome.finding.provider === 'azureResources' ? AZURE_MODULE : GRAPH_MODULE;
}

function escape(name: string): string {
  return name.replace(/\./g, '\\.');
}

/** True when the script calls another cmdlet of the family's module that no finding covers. */
function otherCommandOf(text: string, family: string, outcomes: FixOutcome[]): boolean {
  const noun = family === 'cmdlet-azureadpreview' ? /(?:^|[\s;|(=])([A-Za-z]+-AzureAD\w*)/gm : /(?:^|[\s;|(=])([A-Za-z]+-MgBeta\w*)/gm;
  const covered = new Set(outcomes.filter((outcome) => outcome.finding.family === family).map((outcome) => outcome.finding.matchedText.toLowerCase()));
  for (const match of text.matchAll(noun)) {
    const lineStart = text.lastIndexOf('\n', match.index) + 1;
    if (text.slice(lineStart, match.index + 1).includes('#')) {
      continue;
    }
    if (!covered.has(match[1]!.toLowerCase())) {
      return true;
    }
  }
  return false;
}
