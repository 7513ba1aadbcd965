import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../cli/run-in-process.js';

const OLD = "const r = await fetch('https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleDefinitions');\r\n";

describe('fix writer', () => {
  it('keeps BOM, CRLF and file mode', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pim-fix-apply-'));
    try {
      const path = join(dir, 'roles.ts');
      writeFileSync(path, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`// keep\r\n${OLD}export {};\r\n`)]));
      chmodSync(path, 0o751);
      const run = await runInProcess(['fix', dir, '--write', '--tier', 'suggestion']);
      expect(run.code).toBe(0);
      const bytes = readFileSync(path);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(bytes.toString('utf8').slice(1)).toBe("// keep\r\nconst r = await fetch('https://graph.microsoft.com/v1.0/roleManagement/directory/roleDefinitions');\r\nexport {};\r\n");
      expect(statSync(path).mode & 0o777).toBe(0o751);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves originals with --output-dir', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pim-fix-out-'));
    try {
      writeFileSync(join(dir, 'a.ts'), OLD);
      const out = join(dir, 'out');
      await runInProcess(['fix', join(dir, 'a.ts'), '--output-dir', out, '--tier', 'suggestion']);
      expect(readFileSync(join(dir, 'a.ts'), 'utf8')).toBe(OLD);
      expect(readFileSync(join(out, 'a.ts'), 'utf8')).toContain('/v1.0/roleManagement/directory/roleDefinitions');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('dry run writes nothing and default tier suggests', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pim-fix-dry-'));
    try {
      writeFileSync(join(dir, 'a.ts'), OLD);
      const run = await runInProcess(['fix', dir]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('1 suggested');
      expect(readFileSync(join(dir, 'a.ts'), 'utf8')).toBe(OLD);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
