import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadRuleTableWithUserFiles } from '../../src/config/rule-table.js';
import { FileAnalyser } from '../../src/engine/file-analyser.js';
import { lazyExtractor } from '../../src/extract/lazy-extractor.js';
import type { Extractor } from '../../src/extract/extractor.js';
import { compileSignatures } from '../../src/rules/signatures.js';
import { writeProject } from '../helpers/temp-project.js';

let cleanup = (): void => {};
afterEach(() => cleanup());

const TEXT = "fetch('https://graph.microsoft.com/beta/privilegedRoles');\n";

describe('extractor preparation', () => {
  it('reports a load once, before the first extraction', async () => {
    const project = writeProject({ 'a.ts': TEXT, 'b.ts': TEXT });
    cleanup = project.cleanup;
    const events: string[] = [];
    const inner: Extractor = {
      id: 'inner',
      languages: ['typescript'],
      extract: () => {
        events.push('extract');
        return [];
      },
    };
    const lazy = lazyExtractor('inner', ['typescript'], async () => {
      events.push('load');
      return inner;
    });
    const table = loadRuleTableWithUserFiles(undefined, []);
    const analyser = new FileAnalyser(table, compileSignatures(table.rules), { root: project.root }, [lazy], []);

    for (const name of ['a.ts', 'b.ts']) {
      await analyser.analyse({ path: join(project.root, name), relativePath: name, language: 'typescript' }, () => events.push('prepared'));
    }

    expect(events).toEqual(['load', 'prepared', 'extract', 'extract']);
  });
});
