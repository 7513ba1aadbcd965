import { describe, expect, it } from 'vitest';
import type { ExtractInput, Extractor } from '../../src/extract/extractor.js';
import { lazyExtractor } from '../../src/extract/lazy-extractor.js';

const INPUT = { path: '/a.ts', relativePath: 'a.ts', text: '', language: 'typescript', candidates: [], root: '/', signatures: [] } as unknown as ExtractInput;

describe('lazy extractor', () => {
  it('loads its module once, on the first file', async () => {
    let loads = 0;
    let resets = 0;
    const inner: Extractor = { id: 'inner', languages: ['typescript'], extract: () => [], reset: () => (resets += 1) };
    const lazy = lazyExtractor('inner', ['typescript'], async () => {
      loads += 1;
      return inner;
    });

    lazy.reset?.();
    expect(loads).toBe(0);
    expect(resets).toBe(0);
    await Promise.all([lazy.extract(INPUT), lazy.extract(INPUT)]);
    await lazy.extract(INPUT);
    lazy.reset?.();

    expect(loads).toBe(1);
    expect(resets).toBe(1);
  });

  it('declares the languages of the TypeScript extractor', async () => {
    const { lazyTypescriptExtractor } = await import('../../src/extract/default-extractors.js');
    const { typescriptExtractor } = await import('../../src/extract/typescript/index.js');

    expect(lazyTypescriptExtractor.languages).toEqual(typescriptExtractor.languages);
  });
});
