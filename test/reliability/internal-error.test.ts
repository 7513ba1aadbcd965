import { describe, expect, it } from 'vitest';
import { defaultExtractors } from '../../src/extract/default-extractors.js';
import type { Extractor } from '../../src/extract/extractor.js';
import { scan } from '../../src/scan.js';
import { expectSkipsInEveryReport, filesWithFindings, PLANTED, projectOf } from './bad-input-files.js';

describe('an internal error in one file', () => {
  it('becomes a reported skip of that file', async () => {
    const root = projectOf({ 'broken.py': PLANTED['.py']!, 'fine.ts': PLANTED['.ts']!, 'fine.sh': PLANTED['.sh']! });
    // The Python extractor fails as a bug would: an exception the extractor did not expect.
    const extractors: Extractor[] = defaultExtractors().map((extractor) =>
      extractor.id === 'python'
        ? {
            ...extractor,
            extract: () => {
              throw new TypeError("Cannot read properties of undefined (reading 'kind')");
            },
          }
        : extractor,
    );

    const result = await scan({ paths: [root] }, { extractors });

    expect(result.skipped).toEqual([{ file: 'broken.py', reason: "internal error while analysing the file: Cannot read properties of undefined (reading 'kind')" }]);
    expect(filesWithFindings(result)).toEqual(['fine.sh', 'fine.ts']);
    expectSkipsInEveryReport(result);
  });
});
