import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CallSite, UrlPart } from '../../../src/model/call-site.js';

/** Writes files (relative path -> text) into a new temporary folder named `prefix…` and returns its path. */
export function writeProject(files: Record<string, string>, prefix = 'pim-extract-'): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const [relative, text] of Object.entries(files)) {
    const full = path.join(root, relative);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, text);
  }
  return root;
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
export function urlText(site: CallSite | undefined): string {
  return (site?.url ?? []).map((part: UrlPart) => (part.kind === 'literal' ? part.text : `{${part.name ?? ''}}`)).join('');
}
