import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(repo, 'dist/cli.js');

const GRAPH = 'https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignmentRequests';

/** True when a file under src/ changed after the last build wrote dist/cli.js. */
function buildIsStale(): boolean {
  if (!existsSync(cli)) return true;
  const built = statSync(cli).mtimeMs;
  const sources = readdirSync(join(repo, 'src'), { recursive: true, withFileTypes: true });
  return sources.some((entry) => entry.isFile() && statSync(join(entry.parentPath, entry.name)).mtimeMs > built);
}

/**
 * Files that each write their own marker file into `markers` when run, imported, installed or
 * loaded as a plugin, and each hold an old call, so every extractor has reason to read them.
 */
function hostileProject(markers: string): Record<string, string> {
  const marker = (name: string) => JSON.stringify(join(markers, name));
  const writeMarkerJs = (name: string) => `require('node:fs').writeFileSync(${marker(name)}, 'ran');`;
  const body = `{ roleDefinitionId: 'r', resourceId: 't', subjectId: 's', assignmentState: 'Active', type: 'AdminAdd', schedule: { type: 'Once', duration: 'PT8H' } }`;
  return {
    'package.json': JSON.stringify(
      {
        name: 'hostile',
        description: GRAPH,
        scripts: {
          preinstall: `node -e "${writeMarkerJs('preinstall').replace(/"/g, '\\"')}"`,
          postinstall: `node -e "${writeMarkerJs('postinstall').replace(/"/g, '\\"')}"`,
          prepare: `node -e "${writeMarkerJs('prepare').replace(/"/g, '\\"')}"`,
        },
        dependencies: { 'evil-dependency': 'file:./vendor/evil-dependency' },
      },
      null,
      2,
    ),
    'vendor/evil-dependency/package.json': JSON.stringify({ name: 'evil-dependency', scripts: { install: `node -e "1"` }, main: 'index.js' }),
    'vendor/evil-dependency/index.js': writeMarkerJs('vendored-dependency'),
    'node_modules/evil-plugin/package.json': JSON.stringify({ name: 'evil-plugin', main: 'index.js' }),
    'node_modules/evil-plugin/index.js': `${writeMarkerJs('tsconfig-plugin')}\nmodule.exports = () => ({ create: (info) => info.languageService });`,
    'node_modules/evil-import/package.json': JSON.stringify({ name: 'evil-import', main: 'index.js', types: 'index.d.ts' }),
    'node_modules/evil-import/index.js': writeMarkerJs('node-modules-import'),
    'node_modules/evil-import/index.d.ts': 'export declare const url: string;',
    'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, plugins: [{ name: 'evil-plugin' }], types: ['evil-import'] }, include: ['src'] }),
    '.npmrc': `node-options=--require ${join(markers, '..', 'evil-require.cjs')}\nonload-script=${join(markers, '..', 'evil-require.cjs')}\n`,
    'evil-require.cjs': writeMarkerJs('npmrc-require'),
    'src/main.ts': [
      "import { writeFileSync } from 'node:fs';",
      "import { url } from 'evil-import';",
      "import './side-effect.js';",
      `writeFileSync(${marker('typescript')}, 'ran');`,
      `export async function assign(): Promise<void> {`,
      `  await fetch('${GRAPH}', { method: 'POST', body: JSON.stringify(${body}) });`,
      '  void url;',
      '}',
      '',
    ].join('\n'),
    'src/side-effect.ts': `import { writeFileSync } from 'node:fs';\nwriteFileSync(${marker('typescript-import')}, 'ran');\n`,
    'src/client.js': [writeMarkerJs('javascript'), `fetch('${GRAPH}', { method: 'POST', body: JSON.stringify(${body}) });`, ''].join('\n'),
    'src/module.mjs': [
      "import { writeFileSync } from 'node:fs';",
      `writeFileSync(${marker('esm')}, 'ran');`,
      `await fetch('${GRAPH}', { method: 'POST', body: JSON.stringify(${body}) });`,
      '',
    ].join('\n'),
    'scripts/assign.ps1': [
      `Set-Content -Path '${join(markers, 'powershell')}' -Value 'ran'`,
      `Invoke-RestMethod -Method Post -Uri '${GRAPH}' -Body (@{ roleDefinitionId = 'r'; resourceId = 't'; subjectId = 's'; assignmentState = 'Active'; type = 'AdminAdd'; schedule = @{ type = 'Once'; duration = 'PT8H' } } | ConvertTo-Json)`,
      '',
    ].join('\n'),
    'scripts/assign.py': [
      'import pathlib, requests',
      `pathlib.Path(${marker('python')}).write_text('ran')`,
      `requests.post("${GRAPH}", json={"type": "AdminAdd"})`,
      '',
    ].join('\n'),
    'tests/conftest.py': [
      'import pathlib, requests',
      `pathlib.Path(${marker('conftest')}).write_text('ran')`,
      `requests.get("${GRAPH}")`,
      '',
    ].join('\n'),
    'scripts/assign.sh': [`touch '${join(markers, 'shell')}'`, `curl -X POST "${GRAPH}"`, ''].join('\n'),
  };
}

function runCli(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const { CI, NO_COLOR, ...env } = process.env;
  void [CI, NO_COLOR];
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env, timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('scanned code is never run', () => {
  let work: string;
  let project: string;
  let markers: string;
  let files: Record<string, string>;

  beforeAll(() => {
    if (buildIsStale()) spawnSync('npm', ['run', 'build', '--silent'], { cwd: repo, stdio: 'inherit' });
    work = mkdtempSync(join(tmpdir(), 'pim-no-execution-'));
    project = join(work, 'project');
    markers = join(project, 'markers');
    mkdirSync(markers, { recursive: true });
    files = hostileProject(markers);
    for (const [relative, content] of Object.entries(files)) {
      mkdirSync(dirname(join(project, relative)), { recursive: true });
      writeFileSync(join(project, relative), content);
    }
  }, 180_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('hostile files write their marker when run', () => {
    // Guards the test itself: a JavaScript file that fails to write its marker would make the
    // checks below pass for the wrong reason.
    const ran = spawnSync(process.execPath, [join(project, 'src/client.js')], { cwd: project, encoding: 'utf8' });
    expect(ran.status === 0 || /fetch/.test(ran.stderr)).toBe(true);
    expect(existsSync(join(markers, 'javascript'))).toBe(true);
    rmSync(join(markers, 'javascript'));
  });

  it('scan finds the calls and runs nothing', () => {
    const run = runCli(['scan', '.', '--format', 'json'], project);
    const findings = (JSON.parse(run.stdout) as { findings: { file: string }[] }).findings;
    const scanned = new Set(findings.map((finding) => finding.file));

    for (const file of ['src/main.ts', 'src/client.js', 'src/module.mjs', 'scripts/assign.ps1', 'scripts/assign.py', 'tests/conftest.py']) {
      expect(scanned.has(file), `no finding in ${file}`).toBe(true);
    }
    expect(readdirSync(markers)).toEqual([]);
  });

  it('fix dry run runs nothing', () => {
    const run = runCli(['fix', '.', '--tier', 'suggestion'], project);

    expect(run.stdout).toContain('+++');
    expect(readdirSync(markers)).toEqual([]);
  });

  it('fix --output-dir runs nothing', () => {
    const output = join(work, 'migrated');
    const run = runCli(['fix', '.', '--tier', 'suggestion', '--output-dir', output], project);

    expect(run.stderr).toMatch(/Wrote [1-9]\d* file\(s\)/);
    // The TypeScript fixer (ts-morph) parsed main.ts next to a tsconfig.json with plugins.
    expect(existsSync(join(output, 'src/main.ts'))).toBe(true);
    expect(readdirSync(markers)).toEqual([]);
    // The sources stay as written: --output-dir writes copies only.
    for (const [relative, content] of Object.entries(files)) {
      expect(readFileSync(join(project, relative), 'utf8'), relative).toBe(content);
    }
  });
});
