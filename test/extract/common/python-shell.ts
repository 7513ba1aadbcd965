import fs from 'node:fs';
import path from 'node:path';
import type { CallSite } from '../../../src/model/call-site.js';
import { pythonExtractor } from '../../../src/extract/python/index.js';
import { shellExtractor } from '../../../src/extract/shell/index.js';
import { loadRuleTable } from '../../../src/rules/load.js';
import { compileSignatures } from '../../../src/rules/signatures.js';
import { offsetOf, urlText, writeProject as writeSnippetProject } from './snippets.js';

/** Signatures compiled from the real rule table, as a scan passes them. */
export const SIGNATURES = compileSignatures(loadRuleTable().rules);

/** Writes files (relative path -> text) into a new temporary folder and returns its path. */
export function writeProject(files: Record<string, string>): string {
  return writeSnippetProject(files, 'pim-py-sh-extract-');
}

/** Runs the Python or shell extractor (by extension) on one file of a written project. */
export async function extractFile(root: string, relative: string): Promise<CallSite[]> {
  const full = path.join(root, relative);
  const text = fs.readFileSync(full, 'utf8');
  const python = relative.endsWith('.py');
  pythonExtractor.reset?.();
  return (python ? pythonExtractor : shellExtractor).extract({
    path: full,
    relativePath: relative,
    text,
    language: python ? 'python' : 'shell',
    candidates: [full],
    root,
    signatures: SIGNATURES,
    extractEmbedded: async () => [],
  });
}

/** Writes one file (plus optional others) and extracts it. */
export async function extractSnippet(relative: string, text: string, extra: Record<string, string> = {}): Promise<CallSite[]> {
  const root = writeProject({ ...extra, [relative]: text });
  return extractFile(root, relative);
}

export { offsetOf, urlText };
