import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Extension for a snippet's language id, so discovery gives it back that language. */
export const EXTENSION_BY_LANGUAGE: Record<string, string> = {
  typescript: '.ts',
  javascript: '.js',
  powershell: '.ps1',
  python: '.py',
  shell: '.sh',
  csharp: '.cs',
  go: '.go',
  java: '.java',
  rust: '.rs',
  php: '.php',
  json: '.json',
  yaml: '.yaml',
  markdown: '.md',
  terraform: '.tf',
  http: '.http',
  text: '.txt',
};

/** Write files into a fresh temporary folder and return its path; `cleanup` removes it. */
export function writeProject(files: Record<string, string>): { root: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'pim-migrate-test-'));
  for (const [relative, content] of Object.entries(files)) {
    const path = join(root, relative);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}
