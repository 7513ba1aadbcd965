import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScript } from '../../src/fix/powershell/script.js';
import { startMockPimServer } from '../server/mock-pim-server.js';
import { CASES_DIR, loadCases, type CodemodCase } from './codemod-cases.js';
import { isIteration2Path, replacementOf, scheduleOf, subjectFilterOf, type Iteration2Request, type Replacement } from './pim-replacements.js';
import { AZ_CMDLETS, AZ_INSTANCE_FILTER } from './powershell-cmdlet-routes.js';
import { readStaticRequests, type AzCall, type HttpRequest, type StaticRequest } from './powershell-static-requests.js';

/**
 * Request proof for the PowerShell codemod fixtures. pwsh is not installed on the test machine,
 * so each script is read statically: the request every PIM command would send is rebuilt from the
 * parse tree and sent to the mock server. The input's requests must pass the iteration 2 checks
 * and each fixed call's request the iteration 3 checks, at the path and with the action and fields
 * that the fact catalogue maps the old request to. Values the script computes at run time go out
 * as placeholder strings (see powershell-json.ts).
 * Fixtures with `fixed: 0` are refusals; fixtures.test.ts covers them.
 */

let server: Awaited<ReturnType<typeof startMockPimServer>>;
beforeAll(async () => {
  server = await startMockPimServer();
});
afterAll(async () => {
  await server.close();
});

async function requestsOf(testCase: CodemodCase, file: string): Promise<StaticRequest[]> {
  const script = await parseScript(readFileSync(join(CASES_DIR, testCase.name, file), 'utf8'));
  try {
    return readStaticRequests(script);
  } finally {
    script.dispose();
  }
}

/** Sends a request to the mock server and returns its status and error message. */
async function send(request: HttpRequest): Promise<{ status: number; message: string }> {
  const url = new URL(request.path, server.url);
  url.search = request.query.toString();
  const response = await fetch(url, {
    method: request.method,
    ...(request.body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(request.body) }),
  });
  const reply = (await response.json()) as { error?: { message?: string } };
  return { status: response.status, message: `${request.where}: ${request.method} ${request.path}: ${reply.error?.message ?? 'ok'}` };
}

/** Returns the parts of a request that go over the wire, to compare an unchanged call before and after the fix. */
function wireForm(request: StaticRequest): unknown {
  return request.kind === 'http' ? { method: request.method, path: request.path, query: request.query.toString(), body: request.body } : { cmdlet: request.cmdlet, parameters: Object.fromEntries(request.parameters) };
}

function asIteration2(request: StaticRequest): Iteration2Request & HttpRequest {
  if (request.kind !== 'http' || !isIteration2Path(request.path)) {
    throw new Error(`${request.where}: the input call is not an iteration 2 request`);
  }
  return request;
}

/** Checks that a Graph request body carries the old body's fields under their iteration 3 names. */
function expectGraphBody(before: Iteration2Request, after: HttpRequest, replacement: Replacement): void {
  const old = before.body ?? {};
  const body = after.body ?? {};
  expect(String(body.action).toLowerCase(), `${after.where}: action`).toBe(replacement.graphAction!.toLowerCase());
  expect(body.principalId, `${after.where}: principalId from subjectId`).toEqual(old.subjectId);
  if (old.reason !== undefined) {
    expect(body.justification, `${after.where}: justification from reason`).toEqual(old.reason);
  }
  for (const ticket of ['ticketNumber', 'ticketSystem'] as const) {
    if (old[ticket] !== undefined) {
      expect((body.ticketInfo as Record<string, unknown> | undefined)?.[ticket], `${after.where}: ticketInfo.${ticket}`).toEqual(old[ticket]);
    }
  }
  if (after.path.includes('/group/')) {
    expect(body.groupId, `${after.where}: groupId from resourceId`).toEqual(old.resourceId);
  } else {
    // For aadRoles the old resourceId is the tenant id, which is the directory scope `/`.
    expect(body.directoryScopeId, `${after.where}: directoryScopeId`).toBe('/');
  }
  if (old.schedule && typeof old.schedule === 'object') {
    const expected = scheduleOf(old.schedule as Record<string, unknown>);
    const scheduleInfo = body.scheduleInfo as Record<string, unknown> | undefined;
    const expiration = scheduleInfo?.expiration as Record<string, unknown> | undefined;
    expect(scheduleInfo?.startDateTime, `${after.where}: scheduleInfo.startDateTime`).toEqual(expected.startDateTime);
    expect({ ...expiration, type: String(expiration?.type).toLowerCase() }, `${after.where}: scheduleInfo.expiration`).toEqual({ ...expected.expiration, type: expected.expiration.type.toLowerCase() });
  }
}

async function expectGraphReplacement(before: Iteration2Request, after: HttpRequest, replacement: Replacement): Promise<void> {
  expect(replacement.graphPaths, `${after.where}: path`).toContain(after.path);
  expect(after.method, `${after.where}: method`).toBe(before.method);
  const result = await send(after);
  expect(result.status, result.message).toBeLessThan(300);
  if (replacement.graphAction) {
    expectGraphBody(before, after, replacement);
  }
  const subject = subjectFilterOf(before.query.get('$filter') ?? '');
  if (subject) {
    expect(after.query.get('$filter') ?? '', `${after.where}: $filter`).toContain(`principalId eq '${subject}'`);
  }
}

/**
 * Az.Resources calls go to Azure Resource Manager, which the mock server does not serve, so no
 * request is made: the test checks the parameters instead, against the catalogue's parameter list.
 */
function expectAzReplacement(before: Iteration2Request, after: AzCall, replacement: Replacement): void {
  expect(replacement.azCmdlets, `${after.where}: cmdlet`).toContain(after.cmdlet);
  const allowed = AZ_CMDLETS.get(after.cmdlet)!;
  const passed = [...after.parameters.keys()];
  expect(passed.filter((name) => !allowed.allowed.some((known) => known.toLowerCase() === name)), `${after.where}: parameters not in the catalogue`).toEqual([]);
  expect(allowed.required.filter((name) => !after.parameters.has(name.toLowerCase())), `${after.where}: missing parameters`).toEqual([]);
  const subject = subjectFilterOf(before.query.get('$filter') ?? '');
  if (after.parameters.has('filter')) {
    expect(String(after.parameters.get('filter')), `${after.where}: -Filter`).toMatch(AZ_INSTANCE_FILTER);
  }
  if (subject) {
    expect(after.parameters.get('filter'), `${after.where}: -Filter from subjectId`).toBe(`principalId eq '${subject}'`);
  }
  if (!replacement.armRequestType) {
    return;
  }
  const old = before.body ?? {};
  expect(after.parameters.get('requesttype'), `${after.where}: -RequestType`).toBe(replacement.armRequestType);
  expect(after.parameters.get('principalid'), `${after.where}: -PrincipalId from subjectId`).toEqual(old.subjectId);
  expect(after.parameters.get('justification'), `${after.where}: -Justification from reason`).toEqual(old.reason);
  expect(after.parameters.get('ticketnumber'), `${after.where}: -TicketNumber`).toEqual(old.ticketNumber);
  expect(after.parameters.get('ticketsystem'), `${after.where}: -TicketSystem`).toEqual(old.ticketSystem);
  const schedule = scheduleOf((old.schedule ?? {}) as Record<string, unknown>);
  const expiration: Record<string, unknown> = schedule.expiration;
  expect(String(after.parameters.get('expirationtype')).toLowerCase(), `${after.where}: -ExpirationType`).toBe(schedule.expiration.type.toLowerCase());
  expect(after.parameters.get('expirationduration'), `${after.where}: -ExpirationDuration`).toEqual(expiration.duration);
  expect(after.parameters.get('expirationenddatetime'), `${after.where}: -ExpirationEndDateTime`).toEqual(expiration.endDateTime);
  expect(after.parameters.get('scheduleinfostartdatetime'), `${after.where}: -ScheduleInfoStartDateTime`).toEqual(schedule.startDateTime);
}

const fixedCases = loadCases().filter((testCase) => testCase.name.startsWith('ps-') && testCase.expected.fixed > 0);

describe.each(fixedCases)('PowerShell requests of $name', (testCase) => {
  it('input passes the iteration 2 checks', async () => {
    const requests = await requestsOf(testCase, testCase.input);
    expect(requests.length).toBeGreaterThan(0);
    for (const request of requests) {
      const result = await send(asIteration2(request));
      expect(result.status, result.message).toBeLessThan(300);
    }
  });

  it('fixed calls pass the iteration 3 checks', async () => {
    const before = await requestsOf(testCase, testCase.input);
    const after = await requestsOf(testCase, testCase.output);
    // The codemod rewrites calls in place, so the n-th request of the output replaces the n-th of the input.
    expect(after.map((request) => request.where.replace(/^line \d+: /, '')), 'request commands of the output').toHaveLength(before.length);
    let fixed = 0;
    for (const [index, request] of after.entries()) {
      const old = asIteration2(before[index]!);
      if (request.kind === 'http' && isIteration2Path(request.path)) {
        expect(wireForm(request), `${request.where}: a call left unfixed must not change`).toEqual(wireForm(old));
        continue;
      }
      fixed += 1;
      const replacement = replacementOf(old);
      if (request.kind === 'http') {
        await expectGraphReplacement(old, request, replacement);
      } else {
        expectAzReplacement(old, request, replacement);
      }
    }
    expect(fixed, 'fixed calls').toBe(testCase.expected.fixed);
  });
});
