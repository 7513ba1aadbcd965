import type { BodyEvidence, CallSite, SdkChainLink, UrlPart } from '../../model/call-site.js';
import { dynamicPart, literalPart, literalText } from './resolve-state.js';

/**
 * True when one link name, lower case without `_`, equals or starts with a signature; the matcher
 * decides whether the chain names an old operation.
 */
export function namesSignature(links: readonly { name: string }[], signatures: readonly string[]): boolean {
  return links.some((link) => {
    const name = link.name.replace(/_/g, '').toLowerCase();
    return signatures.some((signature) => signature.length > 0 && name.startsWith(signature));
  });
}

/**
 * Builds the argument of an SDK chain link (`ByPrivilegedAccessId("aadRoles")`, `PrivilegedAccess["aadRoles"]`).
 * When the value is known, it is the first resolved part with the whole `text`. Otherwise it is a
 * dynamic part named by the argument's source text on one line, cut to 60 characters.
 */
export function linkArgument(text: string | undefined, parts: readonly UrlPart[], source: { text: string; startIndex: number }): UrlPart {
  const first = parts[0];
  return text !== undefined && first?.kind === 'literal'
    ? { ...first, text }
    : { kind: 'dynamic', name: source.text.replace(/\s+/g, ' ').slice(0, 60), offset: source.startIndex };
}

/**
 * Joins the resolved parts of an SDK chain link's argument into one URL part. All-literal parts give
 * the joined text, with the file offset only when there is one literal. Otherwise the result is a
 * dynamic part named by the argument's source text.
 */
export function joinedLinkArgument(parts: readonly UrlPart[], source: { text: string; startIndex: number }): UrlPart {
  const text = literalText(parts);
  if (text === undefined) {
    return dynamicPart(source.text, source.startIndex);
  }
  const first = parts[0];
  const offset = parts.length === 1 && first?.kind === 'literal' ? first.offset : undefined;
  return literalPart(text, offset, first?.kind === 'literal' ? first.resolvedFrom : undefined);
}

/** Builds the high-confidence SDK call site of a request chain whose links name a signature. */
export function sdkChainSite(language: string, links: SdkChainLink[], anchor: CallSite['anchor'], body?: BodyEvidence): CallSite {
  const site: CallSite = { kind: 'sdk', language, sdk: links, method: null, inComment: false, confidence: 'high', anchor };
  if (body) {
    site.body = body;
  }
  return site;
}
