import type { Extractor } from './extractor.js';
import { genericExtractor } from './generic/index.js';
import { powershellExtractor } from './powershell/index.js';
import { pythonExtractor } from './python/index.js';
import { shellExtractor } from './shell/index.js';
import { typescriptExtractor } from './typescript/index.js';

/** The extractors a scan uses by default; language-aware ones take precedence over the generic one. */
export function defaultExtractors(): Extractor[] {
  return [genericExtractor, typescriptExtractor, powershellExtractor, pythonExtractor, shellExtractor];
}
