import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { z } from 'zod';
import { PimMigrateError, usageError } from '../errors.js';
import { parseYamlFile } from '../rules/load.js';
import { closestIds } from './closest-ids.js';
import { configFileSchema, type ConfigFile } from './schema.js';

const CONFIG_HELP = 'Correct the config file; the README section "Configuration" lists its keys.';

export interface LoadedConfig {
  /** Absolute path of the config file. */
  path: string;
  /** Folder of the config file, which its relative paths (`ruleFiles`, `output`) start from. */
  dir: string;
  config: ConfigFile;
  /** File text, kept to place later errors (an unknown rule id) on their line. */
  text: string;
}

/** Reads and validates a config file. Errors name the file, line and key and exit 2. */
export function loadConfigFile(path: string): LoadedConfig {
  const absolute = resolve(path);
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw usageError(
      code === 'ENOENT' ? `config file not found: ${path}` : `cannot read the config file ${path}: ${code ?? String(error)}`,
      'Pass an existing file to --config, or leave it out to use the pim-migrate.config.yaml found above the scan root.',
    );
  }
  const config = parseConfig(absolute, text, configFileSchema);
  return { path: absolute, dir: dirname(absolute), config, text };
}

/**
 * Checks that every rule id under `rules:` names a rule of the table. An unknown id is an error
 * at its line, with the closest known ids.
 */
export function checkConfigRuleIds(loaded: LoadedConfig, knownIds: readonly string[]): void {
  const known = new Set(knownIds);
  const schema = configFileSchema.superRefine((config, ctx) => {
    for (const id of Object.keys(config.rules ?? {})) {
      if (!known.has(id)) {
        const closest = closestIds(id, knownIds).join(', ');
        ctx.addIssue({ code: 'custom', path: ['rules', id], message: `unknown rule id "${id}" (closest: ${closest})` });
      }
    }
  });
  parseConfig(loaded.path, loaded.text, schema);
}

/** Resolves a path written in the config file against the config file's folder. */
export function resolveFromConfig(loaded: LoadedConfig, path: string): string {
  return resolve(loaded.dir, path);
}

function parseConfig<T>(path: string, text: string, schema: z.ZodType<T>): T {
  const display = relative(process.cwd(), path) || path;
  try {
    return parseYamlFile(path, text, schema, display);
  } catch (error) {
    // The rule loader's help points at the rule fields; a config error needs the config keys.
    if (error instanceof PimMigrateError) throw usageError(error.message, CONFIG_HELP);
    throw error;
  }
}
