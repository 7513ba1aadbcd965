import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/cli/progress.js';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, write: (text: string) => writes.push(text) } };
}

describe('progress line', () => {
  it('draws and clears on a terminal', () => {
    const { writes, stream } = fakeStream(true);
    let time = 0;
    const progress = createProgress(stream, {}, () => time);

    progress.onProgress?.(1, 10, 0);
    time += 500;
    progress.onProgress?.(2, 10, 1);
    progress.clear();

    expect(writes).toEqual(['\rscanning 1/10 files, 0 findings\x1b[K', '\rscanning 2/10 files, 1 finding\x1b[K', '\r\x1b[K']);
  });

  it('skips redraws within the interval but draws the last', () => {
    const { writes, stream } = fakeStream(true);
    const progress = createProgress(stream, {}, () => 0);

    progress.onProgress?.(1, 3, 0);
    progress.onProgress?.(2, 3, 0);
    progress.onProgress?.(3, 3, 2);

    expect(writes).toEqual(['\rscanning 1/3 files, 0 findings\x1b[K', '\rscanning 3/3 files, 2 findings\x1b[K']);
  });

  it('stays silent when piped', () => {
    const { writes, stream } = fakeStream(false);
    const progress = createProgress(stream, {});
    expect(progress.onProgress).toBeUndefined();
    progress.clear();
    expect(writes).toEqual([]);
  });

  it('stays silent in CI', () => {
    const { stream } = fakeStream(true);
    expect(createProgress(stream, { CI: 'true' }).onProgress).toBeUndefined();
    expect(createProgress(stream, { CI: '1' }).onProgress).toBeUndefined();
    expect(createProgress(stream, { CI: 'false' }).onProgress).toBeTypeOf('function');
  });

  it('clears nothing when nothing was drawn', () => {
    const { writes, stream } = fakeStream(true);
    createProgress(stream, {}).clear();
    expect(writes).toEqual([]);
  });
});
