import { readFileSync } from 'node:fs';

/**
 * Reads the tool version from package.json, two folders up from this module in both
 * `src/cli/` and `dist/cli/`.
 */
export function readToolVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  const manifest = JSON.parse(text) as { version?: unknown };
  if (typeof manifest.version !== 'string') {
    throw new Error('package.json has no "version" string');
  }
  return manifest.version;
}
