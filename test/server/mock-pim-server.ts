import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the mock server received. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown> | undefined;
  status: number;
}

const V2_TYPES = ['AdminAdd', 'UserAdd', 'AdminUpdate', 'AdminRemove', 'UserRemove', 'UserExtend', 'AdminExtend', 'UserRenew', 'AdminRenew'];
const ELIGIBILITY_ACTIONS = ['adminAssign', 'adminUpdate', 'adminRemove', 'adminExtend', 'adminRenew', 'selfExtend', 'selfRenew'];
const ASSIGNMENT_ACTIONS = [...ELIGIBILITY_ACTIONS, 'selfActivate', 'selfDeactivate'];
const EXPIRATION_TYPES = ['noexpiration', 'afterdatetime', 'afterduration'];
/** Actions that end a schedule and so carry no scheduleInfo. */
const WITHOUT_SCHEDULE = new Set(['adminremove', 'selfdeactivate']);

const ROLE_FIELDS = new Set(['action', 'principalId', 'roleDefinitionId', 'directoryScopeId', 'appScopeId', 'justification', 'scheduleInfo', 'ticketInfo', 'isValidationOnly', 'customData']);
const GROUP_FIELDS = new Set(['action', 'principalId', 'groupId', 'accessId', 'justification', 'scheduleInfo', 'ticketInfo', 'isValidationOnly', 'customData']);

type Validation = string | undefined;

/** Validates an iteration 3 schedule request body; returns the error message or undefined. */
function checkScheduleRequest(body: Record<string, unknown>, actions: string[], fields: Set<string>, scope: (body: Record<string, unknown>) => Validation): Validation {
  const unknown = Object.keys(body).find((key) => !fields.has(key));
  if (unknown) return `unknown property ${unknown}`;
  const action = body.action;
  if (typeof action !== 'string' || !actions.some((value) => value.toLowerCase() === action.toLowerCase())) return `action must be one of ${actions.join(', ')}`;
  if (typeof body.principalId !== 'string' || body.principalId === '') return 'principalId is required';
  const scopeError = scope(body);
  if (scopeError) return scopeError;
  if (body.justification !== undefined && typeof body.justification !== 'string') return 'justification must be a string';
  if (action.toLowerCase().startsWith('self') && typeof body.justification !== 'string') return 'justification is required for self-service actions';
  if (WITHOUT_SCHEDULE.has(action.toLowerCase())) return undefined;
  const schedule = body.scheduleInfo as Record<string, unknown> | undefined;
  const expiration = schedule?.expiration as Record<string, unknown> | undefined;
  if (!schedule || !expiration) return 'scheduleInfo.expiration is required';
  const type = String(expiration.type ?? '').toLowerCase();
  if (!EXPIRATION_TYPES.includes(type)) return 'scheduleInfo.expiration.type must be noExpiration, afterDateTime or afterDuration';
  if (type === 'afterdatetime' && typeof expiration.endDateTime !== 'string') return 'afterDateTime needs scheduleInfo.expiration.endDateTime';
  if (type === 'afterduration' && !/^P(?!$)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/.test(String(expiration.duration ?? ''))) return 'afterDuration needs an ISO 8601 scheduleInfo.expiration.duration';
  return undefined;
}

const roleScope = (body: Record<string, unknown>): Validation =>
  typeof body.roleDefinitionId !== 'string' ? 'roleDefinitionId is required' : (typeof body.directoryScopeId === 'string') === (typeof body.appScopeId === 'string') ? 'exactly one of directoryScopeId and appScopeId is required' : undefined;
const groupScope = (body: Record<string, unknown>): Validation =>
  typeof body.groupId !== 'string' ? 'groupId is required' : body.accessId !== 'member' && body.accessId !== 'owner' ? 'accessId must be member or owner' : undefined;

/** Validates an iteration 2 roleAssignmentRequest body. */
function checkV2Request(body: Record<string, unknown>): Validation {
  if (!V2_TYPES.includes(String(body.type))) return `type must be one of ${V2_TYPES.join(', ')}`;
  if (body.assignmentState !== 'Eligible' && body.assignmentState !== 'Active') return 'assignmentState must be Eligible or Active';
  for (const field of ['subjectId', 'roleDefinitionId', 'resourceId']) {
    if (typeof body[field] !== 'string') return `${field} is required`;
  }
  return undefined;
}

/** Routes: verb, path pattern, and the check of a request; GETs return an empty collection. */
const ROUTES: { method: string; pattern: RegExp; check?: (body: Record<string, unknown>, query: URLSearchParams) => Validation }[] = [
  { method: 'POST', pattern: /^\/(beta|api\/v2)\/privilegedAccess\/(aadRoles|aadGroups|azureResources)\/roleAssignmentRequests$/i, check: checkV2Request },
  // The same request through the resource navigation path: it is in the beta metadata, but whether the service accepted it is unconfirmed.
  { method: 'POST', pattern: /^\/(beta|api\/v2)\/privilegedAccess\/(aadRoles|aadGroups|azureResources)\/resources\/[^/]+\/roleAssignmentRequests$/i, check: checkV2Request },
  { method: 'GET', pattern: /^\/(beta|api\/v2)\/privilegedAccess\/(aadRoles|aadGroups|azureResources)\/(roleAssignments|roleDefinitions|roleAssignmentRequests|resources|roleSettings)$/i },
  { method: 'GET', pattern: /^\/beta\/privilegedRoles$/ },
  { method: 'POST', pattern: /^\/v1\.0\/roleManagement\/directory\/roleEligibilityScheduleRequests$/, check: (body) => checkScheduleRequest(body, ELIGIBILITY_ACTIONS, ROLE_FIELDS, roleScope) },
  { method: 'POST', pattern: /^\/v1\.0\/roleManagement\/directory\/roleAssignmentScheduleRequests$/, check: (body) => checkScheduleRequest(body, ASSIGNMENT_ACTIONS, ROLE_FIELDS, roleScope) },
  { method: 'POST', pattern: /^\/v1\.0\/identityGovernance\/privilegedAccess\/group\/eligibilityScheduleRequests$/, check: (body) => checkScheduleRequest(body, ELIGIBILITY_ACTIONS, GROUP_FIELDS, groupScope) },
  { method: 'POST', pattern: /^\/v1\.0\/identityGovernance\/privilegedAccess\/group\/assignmentScheduleRequests$/, check: (body) => checkScheduleRequest(body, ASSIGNMENT_ACTIONS, GROUP_FIELDS, groupScope) },
  { method: 'GET', pattern: /^\/v1\.0\/roleManagement\/directory\/(roleDefinitions|role(Eligibility|Assignment)Schedule(Instances|s|Requests))$/ },
  {
    method: 'GET',
    pattern: /^\/v1\.0\/identityGovernance\/privilegedAccess\/group\/(eligibility|assignment)Schedule(Instances|s|Requests)$/,
    // The group collections require a $filter on groupId or principalId.
    check: (_body, query) => (/\b(groupId|principalId)\s+eq\s/.test(query.get('$filter') ?? '') ? undefined : '$filter on groupId or principalId is required'),
  },
];

async function readJson(request: IncomingMessage): Promise<Record<string, unknown> | undefined | 'invalid'> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : 'invalid';
  } catch {
    return 'invalid';
  }
}

/**
 * A local HTTP server that speaks a subset of PIM iteration 2 and iteration 3, rejects request
 * shapes the services reject with 400, and records every request. Listens on 127.0.0.1, port 0.
 */
export async function startMockPimServer(): Promise<{ url: string; requests: RecordedRequest[]; close: () => Promise<void> }> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const body = await readJson(request);
    const method = request.method ?? 'GET';
    const route = ROUTES.find((candidate) => candidate.method === method && candidate.pattern.test(url.pathname));
    let status = 200;
    let reply: unknown = { value: [] };
    if (!route) {
      status = 404;
      reply = { error: { code: 'NotFound', message: `no route for ${method} ${url.pathname}` } };
    } else if (body === 'invalid') {
      status = 400;
      reply = { error: { code: 'BadRequest', message: 'the body is not a JSON object' } };
    } else {
      const error = route.check?.(body ?? {}, url.searchParams);
      if (error) {
        status = 400;
        reply = { error: { code: 'BadRequest', message: error } };
      } else if (method === 'POST') {
        status = 201;
        reply = { id: `request-${requests.length + 1}`, ...(body ?? {}) };
      }
    }
    requests.push({ method, path: url.pathname, query: url.searchParams, body: body === 'invalid' ? undefined : body, status });
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(reply));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
