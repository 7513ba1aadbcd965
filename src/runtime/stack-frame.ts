import { dirname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The application code that sent a request: the first stack frame outside pim-migrate and node_modules. */
export interface AppFrame {
  /** Absolute path of the source file, as the stack names it (source-mapped when the runtime maps stacks). */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

/** Folder of the guard's own modules (`src/runtime` or `dist/runtime`), whose frames are skipped. */
const GUARD_FOLDER = dirname(fileURLToPath(import.meta.url)) + sep;

/** Frames read per capture: the Graph client alone adds about 15 frames between the application and the guard. */
const STACK_DEPTH = 60;

/** `at fn (file:///a/b.ts:12:5)`, `at /a/b.ts:12:5`, `at async fn (C:\a\b.ts:12:5)`. */
const FRAME = /^\s*at (?:.*?\()?(.+?):(\d+):(\d+)\)?\s*$/;

/**
 * Captures the current stack and returns the first application frame. Must run synchronously in
 * the call that the application made (`fetch(...)` or the Graph client's middleware chain),
 * before any `await`, because frames above an `await` are lost.
 */
export function captureAppFrame(): AppFrame | null {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = STACK_DEPTH;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  return firstAppFrame(stack);
}

/** Parses a V8 stack trace and returns the first frame outside the guard, node_modules and Node itself. */
export function firstAppFrame(stack: string): AppFrame | null {
  for (const line of stack.split('\n').slice(1)) {
    const match = FRAME.exec(line);
    if (!match) continue;
    const file = toPath(match[1]!);
    if (file === null || !isApplicationFile(file)) continue;
    return { file, line: Number(match[2]), column: Number(match[3]) };
  }
  return null;
}

function toPath(location: string): string | null {
  if (location.startsWith('file://')) {
    try {
      return fileURLToPath(location);
    } catch {
      return null;
    }
  }
  // Node internals (`node:internal/...`), `native` and `<anonymous>` frames have no file.
  if (location.startsWith('node:') || location.startsWith('<') || location === 'native') return null;
  return location;
}

function isApplicationFile(file: string): boolean {
  if (file.startsWith(GUARD_FOLDER)) return false;
  return !file.includes(`${sep}node_modules${sep}`) && !file.includes('/node_modules/');
}
