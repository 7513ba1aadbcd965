import { describe, expect, it } from 'vitest';
import type { ScanResult } from '../../src/model/scan-result.js';
import { runInProcess } from '../cli/run-in-process.js';

const empty = async (): Promise<ScanResult> => ({
  root: '/',
  findings: [],
  skipped: [],
  warnings: [],
  summary: { filesDiscovered: 0, filesWithoutSignature: 0, filesParsed: 0, filesSkipped: 0, findings: 0, byProvider: {}, byFix: {}, byFamily: {}, byRule: {}, inComments: 0 },
});

describe('scan --jobs and --file-timeout', () => {
  it('passes both values to the scan', async () => {
    const { code, calls } = await runInProcess(['scan', '.', '--jobs', '3', '--file-timeout', '2500'], empty);

    expect(code).toBe(0);
    expect(calls[0]?.jobs).toBe(3);
    expect(calls[0]?.fileTimeoutMs).toBe(2500);
  });

  it('leaves both unset by default', async () => {
    const { calls } = await runInProcess(['scan', '.'], empty);

    expect(calls[0]?.jobs).toBeUndefined();
    expect(calls[0]?.fileTimeoutMs).toBeUndefined();
  });

  it.each([
    ['--jobs', '0'],
    ['--jobs', '-2'],
    ['--jobs', '1.5'],
    ['--jobs', 'many'],
    ['--file-timeout', '0'],
    ['--file-timeout', '10s'],
  ])('rejects %s %s with a usage error', async (flag, value) => {
    const { code, stderr, calls } = await runInProcess(['scan', '.', flag, value], empty);

    expect(code).toBe(2);
    expect(stderr).toContain(`invalid ${flag} value "${value}"`);
    expect(calls).toHaveLength(0);
  });
});
