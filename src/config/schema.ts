import { z } from 'zod';
import { parseByteSize } from '../cli/byte-size.js';
import { PimMigrateError } from '../errors.js';
import { FAIL_ON_VALUES } from '../cli/fail-on.js';
import { FIX_TIERS } from '../rules/schema.js';

/**
 * Schema of `pim-migrate.config.yaml`. Objects are strict, so a misspelt key is an error with
 * its file and line instead of a setting that silently does nothing.
 */

export const severitySchema = z.enum(['error', 'warning', 'note']);

/** `off` drops the rule's findings, `on` keeps them, `{ severity }` keeps them at that severity. */
export const ruleSettingSchema = z.union([z.enum(['off', 'on']), z.strictObject({ severity: severitySchema })], {
  error: 'expected off, on or { severity: error | warning | note }',
});
export type RuleSetting = z.infer<typeof ruleSettingSchema>;

/** Size in bytes: a number, or a number with a unit as `--max-file-size` takes it (`512k`, `5MB`). */
const byteSizeSchema = z.union([z.number(), z.string()]).transform((value, ctx) => {
  try {
    return parseByteSize(String(value));
  } catch (error) {
    if (!(error instanceof PimMigrateError)) throw error;
    ctx.addIssue({ code: 'custom', message: 'invalid size: give a positive number of bytes or a number with a unit (512k, 5MB)' });
    return z.NEVER;
  }
});

/** Severity by fix tier and by confidence; when both apply, the fix tier wins. */
export const severityDefaultsSchema = z.strictObject({
  fix: z.partialRecord(z.enum(FIX_TIERS), severitySchema).optional(),
  confidence: z.partialRecord(z.enum(['high', 'medium', 'low']), severitySchema).optional(),
});
export type SeverityDefaults = z.infer<typeof severityDefaultsSchema>;

const globListSchema = z.union([z.string().min(1).transform((glob) => [glob]), z.array(z.string().min(1))]);

export const outputTargetSchema = z.strictObject({
  format: z.string().min(1),
  /** File for this report, relative to the config file's folder; stdout when absent. */
  output: z.string().min(1).optional(),
});

export const configFileSchema = z
  .strictObject({
    include: globListSchema.optional(),
    exclude: globListSchema.optional(),
    rules: z.record(z.string(), ruleSettingSchema).optional(),
    /** Severity by fix tier or confidence, applied before any per-rule severity. */
    severity: severityDefaultsSchema.optional(),
    format: z.string().min(1).optional(),
    output: z.string().min(1).optional(),
    outputs: z.array(outputTargetSchema).min(1).optional(),
    failOn: z.enum(FAIL_ON_VALUES).optional(),
    maxFileSize: byteSizeSchema.optional(),
    /** Same as `--follow-links`. */
    followLinks: z.boolean().optional(),
    /** Same as `--strict`: a skipped file makes the scan exit 4. */
    strict: z.boolean().optional(),
    /** Extra rule files, relative to the config file's folder. */
    ruleFiles: z.array(z.string().min(1)).optional(),
  })
  .superRefine((config, ctx) => {
    if (config.outputs && (config.format !== undefined || config.output !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['outputs'], message: 'use either "outputs" or "format"/"output", not both' });
    }
  });
export type ConfigFile = z.infer<typeof configFileSchema>;
