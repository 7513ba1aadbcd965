import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/scan.js';
import { EXTENSIONS, expectSkipsInEveryReport, filesWithFindings, OLD_URL, PLANTED, projectOf, skipReasonOf } from './bad-input-files.js';

/** 20,000 levels of brackets, one per line, so the long-line fallback to the generic extractor does not apply. */
const NESTING = 20_000;
const nested = (open: string, close: string): string => `${open}\n`.repeat(NESTING) + `${close}\n`.repeat(NESTING);

describe('bad input: shapes', () => {
  it('deep nesting keeps every planted call', async () => {
    const files: Record<string, string> = {};
    for (const extension of EXTENSIONS) {
      files[`paren${extension}`] = `${PLANTED[extension]}${nested('(', ')')}`;
      files[`bracket${extension}`] = `${PLANTED[extension]}${nested('[', ']')}`;
    }
    // Valid JSON, so the parser reaches the nesting instead of stopping at a second top-level value.
    files['nested.json'] = `{"url": "${OLD_URL}", "nested": ${nested('[', ']')}}`;
    const root = projectOf(files);

    const result = await scan({ paths: [root] });

    expect(result.skipped).toEqual([]);
    expect(filesWithFindings(result)).toEqual(Object.keys(files).sort());
    // The TypeScript compiler and jsonc-parser parse recursively and would overflow the stack, so
    // files for them that nest this deep are read with the text extractor, with a warning (the
    // brackets are counted before parsing, so invalid JSON counts too). Tree-sitter grammars need
    // no fallback.
    const fallbacks = result.warnings.filter((warning) => warning.message.includes('nests brackets deeper than')).map((warning) => warning.file);
    expect(fallbacks.sort()).toEqual(['bracket.js', 'bracket.json', 'bracket.ts', 'nested.json', 'paren.js', 'paren.json', 'paren.ts']);
  }, 120_000);

  it('a folder tree 200 levels deep is walked', async () => {
    const root = projectOf({});
    const deepest = join(root, ...Array.from({ length: 200 }, (_, level) => `level-${level}`));
    mkdirSync(deepest, { recursive: true });
    writeFileSync(join(deepest, 'call.ps1'), PLANTED['.ps1']!);

    const result = await scan({ paths: [root] });

    expect(result.findings.map((finding) => finding.file.split('/').length)).toEqual([201]);
  });

  it('syntax errors keep the other calls', async () => {
    const broken = '\n}}} ((( "unterminated \'also <?php <# `\n';
    const root = projectOf(Object.fromEntries(EXTENSIONS.map((extension) => [`broken${extension}`, `${PLANTED[extension]}${broken}`])));

    const result = await scan({ paths: [root] });

    expect(result.skipped).toEqual([]);
    expect(filesWithFindings(result)).toEqual(EXTENSIONS.map((extension) => `broken${extension}`).sort());
  });

  it('files over --max-file-size are skipped with the sizes', async () => {
    const root = projectOf(Object.fromEntries(EXTENSIONS.map((extension) => [`large${extension}`, `${PLANTED[extension]}${' '.repeat(2048)}\n`])));

    const result = await scan({ paths: [root], maxFileSize: 1024 });

    for (const extension of EXTENSIONS) {
      expect(skipReasonOf(result, `large${extension}`)).toMatch(/^larger than --max-file-size \(\d+ > 1024 bytes\)$/);
    }
    expect(result.findings).toEqual([]);
    expectSkipsInEveryReport(result);
  });

  it('one-line bundles and lines of megabytes are read', async () => {
    const filler = 'var a=function(b){return b+1};'.repeat(50_000);
    const root = projectOf({
      'bundle.js': `${filler}fetch("${OLD_URL}",{method:"POST"});${filler}`,
      'vendor.min.js': `fetch("${OLD_URL}");`,
      'long-line.ps1': `$x = '${'y'.repeat(3 * 1024 * 1024)}'\n${PLANTED['.ps1']}`,
      'long-line.py': `${PLANTED['.py']}x = "${'z'.repeat(3 * 1024 * 1024)}"\n`,
    });

    const result = await scan({ paths: [root] });

    expect(filesWithFindings(result)).toEqual(['bundle.js', 'long-line.ps1', 'long-line.py']);
    expect(result.findings.find((finding) => finding.file === 'long-line.ps1')?.line).toBe(2);
    expect(result.skipped).toEqual([{ file: 'vendor.min.js', reason: 'minified bundle or source map' }]);
    expectSkipsInEveryReport(result);
  }, 60_000);

  it('names with spaces, Unicode and newlines', async () => {
    const names = ['with space.ps1', 'ünïcødé-日本語.py', 'new\nline.sh', 'emoji 😀.ts'];
    const root = projectOf(Object.fromEntries(names.map((name) => [name, PLANTED[name.slice(name.lastIndexOf('.'))]!])));
    writeFileSync(join(root, 'big\nname with space.ps1'), `${PLANTED['.ps1']}${' '.repeat(2048)}`);

    const result = await scan({ paths: [root], maxFileSize: 1024 });

    expect(filesWithFindings(result)).toEqual([...names].sort());
    expect(result.skipped.map((entry) => entry.file)).toEqual(['big\nname with space.ps1']);
    expectSkipsInEveryReport(result);
  });
});
