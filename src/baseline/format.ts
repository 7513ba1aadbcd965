import { z } from 'zod';

/** Version of the baseline file layout; a reader rejects any other. */
export const BASELINE_VERSION = 1;

/**
 * One accepted finding, keyed by content and not by position, so moving code keeps it matched.
 * The key is the rule id, the file and the matched text with whitespace runs collapsed. The
 * occurrence counts findings with the same three values in that file, 0 for the first.
 */
export const baselineEntrySchema = z.strictObject({
  ruleId: z.string().min(1),
  file: z.string().min(1),
  text: z.string(),
  occurrence: z.number().int().min(0),
});
export type BaselineEntry = z.infer<typeof baselineEntrySchema>;

export const baselineFileSchema = z.strictObject({
  version: z.literal(BASELINE_VERSION),
  tool: z.literal('pim-migrate'),
  entries: z.array(baselineEntrySchema),
});
export type BaselineFile = z.infer<typeof baselineFileSchema>;
