import { resolve } from 'node:path';
import { Matcher } from '../match/matcher.js';
import { LineIndex } from '../match/line-index.js';
import { UrlNormalizer } from '../match/normalize-url.js';
import type { Finding } from '../model/finding.js';
import { BUILTIN_RULES_DIR, loadRuleTable } from '../rules/load.js';
import { redactPath, redactUrl } from './redact.js';
import { requestCallSite } from './request-site.js';
import type { AppFrame } from './stack-frame.js';
import { urlSignaturesOf } from './url-prefilter.js';

/**
 * The rule table and matcher of the runtime guard. This module is imported on the first candidate
 * request only, because the table costs a few hundred milliseconds to load and pulls in the YAML
 * parser and the schema library.
 */
export class RuntimeEngine {
  private readonly matcher: Matcher;
  private readonly normalizer: UrlNormalizer;
  /** URL signature words of this rule table. */
  readonly signatures: string[];

  constructor(rulesDir: string) {
    const table = loadRuleTable(rulesDir);
    this.matcher = new Matcher(table);
    this.normalizer = new UrlNormalizer(table.hosts);
    this.signatures = urlSignaturesOf(table.rules);
  }

  /** True when the host is a Graph or PIM service host of the rule table. */
  isKnownHost(hostname: string): boolean {
    return this.normalizer.classifyHost(hostname).kind !== 'other';
  }

  /**
   * Matches one request and returns its runtime finding, or null when no rule matches. The
   * finding sits at the application frame, and its URL has ids and query values removed.
   */
  match(url: URL, method: string, body: unknown, frame: AppFrame | null): Finding | null {
    const text = url.href;
    const found = this.matcher.match(requestCallSite(text, method, body), { relativePath: '', text, lines: new LineIndex(text) });
    if (!found) return null;

    const redacted = redactUrl(url, found.operation.path);
    const apiPath = redactPath(found.operation.path);
    const notes = frame ? found.notes : [...found.notes, 'The guard found no application frame in the stack: the call came from pim-migrate or node_modules only.'];
    return {
      ...found,
      file: frame?.file ?? '<unknown>',
      line: frame?.line ?? 1,
      column: frame?.column ?? 1,
      endLine: frame?.line ?? 1,
      endColumn: frame?.column ?? 1,
      language: frame ? languageOf(frame.file) : 'unknown',
      operation: { method: found.operation.method, path: apiPath },
      message: found.message.split(found.operation.path).join(apiPath),
      notes,
      matchedText: redacted,
      source: 'runtime',
    };
  }
}

function languageOf(file: string): string {
  return /\.[cm]?tsx?$/i.test(file) ? 'typescript' : 'javascript';
}

/** One engine per rule folder and process. */
const engines = new Map<string, RuntimeEngine>();

export function runtimeEngine(rulesDir: string = BUILTIN_RULES_DIR): RuntimeEngine {
  const key = resolve(rulesDir);
  let engine = engines.get(key);
  if (!engine) {
    engine = new RuntimeEngine(key);
    engines.set(key, engine);
  }
  return engine;
}
