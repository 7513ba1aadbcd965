import type { Finding } from '../model/finding.js';
import type { RuntimeEngine } from './engine.js';
import { describeFinding, PimRetiredApiError } from './error.js';
import type { GuardMode, PimGuardOptions, PimGuardStats } from './options.js';
import { FindingSink } from './sink.js';
import type { AppFrame } from './stack-frame.js';
import { BUILTIN_URL_SIGNATURES, UrlPrefilter } from './url-prefilter.js';

/** Accepts every URL while a custom rule table, and so its signature words, is still loading. */
const ACCEPT_ALL = { matches: (): boolean => true };

/**
 * The part of the guard shared by the Graph client middleware and the fetch wrapper: the
 * prefilter every request pays, the lazily loaded matcher, the sink and the mode.
 */
export class PimGuard {
  readonly stats: PimGuardStats = { requests: 0, candidates: 0, matched: 0, blocked: 0, sinkErrors: 0 };
  readonly mode: GuardMode;
  private prefilter: { matches(url: string): boolean };
  private enginePromise: Promise<RuntimeEngine | null> | undefined;
  private readonly sink: FindingSink;
  private readonly hosts: 'known' | 'any' | ReadonlySet<string>;
  private readonly delivered = new Set<string>();
  private readonly warnedRules = new Set<string>();
  private engineFailed = false;

  constructor(private readonly options: PimGuardOptions = {}) {
    this.mode = options.mode ?? 'report';
    if (!['report', 'warn', 'block'].includes(this.mode)) {
      throw new TypeError(`invalid pim-migrate guard mode "${String(this.mode)}": use report, warn or block`);
    }
    const hosts = options.hosts ?? 'known';
    this.hosts = typeof hosts === 'string' ? hosts : new Set(hosts.map((host) => host.toLowerCase()));
    this.sink = new FindingSink(options.onFinding, options.logFile, () => {
      this.stats.sinkErrors += 1;
    });
    this.prefilter = options.rulesDir !== undefined ? ACCEPT_ALL : new UrlPrefilter(BUILTIN_URL_SIGNATURES);
    if (options.eager || options.rulesDir !== undefined) void this.engine();
  }

  /** The check every request pays; true when the URL contains a signature word and goes to the matcher. */
  isCandidate(url: string): boolean {
    this.stats.requests += 1;
    if (!this.prefilter.matches(url)) return false;
    this.stats.candidates += 1;
    return true;
  }

  /**
   * Matches a candidate request and acts by mode: records the finding, warns once per rule id in
   * `warn` mode, and rejects with `PimRetiredApiError` in `block` mode. `frame` must be captured
   * before the first `await` of the request.
   */
  async inspect(url: string, method: string, body: unknown, frame: AppFrame | null): Promise<void> {
    const engine = await this.engine();
    if (!engine) return;
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      // fetch rejects a relative URL by itself; the guard leaves that to it.
      return;
    }
    if (!this.guardsHost(parsed, engine)) return;

    const finding = engine.match(parsed, method, body, frame);
    if (!finding) return;
    this.stats.matched += 1;
    this.record(finding);
    if (this.mode === 'block') {
      this.stats.blocked += 1;
      throw new PimRetiredApiError(finding);
    }
  }

  private record(finding: Finding): void {
    const key = [finding.ruleId, finding.file, finding.line, finding.column, finding.operation.method, finding.matchedText].join('\u0000');
    const isNew = !this.delivered.has(key);
    if (isNew) this.delivered.add(key);
    if (isNew || this.options.dedupe === false) this.sink.deliver(finding);

    if (this.mode === 'warn' && !this.warnedRules.has(finding.ruleId)) {
      this.warnedRules.add(finding.ruleId);
      console.warn(`pim-migrate: retired PIM API call ${describeFinding(finding)} Called at ${finding.file}:${finding.line}:${finding.column}.`);
    }
  }

  private guardsHost(url: URL, engine: RuntimeEngine): boolean {
    if (this.hosts === 'any') return true;
    if (engine.isKnownHost(url.hostname)) return true;
    return this.hosts !== 'known' && (this.hosts.has(url.hostname.toLowerCase()) || this.hosts.has(url.host.toLowerCase()));
  }

  /**
   * Loads the matcher once per guard (the rule table once per process and rule folder). When the
   * rule table fails to load, the guard warns once and lets every request through.
   */
  private engine(): Promise<RuntimeEngine | null> {
    this.enginePromise ??= import('./engine.js').then(
      ({ runtimeEngine }) => {
        const engine = runtimeEngine(this.options.rulesDir);
        if (this.options.rulesDir !== undefined) this.prefilter = new UrlPrefilter(engine.signatures);
        return engine;
      },
      (error: unknown) => this.engineFailure(error),
    ).catch((error: unknown) => this.engineFailure(error));
    return this.enginePromise;
  }

  private engineFailure(error: unknown): null {
    if (!this.engineFailed) {
      this.engineFailed = true;
      const reason = error instanceof Error ? error.message : String(error);
      console.warn(`pim-migrate runtime guard: loading the rule table failed (${reason}); requests pass unchecked.`);
    }
    return null;
  }
}
