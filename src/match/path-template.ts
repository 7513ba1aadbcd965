import { PROVIDER_IDS, type ProviderId } from '../rules/schema.js';
import { DYNAMIC, type PathSegment } from './normalize-url.js';

type TemplateSegment =
  | { kind: 'literal'; lower: string; text: string }
  | { kind: 'provider' }
  | { kind: 'param'; name: string }
  | { kind: 'rest' };

export interface CompiledTemplate {
  template: string;
  segments: TemplateSegment[];
  /** Literal segments count; a higher count is a more specific template. */
  literalCount: number;
  hasRest: boolean;
}

export interface TemplateMatch {
  /** Provider named in the path; null when the code leaves it dynamic or the path has none. */
  provider: ProviderId | null;
  /** True when the template has a `{providerId}` segment. */
  hasProviderSegment: boolean;
  /** Index of the last path segment matched by a literal template segment (the operation name). */
  operationSegment: number;
  /** Number of path segments the template consumed. */
  consumed: number;
  /** The operation in canonical form: provider spelled as in the schema, ids as `{id}`. */
  canonicalPath: string;
}

export function compileTemplate(template: string): CompiledTemplate {
  const segments: TemplateSegment[] = template
    .split('/')
    .filter((segment) => segment.length > 0)
    .map((segment): TemplateSegment => {
      if (segment === '**') {
        return { kind: 'rest' };
      }
      if (segment === '{providerId}') {
        return { kind: 'provider' };
      }
      if (segment.startsWith('{') && segment.endsWith('}')) {
        return { kind: 'param', name: segment.slice(1, -1) };
      }
      return { kind: 'literal', lower: segment.toLowerCase(), text: segment };
    });
  return {
    template,
    segments,
    literalCount: segments.filter((segment) => segment.kind === 'literal').length,
    hasRest: segments.some((segment) => segment.kind === 'rest'),
  };
}

/**
 * Compare a path segment with a literal template segment. Function calls match with or without
 * their namespace and parentheses: `microsoft.graph.isSignedUp()` matches `isSignedUp`.
 */
export function segmentName(text: string): string {
  return text
    .toLowerCase()
    .replace(/^microsoft\.graph\./, '')
    .replace(/\(.*\)$/, '');
}

const PROVIDER_BY_LOWER = new Map<string, ProviderId>(PROVIDER_IDS.map((id) => [id.toLowerCase(), id]));

/** Match path segments, from `start`, against a template. */
export function matchTemplate(compiled: CompiledTemplate, path: readonly PathSegment[], start: number): TemplateMatch | null {
  let provider: ProviderId | null = null;
  let hasProviderSegment = false;
  let operationSegment = -1;
  const canonical: string[] = [];
  let index = start;

  for (const segment of compiled.segments) {
    if (segment.kind === 'rest') {
      // A catch-all keeps the rest of the observed path, with ids generalised.
      for (; index < path.length; index++) {
        const observed = path[index]!;
        canonical.push(observed.text.includes(DYNAMIC) ? '{id}' : observed.text);
        if (!observed.text.includes(DYNAMIC)) {
          operationSegment = index;
        }
      }
      break;
    }
    const observed = path[index];
    if (!observed) {
      return null;
    }
    if (segment.kind === 'literal') {
      if (observed.text.includes(DYNAMIC) || segmentName(observed.text) !== segment.lower) {
        return null;
      }
      canonical.push(segment.text);
      operationSegment = index;
    } else if (segment.kind === 'provider') {
      hasProviderSegment = true;
      if (observed.dynamic || observed.text.includes(DYNAMIC)) {
        canonical.push('{providerId}');
      } else {
        const known = PROVIDER_BY_LOWER.get(observed.text.toLowerCase());
        if (!known) {
          return null;
        }
        provider = known;
        canonical.push(known);
      }
    } else {
      // OData system segments ($count, $value, $ref) are not ids: they fall to a catch-all rule.
      if (observed.text.startsWith('$')) {
        return null;
      }
      canonical.push('{id}');
    }
    index += 1;
  }

  if (!compiled.hasRest && index !== path.length) {
    return null;
  }
  return { provider, hasProviderSegment, operationSegment, consumed: index - start, canonicalPath: `/${canonical.join('/')}` };
}
