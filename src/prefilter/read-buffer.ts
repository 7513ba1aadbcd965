import { anchorScanKernel } from './anchor-scan-kernel.js';

/**
 * The thread's reusable read buffer for file bytes. It is a view on the WebAssembly anchor search's
 * memory, so the prefilter searches a file where it was read, without a copy. Where the kernel
 * cannot run, or the memory cannot grow far enough, it is an ordinary Buffer.
 */
let current: Buffer | undefined;

/**
 * Returns the read buffer with room for at least `minBytes`, keeping the bytes it had. Any
 * earlier view may be stale (a memory growth detaches it), so use only the buffer returned last.
 */
export function reusableReadBuffer(minBytes: number): Buffer {
  const fromKernel = anchorScanKernel()?.readBuffer(minBytes);
  if (fromKernel !== undefined) {
    current = fromKernel;
    return fromKernel;
  }
  if (current === undefined || current.length < minBytes || current.buffer.byteLength === 0) {
    const grown = Buffer.allocUnsafe(Math.max(minBytes, (current?.length ?? 0) * 2));
    if (current !== undefined && current.buffer.byteLength > 0) {
      current.copy(grown);
    }
    current = grown;
  }
  return current;
}
