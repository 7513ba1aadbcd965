/** The part of a stream the progress line writes to (stderr, or a fake in tests). */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface ProgressLine {
  /** The callback for `ScanOptions.onProgress`; undefined when progress is off. */
  onProgress: ((done: number, total: number, findings: number) => void) | undefined;
  /** Erases the line, so the report or an error starts on a clean line. */
  clear(): void;
}

/** Minimum time between two redraws, in milliseconds, so large scans do not flood the terminal. */
const REDRAW_INTERVAL_MS = 100;
/** ANSI "erase to end of line". */
const ERASE_LINE = '\x1b[K';

/**
 * Creates the self-overwriting "scanning N/M files, K findings" line on stderr. It is off
 * unless stderr is a terminal and `CI` is unset (or `0`/`false`), so piped and CI logs
 * stay free of carriage returns.
 */
export function createProgress(stream: ProgressStream, env: NodeJS.ProcessEnv, now: () => number = Date.now): ProgressLine {
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== '0' && env.CI.toLowerCase() !== 'false';
  if (!stream.isTTY || ci) {
    return { onProgress: undefined, clear: () => undefined };
  }

  let drawn = false;
  let lastDraw = Number.NEGATIVE_INFINITY;

  return {
    onProgress(done, total, findings) {
      const time = now();
      if (done < total && time - lastDraw < REDRAW_INTERVAL_MS) return;
      lastDraw = time;
      drawn = true;
      const noun = findings === 1 ? 'finding' : 'findings';
      stream.write(`\rscanning ${done}/${total} files, ${findings} ${noun}${ERASE_LINE}`);
    },
    clear() {
      if (drawn) stream.write(`\r${ERASE_LINE}`);
      drawn = false;
    },
  };
}
