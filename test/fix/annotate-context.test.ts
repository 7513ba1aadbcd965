import { describe, expect, it } from 'vitest';
import { annotationLineCheck } from '../../src/fix/annotate-context.js';

/** Returns whether a comment line may go at the start of the line that contains `marker`. */
async function allowedAt(file: string, text: string, marker: string): Promise<boolean> {
  const check = await annotationLineCheck(file, text);
  const at = text.indexOf(marker);
  return check(text.lastIndexOf('\n', at) + 1);
}

describe('annotationLineCheck', () => {
  it.each([
    ['a TypeScript statement', 'a.ts', "const a = 1;\nawait fetch('URL');\n"],
    ['a Python call in parentheses', 'a.py', "requests.post(\n    'URL',\n)\n"],
    ['a PowerShell statement', 'a.ps1', "$a = 1\nInvoke-RestMethod -Uri 'URL'\n"],
  ])('allows %s', async (_name, file, text) => {
    expect(await allowedAt(file, text, 'URL')).toBe(true);
  });

  it.each([
    ['JSX children', 'a.tsx', "export const A = () => (\n  <div>\n    <a href='URL'>x</a>\n  </div>\n);\n"],
    ['a template literal', 'a.ts', 'const q = `\nGET URL\n`;\n'],
    ['a Python triple-quoted string', 'a.py', 'q = """\nGET URL\n"""\n'],
    ['a PowerShell here-string', 'a.ps1', "$q = @'\nGET URL\n'@\n"],
    ['a backtick continuation', 'a.ps1', "Invoke-RestMethod `\n  -Uri 'URL'\n"],
    ['a Python file with a syntax error', 'a.py', "x = requests.get('a\nrequests.post('URL')\n"],
    ['a YAML file', 'a.yaml', 'steps:\n  - run: |\n      curl URL\n'],
  ])('refuses %s', async (_name, file, text) => {
    expect(await allowedAt(file, text, 'URL')).toBe(false);
  });
});
