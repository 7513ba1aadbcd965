import type { UrlPart } from '../../model/call-site.js';

/** True when a URL starts with a literal that has no scheme, so a client base address applies. */
export function isRelativeUrl(parts: readonly UrlPart[]): boolean {
  const first = parts[0];
  return first?.kind === 'literal' && !/^[a-z][a-z0-9+.-]*:\/\//i.test(first.text);
}
