import type { Finding } from '../model/finding.js';

/**
 * What the guard does with a request to a retired API: `report` lets it through and records a
 * finding, `warn` also prints one `console.warn` per rule id, `block` records the finding and
 * rejects the request with a `PimRetiredApiError` before it is sent.
 */
export type GuardMode = 'report' | 'warn' | 'block';

export interface PimGuardOptions {
  /** Default `report`. */
  mode?: GuardMode;
  /** Receives each finding; an exception it throws is counted and warned about once, never passed to the application. */
  onFinding?: (finding: Finding) => void;
  /** JSON-lines file that each finding is appended to, one JSON object per line, for `pim-migrate scan --runtime-log`. */
  logFile?: string;
  /**
   * Hosts whose requests are matched. `known` (default): the Graph and PIM service hosts of the
   * rule table (`rules/hosts.yaml`). `any`: every host, for proxies and local test servers. A list
   * adds host names (`localhost`, or `localhost:8080` for one port) to the known hosts.
   */
  hosts?: 'known' | 'any' | readonly string[];
  /**
   * Load the rule table when the guard is created instead of on the first request whose URL
   * contains a signature word. Loading takes a few hundred milliseconds once per process.
   */
  eager?: boolean;
  /** Rule folder to use instead of the built-in rules; implies `eager`, because its signature words come from its rules. */
  rulesDir?: string;
  /**
   * Deliver each distinct finding (rule id, call site, method, redacted URL) once per guard.
   * Default true, so that a retired call in a loop writes one log line, not one per request.
   */
  dedupe?: boolean;
}

/** Counters of one guard, for tests and health checks. */
export interface PimGuardStats {
  /** Requests the guard saw. */
  requests: number;
  /** Requests whose URL contained a signature word and went to the matcher. */
  candidates: number;
  /** Requests that matched a rule (delivered or deduplicated). */
  matched: number;
  /** Requests rejected in `block` mode. */
  blocked: number;
  /** Findings the `onFinding` callback or the log file failed to take. */
  sinkErrors: number;
}
