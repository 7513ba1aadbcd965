import type { CallSite } from '../../model/call-site.js';
import type { ExtractInput, Extractor } from '../extractor.js';
import { mentionsSignature } from '../common/signatures.js';
import { codeRegions, type CodeRegion } from './code-regions.js';
import { fenceLanguage } from './fence-language.js';
import { urlsInRanges } from '../common/text-urls.js';

/**
 * Extracts call sites from Markdown. Each fenced code block goes to the extractor of its info
 * string's language (`http`, `powershell`, `json`...) with its file offset; indented code blocks
 * go to the generic extractor as `text`. URLs in prose and inline code are documentation: they
 * become low-confidence call sites marked as comments, never live calls.
 */
export const markdownExtractor: Extractor = {
  id: 'markdown',
  languages: ['markdown'],

  async extract(input: ExtractInput): Promise<CallSite[]> {
    if (!mentionsSignature(input.text, input.signatures)) {
      return [];
    }
    let regions: CodeRegion[];
    try {
      regions = codeRegions(input.text);
    } catch {
      // markdown-it accepts any text; this guard only keeps a library fault from failing the scan.
      regions = [];
    }

    const sites: CallSite[] = [];
    const prose: [number, number][] = [];
    let proseStart = 0;
    for (const region of regions) {
      prose.push([proseStart, region.start]);
      proseStart = region.end;
      if (!mentionsSignature(region.text, input.signatures)) {
        continue;
      }
      try {
        sites.push(...(await input.extractEmbedded(fenceLanguage(region.info), region.text, region.start)));
      } catch {
        // A fence another extractor cannot read loses its call sites, not the whole document.
      }
    }
    prose.push([proseStart, input.text.length]);

    sites.push(
      ...urlsInRanges(
        input.text,
        prose.filter(([start, end]) => end > start),
        { language: input.language, signatures: input.signatures, inComment: true, confidence: 'low' },
      ),
    );
    return sites.sort((a, b) => a.anchor.offset - b.anchor.offset);
  },
};
