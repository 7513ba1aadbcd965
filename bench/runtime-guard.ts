/**
 * Measures the time the runtime guard adds per request, for `npm run bench` (which calls
 * `runRuntimeGuardBench`) or on its own: `npx tsx bench/runtime-guard.ts`. The fetch it wraps
 * answers at once without a network, so the table shows the guard's own cost.
 */
import { pathToFileURL } from 'node:url';
import { guardFetch } from '../src/runtime/index.js';

interface Case {
  name: string;
  url: string;
  method: string;
  body?: string;
}

const CASES: Case[] = [
  { name: 'no signature word (v1.0 role schedules)', url: 'https://graph.microsoft.com/v1.0/roleManagement/directory/roleAssignmentSchedules?$filter=principalId+eq+%27x%27', method: 'GET' },
  { name: 'signature word, no rule (v1.0 PIM for groups)', url: 'https://graph.microsoft.com/v1.0/identityGovernance/privilegedAccess/group/assignmentSchedules', method: 'GET' },
  { name: 'retired GET (iteration 2)', url: 'https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignments?$filter=subjectId+eq+%27x%27', method: 'GET' },
  {
    name: 'retired POST with JSON body (iteration 2)',
    url: 'https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignmentRequests',
    method: 'POST',
    body: JSON.stringify({ roleDefinitionId: 'r', subjectId: 's', assignmentState: 'Eligible', type: 'AdminAdd', schedule: { type: 'Once' } }),
  },
];

const ITERATIONS = 20_000;
const WARMUP = 2_000;

/** Mean microseconds per call of `send` over ITERATIONS calls, after WARMUP calls. */
async function meanMicroseconds(send: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < WARMUP; i++) await send();
  const start = process.hrtime.bigint();
  for (let i = 0; i < ITERATIONS; i++) await send();
  return Number(process.hrtime.bigint() - start) / 1000 / ITERATIONS;
}

/** Runs every case with and without the guard and returns a Markdown table of the added time. */
export async function runRuntimeGuardBench(): Promise<string> {
  const response = new Response(null, { status: 204 });
  const bare = (async () => response) as typeof fetch;
  // `report` mode with a no-op sink: matching requests go through the whole matcher every time.
  const guarded = guardFetch(bare, { mode: 'report', onFinding: () => undefined, eager: true });

  const loadStart = process.hrtime.bigint();
  await guarded(CASES[2]!.url);
  const firstCandidateMs = Number(process.hrtime.bigint() - loadStart) / 1e6;

  const rows: string[] = [];
  for (const entry of CASES) {
    const init = { method: entry.method, ...(entry.body !== undefined ? { body: entry.body } : {}) };
    const without = await meanMicroseconds(() => bare(entry.url, init));
    const withGuard = await meanMicroseconds(() => guarded(entry.url, init));
    rows.push(`| ${entry.name} | ${without.toFixed(2)} | ${withGuard.toFixed(2)} | ${(withGuard - without).toFixed(2)} |`);
  }
  return [
    `Runtime guard, ${ITERATIONS} requests per case on Node ${process.versions.node}, ${process.platform}/${process.arch}; first candidate request (rule table load): ${firstCandidateMs.toFixed(0)} ms.`,
    '',
    '| Request | µs per call, bare fetch stub | µs per call, guarded | µs added |',
    '| --- | ---: | ---: | ---: |',
    ...rows,
    '',
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(await runRuntimeGuardBench());
}
