import { readFileSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';

/** The facts that make benchmark numbers comparable: cores, memory, CPU model and Node version. */
export function describeMachine(): string {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? 'unknown';
  return [
    `- nproc: ${availableParallelism()}`,
    `- memory: ${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    `- CPU: ${model}`,
    `- Node.js: ${process.version}`,
    `- OS: ${readFileSync('/etc/os-release', 'utf8').match(/^PRETTY_NAME="?([^"\n]+)/m)?.[1] ?? 'unknown'}`,
  ].join('\n');
}
