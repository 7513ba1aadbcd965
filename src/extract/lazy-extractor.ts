import type { CallSite } from '../model/call-site.js';
import type { ExtractInput, Extractor } from './extractor.js';

/**
 * Wraps an extractor whose module loads on its first file. The TypeScript extractor brings the
 * compiler (about 0.4 s of CPU time and 70 MB to load), so a worker that analyses only other
 * languages never pays for it.
 */
export function lazyExtractor(id: string, languages: readonly string[], load: () => Promise<Extractor>, maxNesting?: number): Extractor {
  let loading: Promise<Extractor> | undefined;
  let loaded: Extractor | undefined;
  return {
    id,
    languages,
    maxNesting,
    async extract(input: ExtractInput): Promise<CallSite[]> {
      await this.prepare!();
      return loaded!.extract(input);
    },
    async prepare(): Promise<void> {
      loaded ??= await (loading ??= load());
    },
    reset(): void {
      loaded?.reset?.();
    },
  };
}
