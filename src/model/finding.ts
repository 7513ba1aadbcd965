import type { Confidence } from './call-site.js';
import type { FixTier, ProviderId } from './rule.js';

/**
 * One use of a retired API, as every report format receives it. This is the JSON report
 * contract (schemas/report.schema.json): add fields freely, but rename or remove one only
 * with a new `schemaVersion`.
 */
export type Family =
  | 'graph-beta-iteration2'
  | 'azrbac-iteration2'
  | 'graph-beta-iteration1'
  | 'cmdlet-azureadpreview'
  | 'cmdlet-mggraph-beta'
  | 'cmdlet-entra-beta'
  | 'sdk-graph-beta';

export interface ReplacementOut {
  /** `graph` for Microsoft Graph, `azure-rest` for Azure Resource Manager. */
  api: 'graph' | 'azure-rest';
  method: string;
  /** Path in the rule table's form, such as `/roleManagement/directory/roleEligibilityScheduleRequests`. */
  path: string;
  /** Graph version (`v1.0` or `beta`); absent for Azure Resource Manager. */
  version?: string;
  /** Azure Resource Manager `api-version`. */
  apiVersion?: string;
  /** Full URL in the cloud of the call it replaces, with the version and any api-version. */
  url: string;
  /** Condition under which this replacement applies, as text; absent when it always applies. */
  when?: string;
  /** The same condition as data: evidence field -> accepted values. */
  condition?: Record<string, string[]>;
  /** Request-body `action` (Graph) or `requestType` (ARM) for the request type in the code. */
  action?: string;
  /** Replacement cmdlet, for cmdlet findings. */
  cmdlet?: string;
  notes?: string[];
}

/** SARIF-style level of a finding; config files may override it per rule. */
export type Severity = 'error' | 'warning' | 'note';

/** Why a finding is not counted: an inline `pim-migrate-ignore` comment or a baseline entry. */
export interface Suppression {
  kind: 'inSource' | 'external';
  /** The reason written after `--` in the comment, or the baseline file for `external`. */
  justification: string;
  /** 1-based line of the suppression comment, for `inSource`. */
  line?: number;
}

export interface Finding {
  ruleId: string;
  title: string;
  /** Relative to the scan root, with forward slashes. */
  file: string;
  /** 1-based; columns count UTF-16 code units. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  language: string;
  family: Family;
  operation: { method: string | null; path: string };
  /** Provider named by the code, or null when the code leaves it dynamic or has none. */
  provider: ProviderId | null;
  /** Cloud of the call (`public`, `usgov`, `dod`, `china`), or null when the host is unknown. */
  cloud: string | null;
  replacements: ReplacementOut[];
  /** True when the evidence selects exactly one replacement. */
  exact: boolean;
  fix: FixTier;
  confidence: Confidence;
  /** `warning` for a live call, `note` for one in a comment or found by text search only. */
  severity: Severity;
  inComment: boolean;
  /** Present when the finding is suppressed; suppressed findings stay in the report, marked. */
  suppression?: Suppression;
  message: string;
  /** Facts the user must check by hand (unconfirmed behaviour, id changes). */
  notes: string[];
  permissions?: { from: string[]; to: string[] };
  retired: string;
  docs: string;
  /** The matched source text, for baselines and reports; for a runtime finding, the request URL with ids and query values removed. */
  matchedText: string;
  /** `runtime` for a call the runtime guard saw and no static finding covers; absent for static findings. */
  source?: 'static' | 'runtime';
  /** True on a static finding when the runtime guard saw the same rule called from its file and line. */
  seenAtRuntime?: boolean;
}

/** A `pim-migrate-ignore` marker that suppressed nothing, or names a rule id the table lacks. */
export interface UnusedSuppression {
  file: string;
  /** 1-based line of the marker. */
  line: number;
  ruleId: string;
  /** Reason the marker is unused: an unknown rule id, or the finding it expected and did not find. */
  reason: string;
}

export interface SkippedFile {
  file: string;
  reason: string;
}

/** A file that was scanned, but not as it is written (an encoding fallback, say). */
export interface FileWarning {
  file: string;
  message: string;
}
