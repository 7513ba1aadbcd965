import { isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document, type Node as YamlNode, type Scalar, type YAMLMap } from 'yaml';
import type { BodyEvidence, CallSite, UrlPart } from '../../model/call-site.js';
import type { ExtractInput, Extractor } from '../extractor.js';
import { isSingleUrl, partsText, splitPlaceholders } from '../common/url-text.js';
import { urlsInRanges } from '../common/text-urls.js';
import { isRelevantUrl, mentionsSignature } from '../common/signatures.js';
import { commentRanges } from './comments.js';
import { oneLineValue, scalarSource } from './scalar-source.js';
import { mapString, scriptLanguage } from './script-language.js';
import { PipelineVariables } from './variables.js';

/**
 * Placeholders of pipeline and template YAML: `$(name)` macros, `${{ expression }}` template
 * expressions, `$[ expression ]` runtime expressions, `${NAME}` and `{{ name }}` (Helm, Ansible).
 */
const YAML_PLACEHOLDER = /\$\(\s*([^()]+?)\s*\)|\$\{\{\s*(.+?)\s*\}\}|\$\[\s*(.+?)\s*\]|\$\{([^{}]+)\}|\{\{\s*(.+?)\s*\}\}/g;
/** Keys whose map is an HTTP request module (Ansible), so its `url` is a live call. */
const REQUEST_MODULES = new Set(['uri', 'ansible.builtin.uri', 'ansible.legacy.uri']);
/** Maps nested deeper than this are not read. */
const MAX_DEPTH = 64;

interface Frame {
  node: unknown;
  /** The map that contains this node's parent map as `inputs:`/`with:`, for task and step keys. */
  step: YAMLMap | undefined;
  /** The key this node is stored under in its parent map. */
  key: string | undefined;
  parent: YAMLMap | undefined;
  /** The key the parent map is stored under (`uri` for the map of an Ansible `uri:` task). */
  parentKey: string | undefined;
  depth: number;
}

function isStepInputs(key: string | undefined): boolean {
  return key === 'inputs' || key === 'with';
}

/**
 * Extracts call sites from YAML: scripts of Azure Pipelines, GitHub Actions and GitLab CI steps
 * go to the extractor of their shell's language, verbatim and at their file offset; other string
 * values that hold an old URL become medium-confidence call sites with the method of a sibling
 * `method:` key; URLs in comments are low-confidence comment call sites.
 */
export const yamlExtractor: Extractor = {
  id: 'yaml',
  languages: ['yaml'],

  async extract(input: ExtractInput): Promise<CallSite[]> {
    if (!mentionsSignature(input.text, input.signatures)) {
      return [];
    }
    const sites: CallSite[] = [];
    let documents: Document.Parsed[];
    try {
      // An empty stream is an empty array-like, so spreading it yields no documents.
      documents = [...parseAllDocuments(input.text)];
    } catch {
      documents = [];
    }
    for (const document of documents) {
      const variables = new PipelineVariables(document.contents, input.text);
      const stack: Frame[] = [{ node: document.contents, step: undefined, key: undefined, parent: undefined, parentKey: undefined, depth: 0 }];
      while (stack.length > 0) {
        const frame = stack.pop()!;
        try {
          sites.push(...(await visit(frame, stack, variables, input)));
        } catch {
          // One value the extractor cannot read must not hide the rest of the file.
        }
      }
    }
    sites.push(...urlsInRanges(input.text, commentRanges(input.text), { language: input.language, signatures: input.signatures, inComment: true, confidence: 'low' }));
    return sites.sort((a, b) => a.anchor.offset - b.anchor.offset);
  },
};

async function visit(frame: Frame, stack: Frame[], variables: PipelineVariables, input: ExtractInput): Promise<CallSite[]> {
  const { node, depth } = frame;
  if (depth > MAX_DEPTH) {
    return [];
  }
  if (isMap(node)) {
    const map = node as YAMLMap;
    for (let i = map.items.length - 1; i >= 0; i--) {
      const pair = map.items[i]!;
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      const keyLower = key?.toLowerCase();
      // `inputs:` (pipeline tasks) and `with:` (Actions) belong to the step that contains them, so
      // the values inside them see that step's `task:` or `uses:`.
      const step = isStepInputs(keyLower) ? map : isStepInputs(frame.key) ? frame.step : undefined;
      stack.push({ node: pair.value, step, key: keyLower, parent: map, parentKey: frame.key, depth: depth + 1 });
    }
    return [];
  }
  if (isSeq(node)) {
    const language = frame.parent && frame.key ? scriptLanguage(frame.key, frame.parent, frame.step) : undefined;
    for (let i = node.items.length - 1; i >= 0; i--) {
      const item = node.items[i];
      // A list of commands under a script key (GitLab CI `script:`) is one script per item.
      const itemKey = language && isScalar(item) ? frame.key : undefined;
      stack.push({ node: item, step: frame.step, key: itemKey, parent: itemKey ? frame.parent : undefined, parentKey: undefined, depth: depth + 1 });
    }
    return [];
  }
  if (isPair(node) || !isScalar(node) || typeof node.value !== 'string') {
    return [];
  }
  const scalar = node as Scalar<string>;
  if (!mentionsSignature(scalar.value, input.signatures)) {
    return [];
  }
  const source = scalarSource(scalar, input.text);
  if (!source) {
    return [];
  }
  const language = frame.parent && frame.key ? scriptLanguage(frame.key, frame.parent, frame.step) : undefined;
  if (language) {
    return input.extractEmbedded(language, input.text.slice(source.start, source.end), source.start);
  }
  return [...stringSites(scalar, frame, variables, input)];
}

/** Call sites for a string value that is not a script. */
function stringSites(scalar: Scalar<string>, frame: Frame, variables: PipelineVariables, input: ExtractInput): CallSite[] {
  const source = scalarSource(scalar, input.text)!;
  const value = oneLineValue(scalar, source, input.text);
  const options = { language: input.language, signatures: input.signatures, inComment: false, confidence: 'medium' as const };
  if (!value) {
    return urlsInRanges(input.text, [[source.start, source.end]], options);
  }
  const parts: UrlPart[] = splitPlaceholders(value.text, value.offsets, YAML_PLACEHOLDER, (match) => variables.resolve(match));
  if (!isRelevantUrl(parts, input.signatures)) {
    return [];
  }
  if (!isSingleUrl(partsText(parts.map((part) => (part.kind === 'dynamic' ? { kind: 'dynamic' } : part))))) {
    return urlsInRanges(input.text, [[source.start, source.end]], options);
  }
  const owner = frame.parent;
  const method = (mapString(owner, 'method') ?? mapString(owner, 'httpMethod') ?? mapString(owner, 'verb'))?.toUpperCase() ?? null;
  const site: CallSite = {
    kind: 'url',
    language: input.language,
    url: parts,
    method: method && /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/.test(method) ? method : null,
    inComment: false,
    confidence: isRequestModuleUrl(frame) ? 'high' : 'medium',
    anchor: { offset: source.start, length: source.end - source.start },
  };
  const body = owner?.items.find((pair) => isScalar(pair.key) && String(pair.key.value).toLowerCase() === 'body')?.value;
  if (isMap(body)) {
    site.body = mapFields(body as YAMLMap);
  }
  return [site];
}

/** True for the `url:` of an Ansible `uri` task, which sends the request. */
function isRequestModuleUrl(frame: Frame): boolean {
  return frame.key === 'url' && frame.parentKey !== undefined && REQUEST_MODULES.has(frame.parentKey);
}

/** The fields of a YAML map as body evidence, by dotted path; nested deeper than 16 levels is not read. */
function mapFields(map: YAMLMap): BodyEvidence {
  const evidence: BodyEvidence = { fields: {}, complete: true, offset: map.range?.[0] };
  const stack: { node: YamlNode | unknown; path: string; depth: number }[] = [{ node: map, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { node, path, depth } = stack.pop()!;
    if (depth > 16) {
      evidence.complete = false;
      continue;
    }
    if (isMap(node) || isSeq(node)) {
      const items = isMap(node)
        ? node.items.map((pair) => ({ key: isScalar(pair.key) ? String(pair.key.value) : undefined, value: pair.value }))
        : node.items.map((item, index) => ({ key: String(index), value: item }));
      for (let i = items.length - 1; i >= 0; i--) {
        const { key, value } = items[i]!;
        if (key === undefined) {
          evidence.complete = false;
          continue;
        }
        stack.push({ node: value, path: path ? `${path}.${key}` : key, depth: depth + 1 });
      }
      continue;
    }
    evidence.fields[path] = isScalar(node) && typeof node.value === 'string' && !/\$\(|\$\{|\{\{/.test(node.value) ? node.value : null;
  }
  return evidence;
}
