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
/**
 * Time after the first file before the line adds the rate and the time left, in milliseconds:
 * earlier the rate is mostly start-up noise.
 */
const RATE_AFTER_MS = 1000;
/** ANSI "erase to end of line". */
const ERASE_LINE = '\x1b[K';

/**
 * Creates the self-overwriting "scanning N/M files, K findings" line on stderr; after the first
 * second it adds the rate in files per second and the estimated time left. It is off
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
  let started: number | undefined;

  return {
    onProgress(done, total, findings) {
      const time = now();
      started ??= time;
      if (done < total && time - lastDraw < REDRAW_INTERVAL_MS) return;
      lastDraw = time;
      drawn = true;
      const noun = findings === 1 ? 'finding' : 'findings';
      stream.write(`\rscanning ${done}/${total} files, ${findings} ${noun}${rateText(done, total, time - started)}${ERASE_LINE}`);
    },
    clear() {
      if (drawn) stream.write(`\r${ERASE_LINE}`);
      drawn = false;
    },
  };
}

/**
 * ", R files/s, about T left" once RATE_AFTER_MS have passed. The estimate assumes the remaining
 * files go at the average rate so far; files with a signature take longer, so it is rough.
 */
function rateText(done: number, total: number, elapsedMs: number): string {
  if (elapsedMs < RATE_AFTER_MS || done === 0) {
    return '';
  }
  const perSecond = (done * 1000) / elapsedMs;
  const rate = `, ${Math.round(perSecond)} files/s`;
  if (done >= total) {
    return rate;
  }
  return `${rate}, about ${formatDuration((total - done) / perSecond)} left`;
}

function formatDuration(seconds: number): string {
  if (seconds < 60) {
    return `${Math.max(1, Math.round(seconds))} s`;
  }
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}
