import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../model/finding.js';
import type { ScanResult } from '../model/scan-result.js';
import { compareStrings, sortFindings, sortSkipped } from './order.js';
import type { ReportContext, Reporter } from './reporter.js';
import { computeFindingHash, computeLineHashes } from './sarif-fingerprint.js';
import { findRepositoryRoot, folderUri, relativeUri, repositoryRelativePath } from './sarif-location.js';
import { describeFindingWithReplacements } from './sarif-message.js';
import { buildRuleDescriptors } from './sarif-rules.js';
import type { SarifLocation, SarifLog, SarifNotification, SarifReportingDescriptor, SarifResult } from './sarif-types.js';
import { redactScanResult } from './redact.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/** Base id of every artifact URI; `originalUriBaseIds` maps it to the repository root. */
export const SOURCE_ROOT_ID = '%SRCROOT%';

/**
 * `automationDetails.id`: a trailing `/` makes it a category only, and GitHub code scanning
 * keeps one set of alerts per category, so later uploads of this tool replace earlier ones.
 */
export const AUTOMATION_ID = 'pim-migrate/scan/';

/** Fingerprint key of our own hash; the `/v1` suffix changes if the hash input ever changes. */
export const FINDING_HASH_KEY = 'pimMigrateFindingHash/v1';

/** Descriptors of the tool's notifications, referenced by index from each notification. */
const NOTIFICATION_DESCRIPTORS: SarifReportingDescriptor[] = [
  {
    id: 'skipped-file',
    shortDescription: { text: 'A file was not scanned.' },
    fullDescription: { text: 'A file was not scanned (binary, too large, unreadable, a report of this tool, or an extractor failure), so old calls in it are not reported.' },
    help: {
      text: 'Check the reason in the message. Raise --max-file-size for a large source file, or review the file by hand.',
      markdown: 'Check the reason in the message. Raise `--max-file-size` for a large source file, or review the file by hand.',
    },
  },
  {
    id: 'file-warning',
    shortDescription: { text: 'A file was scanned with a caveat.' },
    fullDescription: { text: 'A file was scanned, but not as it is written, such as with a fallback encoding.' },
    help: {
      text: 'The message names the caveat. Check the findings in this file against the file as an editor shows it.',
      markdown: 'The message names the caveat. Check the findings in this file against the file as an editor shows it.',
    },
  },
];
const SKIPPED_FILE = 0;
const FILE_WARNING = 1;

/** Semantic versions (2.0.0), so that `semanticVersion` is only set when the version is one. */
const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/** The SARIF 2.1.0 log for GitHub code scanning and other SARIF viewers. */
export const sarifReporter: Reporter = {
  format: 'sarif',
  render(result: ScanResult, ctx: ReportContext): string {
    return `${JSON.stringify(buildSarifLog(redactScanResult(result), ctx), null, 2)}\n`;
  },
};

/** Builds the SARIF log of a scan: one run with every rule, the findings and the skipped files. */
export function buildSarifLog(result: ScanResult, ctx: ReportContext): SarifLog {
  const repositoryRoot = findRepositoryRoot(result.root);
  const locate = (file: string): SarifLocation['physicalLocation']['artifactLocation'] => ({
    uri: relativeUri(repositoryRelativePath(result.root, repositoryRoot, file)),
    uriBaseId: SOURCE_ROOT_ID,
  });

  const findings = sortFindings(result.findings);
  const { descriptors, indexById } = buildRuleDescriptors(findings, ctx.rules);
  const lineHashes = createLineHashReader(result.root, ctx.readSource ?? readUtf8);
  const occurrences = new Map<string, number>();

  const results = findings.map((finding): SarifResult => {
    const hashKey = `${finding.file}\u0000${finding.ruleId}\u0000${finding.matchedText.replace(/\s+/g, ' ').trim()}`;
    const occurrence = occurrences.get(hashKey) ?? 0;
    occurrences.set(hashKey, occurrence + 1);

    const partialFingerprints: Record<string, string> = {};
    const lineHash = lineHashes(finding.file)?.[finding.line - 1];
    if (lineHash !== undefined) partialFingerprints.primaryLocationLineHash = lineHash;
    partialFingerprints[FINDING_HASH_KEY] = computeFindingHash(finding.ruleId, finding.matchedText, occurrence);

    const sarifResult: SarifResult = {
      ruleId: finding.ruleId,
      ruleIndex: indexById.get(finding.ruleId)!,
      level: finding.severity,
      message: { text: describeFindingWithReplacements(finding) },
      locations: [
        {
          physicalLocation: {
            artifactLocation: locate(finding.file),
            region: {
              startLine: finding.line,
              startColumn: finding.column,
              endLine: finding.endLine,
              endColumn: finding.endColumn,
              snippet: { text: finding.matchedText },
            },
          },
        },
      ],
      partialFingerprints,
      properties: findingProperties(finding),
    };
    if (finding.suppression) {
      sarifResult.suppressions = [{ kind: finding.suppression.kind, justification: finding.suppression.justification }];
    }
    return sarifResult;
  });

  const notifications: SarifNotification[] = [
    ...sortSkipped(result.skipped).map((entry) => ({
      level: 'warning' as const,
      message: { text: `Skipped ${entry.file}: ${entry.reason}` },
      locations: [{ physicalLocation: { artifactLocation: locate(entry.file) } }],
      descriptor: { id: NOTIFICATION_DESCRIPTORS[SKIPPED_FILE]!.id, index: SKIPPED_FILE },
    })),
    ...[...(result.warnings ?? [])]
      .sort((a, b) => compareStrings(a.file, b.file))
      .map((entry) => ({
        level: 'note' as const,
        message: { text: `${entry.file}: ${entry.message}` },
        locations: [{ physicalLocation: { artifactLocation: locate(entry.file) } }],
        descriptor: { id: NOTIFICATION_DESCRIPTORS[FILE_WARNING]!.id, index: FILE_WARNING },
      })),
  ];

  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'pim-migrate',
            version: ctx.toolVersion,
            ...(SEMVER.test(ctx.toolVersion) ? { semanticVersion: ctx.toolVersion } : {}),
            // NOTE: no informationUri, because the package names no project home page to point at.
            rules: descriptors,
            notifications: NOTIFICATION_DESCRIPTORS,
          },
        },
        automationDetails: { id: AUTOMATION_ID },
        originalUriBaseIds: { [SOURCE_ROOT_ID]: { uri: folderUri(repositoryRoot) } },
        // Finding columns count UTF-16 code units, as JavaScript strings do.
        columnKind: 'utf16CodeUnits',
        // The reporter runs only after a scan that finished; a failed scan exits before it.
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        results,
      },
    ],
  };
}

/** Finding fields that SARIF has no place for, as the result's property bag. */
function findingProperties(finding: Finding): Record<string, unknown> {
  const properties: Record<string, unknown> = {
    provider: finding.provider,
    family: finding.family,
    fix: finding.fix,
    confidence: finding.confidence,
    language: finding.language,
    cloud: finding.cloud,
    inComment: finding.inComment,
    operation: finding.operation,
    exact: finding.exact,
    replacements: finding.replacements,
    notes: finding.notes,
    retired: finding.retired,
  };
  if (finding.permissions) properties.permissions = finding.permissions;
  return properties;
}

/**
 * Returns a per-file cache of GitHub line hashes, with null for a file that cannot be read.
 * Results in such a file carry only our own fingerprint, and GitHub's upload step computes the
 * line hash itself when the checkout has the file.
 */
function createLineHashReader(root: string, readSource: (absolutePath: string) => string | null): (file: string) => string[] | null {
  const cache = new Map<string, string[] | null>();
  return (file) => {
    if (!cache.has(file)) {
      const text = readSource(join(root, file));
      cache.set(file, text === null ? null : computeLineHashes(text));
    }
    return cache.get(file)!;
  };
}

/**
 * Reads a file as UTF-8 with any byte order mark kept, as GitHub's upload step does, so the
 * line hashes agree with the ones GitHub would compute.
 */
function readUtf8(absolutePath: string): string | null {
  try {
    return readFileSync(absolutePath, 'utf8');
  } catch {
    // The file may have moved or lost its permissions since the scan.
    return null;
  }
}
