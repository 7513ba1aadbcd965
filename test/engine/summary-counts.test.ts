import { describe, expect, it } from 'vitest';
import { scan } from '../../src/scan.js';
import { writeProject } from '../helpers/temp-project.js';

const OLD_URL = 'https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleDefinitions';

describe('scan summary counts', () => {
  it('add up when a file with a signature is skipped', async () => {
    const project = writeProject({
      'a.js': `fetch('${OLD_URL}');\n`,
      'plain.txt': 'nothing to see\n',
      'bin.ts': `\u0000\u0001 ${OLD_URL}\n`,
    });
    try {
      const { summary } = await scan({ paths: [project.root] });

      expect(summary).toMatchObject({ filesDiscovered: 3, filesWithoutSignature: 1, filesParsed: 1, filesSkipped: 1 });
      expect(summary.filesWithoutSignature + summary.filesParsed + summary.filesSkipped).toBe(summary.filesDiscovered);
    } finally {
      project.cleanup();
    }
  });
});
