import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/json.js';
import type { Finding } from '../../src/model/finding.js';
import { guardFetch } from '../../src/runtime/index.js';
import { findingJsonLine } from '../../src/runtime/sink.js';
import { runInProcess } from '../cli/run-in-process.js';
import { writeProject } from '../helpers/temp-project.js';

const SOURCE = [
  "const GRAPH = 'https://graph.microsoft.com/beta';",
  '',
  'export async function listRoles() {',
  "  return fetch(`${GRAPH}/privilegedAccess/aadRoles/roleDefinitions`);",
  '}',
  '',
].join('\n');

/** Runtime findings from the real guard, with a stub fetch that sends nothing. */
async function runtimeFindings(): Promise<Finding[]> {
  const findings: Finding[] = [];
  const guarded = guardFetch((async () => new Response('{}')) as typeof fetch, { onFinding: (finding) => findings.push(finding) });
  await guarded('https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleDefinitions');
  await guarded('https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleSettings');
  return findings;
}

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('scan --runtime-log', () => {
  it('merges runtime findings into the report', async () => {
    const project = writeProject({ 'src/roles.ts': SOURCE });
    cleanup = project.cleanup;
    const [definitions, settings] = await runtimeFindings();
    const logDir = join(project.root, 'logs');
    mkdirSync(logDir);
    const logFile = join(logDir, 'runtime.jsonl');
    const lines = [
      // The call the static scan also finds: same rule, file and line.
      findingJsonLine({ ...definitions!, file: join(project.root, 'src', 'roles.ts'), line: 4, column: 10, endLine: 4, endColumn: 10 }),
      // A URL built from configuration: only the runtime saw it.
      findingJsonLine({ ...settings!, file: join(project.root, 'src', 'config-driven.ts'), line: 12, column: 3, endLine: 12, endColumn: 3 }),
      'not json',
      JSON.stringify({ ruleId: 'pim2-role-settings-list' }),
      // A call from outside the scan root keeps its absolute path.
      findingJsonLine({ ...settings!, file: '/elsewhere/app.js', line: 7, column: 1, endLine: 7, endColumn: 1 }),
    ];
    writeFileSync(logFile, `${lines.join('\n')}\n`);
    const reportFile = join(project.root, 'report.json');

    const result = await runInProcess(['scan', project.root, '--runtime-log', logFile, '--format', 'json', '--output', reportFile, '--quiet']);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as JsonReport;
    const staticFinding = report.findings.find((finding) => finding.file === 'src/roles.ts');
    expect(staticFinding?.ruleId).toBe('pim2-role-definitions-list');
    expect(staticFinding?.seenAtRuntime).toBe(true);
    expect(staticFinding?.source).toBeUndefined();

    const added = report.findings.filter((finding) => finding.source === 'runtime');
    expect(added.map((finding) => finding.file).sort()).toEqual(['/elsewhere/app.js', 'src/config-driven.ts']);
    expect(added.every((finding) => finding.ruleId === 'pim2-role-settings-list')).toBe(true);
    expect(report.summary.findings).toBe(3);

    const warnings = report.warnings.map((warning) => warning.message);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^line 3: invalid JSON/);
    expect(warnings[1]).toMatch(/^line 4: not a finding/);
  });

  it('rejects a missing log file', async () => {
    const project = writeProject({ 'src/roles.ts': SOURCE });
    cleanup = project.cleanup;

    const result = await runInProcess(['scan', project.root, '--runtime-log', join(project.root, 'absent.jsonl')]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('cannot read the runtime log');
  });
});
