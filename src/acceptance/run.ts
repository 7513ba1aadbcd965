import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { scan } from '../scan.js';
import { evaluate, type Evaluation } from './evaluate.js';
import { loadLabels } from './expected.js';
import { loadPending } from './pending.js';
import { formatEvaluation } from './report.js';

export interface AcceptanceOptions {
  /** Cases folder with `expected.yaml` and one sub-folder per case. */
  dir: string;
  /** Pending list: cases allowed to fail. */
  pendingFile: string;
  color: boolean;
  write: (line: string) => void;
}

/**
 * Run the acceptance check and return its exit code: 0 when every case passes or is pending,
 * 1 on a failure not pending. An invalid labels or pending file throws `AcceptanceInputError`
 * (exit 2 in the CLI). A missing cases folder is skipped with exit 0, because the cases are not
 * shipped with the package.
 */
export async function runAcceptance(options: AcceptanceOptions): Promise<{ exitCode: number; evaluation?: Evaluation }> {
  const dir = resolve(options.dir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    options.write(`acceptance: no cases at ${options.dir}, skipped`);
    return { exitCode: 0 };
  }

  const labels = loadLabels(dir);
  const pending = loadPending(options.pendingFile);
  // One scan over the whole folder, so finding paths are relative to it, as the label paths are.
  const result = await scan({ paths: [dir] });
  const evaluation = evaluate(labels, result.findings, pending);

  for (const line of formatEvaluation(evaluation, options.color)) {
    options.write(line);
  }
  return { exitCode: evaluation.failed ? 1 : 0, evaluation };
}
