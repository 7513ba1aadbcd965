/**
 * The HTTP request each PIM cmdlet sends, written by hand from the PIM API fact catalogue (the
 * PowerShell cmdlet table and the iteration 3 paths of its replacement table). It is kept apart
 * from `rules/` on purpose: a test that read the rule table would check the codemod against itself.
 */

/** How a cmdlet's parameters become the request body. */
export type BodySource =
  /** `-BodyParameter` (a hashtable) is the body; other named parameters are body members too. */
  | 'body-parameter'
  /** Each listed parameter is a body member of the same name in camelCase (AzureADPreview). */
  | 'parameters'
  /** No body; `-Filter` becomes `$filter` and `-Top` becomes `$top`. */
  | 'query';

export interface CmdletRoute {
  method: 'GET' | 'POST';
  /** Path from the API version on; `{name}` is filled from the parameter `name`. */
  path: string;
  body: BodySource;
  /** For `parameters`: the parameters that are body members. */
  bodyParameters?: readonly string[];
  /** Parameters the catalogue lists whose place in the request it does not document; they are read and not sent. */
  unplaced?: readonly string[];
}

/** AzureADPreview parameters of `Open-AzureADMSPrivilegedRoleAssignmentRequest` that are members of the iteration 2 request body. */
const OPEN_REQUEST_BODY = ['ResourceId', 'RoleDefinitionId', 'SubjectId', 'Type', 'AssignmentState', 'Schedule', 'Reason'];

/** Cmdlet name (lower case) to the request it sends. */
export const CMDLET_ROUTES: ReadonlyMap<string, CmdletRoute> = new Map(
  Object.entries({
    // Iteration 2: AzureADPreview and the Graph beta SDK (v1.x modules spelled it without `Beta`).
    'Open-AzureADMSPrivilegedRoleAssignmentRequest': { method: 'POST', path: '/beta/privilegedAccess/{ProviderId}/roleAssignmentRequests', body: 'parameters', bodyParameters: OPEN_REQUEST_BODY },
    // NOTE: where the cmdlet puts -ResourceId (path or filter) is not documented; the mock does not check read filters.
    'Get-AzureADMSPrivilegedRoleAssignment': { method: 'GET', path: '/beta/privilegedAccess/{ProviderId}/roleAssignments', body: 'query', unplaced: ['ResourceId'] },
    'New-MgBetaPrivilegedAccessRoleAssignmentRequest': { method: 'POST', path: '/beta/privilegedAccess/{PrivilegedAccessId}/roleAssignmentRequests', body: 'body-parameter' },
    'New-MgPrivilegedAccessRoleAssignmentRequest': { method: 'POST', path: '/beta/privilegedAccess/{PrivilegedAccessId}/roleAssignmentRequests', body: 'body-parameter' },
    // Iteration 3: Graph v1.0 (Microsoft.Graph.Identity.Governance).
    'New-MgRoleManagementDirectoryRoleEligibilityScheduleRequest': { method: 'POST', path: '/v1.0/roleManagement/directory/roleEligibilityScheduleRequests', body: 'body-parameter' },
    'New-MgRoleManagementDirectoryRoleAssignmentScheduleRequest': { method: 'POST', path: '/v1.0/roleManagement/directory/roleAssignmentScheduleRequests', body: 'body-parameter' },
    'New-MgIdentityGovernancePrivilegedAccessGroupEligibilityScheduleRequest': { method: 'POST', path: '/v1.0/identityGovernance/privilegedAccess/group/eligibilityScheduleRequests', body: 'body-parameter' },
    'New-MgIdentityGovernancePrivilegedAccessGroupAssignmentScheduleRequest': { method: 'POST', path: '/v1.0/identityGovernance/privilegedAccess/group/assignmentScheduleRequests', body: 'body-parameter' },
    'Get-MgRoleManagementDirectoryRoleEligibilityScheduleInstance': { method: 'GET', path: '/v1.0/roleManagement/directory/roleEligibilityScheduleInstances', body: 'query' },
    'Get-MgRoleManagementDirectoryRoleAssignmentScheduleInstance': { method: 'GET', path: '/v1.0/roleManagement/directory/roleAssignmentScheduleInstances', body: 'query' },
    'Get-MgIdentityGovernancePrivilegedAccessGroupEligibilityScheduleInstance': { method: 'GET', path: '/v1.0/identityGovernance/privilegedAccess/group/eligibilityScheduleInstances', body: 'query' },
    'Get-MgIdentityGovernancePrivilegedAccessGroupAssignmentScheduleInstance': { method: 'GET', path: '/v1.0/identityGovernance/privilegedAccess/group/assignmentScheduleInstances', body: 'query' },
  } satisfies Record<string, CmdletRoute>).map(([name, route]) => [name.toLowerCase(), route]),
);

/** REST commands and their aliases (lower case); they take `-Method`, `-Uri` (or the first positional argument) and `-Body`. */
export const REST_COMMANDS: ReadonlyMap<string, 'rest' | 'graph'> = new Map([
  ['invoke-restmethod', 'rest'],
  ['irm', 'rest'],
  ['invoke-webrequest', 'rest'],
  ['iwr', 'rest'],
  // Invoke-MgGraphRequest serialises a hashtable -Body itself and accepts a URI relative to the Graph host.
  ['invoke-mggraphrequest', 'graph'],
]);

/**
 * Az.Resources cmdlets (ARM PIM) and the parameters they take, lower case. `required` are the
 * parameters without which no ARM request can be formed: the scope and request name make the URL,
 * and principal, role definition and request type are the body members the field mapping keeps.
 */
export interface AzCmdletParameters {
  allowed: readonly string[];
  required: readonly string[];
}

const AZ_REQUEST: AzCmdletParameters = {
  allowed: ['Name', 'Scope', 'PrincipalId', 'RoleDefinitionId', 'RequestType', 'ScheduleInfoStartDateTime', 'ExpirationType', 'ExpirationDuration', 'ExpirationEndDateTime', 'Justification', 'TicketNumber', 'TicketSystem', 'LinkedRoleEligibilityScheduleId'],
  required: ['Name', 'Scope', 'PrincipalId', 'RoleDefinitionId', 'RequestType'],
};

// NOTE: the catalogue lists no parameters for the instance cmdlets; these are the parts of their
// ARM URL (`/{scope}/providers/Microsoft.Authorization/role*ScheduleInstances[/{name}]?$filter=`).
const AZ_INSTANCES: AzCmdletParameters = { allowed: ['Scope', 'Name', 'Filter'], required: ['Scope'] };

export const AZ_CMDLETS: ReadonlyMap<string, AzCmdletParameters> = new Map(
  Object.entries({
    'New-AzRoleEligibilityScheduleRequest': AZ_REQUEST,
    'New-AzRoleAssignmentScheduleRequest': AZ_REQUEST,
    'Get-AzRoleEligibilityScheduleInstance': AZ_INSTANCES,
    'Get-AzRoleAssignmentScheduleInstance': AZ_INSTANCES,
  }).map(([name, parameters]) => [name.toLowerCase(), parameters]),
);

/** ARM `$filter` forms the catalogue lists for schedule instances. */
export const AZ_INSTANCE_FILTER = /^(atScope\(\)|asTarget\(\)|assignedTo\('[^']+'\)|principalId eq '[^']+')$/;

/** PowerShell common parameters (about_CommonParameters, plus WhatIf and Confirm). They control the cmdlet and are not part of any request. */
export const COMMON_PARAMETERS = new Set(
  ['Debug', 'ErrorAction', 'ErrorVariable', 'InformationAction', 'InformationVariable', 'OutBuffer', 'OutVariable', 'PipelineVariable', 'ProgressAction', 'Verbose', 'WarningAction', 'WarningVariable', 'WhatIf', 'Confirm'].map((name) => name.toLowerCase()),
);
