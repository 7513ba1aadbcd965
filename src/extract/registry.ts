import type { Extractor } from './extractor.js';
import { genericExtractor } from './generic/index.js';

/**
 * Extractors by language id. A language without its own extractor falls back to the generic
 * one, so no file with an old URL goes unreported.
 */
export class ExtractorRegistry {
  private readonly byLanguage = new Map<string, Extractor>();

  constructor(extractors: readonly Extractor[]) {
    for (const extractor of extractors) {
      for (const language of extractor.languages) {
        this.byLanguage.set(language, extractor);
      }
    }
  }

  forLanguage(language: string): Extractor {
    return this.byLanguage.get(language) ?? genericExtractor;
  }

  reset(): void {
    for (const extractor of new Set(this.byLanguage.values())) {
      extractor.reset?.();
    }
  }
}
