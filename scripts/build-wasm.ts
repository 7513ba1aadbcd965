/**
 * Compiles `src/prefilter/anchor-scan.wat` and writes `src/prefilter/anchor-scan-wasm.ts`.
 * Run with `npm run build:wasm` after changing the .wat file, and commit both.
 */
import { writeFileSync } from 'node:fs';
import { ANCHOR_SCAN_MODULE, ANCHOR_SCAN_WAT, compileWat, wasmModuleSource } from './compile-wat.js';

const bytes = await compileWat(ANCHOR_SCAN_WAT);
writeFileSync(ANCHOR_SCAN_MODULE, wasmModuleSource(bytes));
console.log(`wrote ${ANCHOR_SCAN_MODULE} (${bytes.length} bytes of WebAssembly)`);
