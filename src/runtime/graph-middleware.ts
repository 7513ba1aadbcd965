import { PimGuard } from './guard.js';
import type { PimGuardOptions, PimGuardStats } from './options.js';
import { captureAppFrame } from './stack-frame.js';

/**
 * The parts of the Graph JavaScript client's middleware `Context` the guard reads. Declared here
 * so that pim-migrate does not depend on `@microsoft/microsoft-graph-client`.
 */
export interface GraphRequestContext {
  /** The URL string, or a `Request`. */
  request: string | { url: string; method?: string };
  options?: { method?: string; body?: unknown };
}

/** The next middleware of the chain, such as the client's `AuthenticationHandler`. */
export interface GraphMiddleware<Context extends GraphRequestContext = GraphRequestContext> {
  execute(context: Context): Promise<void>;
  setNext?(next: GraphMiddleware<Context>): void;
}

/** The guard as a Graph client middleware; `stats` counts what it saw. */
export interface PimGuardMiddleware extends GraphMiddleware {
  setNext(next: GraphMiddleware): void;
  readonly stats: PimGuardStats;
}

/**
 * Creates a middleware for `@microsoft/microsoft-graph-client` that matches every request against
 * the rule table before passing it on. Put it first, because the application's stack frame is read
 * before the first `await` of the chain:
 *
 *   Client.initWithMiddleware({ middleware: [guard, new AuthenticationHandler(provider), new HTTPMessageHandler()] })
 *
 * or chain by hand with `guard.setNext(authHandler)`. The client rejects `authProvider` together
 * with `middleware`, so the authentication handler goes into the chain.
 */
export function createPimGuardMiddleware(options: PimGuardOptions = {}): PimGuardMiddleware {
  const guard = new PimGuard(options);
  let next: GraphMiddleware | undefined;

  return {
    stats: guard.stats,
    setNext(middleware: GraphMiddleware): void {
      next = middleware;
    },
    execute(context: GraphRequestContext): Promise<void> {
      if (!next) {
        return Promise.reject(new TypeError('pim-migrate guard middleware has no next middleware: call setNext(handler) or pass the chain as an array to Client.initWithMiddleware.'));
      }
      const target = next;
      const request = context.request;
      const url = typeof request === 'string' ? request : request.url;
      if (!guard.isCandidate(url)) return target.execute(context);

      const method = context.options?.method ?? (typeof request === 'string' ? undefined : request.method) ?? 'GET';
      const frame = captureAppFrame();
      return guard.inspect(url, method, context.options?.body, frame).then(() => target.execute(context));
    },
  };
}
