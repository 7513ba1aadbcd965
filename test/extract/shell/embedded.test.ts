import { describe, expect, it } from 'vitest';
import { shellExtractor } from '../../../src/extract/shell/index.js';
import { shiftCallSite } from '../../../src/extract/shift.js';
import { SIGNATURES, urlText } from '../common/python-shell.js';

describe('shell fragments', () => {
  it('reads an indented script fragment with fragment offsets', async () => {
    const file = 'steps:\n  - script: |\n      curl -X DELETE "https://graph.microsoft.com/beta/privilegedRoleAssignments/$(ID)"\n';
    const start = file.indexOf('curl');
    const fragment = file.slice(start);
    const sites = await shellExtractor.extract({
      path: '/x/pipeline.yml',
      relativePath: 'pipeline.yml',
      text: fragment,
      language: 'shell',
      candidates: [],
      root: '/x',
      signatures: SIGNATURES,
      extractEmbedded: async () => [],
    });
    expect(sites).toHaveLength(1);
    const shifted = shiftCallSite(sites[0]!, start);
    expect(shifted.method).toBe('DELETE');
    expect(urlText(shifted)).toBe('https://graph.microsoft.com/beta/privilegedRoleAssignments/{$(ID)}');
    expect(shifted.url?.[0]?.offset).toBe(file.indexOf('https://'));
  });
});
