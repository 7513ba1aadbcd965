import type { Extractor } from './extractor.js';
import { MAX_PARSER_NESTING } from './common/nesting.js';
import { csharpExtractor } from './csharp/index.js';
import { genericExtractor } from './generic/index.js';
import { goExtractor } from './go/index.js';
import { httpExtractor } from './http/index.js';
import { javaExtractor } from './java/index.js';
import { jsonExtractor } from './json/index.js';
import { lazyExtractor } from './lazy-extractor.js';
import { markdownExtractor } from './markdown/index.js';
import { phpExtractor } from './php/index.js';
import { powershellExtractor } from './powershell/index.js';
import { pythonExtractor } from './python/index.js';
import { rustExtractor } from './rust/index.js';
import { shellExtractor } from './shell/index.js';
import { terraformExtractor } from './terraform/index.js';
import { TYPESCRIPT_LANGUAGES } from './typescript/languages.js';
import { yamlExtractor } from './yaml/index.js';

/** The TypeScript extractor, loaded with the compiler on its first file. */
export const lazyTypescriptExtractor: Extractor = lazyExtractor(
  'typescript',
  TYPESCRIPT_LANGUAGES,
  async () => (await import('./typescript/index.js')).typescriptExtractor,
  MAX_PARSER_NESTING,
);

/** The extractors a scan uses by default; language-aware ones take precedence over the generic one. */
export function defaultExtractors(): Extractor[] {
  return [
    genericExtractor,
    lazyTypescriptExtractor,
    powershellExtractor,
    pythonExtractor,
    shellExtractor,
    csharpExtractor,
    goExtractor,
    javaExtractor,
    phpExtractor,
    rustExtractor,
    markdownExtractor,
    httpExtractor,
    jsonExtractor,
    yamlExtractor,
    terraformExtractor,
  ];
}
