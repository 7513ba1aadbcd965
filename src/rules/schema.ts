import { z } from 'zod';

/**
 * Schema of the YAML rule table in `rules/`. Every object is strict: an unknown key is an
 * error with its file and line, so a typo never turns a rule field off silently.
 */

export const PROVIDER_IDS = ['aadRoles', 'azureResources', 'aadGroups'] as const;
export const providerIdSchema = z.enum(PROVIDER_IDS);
export type ProviderId = z.infer<typeof providerIdSchema>;

export const FIX_TIERS = ['safe', 'suggestion', 'manual'] as const;
export const fixTierSchema = z.enum(FIX_TIERS);
export type FixTier = z.infer<typeof fixTierSchema>;

const httpMethodSchema = z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A path template. Literal segments match case-insensitively; `{providerId}` matches a
 * provider id or a value the code leaves dynamic; any other `{name}` matches one segment;
 * a final `**` matches any remaining segments (catch-all rules only).
 */
const pathTemplateSchema = z
  .string()
  .regex(/^\/[^\s?#]*$/, 'a path template starts with "/" and has no spaces, query or fragment');

/**
 * A fact with its confidence. `unconfirmed: true` marks what the sources do not confirm. A note
 * that concerns only some calls of a rule names them, so it reaches only those findings and
 * keeps the other calls' fixes safe.
 */
export const ruleNoteSchema = z.union([
  z.string().min(1),
  z.strictObject({
    text: z.string().min(1),
    unconfirmed: z.boolean().optional(),
    /** Old path templates the note concerns (default: every path of the rule). */
    paths: z.array(pathTemplateSchema).min(1).optional(),
    /** New request actions the note concerns (default: every action). */
    actions: z.array(z.string().min(1)).min(1).optional(),
  }),
]);
export type RuleNote = z.infer<typeof ruleNoteSchema>;

/**
 * A condition on evidence: field name -> accepted values, compared case-insensitively.
 * Fields are request-body fields (`type`, `assignmentState`) or values read from an OData
 * `$filter` with the same name (`assignmentState eq 'Eligible'`).
 */
const conditionSchema = z.record(z.string().min(1), z.array(z.string().min(1)).min(1));

export const replacementSpecSchema = z
  .strictObject({
    api: z.enum(['graph', 'azure-rest']),
    method: httpMethodSchema,
    /** Graph path, or ARM path starting with `/{scope}` or `/providers`. */
    path: z.string().regex(/^\/\S*$/, 'a replacement path starts with "/"'),
    /** Graph version; required for `api: graph`. */
    version: z.enum(['v1.0', 'beta']).optional(),
    /** ARM api-version; required for `api: azure-rest`. */
    apiVersion: z.string().regex(/^\d{4}-\d{2}-\d{2}(-preview)?$/).optional(),
    /** Query string to add, without the leading `?`, such as `$filter=scopeId eq '/'`. */
    query: z.string().optional(),
    when: conditionSchema.optional(),
    /** Fixed `action` (Graph) or `requestType` (ARM) of the new request, when the old operation implies one. */
    action: z.string().optional(),
    /** Old request `type` value -> new `action` (Graph) or `requestType` (ARM). */
    actions: z.record(z.string(), z.string()).optional(),
    /** The cmdlet that calls this replacement. */
    cmdlet: z.string().optional(),
    notes: z.array(ruleNoteSchema).optional(),
  })
  .superRefine((spec, ctx) => {
    if (spec.api === 'graph' && !spec.version) {
      ctx.addIssue({ code: 'custom', path: ['version'], message: 'a Graph replacement needs "version" (v1.0 or beta)' });
    }
    if (spec.api === 'azure-rest' && !spec.apiVersion) {
      ctx.addIssue({ code: 'custom', path: ['apiVersion'], message: 'an Azure Resource Manager replacement needs "apiVersion"' });
    }
  });
export type ReplacementSpec = z.infer<typeof replacementSpecSchema>;

const permissionChangeSchema = z.strictObject({
  from: z.array(z.string()).min(1),
  to: z.array(z.string()),
});

/** A request-body field rename, such as `subjectId` -> `principalId`. */
const bodyFieldSchema = z.strictObject({
  from: z.string().min(1),
  /** New field (dotted path); null when the field has no counterpart and is dropped. */
  to: z.string().min(1).nullable(),
  note: z.string().optional(),
});

/** Mapping of one provider's call to iteration 3. An empty `replacements` list means "no equivalent". */
export const providerMappingSchema = z.strictObject({
  replacements: z.array(replacementSpecSchema),
  permissions: permissionChangeSchema.optional(),
  body: z.array(bodyFieldSchema).optional(),
  notes: z.array(ruleNoteSchema).optional(),
});

const snippetSchema = z.strictObject({
  /** Language id of the snippet, as discovery names it (`typescript`, `javascript`, `text`...). */
  language: z.string().min(1),
  code: z.string().min(1),
  /** For `match`: a replacement path that must be among the proposals. */
  replacement: z.string().optional(),
  /** For `match`: whether the evidence must select exactly one replacement. */
  exact: z.boolean().optional(),
  /** For `match`: the expected provider (`null` = dynamic). */
  provider: providerIdSchema.nullable().optional(),
  /** For `match`: the HTTP method the finding must carry. */
  method: httpMethodSchema.nullable().optional(),
  /** For `match`: how many findings of this rule the snippet must produce (default: at least one). */
  findings: z.number().int().min(1).optional(),
});

export const ruleSchema = z.strictObject({
  /** Stable id, never reused: `pim2-...` for iteration 2, `pim1-...` for iteration 1. */
  id: z.string().regex(/^pim[12]-[a-z0-9]+(-[a-z0-9]+)*$/, 'a rule id looks like "pim2-role-assignment-requests-create"'),
  title: z.string().min(1),
  iteration: z.union([z.literal(1), z.literal(2)]),
  operation: z.strictObject({
    methods: z.array(httpMethodSchema).min(1),
    paths: z.array(pathTemplateSchema).min(1),
    /**
     * PowerShell cmdlets that call this operation, such as `Get-AzureADMSPrivilegedRoleAssignment`.
     * The module family of each name comes from `rules/cmdlet-families.yaml`.
     */
    cmdlets: z.array(z.string().regex(/^[A-Za-z]+-[A-Za-z0-9]+$/, 'a cmdlet name looks like "Verb-Noun"')).optional(),
  }),
  /** Replacement per provider. Iteration 1 rules use `aadRoles` only (Entra roles). */
  providers: z.strictObject({
    aadRoles: providerMappingSchema.optional(),
    azureResources: providerMappingSchema.optional(),
    aadGroups: providerMappingSchema.optional(),
  }),
  fix: fixTierSchema,
  /** Date the API stopped returning data, YYYY-MM-DD. */
  retired: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  docs: z.string().url(),
  notes: z.array(ruleNoteSchema).optional(),
  tests: z.strictObject({
    match: z.array(snippetSchema).min(1),
    noMatch: z.array(snippetSchema).default([]),
  }),
});
export type Rule = z.infer<typeof ruleSchema>;

export const ruleFileSchema = z.strictObject({
  rules: z.array(ruleSchema).min(1),
});
export type RuleFile = z.infer<typeof ruleFileSchema>;

/** One cloud: the hosts its Graph, ARM and PIM service calls go to. */
export const cloudSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  name: z.string(),
  graph: z.array(z.string()).min(1),
  arm: z.string(),
  /** Hosts of the portal's PIM service in this cloud (empty where none is known). */
  pimService: z.array(z.string()),
  notes: z.array(ruleNoteSchema).optional(),
});
export type CloudSpec = z.infer<typeof cloudSchema>;

/** `rules/hosts.yaml`: the hosts and path prefixes that classify a URL by cloud and by API. */
export const hostsFileSchema = z.strictObject({
  clouds: z.array(cloudSchema).min(1),
  /** A host that starts with this prefix is a PIM service host, in any cloud. */
  pimServiceHostPrefix: z.string().min(1),
  /** Path prefixes that come before the API path on the PIM service host, such as `/api/v2`. */
  pimServiceBasePaths: z.array(z.string().regex(/^\//)),
  /** Graph versions that may come before the API path (`beta`, `v1.0`). */
  graphVersions: z.array(z.string()).min(1),
});
export type HostsFile = z.infer<typeof hostsFileSchema>;

/**
 * A family of PowerShell modules whose cmdlets wrap the old APIs, and how their parameters read
 * as evidence. A cmdlet belongs to the first family whose `pattern` matches its name.
 */
export const cmdletFamilySchema = z.strictObject({
  family: z.enum(['cmdlet-azureadpreview', 'cmdlet-mggraph-beta', 'cmdlet-entra-beta']),
  module: z.string().min(1),
  /** Regular expression on the cmdlet name (case-insensitive). */
  pattern: z.string().min(1),
  /** Parameter that names the provider (`ProviderId`, `PrivilegedAccessId`); absent for iteration 1 cmdlets. */
  providerParameters: z.array(z.string()).default([]),
  /** Parameter name -> evidence field, such as `Type: type`. Names compare case-insensitively. */
  evidenceParameters: z.record(z.string(), z.string()).default({}),
  /**
   * Cmdlet verb -> HTTP method, for rules that list several methods (the generated SDK-only
   * New-/Update-/Remove- cmdlets of one path). Rules with one method need no entry.
   */
  verbMethods: z.record(z.string(), httpMethodSchema).default({}),
  /** Parameters whose hashtable value is the request body, such as `BodyParameter`. */
  bodyParameters: z.array(z.string()).default([]),
  /**
   * Other spellings of the same cmdlets: `{ from: MgBeta, to: Mg }` also accepts
   * `Get-MgPrivilegedAccessRoleSetting` (Graph PowerShell 1.x with the beta profile).
   */
  aliases: z.array(z.strictObject({ from: z.string(), to: z.string() })).default([]),
});
export type CmdletFamily = z.infer<typeof cmdletFamilySchema>;

export const cmdletFamiliesFileSchema = z.strictObject({
  families: z.array(cmdletFamilySchema).min(1),
});

/**
 * How one SDK spells a request chain, so that every SDK chain reads as a URL path through the
 * same path templates. Names compare case-insensitively with `_` removed, so
 * `role_assignment_requests`, `RoleAssignmentRequests` and `roleAssignmentRequests()` are one segment.
 */
export const sdkConventionSchema = z.strictObject({
  /** Language ids this convention applies to. */
  languages: z.array(z.string()).min(1),
  /**
   * Item accessors: a regular expression on the call name with one capture group for the
   * collection it indexes, or none when it indexes the segment before it. `ByPrivilegedAccessId`
   * and `by_privileged_access_id` take the id as argument; `PrivilegedAccessById` names the
   * segment and takes the id.
   */
  itemAccessors: z.array(z.strictObject({ pattern: z.string().min(1), namesSegment: z.boolean().default(false) })),
  /** Call names that add no path segment (`Request`, `WithUrl`...). */
  ignore: z.array(z.string()).default([]),
  /** Verb call name -> HTTP method (`GetAsync: GET`, `post: POST`). */
  verbs: z.record(z.string(), httpMethodSchema),
});
export type SdkConvention = z.infer<typeof sdkConventionSchema>;

export const sdkFileSchema = z.strictObject({
  /**
   * Names of members that hold a Graph client (`client`, `graph`, `_graphServiceClient`), as a
   * case-insensitive regular expression. A chain may start after one of them; a chain that
   * reaches an old segment through any other member (`IdentityGovernance().PrivilegedAccess()`)
   * is an iteration 3 path and does not match.
   */
  clientMemberPattern: z.string().min(1),
  sdks: z.array(sdkConventionSchema).min(1),
});
export type SdkFile = z.infer<typeof sdkFileSchema>;
