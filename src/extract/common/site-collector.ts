import type { BodyEvidence, CallSite, SdkChainLink, UrlPart } from '../../model/call-site.js';
import { isRelevantUrl, mentionsSignature } from './signatures.js';
import type { ResolveState } from './resolve-state.js';

export interface Anchor {
  offset: number;
  length: number;
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
    this.sites.push({ kind: 'url', language: this.language, url: parts, method: null, inComment: false, confidence: 'medium', anchor });
    return true;
  }

  /**
   * Reports an SDK request chain when one link, lower case without `_`, equals or starts with a
   * signature; the matcher decides whether the chain names an old operation.
   */
  addSdkChain(links: SdkChainLink[], state: ResolveState, anchor: Anchor, body?: BodyEvidence): boolean {
    const named = links.some((link) => {
      const name = link.name.replace(/_/g, '').toLowerCase();
      return this.signatures.some((signature) => signature.length > 0 && name.startsWith(signature));
    });
    if (!named) {
      return false;
    }
    this.markReported(state);
    const site: CallSite = { kind: 'sdk', language: this.language, sdk: links, method: null, inComment: false, confidence: 'high', anchor };
    if (body) {
      site.body = body;
    }
    this.sites.push(site);
    return true;
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
