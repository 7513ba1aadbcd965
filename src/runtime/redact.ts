/**
 * Removes ids and query values from request URLs before they are logged, so that a runtime
 * finding carries the shape of the call and no tenant, principal or resource identifiers.
 */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Version segments that stay: `v1.0`, `v2`. */
const VERSION = /^v\d+(?:\.\d+)?$/i;
/** An OData key in parentheses: `roleDefinitions('abc')` or `roleDefinitions(id='abc')`. */
const KEY_IN_PARENTHESES = /\((?:[^()=]*=)?'[^']*'\)$/;

/**
 * True when a path segment reads as an id: a GUID, a number, or any word with a digit that is
 * not a version. NOTE: an id of letters only (a user principal name without digits) stays.
 */
export function isIdSegment(segment: string): boolean {
  if (segment.startsWith('$') || segment.startsWith('{')) return false;
  if (GUID.test(segment)) return true;
  if (VERSION.test(segment)) return false;
  return /\d/.test(segment) || segment.includes('@');
}

/** Replaces id segments with `{id}` and OData key values with `{id}`. */
export function redactPath(path: string): string {
  return path
    .split('/')
    .map((segment) => {
      if (KEY_IN_PARENTHESES.test(segment)) return segment.replace(KEY_IN_PARENTHESES, '({id})');
      return isIdSegment(segment) ? '{id}' : segment;
    })
    .join('/');
}

/** Keeps each query parameter's name and replaces its value with `{value}`: `$filter={value}`. */
export function redactQuery(query: string): string {
  return query
    .split('&')
    .filter((pair) => pair.length > 0)
    .map((pair) => {
      const equals = pair.indexOf('=');
      return equals === -1 ? pair : `${pair.slice(0, equals)}={value}`;
    })
    .join('&');
}

/**
 * The request URL with user info, ids, query values and the fragment removed:
 * `https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignments/{id}?$filter={value}`.
 * `apiPath` is the finding's operation path, which already has `{id}` where the rule has a parameter.
 */
export function redactUrl(url: URL, apiPath: string): string {
  const segments = url.pathname.split('/').filter((segment) => segment.length > 0);
  const apiSegmentCount = apiPath.split('/').filter((segment) => segment.length > 0).length;
  // The matched API path always runs to the end of the URL path, so what precedes it is the
  // version (`beta`, `api/v2`) or a proxy prefix.
  const prefix = segments.slice(0, Math.max(0, segments.length - apiSegmentCount)).map(decodeSegment);
  const path = redactPath(`/${[...prefix, ''].join('/')}`) + redactPath(apiPath).replace(/^\//, '');
  const query = url.search.length > 1 ? `?${redactQuery(url.search.slice(1))}` : '';
  return `${url.protocol}//${url.host}${path}${query}`;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
