import type { Node } from 'web-tree-sitter';
import type { CallSite, UrlPart } from '../../model/call-site.js';
import type { ExtractInput, Extractor } from '../extractor.js';
import { isSingleUrl, partsText } from '../common/url-text.js';
import { urlsInRanges } from '../common/text-urls.js';
import { walk, withTree } from '../tree-sitter/parse.js';
import { isRelevantUrl, mentionsSignature } from '../common/signatures.js';
import { readBlock, type HclBlock } from './blocks.js';
import { readHclBody } from './hcl-body.js';
import { mergeModuleValues, ModuleValues, moduleValuesOf, Resolver } from './module-values.js';
import { isHeredoc, namedChildren, stringPieces, templateNode } from './templates.js';

const moduleValues = new ModuleValues();

/** Request shape of one block type: where the URL is, the method and the body. */
interface RequestShape {
  url: (block: HclBlock, resolver: Resolver) => UrlPart[] | undefined;
  method: (block: HclBlock, resolver: Resolver) => string | null;
  body?: string;
  baseUrl?: (block: HclBlock, resolver: Resolver) => string | undefined;
  /** Attributes the shape reads, so they are not reported again as loose strings. */
  consumes: string[];
}

const attributeParts = (name: string) => (block: HclBlock, resolver: Resolver): UrlPart[] | undefined => {
  const expression = block.attributes.get(name);
  const pieces = expression ? stringPieces(expression) : undefined;
  return pieces ? resolver.parts(pieces) : undefined;
};

const attributeText = (block: HclBlock, resolver: Resolver, name: string): string | null => {
  const expression = block.attributes.get(name);
  const pieces = expression ? stringPieces(expression) : undefined;
  return pieces ? resolver.text(pieces) : null;
};

const methodAttribute = (fallback: string | null) => (block: HclBlock, resolver: Resolver): string | null => {
  if (!block.attributes.has('method')) {
    return fallback;
  }
  return attributeText(block, resolver, 'method')?.toUpperCase() ?? null;
};

/** The msgraph provider's `api_version` (default `v1.0`) makes the base URL of a relative `url`. */
const msgraphBase = (block: HclBlock, resolver: Resolver): string | undefined => `https://graph.microsoft.com/${attributeText(block, resolver, 'api_version') ?? 'v1.0'}`;

/**
 * Request-making blocks by `<block type> <first label>`. The msgraph provider creates a
 * `msgraph_resource` with POST, updates with PATCH and reads a data source with GET.
 */
const SHAPES: Record<string, RequestShape> = {
  'resource msgraph_resource': { url: attributeParts('url'), method: () => 'POST', body: 'body', baseUrl: msgraphBase, consumes: ['url', 'api_version'] },
  'resource msgraph_update_resource': { url: attributeParts('url'), method: () => 'PATCH', body: 'body', baseUrl: msgraphBase, consumes: ['url', 'api_version'] },
  'data msgraph_resource': { url: attributeParts('url'), method: () => 'GET', baseUrl: msgraphBase, consumes: ['url', 'api_version'] },
  // msgraph provider 0.2+: an action or a call on any URL, with its own method.
  'resource msgraph_resource_action': { url: attributeParts('resource_url'), method: methodAttribute('POST'), body: 'body', baseUrl: msgraphBase, consumes: ['resource_url', 'api_version', 'method'] },
  'data msgraph_resource_action': { url: attributeParts('resource_url'), method: methodAttribute('POST'), body: 'body', baseUrl: msgraphBase, consumes: ['resource_url', 'api_version', 'method'] },
  'data http': { url: attributeParts('url'), method: methodAttribute('GET'), body: 'request_body', consumes: ['url', 'method'] },
  'resource azurerm_logic_app_action_http': { url: attributeParts('uri'), method: methodAttribute(null), body: 'body', consumes: ['uri', 'method'] },
  'resource azapi_resource_action': {
    url: (block, resolver) => {
      const resource = attributeParts('resource_id')(block, resolver);
      const action = attributeParts('action')(block, resolver);
      return resource && action ? [...resource, { kind: 'literal', text: '/' }, ...action] : resource;
    },
    method: methodAttribute('POST'),
    body: 'body',
    consumes: ['resource_id', 'action', 'method'],
  },
};

/**
 * Extracts call sites from Terraform: msgraph provider resources and data sources, the `http`
 * data source, `azapi_resource_action` and Logic App HTTP actions as high-confidence calls with
 * method and body; any other string or template that contains an old URL as medium confidence,
 * with `var.x` defaults and `local.x` values of the module folder resolved. JSON heredocs go to
 * the JSON extractor; URLs in comments are low-confidence comment call sites.
 */
export const terraformExtractor: Extractor = {
  id: 'terraform',
  languages: ['terraform'],

  async extract(input: ExtractInput): Promise<CallSite[]> {
    if (!mentionsSignature(input.text, input.signatures)) {
      return [];
    }
    // Sibling files are read first because the tree of this file lives only inside `withTree`.
    const siblings = await moduleValues.siblingsOf(input.path, input.root);
    const { sites, embedded } = await withTree('hcl', input.text, (root) => {
      const resolver = new Resolver(mergeModuleValues(siblings, moduleValuesOf(root, input.path, input.relativePath), input.path), input.path);
      return readFile(root, resolver, input);
    });
    for (const region of embedded) {
      try {
        sites.push(...(await input.extractEmbedded(region.language, input.text.slice(region.start, region.end), region.start)));
      } catch {
        // A heredoc another extractor cannot read loses its call sites, not the whole file.
      }
    }
    return sites.sort((a, b) => a.anchor.offset - b.anchor.offset);
  },

  reset(): void {
    moduleValues.reset();
  },
};

interface FileResult {
  sites: CallSite[];
  embedded: { language: string; start: number; end: number }[];
}

function readFile(root: Node, resolver: Resolver, input: ExtractInput): FileResult {
  const result: FileResult = { sites: [], embedded: [] };
  const consumed = new Set<number>();
  const comments: [number, number][] = [];

  walk(root, (node) => {
    if (node.type === 'comment') {
      comments.push([node.startIndex, node.endIndex]);
      return false;
    }
    if (node.type !== 'block') {
      return true;
    }
    try {
      const block = readBlock(node);
      const shape = SHAPES[`${block.type} ${block.labels[0] ?? ''}`];
      const site = shape ? requestSite(block, shape, resolver, input) : undefined;
      if (site && shape) {
        result.sites.push(site);
        for (const name of [...shape.consumes, ...(shape.body ? [shape.body] : [])]) {
          const expression = block.attributes.get(name);
          if (expression) {
            consumed.add(expression.startIndex);
          }
        }
      }
    } catch {
      // A block the extractor cannot read still has its strings reported below.
    }
    return true;
  });

  walk(root, (node) => {
    if (node.type === 'comment' || consumed.has(node.startIndex)) {
      return false;
    }
    if (node.type !== 'expression' || !templateNode(node)) {
      return true;
    }
    try {
      looseString(node, resolver, input, result);
    } catch {
      // One string the extractor cannot read must not hide the others.
    }
    return false;
  });

  result.sites.push(...urlsInRanges(input.text, comments, { language: input.language, signatures: input.signatures, inComment: true, confidence: 'low' }));
  return result;
}

function requestSite(block: HclBlock, shape: RequestShape, resolver: Resolver, input: ExtractInput): CallSite | undefined {
  const url = shape.url(block, resolver);
  if (!url || !isRelevantUrl(url, input.signatures)) {
    return undefined;
  }
  const anchorNode = url.find((part) => part.offset !== undefined);
  const site: CallSite = {
    kind: 'url',
    language: input.language,
    url,
    method: shape.method(block, resolver),
    inComment: false,
    confidence: 'high',
    anchor: { offset: anchorNode?.offset ?? block.node.startIndex, length: 1 },
  };
  const baseUrl = shape.baseUrl?.(block, resolver);
  if (baseUrl) {
    site.baseUrl = baseUrl;
  }
  const body = shape.body ? block.attributes.get(shape.body) : undefined;
  if (body) {
    site.body = readHclBody(body, resolver);
  }
  return site;
}

/**
 * A string outside a known request: one URL becomes a medium call site with the method of a
 * sibling `method` attribute; a JSON heredoc goes to the JSON extractor; other text is searched
 * for URLs.
 */
function looseString(expression: Node, resolver: Resolver, input: ExtractInput, result: FileResult): void {
  const template = templateNode(expression)!;
  const content = namedChildren(template).filter((child) => child.type !== 'heredoc_identifier' && child.type !== 'heredoc_start' && child.type !== 'quoted_template_start' && child.type !== 'quoted_template_end');
  if (isHeredoc(expression) && mentionsSignature(expression.text, input.signatures)) {
    const start = content[0]?.startIndex;
    const end = content.at(-1)?.endIndex;
    if (start !== undefined && end !== undefined) {
      if (/^\s*[[{]/.test(input.text.slice(start, end))) {
        result.embedded.push({ language: 'json', start, end });
      } else {
        result.sites.push(...urlsInRanges(input.text, [[start, end]], { language: input.language, signatures: input.signatures, inComment: false, confidence: 'medium' }));
      }
    }
    return;
  }
  if (isHeredoc(expression) || isReferencedValue(expression, input.text)) {
    return;
  }
  const pieces = stringPieces(expression);
  // Resolve before the signature test: `"${var.base}/${local.path}"` names no signature itself.
  const parts = pieces ? resolver.parts(pieces) : undefined;
  if (!parts || !isRelevantUrl(parts, input.signatures)) {
    return;
  }
  if (!isSingleUrl(partsText(parts.map((part) => (part.kind === 'dynamic' ? { kind: 'dynamic' } : part))))) {
    result.sites.push(...urlsInRanges(input.text, [[template.startIndex, template.endIndex]], { language: input.language, signatures: input.signatures, inComment: false, confidence: 'medium' }));
    return;
  }
  result.sites.push({
    kind: 'url',
    language: input.language,
    url: parts,
    method: siblingMethod(expression, resolver),
    inComment: false,
    confidence: 'medium',
    anchor: { offset: template.startIndex, length: template.endIndex - template.startIndex },
  });
}

/** The literal `method` attribute of the body or object that contains this value, upper case. */
function siblingMethod(expression: Node, resolver: Resolver): string | null {
  const holder = expression.parent;
  const container = holder?.parent;
  if (!holder || !container) {
    return null;
  }
  for (const sibling of namedChildren(container)) {
    const [name, value] = sibling.type === 'attribute' ? namedChildren(sibling) : sibling.type === 'object_elem' ? [sibling.childForFieldName('key'), sibling.childForFieldName('val')] : [];
    if (name && value && name.text.replace(/"/g, '').toLowerCase() === 'method') {
      const pieces = stringPieces(value);
      const text = pieces ? resolver.text(pieces)?.toUpperCase() : undefined;
      return text && /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/.test(text) ? text : null;
    }
  }
  return null;
}

/**
 * True for a `locals` value or a variable default that this file uses as `local.x`/`var.x`: the
 * call site that uses it reports the URL, so the definition is not reported again.
 * NOTE: a variable default used only from another file of the module is still reported.
 */
function isReferencedValue(expression: Node, text: string): boolean {
  const attribute = expression.parent;
  const block = attribute?.parent?.parent;
  const name = attribute?.type === 'attribute' ? namedChildren(attribute)[0]?.text : undefined;
  if (!name || block?.type !== 'block') {
    return false;
  }
  const { type, labels } = readBlock(block);
  const reference = type === 'locals' ? `local.${name}` : type === 'variable' && name === 'default' ? `var.${labels[0] ?? ''}` : undefined;
  return reference !== undefined && new RegExp(`\\b${reference.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(text);
}
