/** Library entry point: `import { scan } from 'pim-migrate'`. */
export { scan, DEFAULT_MAX_FILE_SIZE } from './scan.js';
export { loadRuleTable, BUILTIN_RULES_DIR, type RuleTable } from './rules/load.js';
export { PimMigrateError, EXIT } from './errors.js';
export type { Finding, ReplacementOut, Family, SkippedFile } from './model/finding.js';
export type { ScanOptions, ScanResult, ScanSummary } from './model/scan-result.js';
export type { CallSite, UrlPart, BodyEvidence } from './model/call-site.js';
export type { Rule, ProviderId, FixTier } from './rules/schema.js';
