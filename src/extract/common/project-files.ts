import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FileTexts } from './file-texts.js';

/** Maximum number of files listed under the scan root when looking for a source file by name. */
const MAX_LISTED_FILES = 20000;

/** Folders that hold dependencies or build output, never the project's own constants. */
const SKIPPED_FOLDERS = new Set(['.git', 'node_modules', 'target', 'build', 'out', 'dist', 'vendor', '.gradle', '.idea', 'bin', 'obj']);

/**
 * Reads source files of the scanned project on demand, for constants declared in another file.
 * Texts and folder listings are cached until `reset()`, which the extractor calls after each scan.
 */
export class ProjectFiles {
  private readonly texts = new FileTexts();
  private readonly listings = new Map<string, string[]>();

  /** Text of a file, or undefined when it is missing, unreadable or larger than the limit. */
  read(path: string): string | undefined {
    return this.texts.read(path);
  }

  /** Files under `root` whose names end with `extension`, depth first, skipping dependency folders. */
  list(root: string, extension: string): string[] {
    const key = `${root}\u0000${extension}`;
    const cached = this.listings.get(key);
    if (cached) {
      return cached;
    }
    const found: string[] = [];
    const stack = [root];
    let seen = 0;
    while (stack.length > 0 && seen < MAX_LISTED_FILES) {
      const folder = stack.pop()!;
      let entries;
      try {
        entries = readdirSync(folder, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const entry of entries) {
        seen += 1;
        if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name) && !entry.name.startsWith('.')) {
          stack.push(join(folder, entry.name));
        } else if (entry.isFile() && entry.name.endsWith(extension)) {
          found.push(join(folder, entry.name));
        }
      }
    }
    this.listings.set(key, found);
    return found;
  }

  reset(): void {
    this.texts.clear();
    this.listings.clear();
  }
}
