import type { BodyValue } from '../body-map.js';
import type { Edit, FixAttempt } from '../edits.js';
import type { FixPlan } from '../plan.js';
import { readRequestFields, type OldField, type ParseMode } from './az-fields.js';
import { checkComment, isLiteralGuid, printAzArguments, valueText, type AzArgument } from './az-values.js';
import type { OldCall } from './arguments.js';
import { layoutOf, rewriteCall } from './command.js';
import type { PowerShellScript } from './script.js';

/**
 * Az.Resources parameter for each ARM request property that the rule table maps a field to.
 * Source: the `New-AzRoleEligibilityScheduleRequest` and `New-AzRoleAssignmentScheduleRequest`
 * help (Az.Resources), which list every one of these on both cmdlets. A property missing here
 * (`properties.linkedRoleEligibilityScheduleId`, only on the assignment cmdlet) leaves the call unfixed.
 */
const AZ_PARAMETERS: Record<string, string> = {
  'properties.principalId': 'PrincipalId',
  'properties.roleDefinitionId': 'RoleDefinitionId',
  'properties.requestType': 'RequestType',
  'properties.justification': 'Justification',
  'properties.scheduleInfo.startDateTime': 'ScheduleInfoStartDateTime',
  'properties.scheduleInfo.expiration.endDateTime': 'ExpirationEndDateTime',
  'properties.scheduleInfo.expiration.duration': 'ExpirationDuration',
  'properties.ticketInfo.ticketNumber': 'TicketNumber',
  'properties.ticketInfo.ticketSystem': 'TicketSystem',
};

/** Order of the parameters on the new call, as the cmdlet help lists the required ones first. */
const ORDER = ['Name', 'Scope', 'PrincipalId', 'RoleDefinitionId', 'RequestType', 'Justification', 'ScheduleInfoStartDateTime', 'ExpirationType', 'ExpirationDuration', 'ExpirationEndDateTime', 'TicketNumber', 'TicketSystem'];

/** A new request name: ARM create calls take any GUID the client chooses. */
const NEW_NAME = '(New-Guid).Guid';

const CHECK_REQUEST = '-Scope must be the ARM scope (the old resource\'s externalId, like /subscriptions/{id}) and -RoleDefinitionId the full ARM role definition id (the old role definition\'s externalId), because iteration 2 ids do not carry over';

type Mapping = NonNullable<FixPlan['body']>[number];

/**
 * Rewrites a role assignment request cmdlet for Azure resources to `New-AzRoleEligibilityScheduleRequest`
 * or `New-AzRoleAssignmentScheduleRequest` (chosen by the plan from `-Type` and `-AssignmentState`),
 * with the fields mapped by the rule table's azureResources body mapping. The expressions the code
 * passes are kept, and a TODO comment line above the call names the ids to check.
 */
export function fixAzRequest(script: PowerShellScript, old: OldCall, plan: FixPlan): FixAttempt {
  const cmdlet = plan.replacement.cmdlet;
  const requestType = plan.replacement.action;
  if (!cmdlet) {
    return { reason: `rule ${plan.rule.id} names no Az.Resources cmdlet; call ${plan.replacement.url} by hand` };
  }
  if (!requestType) {
    return { reason: '-Type is not a literal; set -RequestType (AdminAssign, SelfActivate...) on the Az.Resources cmdlet by hand' };
  }
  const layout = layoutOf(script, old);
  const target: ParseMode = old.splat ? 'expression' : 'command';
  const read = readRequestFields(script, old, layout.quote);
  if ('reason' in read) {
    return read;
  }
  const mapping = new Map(plan.body.map((field) => [field.from.toLowerCase(), field]));
  const azArguments: AzArgument[] = [
    { name: 'Name', text: NEW_NAME },
    { name: 'RequestType', enumValue: requestType },
  ];
  for (const field of read.fields) {
    const mapped = mapField(field, mapping, target);
    if ('reason' in mapped) {
      return mapped;
    }
    azArguments.push(...mapped.arguments);
  }
  if (!azArguments.some((argument) => argument.name === 'Scope')) {
    return { reason: 'the call names no resource, and -Scope is required; write the ARM scope (the old resource\'s externalId) by hand' };
  }
  azArguments.sort((a, b) => ORDER.indexOf(a.name) - ORDER.indexOf(b.name));
  const edits: Edit[] = [...read.edits, ...rewriteCall(script, old, cmdlet, printAzArguments(azArguments, target, layout.quote), layout)];
  const comment = checkComment(script.text, old.call.node.startIndex, CHECK_REQUEST);
  return 'reason' in comment ? comment : { edits: [...edits, comment.edit] };
}

function mapField(field: OldField, mapping: Map<string, Mapping>, target: ParseMode): { arguments: AzArgument[] } | { reason: string } {
  const key = field.key.toLowerCase();
  if (key === 'schedule') {
    return mapSchedule(field, mapping, target);
  }
  if (key === 'resourceid') {
    // The rule maps resourceId to no body field: the scope moves into the ARM URL, which the cmdlet builds from -Scope.
    if (isLiteralGuid(field.value)) {
      return { reason: `-ResourceId is the PIM resource id ${literalOf(field.value)}, which is not an ARM scope; pass the old resource's externalId (like /subscriptions/{id}) as -Scope by hand` };
    }
    return { arguments: [{ name: 'Scope', text: valueText(field, target) }] };
  }
  const rule = mapping.get(key);
  if (!rule) {
    return { reason: `${field.key} has no Azure Resource Manager counterpart in the rule table; remove or migrate it by hand` };
  }
  if (rule.to === null || rule.from === 'type') {
    // The plan already chose the request type from `type`, and a field with a null target chose the cmdlet.
    return { arguments: [] };
  }
  const parameter = AZ_PARAMETERS[rule.to];
  if (!parameter) {
    return { reason: `${field.key} maps to ${rule.to}${rule.note ? ` (${rule.note})` : ''}, which the fixer does not write; set it on the Az.Resources cmdlet by hand` };
  }
  if (parameter === 'RoleDefinitionId' && isLiteralGuid(field.value)) {
    return { reason: `-RoleDefinitionId is the iteration 2 id ${literalOf(field.value)}, not a full ARM role definition id; pass the old role definition's externalId by hand` };
  }
  return { arguments: [{ name: parameter, text: valueText(field, target) }] };
}

/** Maps the schedule to -ScheduleInfoStartDateTime and an -ExpirationType with its end or duration. */
function mapSchedule(field: OldField, mapping: Map<string, Mapping>, target: ParseMode): { arguments: AzArgument[] } | { reason: string } {
  if (field.value.kind !== 'object') {
    return { reason: 'the schedule is not an object literal; set -ScheduleInfoStartDateTime and -ExpirationType by hand' };
  }
  const out: AzArgument[] = [];
  for (const entry of field.value.entries) {
    const rule = mapping.get(`schedule.${entry.key.toLowerCase()}`);
    if (!rule) {
      return { reason: `schedule.${entry.key} has no Azure Resource Manager counterpart in the rule table; set the schedule by hand` };
    }
    if (rule.to === null || isNullLiteral(entry.value)) {
      continue;
    }
    const parameter = AZ_PARAMETERS[rule.to];
    if (!parameter) {
      return { reason: `schedule.${entry.key} maps to ${rule.to}, which the fixer does not write; set the schedule by hand` };
    }
    out.push({ name: parameter, text: valueText({ key: entry.key, value: entry.value, mode: field.mode }, target) });
  }
  const end = out.some((argument) => argument.name === 'ExpirationEndDateTime');
  const duration = out.some((argument) => argument.name === 'ExpirationDuration');
  if (end && duration) {
    return { reason: 'the schedule has both an end and a duration; choose -ExpirationType AfterDateTime or AfterDuration by hand' };
  }
  // ARM expiration types are PascalCase (RoleManagementScheduleExpirationType in the .NET Azure.ResourceManager.Authorization SDK).
  let expirationType = 'NoExpiration';
  if (end) {
    expirationType = 'AfterDateTime';
  } else if (duration) {
    expirationType = 'AfterDuration';
  }
  out.push({ name: 'ExpirationType', enumValue: expirationType });
  return { arguments: out };
}

function isNullLiteral(value: BodyValue): boolean {
  return value.kind === 'text' && /^\$null$/i.test(value.text.trim());
}

function literalOf(value: BodyValue): string {
  return value.kind === 'text' && typeof value.literal === 'string' ? value.literal : '';
}
