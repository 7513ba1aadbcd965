import { parseTree, type ParseError } from 'jsonc-parser';
import type { BodyEvidence, CallSite, UrlPart } from '../../model/call-site.js';
import type { ExtractInput, Extractor } from '../extractor.js';
import { readJsonFields } from '../common/json-tree-fields.js';
import { stringNodeText } from '../common/json-string.js';
import { urlsInRanges } from '../common/text-urls.js';
import { isRelevantUrl, mentionsSignature } from '../common/signatures.js';
import { parseHttpFile, type HttpRequest } from './http-file.js';
import { HttpVariables } from '../common/request-variables.js';

/**
 * Extracts requests from HTTP files (`.http`, `.rest`, and `http` fences in Markdown): each
 * request line whose URL names a signature becomes a high-confidence call site with its method,
 * `{{variables}}` resolved and the fields of a JSON body. Requests in comment lines are
 * low-confidence comment call sites.
 */
export const httpExtractor: Extractor = {
  id: 'http',
  languages: ['http'],

  extract(input: ExtractInput): CallSite[] {
    if (!mentionsSignature(input.text, input.signatures)) {
      return [];
    }
    const file = parseHttpFile(input.text);
    const variables = new HttpVariables(file.variables);
    const sites: CallSite[] = [];
    for (const request of file.requests) {
      try {
        const site = requestSite(request, variables, input);
        if (site) {
          sites.push(site);
        }
      } catch {
        // One request the extractor cannot read must not hide the others.
      }
    }
    sites.push(...urlsInRanges(input.text, file.comments, { language: input.language, signatures: input.signatures, inComment: true, confidence: 'low' }));
    return sites.sort((a, b) => a.anchor.offset - b.anchor.offset);
  },
};

function requestSite(request: HttpRequest, variables: HttpVariables, input: ExtractInput): CallSite | null {
  const url: UrlPart[] = request.url.flatMap((span) => variables.parts(span.text, span.offset));
  if (!isRelevantUrl(url, input.signatures)) {
    return null;
  }
  const first = request.url[0]!;
  const last = request.url.at(-1)!;
  const site: CallSite = {
    kind: 'url',
    language: input.language,
    url,
    method: request.method,
    inComment: false,
    confidence: 'high',
    anchor: { offset: first.offset, length: last.offset + last.text.length - first.offset },
  };
  const host = request.headers.find((header) => header.name.toLowerCase() === 'host');
  const hostText = host ? variables.resolveText(host.value.text) : null;
  if (hostText) {
    // `GET /beta/privilegedAccess/...` with a `Host:` header: the header names the host.
    site.baseUrl = /^[a-z]+:\/\//i.test(hostText) ? hostText : `https://${hostText}`;
  }
  if (request.body) {
    site.body = readBody(request.body.text, request.body.offset, variables);
  }
  return site;
}

/**
 * Read a JSON body. Unquoted `{{placeholders}}` make the JSON invalid, which the tolerant parser
 * recovers from; the evidence is then marked incomplete.
 */
function readBody(text: string, offset: number, variables: HttpVariables): BodyEvidence {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('{')) {
    return { fields: {}, complete: false, offset };
  }
  const errors: ParseError[] = [];
  const start = offset + (text.length - trimmed.length);
  const root = parseTree(trimmed, errors, { allowTrailingComma: true, disallowComments: false });
  if (!root) {
    return { fields: {}, complete: false, offset: start };
  }
  const evidence = readJsonFields(root, (node) => variables.resolveText(stringNodeText(node, trimmed).text));
  evidence.offset = start;
  if (errors.length > 0) {
    evidence.complete = false;
  }
  return evidence;
}
