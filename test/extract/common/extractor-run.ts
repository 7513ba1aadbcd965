import fs from 'node:fs';
import path from 'node:path';
import { afterAll } from 'vitest';
import type { Extractor } from '../../../src/extract/extractor.js';
import { genericExtractor } from '../../../src/extract/generic/index.js';
import type { CallSite } from '../../../src/model/call-site.js';
import type { Finding } from '../../../src/model/finding.js';
import { scan } from '../../../src/scan.js';
import { offsetOf, writeProject as writeSnippetProject } from './snippets.js';

/** Signatures as the rule table lists them (lower-case path segments). */
export const SIGNATURES = ['privilegedaccess', 'privilegedroles', 'privilegedroleassignments', 'privilegedroleassignmentrequests', 'privilegedapproval', 'governanceroleassignmentrequests'];

/** Folders written by `writeProject` in this test file, removed after its last test. */
const projects: string[] = [];

// Registered when a test file imports this module, so the hook runs after that file's tests.
// afterAll, not afterEach, because a suite may write a project in beforeAll and share it.
afterAll(() => {
  for (const root of projects.splice(0)) fs.rmSync(root, { recursive: true, force: true });
});

/** Writes files (relative path -> text) into a new temporary folder and returns its path. */
export function writeProject(files: Record<string, string>): string {
  const root = writeSnippetProject(files, 'pim-lang-extract-');
  projects.push(root);
  return root;
}

/** Runs an extractor on one file of a project written by `writeProject`. */
export async function extractFile(extractor: Extractor, language: string, root: string, relative: string): Promise<CallSite[]> {
  const full = path.join(root, relative);
  extractor.reset?.();
  return extractor.extract({
    path: full,
    relativePath: relative,
    text: fs.readFileSync(full, 'utf8'),
    language,
    candidates: [full],
    root,
    signatures: SIGNATURES,
    extractEmbedded: async () => [],
  });
}

/** Writes one file (plus `extra` files) and extracts it. */
export async function extractSnippet(extractor: Extractor, language: string, relative: string, text: string, extra: Record<string, string> = {}): Promise<CallSite[]> {
  return extractFile(extractor, language, writeProject({ ...extra, [relative]: text }), relative);
}

/** Scans a project with the generic extractor and one language extractor, returning the findings. */
export async function scanProject(extractor: Extractor, files: Record<string, string>): Promise<Finding[]> {
  const root = writeProject(files);
  const result = await scan({ paths: [root] }, { extractors: [genericExtractor, extractor] });
  return result.findings;
}

export { offsetOf };
