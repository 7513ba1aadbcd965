import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../bench/random.js';
import { chooseAnchorSet, FOLD } from '../../src/prefilter/anchors.js';
import { anchorScanKernel, SCRATCH_BYTES } from '../../src/prefilter/anchor-scan-kernel.js';
import { NeedleSearch } from '../../src/prefilter/needle-search.js';
import { reusableReadBuffer } from '../../src/prefilter/read-buffer.js';
import { createNeedleSearch, SimdNeedleSearch } from '../../src/prefilter/simd-needle-search.js';

/** Bytes that OR 0x20 confuses with letters or each other, and bytes above 0x7f. */
const CONFUSERS = [0x40, 0x60, 0x5b, 0x7b, 0x5d, 0x7d, 0x5f, 0x7f, 0x5e, 0x7e, 0xc0, 0xd0, 0xe0, 0xf0, 0xc9, 0xe9, 0x80, 0xff, 0x00, 0x0a, 0x20];

function simdSearch(needles: readonly string[]): SimdNeedleSearch {
  const search = createNeedleSearch(needles);
  expect(search).toBeInstanceOf(SimdNeedleSearch);
  return search as SimdNeedleSearch;
}

/** Copies `bytes` into the read buffer, the kernel's memory, where `matches` searches in place. */
function inKernelMemory(bytes: Uint8Array): Buffer {
  const buffer = reusableReadBuffer(bytes.length + 1);
  buffer.set(bytes);
  expect(buffer.buffer).toBe(anchorScanKernel()!.memoryBuffer);
  return buffer.subarray(0, bytes.length);
}

/** Lists every [position, anchor index] where an anchor starts, checking one position at a time. */
function naiveAnchorHits(bytes: Uint8Array, needles: readonly string[]): [number, number][] {
  const set = chooseAnchorSet(needles)!;
  const hits: [number, number][] = [];
  for (let position = 0; position + set.length <= bytes.length; position++) {
    set.anchors.forEach((anchor, index) => {
      if (anchor.bytes.every((byte, j) => FOLD[bytes[position + j]!] === byte)) {
        hits.push([position, index]);
      }
    });
  }
  return hits;
}

/** Returns random bytes from the needles' letters in both cases, confusers and any byte, with needles and needle prefixes inserted. */
function randomInput(random: () => number, needles: readonly string[], maxLength: number): Uint8Array {
  const letters = [...new Set(needles.join(''))].map((char) => char.charCodeAt(0));
  const bytes: number[] = [];
  const length = Math.floor(random() * maxLength);
  while (bytes.length < length) {
    const roll = random();
    if (roll < 0.04) {
      const needle = needles[Math.floor(random() * needles.length)]!;
      // Whole needles, and prefixes that stop short of a whole needle.
      const part = random() < 0.5 ? needle : needle.slice(0, Math.floor(random() * needle.length));
      for (const char of part) bytes.push(random() < 0.5 ? char.toUpperCase().charCodeAt(0) : char.charCodeAt(0));
    } else if (roll < 0.6) {
      const letter = letters[Math.floor(random() * letters.length)]!;
      bytes.push(random() < 0.3 && letter >= 0x61 && letter <= 0x7a ? letter & ~0x20 : letter);
    } else if (roll < 0.8) {
      bytes.push(CONFUSERS[Math.floor(random() * CONFUSERS.length)]!);
    } else {
      bytes.push(Math.floor(random() * 256));
    }
  }
  return Uint8Array.from(bytes.slice(0, length));
}

const NEEDLE_LISTS: Record<string, string[]> = {
  'built-in shapes': ['privilegedroles', 'privileged_access', 'governanceroleassignments', 'azureadmsprivilegedroleassignment', 'mgbetaprivilegedrole', 'governance_subjects'],
  'one-byte anchors': ['q', 'zz', 'x_y'],
  'non-letter bytes': ['a@b[c', '`{x}', 'p_q^r~', 'ab_@'],
  'anchor equal to a needle': ['privileged', 'privilegedrole', 'governance'],
  'sixteen-byte anchors': ['abcdefghijklmnopq', 'qrstuvwxyzabcdefgh'],
  'many anchors': Array.from({ length: 60 }, (_, index) => `w${String.fromCharCode(0x61 + (index % 26))}${String.fromCharCode(0x61 + Math.floor(index / 26))}k${index % 7}`),
};

describe('SimdNeedleSearch', () => {
  it('is built where WebAssembly SIMD runs', () => {
    expect(anchorScanKernel()).toBeDefined();
  });

  for (const [name, needles] of Object.entries(NEEDLE_LISTS)) {
    it(`agrees with the JavaScript search: ${name}`, () => {
      const reference = new NeedleSearch(needles);
      const search = simdSearch(needles);
      const random = seededRandom(name.length * 7919);
      let positives = 0;
      for (let round = 0; round < 1500; round++) {
        const bytes = randomInput(random, needles, round % 10 === 0 ? 600 : 90);
        const expected = reference.matches(bytes);
        if (expected) positives += 1;
        const label = Buffer.from(bytes).toString('hex');
        expect(search.matches(bytes), `copied ${label}`).toBe(expected);
        expect(search.matches(inKernelMemory(bytes)), `in memory ${label}`).toBe(expected);
      }
      expect(positives).toBeGreaterThan(100);
    });

    it(`finds every anchor hit: ${name}`, () => {
      const search = simdSearch(needles);
      const random = seededRandom(name.length * 104729);
      for (let round = 0; round < 400; round++) {
        const bytes = randomInput(random, needles, 200);
        const expected = naiveAnchorHits(bytes, needles);
        const label = Buffer.from(bytes).toString('hex');
        expect(search.anchorHits(bytes), `copied ${label}`).toEqual(expected);
        expect(search.anchorHits(inKernelMemory(bytes)), `in memory ${label}`).toEqual(expected);
      }
    });
  }

  it('finds anchors at every offset of a block and at both ends', () => {
    // Both needles share the anchor `privileged`.
    const needles = ['privilegedaccess', 'privilegedroles'];
    const search = simdSearch(needles);
    for (let length = 0; length <= 70; length++) {
      for (let at = 0; at + 16 <= length; at++) {
        const bytes = Buffer.alloc(length, 0x2e);
        bytes.write('PrivilegedAccess', at, 'latin1');
        expect(search.matches(bytes), `copied, ${length} bytes, needle at ${at}`).toBe(true);
        expect(search.matches(inKernelMemory(bytes)), `in memory, ${length} bytes, needle at ${at}`).toBe(true);
        expect(search.anchorHits(inKernelMemory(bytes))).toEqual([[at, 0]]);
      }
    }
  });

  it('misses a needle cut off by the end of the bytes', () => {
    const search = simdSearch(['privilegedaccess']);
    const bytes = Buffer.from('x'.repeat(40) + 'privilegedaccess');
    for (let length = 0; length < bytes.length; length++) {
      expect(search.matches(inKernelMemory(bytes.subarray(0, length))), `${length} bytes`).toBe(false);
      expect(search.matches(bytes.subarray(0, length)), `copied, ${length} bytes`).toBe(false);
    }
  });

  it('ignores needle bytes just outside the searched view', () => {
    // Both needles share the anchor `privileged`, at offsets 0 and 2.
    const search = simdSearch(['privilegedaccess', 'xxprivileged']);
    const memory = inKernelMemory(Buffer.from('xxprivilegedaccess'));
    expect(search.matches(memory.subarray(2))).toBe(true);
    expect(search.matches(memory.subarray(2, 17))).toBe(false);
    expect(search.matches(memory.subarray(1, 17))).toBe(false);
    expect(search.matches(memory.subarray(0, 12))).toBe(true);
    expect(search.matches(memory.subarray(0, 11))).toBe(false);
  });

  it('does not fold bytes that OR 0x20 confuses with letters', () => {
    const search = simdSearch(['p@q[r', 'privileged']);
    expect(search.matches(Buffer.from('P@Q[R'))).toBe(true);
    expect(search.matches(Buffer.from('p`q{r'))).toBe(false);
    expect(search.matches(Buffer.from([0xd0, 0x52, 0x49, 0x56, 0x49, 0x4c, 0x45, 0x47, 0x45, 0x44]))).toBe(false);
    expect(search.matches(Buffer.from([0x50, 0x52, 0x49, 0x56, 0x49, 0x4c, 0x45, 0x47, 0x45, 0xc4]))).toBe(false);
  });

  it('finds needles across the edges of copied chunks', () => {
    const needles = ['privilegedaccess', 'mgbetaprivilegedrole'];
    const search = simdSearch(needles);
    const reference = new NeedleSearch(needles);
    const step = SCRATCH_BYTES - 9;
    for (const at of [step - 20, step - 10, step - 9, step - 6, step - 1, step, step + 1, 2 * step - 5, 3 * step - 12]) {
      for (const needle of ['PRIVILEGEDACCESS', 'mgBetaPrivilegedRole']) {
        const bytes = Buffer.alloc(3 * SCRATCH_BYTES + 100, 0x20);
        bytes.write(needle, at, 'latin1');
        expect(search.matches(bytes), `${needle} at ${at}`).toBe(reference.matches(bytes));
        expect(search.matches(bytes), `${needle} at ${at}`).toBe(true);
        expect(search.matches(inKernelMemory(bytes)), `in memory, ${needle} at ${at}`).toBe(true);
      }
    }
  });

  it('matches nothing in empty and short input', () => {
    const search = simdSearch(['privilegedaccess', 'privilegedroles']);
    expect(search.matches(new Uint8Array(0))).toBe(false);
    expect(search.matches(inKernelMemory(new Uint8Array(0)))).toBe(false);
    expect(search.matches(Buffer.from('privileged'))).toBe(false);
    expect(search.anchorHits(Buffer.from('privilege'))).toEqual([]);
    expect(search.anchorHits(Buffer.from('PRIVILEGED'))).toEqual([[0, 0]]);
  });

  it('keeps the tables of several searches apart', () => {
    const first = simdSearch(['privilegedaccess']);
    const second = simdSearch(['governanceresource']);
    const bytes = inKernelMemory(Buffer.from('..governanceResource..'));
    expect(first.matches(bytes)).toBe(false);
    expect(second.matches(bytes)).toBe(true);
    expect(first.matches(bytes)).toBe(false);
  });

  it('searches with a table larger than the first reserved space', () => {
    const needles = Array.from({ length: 300 }, (_, index) => `needle${index.toString(36).padStart(4, '0')}x`);
    const search = simdSearch(needles);
    const reference = new NeedleSearch(needles);
    const bytes = inKernelMemory(Buffer.from(`text ${needles[299]!.toUpperCase()} text`));
    expect(search.matches(bytes)).toBe(true);
    expect(reference.matches(bytes)).toBe(true);
    expect(search.matches(inKernelMemory(Buffer.from(`text ${needles[299]!.slice(0, -1)} text`)))).toBe(false);
  });
});
