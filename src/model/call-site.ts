/**
 * The evidence an extractor reads from source code, before any rule is consulted.
 * Extractors produce call sites; only the matcher turns them into findings.
 * All offsets are indexes into the decoded file text (UTF-16 code units, 0-based).
 */

/** One piece of a URL as the code builds it. */
export type UrlPart =
  | {
      kind: 'literal';
      text: string;
      /**
       * Offset of `text[0]` in the scanned file, when the text is written in that file.
       * Absent when the value was resolved from another file (an imported constant, say).
       * Escape sequences make the cooked text shorter than the source; the offset then
       * drifts by the difference, which is why positions are taken at segment granularity.
       */
      offset?: number;
      /** Where a resolved value came from, for messages: `GRAPH_BETA (src/config.ts)`. */
      resolvedFrom?: string;
    }
  | {
      kind: 'dynamic';
      /** The expression or name the code uses here, such as `providerId`, for messages. */
      name?: string;
      offset?: number;
    };

/** Request-body fields the extractor could read, keyed by dotted path (`schedule.duration`). */
export interface BodyEvidence {
  /** A string value, or `null` when the field is present but its value is not a literal. */
  fields: Record<string, string | null>;
  /** False when the body has spreads or parts the extractor could not follow. */
  complete: boolean;
  /** Offset of the body expression in the file, for codemods. */
  offset?: number;
}

export type Confidence = 'high' | 'medium' | 'low';

export type CallSiteKind = 'url' | 'cmdlet' | 'sdk';

/** A PowerShell cmdlet invocation, as written (aliases and splats already expanded). */
export interface CmdletEvidence {
  /** Cmdlet name as written, with any module qualifier (`AzureADPreview\Get-...`). */
  name: string;
  /** File offset and length of the name. */
  offset: number;
  length: number;
  /**
   * Parameters by name without the dash, as written: a resolved string value, `''` for a
   * switch, or null when the value is not a literal the extractor could resolve.
   */
  parameters: Record<string, string | null>;
}

/** One call or member access of an SDK request chain, after the client object. */
export interface SdkChainLink {
  /** Member or method name as written (`RoleAssignmentRequests`, `by_privileged_access_id`), or `[]` for an indexer. */
  name: string;
  /** The first argument (an id or provider id), when the link takes one. */
  argument?: UrlPart;
  /** File offset of the name. */
  offset: number;
}

export interface CallSite {
  kind: CallSiteKind;
  /** Language id as discovery names it (`typescript`, `javascript`, `powershell`, `text`...). */
  language: string;
  /** The URL as parts, for `kind: 'url'`. */
  url?: UrlPart[];
  /** The cmdlet and its parameters, for `kind: 'cmdlet'`. */
  cmdlet?: CmdletEvidence;
  /** The chain from the first member after the client object to the verb, for `kind: 'sdk'`. */
  sdk?: SdkChainLink[];
  /** HTTP method the code sends, upper case, or null when the code does not show it (for SDK chains, the verb decides). */
  method: string | null;
  body?: BodyEvidence;
  /** True when the text sits in a comment or documentation, not in live code. */
  inComment: boolean;
  /** How sure the extractor is that this is a real call: high in parsed code, low in plain text. */
  confidence: Confidence;
  /**
   * Location used when no URL literal in this file names the operation (for example when the
   * whole path came from an imported constant): usually the call expression.
   */
  anchor: { offset: number; length: number };
  /** A host or base URL the code sets elsewhere (an HttpClient base address, say). */
  baseUrl?: string;
}
