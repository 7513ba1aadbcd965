import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultExtractors } from '../../src/extract/default-extractors.js';
import type { Extractor } from '../../src/extract/extractor.js';
import { scan } from '../../src/scan.js';
import { expectSkipsInEveryReport, filesWithFindings, PLANTED, projectOf } from './bad-input-files.js';

describe('bad input: a file deleted during the scan', () => {
  it('is listed as skipped and the scan goes on', async () => {
    const root = projectOf({ 'a.ts': PLANTED['.ts']!, 'b.py': PLANTED['.py']!, 'c.ts': PLANTED['.ts']! });
    // The TypeScript extractor deletes the Python file when it reads the first file: discovery and
    // the prefilter have seen it, and its analysis comes later in the same scan.
    const extractors: Extractor[] = defaultExtractors().map((extractor) => {
      if (extractor.id !== 'typescript') {
        return extractor;
      }
      return {
        ...extractor,
        extract: (input) => {
          rmSync(join(root, 'b.py'), { force: true });
          return extractor.extract(input);
        },
      };
    });

    const result = await scan({ paths: [root] }, { extractors });

    expect(result.skipped).toEqual([{ file: 'b.py', reason: 'not readable: ENOENT' }]);
    expect(filesWithFindings(result)).toEqual(['a.ts', 'c.ts']);
    expectSkipsInEveryReport(result);
  });
});
