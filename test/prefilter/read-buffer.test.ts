import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { prefilterFile } from '../../src/engine/prefilter-file.js';
import { anchorScanKernel } from '../../src/prefilter/anchor-scan-kernel.js';
import { Prefilter } from '../../src/prefilter/prefilter.js';
import { reusableReadBuffer } from '../../src/prefilter/read-buffer.js';

let root = '';
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = '';
});

function writeFile(name: string, content: Buffer | string): string {
  root ||= mkdtempSync(join(tmpdir(), 'pim-migrate-read-buffer-'));
  const path = join(root, name);
  writeFileSync(path, content);
  return path;
}

describe('reusableReadBuffer', () => {
  it('is a view on the kernel memory', () => {
    expect(reusableReadBuffer(16).buffer).toBe(anchorScanKernel()!.memoryBuffer);
  });

  it('keeps its bytes when it grows', () => {
    const small = reusableReadBuffer(1024);
    small.write('kept across growth', 0, 'latin1');
    const grown = reusableReadBuffer(small.length * 4);
    expect(grown.length).toBeGreaterThanOrEqual(small.length * 4);
    expect(grown.toString('latin1', 0, 18)).toBe('kept across growth');
    expect(small.length).toBe(0);
  });
});

describe('prefilterFile with the kernel read buffer', () => {
  const prefilter = new Prefilter(['privilegedRoles', 'privilegedAccess']);

  it('finds a signature past the first buffer size', () => {
    const path = writeFile('large.txt', `${'x'.repeat(3 * 1024 * 1024)}/PrivilegedRoles`);
    expect(prefilterFile(path, prefilter, 64 * 1024 * 1024)).toEqual({ kind: 'candidate', longLine: true });
  });

  it('rejects a large file without a signature', () => {
    const path = writeFile('miss.txt', `${'privileged \n'.repeat(400_000)}`);
    expect(prefilterFile(path, prefilter, 64 * 1024 * 1024)).toEqual({ kind: 'no-signature' });
  });

  it('keeps the file bytes for the checks after a UTF-16 search', () => {
    // The UTF-16 text is decoded and searched outside the read buffer, in chunks; the long-line
    // check after it must still see the file's raw bytes.
    const text = `Invoke-RestMethod -Uri '/privilegedAccess/aadRoles' # ${'y'.repeat(70_000)}\n`;
    const path = writeFile('script.ps1', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    expect(prefilterFile(path, prefilter, 1024 * 1024)).toEqual({ kind: 'candidate', longLine: true });
  });
});
