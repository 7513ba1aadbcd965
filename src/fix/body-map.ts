import type { FixPlan } from './plan.js';

/** A value in a request body as the language fixer read it. */
export type BodyValue =
  /** Source text kept as written (an expression, a variable, a literal). */
  | { kind: 'text'; text: string; literal?: string | null }
  /** A nested object literal or hashtable. */
  | { kind: 'object'; entries: BodyEntry[] };

export interface BodyEntry {
  key: string;
  value: BodyValue;
}

/** A value of the new body: kept source text, a new string literal, or a nested object. */
export type NewValue = { kind: 'text'; text: string } | { kind: 'string'; value: string } | { kind: 'object'; entries: NewEntry[] };

export interface NewEntry {
  key: string;
  value: NewValue;
}

export type BodyRewrite = { entries: NewEntry[] } | { reason: string };

/**
 * Ticket fields are not in the documented iteration 2 request schema (so not in the rule
 * table), but callers copied them from iteration 1; iteration 3 nests them in `ticketInfo`.
 */
const TICKET_FIELDS = new Set(['ticketnumber', 'ticketsystem']);

/** Actions that end an assignment or eligibility, so their request carries no schedule. */
const ENDING_ACTIONS = new Set(['adminremove', 'selfdeactivate']);

/** Group access ids: iteration 2's two group roles, by display name. */
const GROUP_ACCESS_IDS = new Set(['member', 'owner']);

/**
 * Maps an iteration 2 roleAssignmentRequest body to the iteration 3 schedule request body, with
 * the rule table's `body` mapping as the data: renames, dropped fields and the schedule. `type`
 * becomes the `action` the evidence selected. Anything the mapping does not name is refused,
 * so a field is never silently lost.
 */
export function mapRequestBody(entries: BodyEntry[], plan: FixPlan): BodyRewrite {
  const action = plan.replacement.action;
  if (!action) {
    return { reason: 'the body type is not a literal; set action to adminAssign or selfActivate by hand' };
  }
  const mapping = new Map(plan.body.map((field) => [field.from.toLowerCase(), field]));
  // Fields in the replacement's condition (assignmentState) chose the endpoint, so the body drops them.
  for (const spec of plan.rule.providers[plan.provider]?.replacements ?? []) {
    for (const field of Object.keys(spec.when ?? {})) {
      if (!mapping.has(field.toLowerCase())) {
        mapping.set(field.toLowerCase(), { from: field, to: null });
      }
    }
  }
  // NOTE: a field the provider's mapping leaves out (aadGroups lacks schedule.type) takes the
  // mapping of another Graph provider in the same rule, where the field means the same.
  for (const [provider, other] of Object.entries(plan.rule.providers)) {
    if (provider === plan.provider || provider === 'azureResources') {
      continue;
    }
    for (const field of other?.body ?? []) {
      if (field.to === null && !mapping.has(field.from.toLowerCase())) {
        mapping.set(field.from.toLowerCase(), field);
      }
    }
  }
  const out: NewEntry[] = [];
  let ticketInfo: NewEntry | undefined;

  for (const entry of entries) {
    const key = entry.key.toLowerCase();
    if (TICKET_FIELDS.has(key)) {
      if (!ticketInfo) {
        ticketInfo = { key: 'ticketInfo', value: { kind: 'object', entries: [] } };
        out.push(ticketInfo);
      }
      (ticketInfo.value as { entries: NewEntry[] }).entries.push({ key: entry.key, value: keep(entry.value) });
      continue;
    }
    if (key === 'schedule') {
      const schedule = mapSchedule(entry.value, mapping);
      if ('reason' in schedule) {
        return schedule;
      }
      out.push(schedule.entry);
      continue;
    }
    const field = mapping.get(key);
    if (!field) {
      return { reason: `the body field ${entry.key} has no iteration 3 counterpart in rule ${plan.rule.id}; remove or map it by hand` };
    }
    if (field.to === null) {
      continue;
    }
    if (field.from === 'type') {
      out.push({ key: field.to, value: { kind: 'string', value: action } });
      continue;
    }
    if (field.to === 'directoryScopeId') {
      // The iteration 2 aadRoles resource is the tenant, which is directory scope `/`.
      out.push({ key: field.to, value: { kind: 'string', value: '/' } });
      continue;
    }
    if (field.to === 'accessId') {
      const literal = entry.value.kind === 'text' ? entry.value.literal : undefined;
      if (typeof literal !== 'string' || !GROUP_ACCESS_IDS.has(literal.toLowerCase())) {
        return { reason: 'roleDefinitionId is a per-group iteration 2 id; set accessId to member or owner by hand' };
      }
      out.push({ key: field.to, value: { kind: 'string', value: literal.toLowerCase() } });
      continue;
    }
    if (field.to.includes('.')) {
      return { reason: `the body field ${entry.key} moves to ${field.to}, which this fixer does not build; move it by hand` };
    }
    out.push({ key: field.to, value: keep(entry.value) });
  }
  if (!out.some((entry) => entry.key === 'scheduleInfo') && !ENDING_ACTIONS.has(action.toLowerCase())) {
    return { reason: `the request has no schedule, and iteration 3 ${action} needs scheduleInfo with an expiration; add scheduleInfo by hand (noExpiration, afterDateTime or afterDuration)` };
  }
  return { entries: out };
}

function mapSchedule(value: BodyValue, mapping: Map<string, { from: string; to: string | null }>): { entry: NewEntry } | { reason: string } {
  if (value.kind !== 'object') {
    return { reason: 'schedule is not an object literal; build scheduleInfo with startDateTime and expiration by hand' };
  }
  const scheduleInfo: NewEntry[] = [];
  const expiration: NewEntry[] = [];
  for (const entry of value.entries) {
    const field = mapping.get(`schedule.${entry.key.toLowerCase()}`);
    if (!field) {
      return { reason: `schedule.${entry.key} has no iteration 3 counterpart in the rule table; build scheduleInfo by hand` };
    }
    if (field.to === null || isNullLiteral(entry.value)) {
      continue;
    }
    const [root, ...rest] = field.to.split('.');
    if (root !== 'scheduleInfo' || rest.length === 0 || rest.length > 2 || (rest.length === 2 && rest[0] !== 'expiration')) {
      return { reason: `schedule.${entry.key} maps to ${field.to}, which this fixer does not build; build scheduleInfo by hand` };
    }
    (rest.length === 2 ? expiration : scheduleInfo).push({ key: rest[rest.length - 1]!, value: keep(entry.value) });
  }
  const end = expiration.find((entry) => entry.key === 'endDateTime');
  const duration = expiration.find((entry) => entry.key === 'duration');
  if (end && duration) {
    return { reason: 'schedule has both endDateTime and duration; choose expiration afterDateTime or afterDuration by hand' };
  }
  const type = end ? 'afterDateTime' : duration ? 'afterDuration' : 'noExpiration';
  scheduleInfo.push({ key: 'expiration', value: { kind: 'object', entries: [{ key: 'type', value: { kind: 'string', value: type } }, ...expiration] } });
  return { entry: { key: 'scheduleInfo', value: { kind: 'object', entries: scheduleInfo } } };
}

function isNullLiteral(value: BodyValue): boolean {
  return value.kind === 'text' && /^(null|\$null|undefined)$/i.test(value.text.trim());
}

function keep(value: BodyValue): NewValue {
  if (value.kind === 'text') {
    return { kind: 'text', text: value.text };
  }
  return { kind: 'object', entries: value.entries.map((entry) => ({ key: entry.key, value: keep(entry.value) })) };
}
