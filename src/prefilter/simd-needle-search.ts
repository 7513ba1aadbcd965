/**
 * Case-insensitive multi-needle search with the WebAssembly SIMD kernel (`anchor-scan.wat`). The
 * kernel filters 16 positions at a time for anchors and verifies the needles that own an anchor
 * hit, so bytes in its memory take one call. Bytes from elsewhere are copied in by chunks. For
 * those the kernel returns each anchor hit, and JavaScript verifies the needles on the original
 * bytes, because a needle may cross a chunk's edge.
 */
import { type Anchor, type AnchorSet, chooseAnchorSet, needleAround } from './anchors.js';
import { type AnchorScanKernel, anchorScanKernel, MAX_KERNEL_ANCHOR_LENGTH, NEEDLE_RECORD_BYTES, SCRATCH_BYTES, TABLE_ENTRY_BYTES } from './anchor-scan-kernel.js';
import { type ByteSearch, NeedleSearch } from './needle-search.js';

/**
 * Returns the WebAssembly search for `needles` (lower-case ASCII words), or the JavaScript search
 * where the kernel cannot run.
 */
export function createNeedleSearch(needles: readonly string[]): ByteSearch {
  const kernel = anchorScanKernel();
  const set = chooseAnchorSet(needles);
  if (kernel === undefined || set === undefined || set.length > MAX_KERNEL_ANCHOR_LENGTH) {
    return new NeedleSearch(needles);
  }
  const table = anchorTable(set);
  return kernel.reserveTable(table.length) ? new SimdNeedleSearch(kernel, set, table) : new NeedleSearch(needles);
}

export class SimdNeedleSearch implements ByteSearch {
  constructor(
    private readonly kernel: AnchorScanKernel,
    private readonly set: AnchorSet,
    private readonly table: Uint8Array,
  ) {}

  matches(bytes: Uint8Array): boolean {
    const kernel = this.kernel;
    kernel.installTable(this.table);
    if (bytes.buffer === kernel.memoryBuffer) {
      return kernel.findNeedle(this.set.anchors.length, this.set.length, bytes.byteOffset, bytes.byteOffset + bytes.length) !== -1;
    }
    return this.forEachAnchorHit(bytes, (position, anchor) => needleAround(bytes, position, anchor));
  }

  /**
   * Returns every anchor hit as [position, anchor index], for the differential tests. Bytes in the
   * kernel's memory are searched in place, others by chunks as `matches` does.
   */
  anchorHits(bytes: Uint8Array): [number, number][] {
    this.kernel.installTable(this.table);
    const hits: [number, number][] = [];
    this.forEachAnchorHit(bytes, (position) => {
      hits.push([position, this.kernel.hitAnchor]);
      return false;
    });
    return hits;
  }

  /**
   * Calls `visit` with the position in `bytes` of each anchor hit, in order, until it returns
   * true. Copied chunks overlap by length - 1 bytes and each searches the anchors that start before
   * the next chunk, so every anchor lies whole in exactly one chunk.
   */
  private forEachAnchorHit(bytes: Uint8Array, visit: (position: number, anchor: Anchor) => boolean): boolean {
    const kernel = this.kernel;
    const anchors: readonly Anchor[] = this.set.anchors;
    const count = anchors.length;
    const length = this.set.length;
    const inMemory = bytes.buffer === kernel.memoryBuffer;
    const step = SCRATCH_BYTES - (length - 1);
    for (let offset = 0; offset < bytes.length; offset += step) {
      // Memory offset of bytes[0], and the memory range that contains this chunk.
      const base = inMemory ? bytes.byteOffset : -offset;
      const end = inMemory ? bytes.byteOffset + bytes.length : kernel.copyToScratch(bytes.subarray(offset));
      const start = inMemory ? bytes.byteOffset : 0;
      for (let at = kernel.findAnchor(count, length, start, end); at !== -1; at = kernel.findAnchor(count, length, at + 1, end)) {
        if (visit(at - base, anchors[kernel.hitAnchor]!)) {
          return true;
        }
      }
      if (inMemory || end - base >= bytes.length) {
        break;
      }
    }
    return false;
  }
}

/** Bytes of an anchor's two byte filters: 256-bit maps of the bytes after and before it. */
const FILTER_BYTES = 64;

/**
 * Lays out the anchors and their needles as `anchor-scan.wat` reads them: one 64-byte entry per
 * anchor, then the needle records, then the byte filters, then the needle bytes.
 */
function anchorTable(set: AnchorSet): Uint8Array {
  const needles = set.anchors.flatMap((anchor) => anchor.needles);
  const recordsStart = set.anchors.length * TABLE_ENTRY_BYTES;
  const filtersStart = recordsStart + needles.length * NEEDLE_RECORD_BYTES;
  const bytesStart = filtersStart + set.anchors.length * FILTER_BYTES;
  const size = bytesStart + needles.reduce((sum, needle) => sum + needle.bytes.length, 0);
  const table = new Uint8Array(size);
  const view = new DataView(table.buffer);

  let record = recordsStart;
  let needleBytes = bytesStart;
  set.anchors.forEach((anchor, index) => {
    const entry = index * TABLE_ENTRY_BYTES;
    const filters = filtersStart + index * FILTER_BYTES;
    table.fill(anchor.bytes[0]! | 0x20, entry, entry + 16);
    table.fill(anchor.bytes[set.length - 1]! | 0x20, entry + 16, entry + 32);
    table.set(anchor.bytes.subarray(0, set.length), entry + 32);
    view.setInt32(entry + 48, record, true);
    view.setInt32(entry + 52, anchor.needles.length, true);
    view.setInt32(entry + 56, filters, true);
    for (const needle of anchor.needles) {
      const after = needle.anchorOffset + set.length;
      if (after < needle.bytes.length) {
        setBit(table, filters, needle.bytes[after]!);
      }
      if (needle.anchorOffset > 0) {
        setBit(table, filters + 32, needle.bytes[needle.anchorOffset - 1]!);
      }
      if (needle.bytes.length === set.length) {
        view.setInt32(entry + 60, 1, true);
      }
      view.setInt32(record, needleBytes, true);
      view.setInt32(record + 4, needle.bytes.length, true);
      view.setInt32(record + 8, needle.anchorOffset, true);
      table.set(needle.bytes, needleBytes);
      record += NEEDLE_RECORD_BYTES;
      needleBytes += needle.bytes.length;
    }
  });
  return table;
}

function setBit(table: Uint8Array, bitmap: number, byte: number): void {
  table[bitmap + (byte >> 3)]! |= 1 << (byte & 7);
}
