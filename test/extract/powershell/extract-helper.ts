import { join } from 'node:path';
import type { CallSite } from '../../../src/model/call-site.js';
import { powershellExtractor } from '../../../src/extract/powershell/index.js';

/** Signatures as the rule table compiles them: first path segments and cmdlet nouns. */
export const SIGNATURES = [
  'privilegedaccess',
  'privilegedroles',
  'privilegedroleassignments',
  'governanceresources',
  'azureadmsprivilegedroleassignment',
  'azureadmsprivilegedrolesetting',
  'mgbetaprivilegedaccessroleassignment',
  'entrabetaprivilegedresource',
];

/** Run the PowerShell extractor on a snippet, as file `root/script.ps1`. */
export async function extractPs(text: string, options: { root?: string; file?: string } = {}): Promise<CallSite[]> {
  const root = options.root ?? '/nonexistent-root';
  const path = join(root, options.file ?? 'script.ps1');
  powershellExtractor.reset?.();
  return powershellExtractor.extract({
    path,
    relativePath: options.file ?? 'script.ps1',
    text,
    language: 'powershell',
    candidates: [path],
    root,
    signatures: SIGNATURES,
    extractEmbedded: async () => [],
  });
}

export function cmdlets(sites: readonly CallSite[]): CallSite[] {
  return sites.filter((site) => site.kind === 'cmdlet');
}

export function urls(sites: readonly CallSite[]): CallSite[] {
  return sites.filter((site) => site.kind === 'url');
}

/** The URL of a site with dynamic parts as `{name}`, for compact assertions. */
export function urlText(site: CallSite): string {
  return (site.url ?? []).map((part) => (part.kind === 'literal' ? part.text : `{${part.name ?? ''}}`)).join('');
}
