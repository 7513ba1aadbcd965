import type { UrlPart } from '../model/call-site.js';
import type { HostsFile } from '../rules/schema.js';

/** Stands for a value the code leaves dynamic, inside the flattened URL text. */
export const DYNAMIC = '\u0000';

export type HostKind = 'graph' | 'pim-service' | 'other';

/** A dynamic part at the end of a segment's text. */
const DYNAMIC_SUFFIX = /\u0000+$/;

export interface PathSegment {
  /** Decoded text; contains DYNAMIC where a dynamic part sits. */
  text: string;
  /** True when the whole segment is one dynamic part. */
  dynamic: boolean;
  /** File offset of the segment's first character, when it is written in the scanned file. */
  offset?: number;
  /** File offset just past the segment's last character, when known. */
  endOffset?: number;
}

export interface NormalizedUrl {
  host: string | null;
  hostKind: HostKind | null;
  /** Cloud id from `rules/hosts.yaml`, or null when the host is unknown. */
  cloud: string | null;
  /** `beta`, `v1.0` or `api/v2` when written before the API path, DYNAMIC when the code chooses it. */
  version: string | null;
  /** True when the URL starts with a dynamic part (a base URL the code builds elsewhere). */
  dynamicBase: boolean;
  /** Segments of the API path, after host and version. */
  segments: PathSegment[];
  /** Query string without `?`, decoded (`+` as space); DYNAMIC marks dynamic parts. */
  query: string;
}

interface FlatChar {
  offset?: number;
}

/** Flatten parts into one string with DYNAMIC markers and a file offset per character. */
function flatten(parts: readonly UrlPart[]): { text: string; origins: FlatChar[] } {
  let text = '';
  const origins: FlatChar[] = [];
  for (const part of parts) {
    if (part.kind === 'dynamic') {
      text += DYNAMIC;
      origins.push(part.offset === undefined ? {} : { offset: part.offset });
      continue;
    }
    text += part.text;
    for (let i = 0; i < part.text.length; i++) {
      origins.push(part.offset === undefined ? {} : { offset: part.offset + i });
    }
  }
  return { text, origins };
}

function decodeSegment(raw: string): string {
  if (!raw.includes('%')) {
    return raw;
  }
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** Decode a query string for evidence reading: `+` is a space, percent escapes are decoded. */
function decodeQuery(raw: string): string {
  const spaced = raw.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

export class UrlNormalizer {
  private readonly hostCloud = new Map<string, { cloud: string; kind: HostKind }>();
  private readonly graphVersions: string[];
  private readonly pimBasePaths: string[];

  constructor(private readonly hosts: HostsFile) {
    for (const cloud of hosts.clouds) {
      for (const host of cloud.graph) {
        this.hostCloud.set(host.toLowerCase(), { cloud: cloud.id, kind: 'graph' });
      }
      for (const host of cloud.pimService) {
        this.hostCloud.set(host.toLowerCase(), { cloud: cloud.id, kind: 'pim-service' });
      }
    }
    this.graphVersions = hosts.graphVersions.map((version) => version.toLowerCase());
    this.pimBasePaths = hosts.pimServiceBasePaths.map((path) => path.toLowerCase().replace(/^\//, ''));
  }

  /** Classify a host name: which cloud, and Graph or the PIM service. */
  classifyHost(host: string): { cloud: string | null; kind: HostKind } {
    const lower = host.toLowerCase();
    const known = this.hostCloud.get(lower);
    if (known) {
      return known;
    }
    if (lower.startsWith(this.hosts.pimServiceHostPrefix.toLowerCase())) {
      return { cloud: null, kind: 'pim-service' };
    }
    return { cloud: null, kind: 'other' };
  }

  /**
   * Normalize a URL given as parts. `baseUrl` is prepended when the code sets the host elsewhere
   * (a Graph client default, an HttpClient base address) and the parts hold only a path.
   */
  normalize(parts: readonly UrlPart[], baseUrl?: string): NormalizedUrl {
    let { text, origins } = flatten(parts);
    const startsWithHost = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) || text.startsWith('//');
    if (baseUrl && !startsWithHost && !text.startsWith(DYNAMIC)) {
      const joiner = baseUrl.endsWith('/') || text.startsWith('/') ? '' : '/';
      const prefix = baseUrl + joiner;
      text = prefix + text;
      origins = [...Array.from({ length: prefix.length }, () => ({})), ...origins];
    }

    // Split off the fragment and the query; the query keeps its text for evidence.
    let end = text.length;
    const hashAt = text.indexOf('#');
    if (hashAt !== -1) {
      end = hashAt;
    }
    const questionAt = text.indexOf('?');
    let query = '';
    if (questionAt !== -1 && questionAt < end) {
      query = decodeQuery(text.slice(questionAt + 1, end));
      end = questionAt;
    }

    let cursor = 0;
    let host: string | null = null;
    const schemeMatch = /^(?:[a-z][a-z0-9+.-]*:)?\/\/([^/\u0000]*)/i.exec(text.slice(0, end));
    if (schemeMatch) {
      host = schemeMatch[1]!.replace(/:\d+$/, '').replace(/^[^@]*@/, '') || null;
      cursor = schemeMatch[0].length;
    }
    let dynamicBase = false;
    if (!host && text[cursor] === DYNAMIC) {
      dynamicBase = true;
      cursor += 1;
    }

    const rawSegments: { raw: string; start: number }[] = [];
    let segmentStart = cursor;
    for (let i = cursor; i <= end; i++) {
      if (i === end || text[i] === '/') {
        if (i > segmentStart) {
          rawSegments.push({ raw: text.slice(segmentStart, i), start: segmentStart });
        }
        segmentStart = i + 1;
      }
    }

    let segments: PathSegment[] = rawSegments.map(({ raw, start }) => {
      const segment: PathSegment = { text: decodeSegment(raw), dynamic: raw === DYNAMIC };
      const first = origins[start]?.offset;
      const last = origins[start + raw.length - 1]?.offset;
      if (first !== undefined) {
        segment.offset = first;
      }
      if (last !== undefined) {
        segment.endOffset = last + 1;
      }
      return segment;
    });

    const classified = host ? this.classifyHost(host) : null;
    let version: string | null = null;
    const firstText = segments[0]?.text.toLowerCase();
    if (firstText && this.graphVersions.includes(firstText) && classified?.kind !== 'pim-service') {
      version = firstText;
      segments = segments.slice(1);
    } else if (classified?.kind === 'graph' && segments[0]?.dynamic) {
      // `https://graph.microsoft.com/${version}/...`: a Graph host is always followed by a version.
      version = DYNAMIC;
      segments = segments.slice(1);
    } else if (firstText && classified?.kind !== 'pim-service' && this.graphVersions.includes(firstText.replace(DYNAMIC_SUFFIX, ''))) {
      // `'https://graph.microsoft.com/beta' + prefix + '/privilegedAccess/...'`: the version, then
      // a value that may add segments, which the rule lookup may skip as it skips any dynamic one.
      version = firstText.replace(DYNAMIC_SUFFIX, '');
      segments = [{ ...segments[0]!, text: DYNAMIC, dynamic: true }, ...segments.slice(1)];
    } else {
      for (const basePath of this.pimBasePaths) {
        const baseSegments = basePath.split('/');
        const head = segments.slice(0, baseSegments.length).map((segment) => segment.text.toLowerCase());
        if (head.length === baseSegments.length && head.every((value, index) => value === baseSegments[index])) {
          version = basePath;
          segments = segments.slice(baseSegments.length);
          break;
        }
      }
    }

    return {
      host,
      hostKind: classified?.kind ?? null,
      cloud: classified?.cloud ?? null,
      version,
      dynamicBase,
      segments,
      query,
    };
  }
}

/**
 * Read `field eq 'value'` pairs from an OData `$filter`, for evidence such as
 * `assignmentState eq 'Eligible'`. Later pairs do not override earlier ones.
 */
export function readFilterEvidence(query: string): Record<string, string> {
  const evidence: Record<string, string> = {};
  const filterMatch = /(?:^|&)\$?filter=([^&]*)/i.exec(query);
  if (!filterMatch) {
    return evidence;
  }
  const pattern = /([A-Za-z][\w/]*)\s+eq\s+'([^'\u0000]*)'/g;
  for (const match of filterMatch[1]!.matchAll(pattern)) {
    const field = match[1]!.split('/').pop()!;
    if (!(field in evidence)) {
      evidence[field] = match[2]!;
    }
  }
  return evidence;
}
