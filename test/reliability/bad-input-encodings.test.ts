import { describe, expect, it } from 'vitest';
import { scan } from '../../src/scan.js';
import { EXTENSIONS, expectSkipsInEveryReport, filesWithFindings, PLANTED, projectOf, skipReasonOf } from './bad-input-files.js';

/** Builds one file per language, named `<prefix><extension>`, from its planted call. */
function perLanguage(prefix: string, build: (planted: string) => Buffer | string): Record<string, Buffer | string> {
  return Object.fromEntries(EXTENSIONS.map((extension) => [`${prefix}${extension}`, build(PLANTED[extension]!)]));
}

/** Encodes `text` as UTF-16, little- or big-endian, with or without its byte-order mark. */
function utf16(text: string, bigEndian: boolean, bom: boolean): Buffer {
  const little = Buffer.from(text, 'utf16le');
  const body = bigEndian ? Buffer.from(little).swap16() : little;
  if (!bom) {
    return body;
  }
  const mark = bigEndian ? [0xfe, 0xff] : [0xff, 0xfe];
  return Buffer.concat([Buffer.from(mark), body]);
}

describe('bad input: encodings', () => {
  it('binary files are skipped, clean files still found', async () => {
    const root = projectOf({
      ...perLanguage('binary', (planted) => Buffer.concat([Buffer.from(planted), Buffer.from([0, 1, 2, 0, 0xff, 0])])),
      ...perLanguage('clean', (planted) => planted),
    });

    const result = await scan({ paths: [root] });

    for (const extension of EXTENSIONS) {
      expect(skipReasonOf(result, `binary${extension}`), `binary${extension}`).toBe('binary file (contains NUL bytes)');
    }
    expect(filesWithFindings(result)).toEqual(EXTENSIONS.map((extension) => `clean${extension}`).sort());
    expectSkipsInEveryReport(result);
  });

  it('invalid UTF-8 is read as Latin-1 with a warning', async () => {
    const root = projectOf(perLanguage('legacy', (planted) => Buffer.concat([Buffer.from(planted), Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0x0a])])));

    const result = await scan({ paths: [root] });

    expect(filesWithFindings(result)).toEqual(EXTENSIONS.map((extension) => `legacy${extension}`).sort());
    expect(result.skipped).toEqual([]);
    expect(result.warnings.map((warning) => warning.file).sort()).toEqual(EXTENSIONS.map((extension) => `legacy${extension}`).sort());
  });

  it('UTF-16 with a byte-order mark is scanned', async () => {
    const root = projectOf({
      ...perLanguage('le', (planted) => utf16(planted, false, true)),
      ...perLanguage('be', (planted) => utf16(planted, true, true)),
    });

    const result = await scan({ paths: [root] });

    expect(result.skipped).toEqual([]);
    expect(filesWithFindings(result)).toEqual(EXTENSIONS.flatMap((extension) => [`be${extension}`, `le${extension}`]).sort());
  });

  it('UTF-16 without a byte-order mark is scanned with a warning', async () => {
    const root = projectOf({
      ...perLanguage('le', (planted) => utf16(planted, false, false)),
      ...perLanguage('be', (planted) => utf16(planted, true, false)),
    });

    const result = await scan({ paths: [root] });

    expect(result.skipped).toEqual([]);
    expect(filesWithFindings(result)).toEqual(EXTENSIONS.flatMap((extension) => [`be${extension}`, `le${extension}`]).sort());
    expect(result.warnings.every((warning) => warning.message.includes('no byte-order mark'))).toBe(true);
  });

  it('empty and blank files give nothing', async () => {
    const root = projectOf({
      ...perLanguage('empty', () => ''),
      ...perLanguage('blank', () => ' \n\r\n\t\n'),
      'found.ps1': PLANTED['.ps1']!,
    });

    const result = await scan({ paths: [root] });

    expect(result.skipped).toEqual([]);
    expect(filesWithFindings(result)).toEqual(['found.ps1']);
    expect(result.summary.filesDiscovered).toBe(EXTENSIONS.length * 2 + 1);
  });
});

describe('bad input: line endings', () => {
  /** Two lines before the call, so a line count that misses CR or LF shows in the finding's line. */
  const lead = (newline: string): string => `${newline}${newline}`;

  it('CRLF files give the lines and columns of LF files', async () => {
    const root = projectOf({
      ...perLanguage('lf', (planted) => lead('\n') + planted),
      ...perLanguage('crlf', (planted) => lead('\r\n') + planted.replace(/\n/g, '\r\n')),
    });

    const result = await scan({ paths: [root] });

    expect(result.skipped).toEqual([]);
    for (const extension of EXTENSIONS) {
      const positions = (file: string) => result.findings.filter((finding) => finding.file === file).map((finding) => [finding.ruleId, finding.line, finding.column, finding.endLine, finding.endColumn]);
      expect(positions(`lf${extension}`).length, `lf${extension}`).toBeGreaterThan(0);
      expect(positions(`crlf${extension}`), `crlf${extension}`).toEqual(positions(`lf${extension}`));
    }
  });

  it('mixed line endings count every line break', async () => {
    // CRLF, then LF, then CRLF again before the call: the call is on line 4 in every editor.
    const root = projectOf(perLanguage('mixed', (planted) => `\r\n\n\r\n${planted}`));

    const result = await scan({ paths: [root] });

    for (const extension of EXTENSIONS) {
      const lines = result.findings.filter((finding) => finding.file === `mixed${extension}`).map((finding) => finding.line);
      const plantedLine = 4 + PLANTED[extension]!.split('\n').findIndex((line) => line.includes('graph.microsoft.com'));
      expect(lines.length, `mixed${extension}`).toBeGreaterThan(0);
      expect(lines, `mixed${extension}`).toContain(plantedLine);
    }
  });
});
