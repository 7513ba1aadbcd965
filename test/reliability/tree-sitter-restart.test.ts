import { describe, expect, it } from 'vitest';
import { restartRuntime } from '../../src/extract/tree-sitter/grammars.js';
import { parseWith } from '../../src/extract/tree-sitter/parse.js';

describe('tree-sitter runtime restart', () => {
  it('parses again in a fresh instance after a restart', async () => {
    const before = await parseWith('python', 'x = 1\n');
    expect(before.rootNode.type).toBe('module');
    before.delete();

    restartRuntime();

    const after = await parseWith('go', 'package main\n');
    expect(after.rootNode.type).toBe('source_file');
    after.delete();
  });
});
