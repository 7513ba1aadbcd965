import fs from 'node:fs';
import path from 'node:path';
import type { CallSite } from '../../../src/model/call-site.js';
import { csharpExtractor } from '../../../src/extract/csharp/index.js';
import { writeProject } from '../../helpers/temp-project.js';
import { offsetOf, urlText } from '../common/snippets.js';

/** Signatures as the rule table lists them (lower-case path segments). */
export const SIGNATURES = ['privilegedaccess', 'privilegedroles', 'privilegedroleassignments', 'governanceroleassignmentrequests'];

/** Writes the files into a temporary project and extracts `relative`. */
export async function extractCs(relative: string, files: Record<string, string>): Promise<{ sites: CallSite[]; text: string; cleanup: () => void }> {
  const { root, cleanup } = writeProject(files);
  const full = path.join(root, relative);
  const text = fs.readFileSync(full, 'utf8');
  csharpExtractor.reset?.();
  const sites = await csharpExtractor.extract({
    path: full,
    relativePath: relative,
    text,
    language: 'csharp',
    candidates: [full],
    root,
    signatures: SIGNATURES,
    extractEmbedded: async () => [],
  });
  return { sites, text, cleanup };
}

export { offsetOf, urlText };
