import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';

/** `schemas/report.schema.json`, two folders up from both `src/report/` and `dist/report/`. */
const REPORT_SCHEMA_URL = new URL('../../schemas/report.schema.json', import.meta.url);

let loaded: { ajv: Ajv2020; id: string } | undefined;

/**
 * Returns one Ajv instance, with the `uri` and `date` formats, that contains the JSON report
 * schema, so the `merge` command and the runtime log reader validate against the same rules.
 */
export function reportSchema(): { ajv: Ajv2020; id: string } {
  if (!loaded) {
    const schema = JSON.parse(readFileSync(REPORT_SCHEMA_URL, 'utf8')) as { $id: string };
    const ajv = new Ajv2020({ allErrors: false, strict: true });
    // ajv-formats is CommonJS with `exports.default`; the cast picks the plugin in either interop.
    const addFormats = ((formatsModule as unknown as { default?: unknown }).default ?? formatsModule) as (instance: Ajv2020) => void;
    addFormats(ajv);
    ajv.addSchema(schema);
    loaded = { ajv, id: schema.$id };
  }
  return loaded;
}
