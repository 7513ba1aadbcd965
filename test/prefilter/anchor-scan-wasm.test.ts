import { describe, expect, it } from 'vitest';
import { ANCHOR_SCAN_WAT, compileWat } from '../../scripts/compile-wat.js';
import { ANCHOR_SCAN_WASM_BASE64 } from '../../src/prefilter/anchor-scan-wasm.js';

describe('anchor-scan-wasm.ts', () => {
  it('matches a fresh compile of anchor-scan.wat', async () => {
    const compiled = Buffer.from(await compileWat(ANCHOR_SCAN_WAT)).toString('base64');
    // On failure run `npm run build:wasm` and commit src/prefilter/anchor-scan-wasm.ts.
    expect(ANCHOR_SCAN_WASM_BASE64).toBe(compiled);
  });
});
