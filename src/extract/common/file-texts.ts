import { readFileSync, statSync } from 'node:fs';

/** Files larger than this are not read for cross-file resolution (bytes). */
export const MAX_FILE_BYTES = 1024 * 1024;

/** Text of a project file, or undefined when it is missing, unreadable, not a file or larger than MAX_FILE_BYTES. */
export function readProjectFile(path: string): string | undefined {
  try {
    const stat = statSync(path);
    return stat.isFile() && stat.size <= MAX_FILE_BYTES ? readFileSync(path, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

/** Texts of project files read with `readProjectFile`, cached until `clear()` (the extractors clear it after each scan). */
export class FileTexts {
  private readonly texts = new Map<string, string | undefined>();

  read(path: string): string | undefined {
    if (!this.texts.has(path)) {
      this.texts.set(path, readProjectFile(path));
    }
    return this.texts.get(path);
  }

  clear(): void {
    this.texts.clear();
  }
}
