import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Wall time, CPU time and peak memory of one command, from GNU time. */
export interface Measurement {
  wallSeconds: number;
  cpuSeconds: number;
  maxRssMb: number;
  exitCode: number;
  stdout: string;
}

/**
 * Runs a command under `/usr/bin/time -f`, which reports the wall time, user and system CPU
 * seconds and the maximum resident set size (KiB) of the process, threads included.
 */
export function measure(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Measurement {
  const folder = mkdtempSync(join(tmpdir(), 'pim-bench-time-'));
  const timeFile = join(folder, 'time.txt');
  try {
    const result = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', '-o', timeFile, command, ...args], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      encoding: 'utf8',
      maxBuffer: 1024 * 1024 * 1024,
    });
    const line = readFileSync(timeFile, 'utf8').trim().split('\n').pop()!;
    const [wall, user, system, rssKb] = line.split(' ').map(Number);
    return { wallSeconds: wall!, cpuSeconds: user! + system!, maxRssMb: rssKb! / 1024, exitCode: result.status ?? -1, stdout: result.stdout ?? '' };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
