import { PimGuard } from './guard.js';
import type { PimGuardOptions, PimGuardStats } from './options.js';
import { captureAppFrame } from './stack-frame.js';

/** `fetch` with the guard in front; `pimGuard` counts what it saw. */
export type GuardedFetch = typeof fetch & { readonly pimGuard: PimGuardStats };

/**
 * Wraps a fetch implementation (usually `globalThis.fetch`) so that every request is matched against
 * the rule table before it is sent. Requests that match no rule reach `fetchImpl` unchanged: the
 * same input and init objects.
 * NOTE: the body of a `Request` object is a stream the guard does not read, so its evidence
 * (request type, assignment state) comes only from a string `init.body`.
 */
export function guardFetch(fetchImpl: typeof fetch, options: PimGuardOptions = {}): GuardedFetch {
  const guard = new PimGuard(options);

  const guarded = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!guard.isCandidate(url)) return fetchImpl(input, init);

    const method = init?.method ?? (typeof input === 'object' && !(input instanceof URL) ? input.method : undefined) ?? 'GET';
    const frame = captureAppFrame();
    return guard.inspect(url, method, init?.body, frame).then(() => fetchImpl(input, init));
  };
  return Object.assign(guarded, { pimGuard: guard.stats }) as GuardedFetch;
}
