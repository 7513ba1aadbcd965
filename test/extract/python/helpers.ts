import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CallSite, UrlPart } from '../../../src/model/call-site.js';
import { pythonExtractor } from '../../../src/extract/python/index.js';
import { shellExtractor } from '../../../src/extract/shell/index.js';
import { loadRuleTable } from '../../../src/rules/load.js';
import { compileSignatures } from '../../../src/rules/signatures.js';

/** Signatures compiled from the real rule table, as a scan passes them. */
export const SIGNATURES = compileSignatures(loadRuleTable().rules);

/** Writes files (relative path -> text) into a new temporary folder and returns its path. */
export function writeProject(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pim-py-sh-extract-'));
  for (const [relative, text] of Object.entries(files)) {
    const full = path.join(root, relative);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, text);
  }
  return root;
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

/** Offset of `needle` in `text` (the nth occurrence, 0-based), failing loudly when absent. */
export function offsetOf(text: string, needle: string, occurrence = 0): number {
  let index = -1;
  for (let i = 0; i <= occurrence; i += 1) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) {
      throw new Error(`"${needle}" (occurrence ${occurrence}) is not in the snippet`);
    }
  }
  return index;
}

/** Joins URL parts into one string, with `{name}` for dynamic parts. */
export function urlText(site: CallSite | undefined): string {
  return (site?.url ?? []).map((part: UrlPart) => (part.kind === 'literal' ? part.text : `{${part.name ?? ''}}`)).join('');
}
