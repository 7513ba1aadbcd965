import fs from 'node:fs';
import path from 'node:path';
import { afterAll } from 'vitest';
import type { CallSite } from '../../../src/model/call-site.js';
import { typescriptExtractor } from '../../../src/extract/typescript/index.js';
import { offsetOf, urlText, writeProject as writeSnippetProject } from '../common/snippets.js';

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

/** Folders written by `writeProject` in this test file, removed after its last test. */
const projects: string[] = [];

// Registered when a test file imports this module, so the hook runs after that file's tests.
// afterAll, not afterEach, because a suite may write a project in beforeAll and share it.
afterAll(() => {
  for (const root of projects.splice(0)) fs.rmSync(root, { recursive: true, force: true });
});

/** Writes files (relative path -> text) into a new temporary folder and returns its path. */
export function writeProject(files: Record<string, string>): string {
  const root = writeSnippetProject(files, 'pim-ts-extract-');
  projects.push(root);
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

export { offsetOf, urlText };
