/**
 * Runtime guard entry point: `import { guardFetch, createPimGuardMiddleware } from 'pim-migrate/runtime'`.
 * Matches the requests an application sends against the rule table, and reports or blocks calls to
 * the retired PIM APIs.
 */
export { createPimGuardMiddleware, type GraphMiddleware, type GraphRequestContext, type PimGuardMiddleware } from './graph-middleware.js';
export { guardFetch, type GuardedFetch } from './guard-fetch.js';
export { PimRetiredApiError, isPimRetiredApiError, PIM_RETIRED_API_ERROR } from './error.js';
export type { GuardMode, PimGuardOptions, PimGuardStats } from './options.js';
export type { Finding, ReplacementOut } from '../model/finding.js';
