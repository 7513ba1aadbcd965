/**
 * Benchmark of `pim-migrate scan` against ripgrep and ast-grep on a generated multi-language tree
 * (three sizes) and on the project's own node_modules, written to BENCHMARKS.md.
 *
 *   npm run bench                     # 10,000, 50,000 and 100,000 files
 *   PIM_BENCH_QUICK=1 npm run bench   # 2,000, 5,000 and 10,000 files
 *
 * Needs the built CLI (`npm run bench` builds first), GNU time and ripgrep. It installs the last
 * two with apt-get when they are missing, and leaves ripgrep out with a note when it cannot.
 */
import { execSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRuleTableWithUserFiles } from '../src/config/rule-table.js';
import { discoverFiles } from '../src/discover/walk.js';
import { compileSignatures, minimalSignatures } from '../src/rules/signatures.js';
import { generatePart, type GeneratedPart, type Plant } from './generate-tree.js';
import { describeMachine } from './machine.js';
import { renderReport, type TargetResult } from './report.js';
import { ensureDebianPackage, hasGnuTime } from './setup.js';
import { runAstGrep, runPimMigrate, runRipgrep, type ToolRun } from './tools.js';
import { runRuntimeGuardBench } from './runtime-guard.js';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const quick = process.env.PIM_BENCH_QUICK === '1';
const SIZES = quick ? [2_000, 5_000, 10_000] : [10_000, 50_000, 100_000];
const FILES_PER_PART = 1_000;
/** Runs of pim-migrate and ripgrep per tree; the report shows the median. */
const REPEATS = 3;
/** Fixed seed: every run writes the same tree. */
const SEED = 20_261_204;

const notes: string[] = [];
const timeNote = ensureDebianPackage('time', 'time', hasGnuTime);
if (timeNote) {
  throw new Error(`${timeNote}; the bench needs /usr/bin/time to measure CPU time and peak memory`);
}
const ripgrepNote = ensureDebianPackage('rg', 'ripgrep');
if (ripgrepNote) notes.push(`ripgrep left out: ${ripgrepNote}.`);

const table = loadRuleTableWithUserFiles(undefined, []);
const signatures = compileSignatures(table.rules);
const minimal = minimalSignatures(signatures);

const treeRoot = mkdtempSync(join(tmpdir(), 'pim-bench-tree-'));
const reportPath = join(mkdtempSync(join(tmpdir(), 'pim-bench-report-')), 'report.json');
const results: TargetResult[] = [];
try {
  const partCount = Math.max(...SIZES) / FILES_PER_PART;
  const started = Date.now();
  const parts: GeneratedPart[] = [];
  for (let index = 0; index < partCount; index++) {
    parts.push(generatePart(treeRoot, index, FILES_PER_PART, SEED));
  }
  log(`generated ${partCount * FILES_PER_PART} files in ${((Date.now() - started) / 1000).toFixed(0)} s under ${treeRoot}`);
  warmUp(treeRoot);
  warmRuleCache();

  for (const size of SIZES) {
    const used = parts.slice(0, size / FILES_PER_PART);
    const paths = used.map((part) => part.folder);
    const plants = used.flatMap((part) => part.plants);
    // Counted on disk, as pim-migrate's discovery sees them, rather than trusted from the generator.
    const onDisk = countFiles(treeRoot, paths.map((path) => join(treeRoot, path)));
    results.push(runTarget(`generated, ${size.toLocaleString('en-US')} files`, treeRoot, paths, onDisk.files, onDisk.bytes, plants, true));
  }

  const nodeModules = join(projectRoot, 'node_modules');
  const nodeModulesFiles = countFiles(nodeModules, [nodeModules]);
  warmUp(nodeModules);
  results.push(runTarget("the project's node_modules", nodeModules, ['.'], nodeModulesFiles.files, nodeModulesFiles.bytes, [], false));
  notes.push(
    "node_modules: pim-migrate skips nested `node_modules` folders and `*.min.js` bundles and honours `.gitignore`; ripgrep and ast-grep skip hidden files and honour `.gitignore`. The file and byte counts are the files pim-migrate discovered, so the tools' work differs somewhat.",
  );

  const command = quick ? 'PIM_BENCH_QUICK=1 npm run bench' : 'npm run bench';
  // The runtime guard's cost per request is measured in-process; its section follows the scan results.
  const runtimeGuard = await runRuntimeGuardBench();
  const report = renderReport({ machine: describeMachine(), command, quick, results, notes, signatures: minimal, analysis: readAnalysis() });
  writeFileSync(join(projectRoot, 'BENCHMARKS.md'), `${report.trimEnd()}\n\n## Runtime guard\n\nAdded time per request of \`pim-migrate/runtime\` (\`bench/runtime-guard.ts\`):\n\n${runtimeGuard.trim()}\n`);
  log('wrote BENCHMARKS.md');
} finally {
  rmSync(treeRoot, { recursive: true, force: true });
  rmSync(dirname(reportPath), { recursive: true, force: true });
}

function runTarget(name: string, root: string, paths: string[], files: number, bytes: number, plants: Plant[], withSingleThread: boolean): TargetResult {
  log(`${name}: ${(bytes / 1e6).toFixed(0)} MB`);
  // The fast tools run REPEATS times, interleaved so that a busy moment of the machine hits them
  // alike; the slow ast-grep runs once.
  const repeated: (() => ToolRun)[] = [
    () => {
      const pim = runPimMigrate(projectRoot, root, paths, reportPath);
      readFindings(pim);
      return pim;
    },
  ];
  if (withSingleThread) {
    repeated.push(() => {
      const single = runPimMigrate(projectRoot, root, paths, reportPath, 1);
      readFindings(single);
      return single;
    });
  }
  if (!ripgrepNote) repeated.push(() => runRipgrep(root, paths, signatures));
  const samples = repeated.map(() => [] as ToolRun[]);
  for (let round = 0; round < REPEATS; round++) {
    repeated.forEach((runTool, index) => samples[index]!.push(runTool()));
  }
  const runs: ToolRun[] = samples.map(medianRun);
  runs.push(runAstGrep(projectRoot, root, paths, minimal));
  for (const run of runs) log(`  ${run.tool}: ${run.wallSeconds.toFixed(2)} s wall, ${run.cpuSeconds.toFixed(2)} s CPU, ${run.maxRssMb.toFixed(0)} MB`);
  return { name, files, bytes, plants, runs };
}

/**
 * Returns the run with the median wall time, with the highest peak memory of all the runs, so a lucky run
 * neither shortens the time nor lowers the memory.
 */
function medianRun(runs: ToolRun[]): ToolRun {
  const sorted = [...runs].sort((a, b) => a.wallSeconds - b.wallSeconds);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  return { ...median, maxRssMb: Math.max(...runs.map((run) => run.maxRssMb)) };
}

/** Files and bytes that pim-migrate's discovery finds, with its default 5 MB size limit (which makes the walk read each size). */
function countFiles(root: string, paths: string[]): { files: number; bytes: number } {
  const discovered = discoverFiles({ root, paths, maxFileSize: 5 * 1024 * 1024 });
  return { files: discovered.files.length + discovered.skipped.length, bytes: discovered.files.reduce((sum, file) => sum + (file.size ?? 0), 0) };
}

function readFindings(run: ToolRun): void {
  const report = JSON.parse(readFileSync(reportPath, 'utf8')) as { findings: { file: string; line: number }[] };
  for (const finding of report.findings) {
    run.files.add(finding.file);
    run.lines.add(`${finding.file}:${finding.line}`);
  }
  rmSync(reportPath, { force: true });
}

/** Flushes the written tree and reads it once, so every tool starts from the same warm page cache. */
function warmUp(root: string): void {
  spawnSync('sync');
  execSync(`find . -type f -print0 | xargs -0 cat > /dev/null`, { cwd: root, stdio: 'ignore' });
}

/**
 * Runs the built CLI once, so every measured scan reads the validated rule table from its cache,
 * as every scan after the first does. A cold cache adds about 0.3 s to the first scan.
 */
function warmRuleCache(): void {
  spawnSync(process.execPath, [join(projectRoot, 'dist', 'cli.js'), 'rules', '--format', 'json'], { stdio: 'ignore' });
}

/** Reads the hand-written analysis (`bench/analysis.md`) that follows the measured tables. */
function readAnalysis(): string {
  try {
    return readFileSync(join(projectRoot, 'bench', 'analysis.md'), 'utf8');
  } catch {
    return '';
  }
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}
