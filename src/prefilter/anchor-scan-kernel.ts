/**
 * The WebAssembly anchor search (`anchor-scan.wat`) of this thread and the layout of its memory.
 *
 * Memory layout, in bytes:
 *   [0, SCRATCH_BYTES)              chunks of bytes that live outside the memory, copied in to be searched
 *   [SCRATCH_BYTES, readBase)       the anchor table of the search that ran last (`tableCapacity` bytes)
 *   [readBase, memory end)          the read buffer: files are read straight into it, so no copy is made
 *
 * The memory grows only in `readBuffer` and `reserveTable`, never during a search, so a view that
 * `readBuffer` returned stays valid while it is searched. A `memory.grow` detaches every view, so
 * callers ask `readBuffer` again for each file.
 */
import { ANCHOR_SCAN_WASM_BASE64 } from './anchor-scan-wasm.js';

const PAGE_BYTES = 64 * 1024;
/** Size of one chunk of bytes copied in from outside the memory, in bytes. */
export const SCRATCH_BYTES = PAGE_BYTES;
/** Bytes of one anchor entry in the table, as `anchor-scan.wat` defines it. */
export const TABLE_ENTRY_BYTES = 64;
/** Bytes of one needle record in the table, as `anchor-scan.wat` defines it. */
export const NEEDLE_RECORD_BYTES = 12;
/** Maximum anchor length the kernel searches for, in bytes. */
export const MAX_KERNEL_ANCHOR_LENGTH = 16;
const INITIAL_TABLE_BYTES = 4096;
/** Read buffer size before the first file larger than it, in bytes. */
const INITIAL_READ_BYTES = 256 * 1024;

/**
 * The part of the WebAssembly JavaScript API used here. Node 20 provides it, but the `@types/node`
 * 20 typings and the ES2022 lib without DOM do not declare it.
 */
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: unknown };
};

interface AnchorScanExports {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  hitAnchor: { value: unknown };
  find(table: number, count: number, length: number, start: number, end: number, needles: number): number;
}

export class AnchorScanKernel {
  private readonly exports: AnchorScanExports;
  private tableCapacity = INITIAL_TABLE_BYTES;
  private readView: Buffer | undefined;
  /** The table now in memory, compared by identity. */
  private installed: Uint8Array | undefined;

  constructor(module: object) {
    this.exports = new WebAssembly.Instance(module).exports as unknown as AnchorScanExports;
    this.growTo(this.readBase + INITIAL_READ_BYTES);
  }

  get memoryBuffer(): ArrayBuffer {
    return this.exports.memory.buffer;
  }

  private get readBase(): number {
    return SCRATCH_BYTES + this.tableCapacity;
  }

  /**
   * Returns the read buffer, a view on the memory of at least `minBytes`, keeping the bytes it
   * had when it grows. Returns undefined when the memory cannot grow that far (2 GiB at most).
   */
  readBuffer(minBytes: number): Buffer | undefined {
    if (!this.growTo(this.readBase + minBytes)) {
      return undefined;
    }
    const buffer = this.memoryBuffer;
    if (this.readView === undefined || this.readView.buffer !== buffer) {
      this.readView = Buffer.from(buffer, this.readBase, buffer.byteLength - this.readBase);
    }
    return this.readView;
  }

  /**
   * Makes room for an anchor table of `bytes` bytes. A larger table moves the read buffer, so its
   * contents are lost: call this when a search is built, not while a file is in the read buffer.
   * Returns false when the memory cannot grow.
   */
  reserveTable(bytes: number): boolean {
    if (bytes <= this.tableCapacity) {
      return true;
    }
    const readBytes = this.memoryBuffer.byteLength - this.readBase;
    const capacity = Math.ceil(bytes / INITIAL_TABLE_BYTES) * INITIAL_TABLE_BYTES;
    if (!this.growTo(SCRATCH_BYTES + capacity + readBytes)) {
      return false;
    }
    this.tableCapacity = capacity;
    this.readView = undefined;
    return true;
  }

  /** Writes `table` into the memory unless it is there already. It must fit the reserved space. */
  installTable(table: Uint8Array): void {
    if (this.installed !== table) {
      if (table.length > this.tableCapacity) {
        throw new RangeError(`anchor table of ${table.length} bytes is larger than the ${this.tableCapacity} bytes reserved`);
      }
      new Uint8Array(this.memoryBuffer, SCRATCH_BYTES, table.length).set(table);
      this.installed = table;
    }
  }

  /** Copies up to SCRATCH_BYTES of `bytes` to the start of the memory and returns how many. */
  copyToScratch(bytes: Uint8Array): number {
    const length = Math.min(bytes.length, SCRATCH_BYTES);
    new Uint8Array(this.memoryBuffer, 0, length).set(bytes.subarray(0, length));
    return length;
  }

  /**
   * Returns the first memory offset in [start, end - length] where an anchor of the installed
   * table starts, or -1; `hitAnchor` then returns which anchor.
   */
  findAnchor(count: number, length: number, start: number, end: number): number {
    return this.exports.find(SCRATCH_BYTES, count, length, start, end, 0);
  }

  /**
   * Returns the first memory offset in [start, end - length] where an anchor of the installed
   * table starts and one of its needles surrounds it inside [start, end), or -1.
   */
  findNeedle(count: number, length: number, start: number, end: number): number {
    return this.exports.find(SCRATCH_BYTES, count, length, start, end, 1);
  }

  get hitAnchor(): number {
    return this.exports.hitAnchor.value as number;
  }

  /** Grows the memory to at least `bytes`; false when it cannot. */
  private growTo(bytes: number): boolean {
    const memory = this.exports.memory;
    const missing = bytes - memory.buffer.byteLength;
    if (missing <= 0) {
      return true;
    }
    // Double at least, as the read buffer did before, so a tree of growing files grows it rarely.
    const pages = Math.max(Math.ceil(missing / PAGE_BYTES), memory.buffer.byteLength / PAGE_BYTES);
    try {
      memory.grow(pages);
      return true;
    } catch {
      try {
        memory.grow(Math.ceil(missing / PAGE_BYTES));
        return true;
      } catch {
        return false;
      }
    }
  }
}

let kernel: AnchorScanKernel | null | undefined;

/**
 * Returns this thread's kernel, built on first use, or undefined where WebAssembly SIMD cannot be
 * instantiated (a runtime without it, or WebAssembly disabled).
 */
export function anchorScanKernel(): AnchorScanKernel | undefined {
  if (kernel === undefined) {
    kernel = null;
    try {
      kernel = new AnchorScanKernel(new WebAssembly.Module(Buffer.from(ANCHOR_SCAN_WASM_BASE64, 'base64')));
    } catch {
      // NOTE: without WebAssembly SIMD the prefilter falls back to the JavaScript search, several times slower.
      kernel = null;
    }
  }
  return kernel ?? undefined;
}
