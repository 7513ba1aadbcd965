import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { z } from 'zod';
import { PimMigrateError } from '../errors.js';
import { parseYamlFile } from '../rules/load.js';
import { AcceptanceInputError } from './input-error.js';

const pendingFileSchema = z.strictObject({
  pending: z
    .array(
      z.strictObject({
        case: z.string().min(1),
        /** Reason the case still fails, so the entry can be removed once that is fixed. */
        reason: z.string().min(1),
      }),
    )
    .superRefine((entries, ctx) => {
      const seen = new Set<string>();
      entries.forEach((entry, index) => {
        if (seen.has(entry.case)) {
          ctx.addIssue({ code: 'custom', path: [index, 'case'], message: `case "${entry.case}" is listed twice` });
        }
        seen.add(entry.case);
      });
    }),
});

/** A case allowed to fail, with the line of its entry for messages. */
export interface PendingCase {
  reason: string;
  line: number;
}

/**
 * Read the pending list: cases that may fail without failing the run. Returns case name ->
 * entry. Throws `AcceptanceInputError` with file and line when the file is missing or invalid.
 */
export function loadPending(path: string): Map<string, PendingCase> {
  const display = relative(process.cwd(), path) || path;
  if (!existsSync(path)) {
    throw new AcceptanceInputError(`pending file not found: ${display}`, 'Create it with "pending: []", or pass another file with --pending.');
  }
  const text = readFileSync(path, 'utf8');
  let parsed: z.infer<typeof pendingFileSchema>;
  try {
    parsed = parseYamlFile(path, text, pendingFileSchema, display);
  } catch (error) {
    if (error instanceof PimMigrateError && error.code === 'rule-file') {
      throw new AcceptanceInputError(error.message, 'Each entry is "{ case: <name>, reason: <text> }" under "pending:".');
    }
    throw error;
  }

  const pending = new Map<string, PendingCase>();
  for (const entry of parsed.pending) {
    pending.set(entry.case, { reason: entry.reason, line: lineOfCase(text, entry.case) });
  }
  return pending;
}

/** Line of the first `case: <name>` in the file; 1 when the text spells it differently. */
function lineOfCase(text: string, name: string): number {
  const lines = text.split(/\r?\n/);
  const index = lines.findIndex((line) => {
    const match = /case:\s*["']?([^"',}\s]+)/.exec(line);
    return match?.[1] === name;
  });
  return index + 1 || 1;
}
