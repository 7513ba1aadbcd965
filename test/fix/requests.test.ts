import { execFile } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../cli/run-in-process.js';
import { startMockPimServer, type RecordedRequest } from '../server/mock-pim-server.js';
import { copyCase, linkNodeModules, loadCases, REPO_ROOT, type ExpectedRequest } from './codemod-cases.js';

const run = promisify(execFile);
const REDIRECT = join(REPO_ROOT, 'test/server/redirect-fetch.mjs');
const TSX = join(REPO_ROOT, 'node_modules/tsx/dist/esm/index.mjs');

let server: Awaited<ReturnType<typeof startMockPimServer>>;
beforeAll(async () => {
  server = await startMockPimServer();
});
afterAll(async () => {
  await server.close();
});

/** Runs a fixture program with tsx, its fetch redirected to the mock server, and returns what the server recorded. */
async function recordRun(path: string): Promise<RecordedRequest[]> {
  const start = server.requests.length;
  await run(process.execPath, ['--import', TSX, '--import', REDIRECT, path], { env: { ...process.env, PIM_MOCK_URL: server.url }, timeout: 30_000 });
  return server.requests.slice(start);
}

function field(body: Record<string, unknown> | undefined, dotted: string): unknown {
  return dotted.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), body);
}

function expectRequests(recorded: RecordedRequest[], expected: ExpectedRequest[]): void {
  expect(recorded.map((request) => `${request.method} ${request.path}`)).toEqual(expected.map((request) => `${request.method} ${request.path}`));
  expected.forEach((request, index) => {
    const actual = recorded[index]!;
    expect(actual.status, JSON.stringify(actual.body)).toBeLessThan(300);
    for (const [name, value] of Object.entries(request.body ?? {})) {
      expect(field(actual.body, name), name).toBe(value);
    }
  });
}

// NOTE: pwsh is not installed on the test machine, so the PowerShell cases (ps-*) are not run.
// powershell-requests.test.ts rebuilds their requests from the parse tree and sends those instead.
describe.each(loadCases().filter((testCase) => testCase.expected.run))('requests of $name', (testCase) => {
  it('sends iteration 3 calls after the fix', async () => {
    const { dir, path } = copyCase(testCase, testCase.input);
    try {
      linkNodeModules(dir);
      writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
      expectRequests(await recordRun(path), testCase.expected.run!.before);
      const fix = await runInProcess(['fix', dir, '--write', '--tier', testCase.expected.tier]);
      expect(fix.code).toBe(0);
      expect(readFileSync(path, 'utf8')).not.toContain('privilegedAccess/aad');
      expectRequests(await recordRun(path), testCase.expected.run!.after);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('fixed TypeScript fixtures', () => {
  it('pass tsc --noEmit', async () => {
    const outputs = loadCases()
      .filter((testCase) => testCase.output.endsWith('.ts') && testCase.expected.left.length === 0)
      .map((testCase) => join(REPO_ROOT, 'fixtures/codemods', testCase.name, testCase.output));
    const tsc = join(REPO_ROOT, 'node_modules/typescript/bin/tsc');
    const args = ['--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--types', 'node', '--lib', 'es2022,dom', '--skipLibCheck', ...outputs];
    await expect(run(process.execPath, [tsc, ...args], { cwd: REPO_ROOT })).resolves.toBeDefined();
  });
});
