/**
 * What an iteration 2 request becomes in iteration 3, written by hand from the PIM API fact
 * catalogue (the `type` + `assignmentState` table and the per-row replacement table). It is not
 * read from `rules/`, so a codemod that maps a request to the wrong endpoint or action fails the test.
 */

/** Graph `action` and ARM `requestType` for each iteration 2 `type`. */
const ACTIONS: Record<string, { graph: string; arm: string }> = {
  AdminAdd: { graph: 'adminAssign', arm: 'AdminAssign' },
  AdminUpdate: { graph: 'adminUpdate', arm: 'AdminUpdate' },
  AdminRemove: { graph: 'adminRemove', arm: 'AdminRemove' },
  AdminExtend: { graph: 'adminExtend', arm: 'AdminExtend' },
  AdminRenew: { graph: 'adminRenew', arm: 'AdminRenew' },
  UserAdd: { graph: 'selfActivate', arm: 'SelfActivate' },
  UserRemove: { graph: 'selfDeactivate', arm: 'SelfDeactivate' },
  UserExtend: { graph: 'selfExtend', arm: 'SelfExtend' },
  UserRenew: { graph: 'selfRenew', arm: 'SelfRenew' },
};

/** The replacement of one iteration 2 call: Graph paths the codemod may choose, or Az.Resources cmdlets. */
export interface Replacement {
  /** Graph v1.0 paths that are a correct replacement (two when the old call did not say which state it read). */
  graphPaths: string[];
  /** Az.Resources cmdlets (lower case) that are a correct replacement, for the `azureResources` provider. */
  azCmdlets: string[];
  /** Graph `action` a request body must carry, when the old call is a request. */
  graphAction?: string;
  /** ARM `-RequestType`, when the old call is a request. */
  armRequestType?: string;
}

/** An iteration 2 call, read from its path and body. */
export interface Iteration2Request {
  method: string;
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown> | undefined;
}

/** Returns the provider id (`aadRoles`, `azureResources`, `aadGroups`) of an iteration 2 path, lower case. */
export function providerOf(path: string): string | undefined {
  return /\/privilegedAccess\/([^/]+)\//i.exec(path)?.[1]?.toLowerCase();
}

/** True for a path of iteration 2 on Graph beta or on the PIM service host. */
export function isIteration2Path(path: string): boolean {
  return /^\/(beta|api\/v2)\/privilegedAccess\//i.test(path);
}

/** Returns the replacement of an iteration 2 call, or throws for a call this table does not cover. */
export function replacementOf(request: Iteration2Request): Replacement {
  const provider = providerOf(request.path);
  if (request.method === 'POST' && /\/roleAssignmentRequests$/i.test(request.path)) {
    return requestReplacement(provider, request.body ?? {});
  }
  if (request.method === 'GET' && /\/roleAssignments$/i.test(request.path)) {
    return readReplacement(provider, request.query.get('$filter') ?? '');
  }
  throw new Error(`no replacement listed for ${request.method} ${request.path}`);
}

/** Maps a create request: `assignmentState` picks eligibility or assignment, and `type` picks the action. */
function requestReplacement(provider: string | undefined, body: Record<string, unknown>): Replacement {
  const state = String(body.assignmentState);
  const action = ACTIONS[String(body.type)];
  if (!action || (state !== 'Eligible' && state !== 'Active')) {
    throw new Error(`the iteration 2 body has type ${String(body.type)} and assignmentState ${state}, which the table does not map`);
  }
  const eligible = state === 'Eligible';
  const actions = { graphAction: action.graph, armRequestType: action.arm };
  switch (provider) {
    case 'aadroles':
      return { graphPaths: [`/v1.0/roleManagement/directory/${eligible ? 'roleEligibility' : 'roleAssignment'}ScheduleRequests`], azCmdlets: [], ...actions };
    case 'aadgroups':
      return { graphPaths: [`/v1.0/identityGovernance/privilegedAccess/group/${eligible ? 'eligibility' : 'assignment'}ScheduleRequests`], azCmdlets: [], ...actions };
    case 'azureresources':
      return { graphPaths: [], azCmdlets: [eligible ? 'new-azroleeligibilityschedulerequest' : 'new-azroleassignmentschedulerequest'], ...actions };
    default:
      throw new Error(`unknown provider ${provider ?? '(none)'}`);
  }
}

/** Maps a read of role assignments: an `assignmentState` filter picks eligibility or assignment instances, and without one either is correct. */
function readReplacement(provider: string | undefined, filter: string): Replacement {
  const state = /assignmentState\s+eq\s+'(Eligible|Active)'/i.exec(filter)?.[1]?.toLowerCase();
  let kinds = ['eligibility', 'assignment'];
  if (state === 'eligible') {
    kinds = ['eligibility'];
  } else if (state === 'active') {
    kinds = ['assignment'];
  }
  switch (provider) {
    case 'aadroles':
      return { graphPaths: kinds.map((kind) => `/v1.0/roleManagement/directory/role${capitalise(kind)}ScheduleInstances`), azCmdlets: [] };
    case 'aadgroups':
      return { graphPaths: kinds.map((kind) => `/v1.0/identityGovernance/privilegedAccess/group/${kind}ScheduleInstances`), azCmdlets: [] };
    case 'azureresources':
      return { graphPaths: [], azCmdlets: kinds.map((kind) => `get-azrole${kind}scheduleinstance`) };
    default:
      throw new Error(`unknown provider ${provider ?? '(none)'}`);
  }
}

function capitalise(word: string): string {
  return word[0]!.toUpperCase() + word.slice(1);
}

/** Returns the id of a `subjectId eq '...'` filter, which the replacement read must keep as `principalId eq '...'`. */
export function subjectFilterOf(filter: string): string | undefined {
  return /subjectId\s+eq\s+'([^']+)'/i.exec(filter)?.[1];
}

/** The iteration 3 schedule an iteration 2 `schedule` maps to: its start, and the expiration from its end or duration. */
export interface ExpectedSchedule {
  startDateTime?: unknown;
  expiration: { type: 'afterDuration'; duration: unknown } | { type: 'afterDateTime'; endDateTime: unknown } | { type: 'noExpiration' };
}

/** Maps an iteration 2 `schedule` and drops its `type` (only `Once` is supported). A schedule with neither end nor duration is permanent. */
export function scheduleOf(schedule: Record<string, unknown>): ExpectedSchedule {
  const start = schedule.startDateTime === undefined || schedule.startDateTime === null ? {} : { startDateTime: schedule.startDateTime };
  if (schedule.duration !== undefined && schedule.duration !== null) {
    return { ...start, expiration: { type: 'afterDuration', duration: schedule.duration } };
  }
  if (schedule.endDateTime !== undefined && schedule.endDateTime !== null) {
    return { ...start, expiration: { type: 'afterDateTime', endDateTime: schedule.endDateTime } };
  }
  return { ...start, expiration: { type: 'noExpiration' } };
}
