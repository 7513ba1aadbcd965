import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CallSite } from '../../../src/model/call-site.js';
import { typescriptExtractor } from '../../../src/extract/typescript/index.js';

/** Signatures as the rule table lists them (lower-case path segments). */
export const SIGNATURES = [
  'privilegedaccess',
  'privilegedroles',
  'privilegedroleassignments',
  'privilegedroleassignmentrequests',
  'privilegedapproval',
  'privilegedoperationevents',
  'privilegedsignupstatus',
  'governanceroleassignmentrequests',
];

/** Writes files (relative path -> text) into a new temporary folder and returns its path. */
export function writeProject(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pim-ts-extract-'));
  for (const [relative, text] of Object.entries(files)) {
    const full = path.join(root, relative);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, text);
  }
  return root;
}

/** Runs the extractor on one file of a project written by `writeProject`. */
export function extractFile(root: string, relative: string, signatures: readonly string[] = SIGNATURES): CallSite[] {
  const full = path.join(root, relative);
  const text = fs.readFileSync(full, 'utf8');
  const language = /\.[cm]?jsx?$/.test(relative) ? 'javascript' : 'typescript';
  return typescriptExtractor.extract({
    path: full,
    relativePath: relative,
    text,
    language,
    candidates: [full],
    root,
    signatures,
  });
}

/** Writes one file and extracts it. */
export function extractSnippet(relative: string, text: string, extra: Record<string, string> = {}): { sites: CallSite[]; text: string } {
  const root = writeProject({ ...extra, [relative]: text });
  return { sites: extractFile(root, relative), text };
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

/** Joins the URL parts of a call site into one string, with `{name}` for dynamic parts. */
export function urlText(site: CallSite): string {
  return (site.url ?? []).map((part) => (part.kind === 'literal' ? part.text : `{${part.name ?? ''}}`)).join('');
}
