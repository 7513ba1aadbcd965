import type { BodyEvidence, CallSite, SdkChainLink, UrlPart } from '../../model/call-site.js';
import { isRelevantUrl, mentionsSignature } from './signatures.js';
import { ResolveState } from './resolve-state.js';
import { namesSignature, sdkChainSite } from './sdk-chain.js';
import { looseStringSite } from './loose-strings.js';
import { commentSites } from './comment-sites.js';
import { guard } from './guard.js';

export interface Anchor {
  offset: number;
  length: number;
}

/** A syntax node as the collector needs it: its source text and start offset in the file. */
export interface TextNode {
  text: string;
  startIndex: number;
}

/** The language-specific steps of the loose-string pass: which strings count and how their expression resolves. */
export interface LooseStringReader<Node extends TextNode> {
  /** False for strings that are no value the code sends (annotations, attributes). */
  isValue(node: Node): boolean;
  /** The whole expression that builds the string's value (`a + "x"`, a format call). */
  outermost(node: Node): Node;
  resolve(expression: Node, state: ResolveState): UrlPart[];
  anchor(expression: Node): Anchor;
}

/**
 * Collects the call sites of one file and reports each use once: a string literal whose text
 * went into a reported call site is not reported again by a later, weaker pass.
 */
export class SiteCollector {
  readonly sites: CallSite[] = [];
  /** Start offsets of string literals already used by a reported call site. */
  private readonly reported = new Set<number>();

  constructor(
    private readonly language: string,
    private readonly signatures: readonly string[],
  ) {}

  isRelevant(parts: readonly UrlPart[]): boolean {
    return isRelevantUrl(parts, this.signatures);
  }

  mentions(text: string): boolean {
    return mentionsSignature(text, this.signatures);
  }

  isReported(offset: number): boolean {
    return this.reported.has(offset);
  }

  /** True when the resolution read a literal naming a signature that no reported site used. */
  hasNewEvidence(state: ResolveState): boolean {
    for (const [offset, text] of state.reads) {
      if (!this.reported.has(offset) && this.mentions(text)) {
        return true;
      }
    }
    return false;
  }

  /** Reports a recognised HTTP request (high confidence) when its URL names a signature. */
  addRequest(parts: UrlPart[], method: string | null, state: ResolveState, anchor: Anchor, body?: BodyEvidence): boolean {
    if (!this.isRelevant(parts)) {
      return false;
    }
    this.markReported(state);
    const site: CallSite = { kind: 'url', language: this.language, url: parts, method, inComment: false, confidence: 'high', anchor };
    if (body) {
      site.body = body;
    }
    this.sites.push(site);
    return true;
  }

  /** Reports a relevant string that reaches no recognised request (medium confidence). */
  addString(parts: UrlPart[], state: ResolveState, anchor: Anchor): boolean {
    if (!this.isRelevant(parts) || !this.hasNewEvidence(state)) {
      return false;
    }
    this.markReported(state);
    this.sites.push(looseStringSite(this.language, parts, anchor));
    return true;
  }

  /**
   * Reports an SDK request chain when one link, lower case without `_`, equals or starts with a
   * signature; the matcher decides whether the chain names an old operation.
   */
  addSdkChain(links: SdkChainLink[], state: ResolveState, anchor: Anchor, body?: BodyEvidence): boolean {
    if (!namesSignature(links, this.signatures)) {
      return false;
    }
    this.markReported(state);
    this.sites.push(sdkChainSite(this.language, links, anchor, body));
    return true;
  }

  /** Reports the strings that name a signature and that no reported call used, each as the whole expression that builds it. */
  addLooseStrings<Node extends TextNode>(strings: readonly Node[], reader: LooseStringReader<Node>): void {
    for (const node of strings) {
      guard(() => {
        if (this.isReported(node.startIndex) || !this.mentions(node.text) || !reader.isValue(node)) {
          return;
        }
        const expression = reader.outermost(node);
        const state = new ResolveState();
        this.addString(reader.resolve(expression, state), state, reader.anchor(expression));
      });
    }
  }

  /** Reports URL tokens in comments as low-confidence call sites. */
  addComments(comments: readonly TextNode[]): void {
    for (const comment of comments) {
      guard(() => {
        this.sites.push(...commentSites(comment.text, comment.startIndex, this.signatures, this.language));
      });
    }
  }

  markReported(state: ResolveState): void {
    for (const offset of state.reads.keys()) {
      this.reported.add(offset);
    }
  }

  /** Call sites ordered by position. */
  sorted(): CallSite[] {
    return [...this.sites].sort((a, b) => a.anchor.offset - b.anchor.offset);
  }
}
