/** Thrown by every read of a pending candidate list, so an extraction that needs the list stops early. */
export class CandidateListPendingError extends Error {
  constructor() {
    super('the candidate list is not complete yet');
    this.name = 'CandidateListPendingError';
  }
}

/**
 * A stand-in for the scan's candidate list while the prefilter still runs. Cross-file resolution
 * (the TypeScript extractor's search for other files that read a constant) would give another
 * result with a partial list. So any read of `list` (its length, an
 * element, `indexOf`, iteration) sets `read` and throws, and the caller analyses that file again
 * once the list is complete. Extractors that never read the list give the same result either way.
 */
export class PendingCandidateList {
  /** Set by the first read since the caller last cleared it. */
  read = false;
  readonly list: readonly string[];

  constructor() {
    const reject = (): never => {
      this.read = true;
      throw new CandidateListPendingError();
    };
    this.list = new Proxy<string[]>([], { get: reject, has: reject, ownKeys: reject, getOwnPropertyDescriptor: reject });
  }
}
