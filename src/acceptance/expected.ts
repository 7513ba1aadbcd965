import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { LineCounter, parseDocument, isSeq } from 'yaml';
import { z } from 'zod';
import { PimMigrateError } from '../errors.js';
import type { Family } from '../model/finding.js';
import { parseYamlFile } from '../rules/load.js';
import { PROVIDER_IDS } from '../rules/schema.js';
import { AcceptanceInputError } from './input-error.js';

/** Finding families a label may name; the type check below keeps it equal to `Family`. */
export const FAMILIES = [
  'graph-beta-iteration2',
  'azrbac-iteration2',
  'graph-beta-iteration1',
  'cmdlet-azureadpreview',
  'cmdlet-mggraph-beta',
  'cmdlet-entra-beta',
  'sdk-graph-beta',
] as const satisfies readonly Family[];
// Fails to compile when `Family` gains a member that this list lacks.
const familiesComplete: Exclude<Family, (typeof FAMILIES)[number]> extends never ? true : false = true;
void familiesComplete;

const caseName = z.string().regex(/^[\w.-]+$/, 'a case name is letters, digits, ".", "_" or "-"');
const casePath = z.string().min(1).refine((path) => !path.startsWith('/') && !path.split('/').includes('..'), {
  message: 'a file is relative to the cases folder, with no leading "/" and no ".."',
});

/** One old-API use that the scan must report. */
const useLabelSchema = z.strictObject({
  case: caseName,
  file: casePath,
  /** 1-based line of the path text, SDK provider segment or cmdlet name. */
  line: z.number().int().positive(),
  family: z.enum(FAMILIES),
  /** HTTP method of the old call, or null when the code does not show one (a configured URL). */
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).nullable(),
  path: z.string().regex(/^\/\S*$/, 'a path starts with "/" and has no spaces'),
  /** Text that one replacement path must contain. */
  target: z.string().min(1),
  /** True when the evidence fixes one replacement: the finding must then propose exactly one. */
  exact: z.boolean(),
  /** True for commented-out code: reporting it or not both pass. */
  comment: z.boolean(),
  note: z.string().optional(),
});

/** A file where any finding is wrong. */
const noneLabelSchema = z.strictObject({
  case: caseName,
  file: casePath,
  none: z.literal(true),
  note: z.string().optional(),
});

// Each entry is checked against the schema its `none` key selects, so an error names the field
// at fault instead of a failed union.
const labelEntrySchema = z.unknown().transform((value, ctx) => {
  const schema = typeof value === 'object' && value !== null && 'none' in value ? noneLabelSchema : useLabelSchema;
  const result = schema.safeParse(value);
  if (!result.success) {
    for (const issue of result.error.issues) {
      ctx.addIssue(issue as Parameters<typeof ctx.addIssue>[0]);
    }
    return z.NEVER;
  }
  return result.data;
});

const labelsFileSchema = z.array(labelEntrySchema);

export type UseLabel = z.infer<typeof useLabelSchema> & { entryLine: number };
export type NoneLabel = z.infer<typeof noneLabelSchema> & { entryLine: number };
export type Label = UseLabel | NoneLabel;

export function isNoneLabel(label: Label): label is NoneLabel {
  return 'none' in label;
}

/**
 * Load and validate the labels file `expected.yaml` of a cases folder. Every labelled file must
 * exist in the folder, so a typo in a path fails here instead of showing up as a missing use.
 * Throws `AcceptanceInputError` naming the file and line of the fault.
 */
export function loadLabels(casesDir: string, fileName = 'expected.yaml'): Label[] {
  const path = join(casesDir, fileName);
  const display = relative(process.cwd(), path) || path;
  if (!existsSync(path)) {
    throw new AcceptanceInputError(`labels file not found: ${display}`, 'Each cases folder needs an expected.yaml that lists the uses to report.');
  }
  const text = readFileSync(path, 'utf8');
  let entries: z.infer<typeof labelsFileSchema>;
  try {
    entries = parseYamlFile(path, text, labelsFileSchema, display);
  } catch (error) {
    if (error instanceof PimMigrateError && error.code === 'rule-file') {
      throw new AcceptanceInputError(error.message, 'Correct the entry. The header comment of the labels file describes every field.');
    }
    throw error;
  }

  const lines = entryLines(text);
  const labels: Label[] = entries.map((entry, index) => ({ ...entry, entryLine: lines[index] ?? 1 }));
  for (const label of labels) {
    if (!existsSync(join(casesDir, label.file))) {
      throw new AcceptanceInputError(
        `${display}:${label.entryLine}: file not found in the cases folder: ${label.file}`,
        'Give the path relative to the cases folder, with forward slashes.',
      );
    }
  }
  return labels;
}

/** 1-based line of each top-level sequence item, for messages about a valid but wrong entry. */
function entryLines(text: string): number[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (!isSeq(doc.contents)) {
    return [];
  }
  return doc.contents.items.map((item) => {
    const offset = (item as { range?: [number, number, number] }).range?.[0];
    return offset === undefined ? 1 : lineCounter.linePos(offset).line;
  });
}

const PROVIDER_BY_LOWER = new Map<string, string>(PROVIDER_IDS.map((id) => [id.toLowerCase(), id]));

/**
 * Bring a label path to the form findings use (`operation.path`): provider ids spelled as in the
 * rule schema whatever their casing, every placeholder except `{providerId}` as `{id}`, and no
 * trailing slash. Other segments keep their case, so the comparison stays case-sensitive.
 */
export function normalizeLabelPath(path: string): string {
  const segments = path.split('/').filter((segment) => segment.length > 0);
  const normalized = segments.map((segment) => {
    if (/^\{.+\}$/.test(segment)) {
      return segment === '{providerId}' ? segment : '{id}';
    }
    return PROVIDER_BY_LOWER.get(segment.toLowerCase()) ?? segment;
  });
  return `/${normalized.join('/')}`;
}
