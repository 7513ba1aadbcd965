import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/**
 * Runs Microsoft's SARIF validator (`@microsoft/sarif-multitool`, a self-contained .NET binary)
 * with the SARIF rules and GitHub's ingestion rules on real reports. The package's own `bin.js`
 * runs the binary through a shell, which splits the `Gh;Sarif` argument at the `;`, so the
 * test runs the binary directly.
 */
export const multitool = createRequire(import.meta.url)('@microsoft/sarif-multitool') as string;

// .NET needs libicu unless globalization is invariant; invariant mode lets the binary run on machines without it.
export const VALIDATOR_ENV = { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' };

export const workDir = mkdtempSync(join(tmpdir(), 'pim-migrate-sarif-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));


interface ValidatorResult {
  ruleId: string;
  level?: string;
  message: { text?: string; id?: string; arguments?: string[] };
}

/** Validates a SARIF text and returns the validator's results of level `error`. */
export function validate(name: string, sarif: string): ValidatorResult[] {
  const input = join(workDir, `${name}.sarif`);
  const output = join(workDir, `${name}.validation.sarif`);
  writeFileSync(input, sarif);
  const run = spawnSync(multitool, ['validate', '--rule-kind', 'Gh;Sarif', input, '-o', output], { env: VALIDATOR_ENV, encoding: 'utf8' });
  if (run.error) throw run.error;

  let log: { runs: { results?: ValidatorResult[] }[] };
  try {
    log = JSON.parse(readFileSync(output, 'utf8'));
  } catch {
    throw new Error(`sarif-multitool wrote no log (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  }
  const results = log.runs.flatMap((entry) => entry.results ?? []);
  // A result without a level has the SARIF default, `warning`.
  const errors = results.filter((result) => result.level === 'error');
  if (errors.length > 0) console.error(run.stdout);
  return errors;
}

export function describeErrors(errors: ValidatorResult[]): string {
  return errors.map((error) => `${error.ruleId}: ${error.message.text ?? `${error.message.id} ${JSON.stringify(error.message.arguments)}`}`).join('\n');
}

