import type { Extractor } from './extractor.js';
import { genericExtractor } from './generic/index.js';
import { javaExtractor } from './java/index.js';
import { phpExtractor } from './php/index.js';
import { powershellExtractor } from './powershell/index.js';
import { pythonExtractor } from './python/index.js';
import { rustExtractor } from './rust/index.js';
import { shellExtractor } from './shell/index.js';
import { typescriptExtractor } from './typescript/index.js';

/** The extractors a scan uses by default; language-aware ones take precedence over the generic one. */
export function defaultExtractors(): Extractor[] {
  return [genericExtractor, typescriptExtractor, powershellExtractor, pythonExtractor, shellExtractor, javaExtractor, phpExtractor, rustExtractor];
}
