import type { CallSite, UrlPart } from '../model/call-site.js';

/** Move every offset of a call site by `delta`, for call sites found in an embedded region. */
export function shiftCallSite(site: CallSite, delta: number): CallSite {
  if (delta === 0) {
    return site;
  }
  const shiftPart = (part: UrlPart): UrlPart => (part.offset === undefined ? part : { ...part, offset: part.offset + delta });
  const shifted: CallSite = { ...site, anchor: { ...site.anchor, offset: site.anchor.offset + delta } };
  if (site.url) {
    shifted.url = site.url.map(shiftPart);
  }
  if (site.cmdlet) {
    shifted.cmdlet = { ...site.cmdlet, offset: site.cmdlet.offset + delta };
  }
  if (site.sdk) {
    shifted.sdk = site.sdk.map((link) => ({ ...link, offset: link.offset + delta, ...(link.argument ? { argument: shiftPart(link.argument) } : {}) }));
  }
  if (site.body?.offset !== undefined) {
    shifted.body = { ...site.body, offset: site.body.offset + delta };
  }
  return shifted;
}
