import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { usageError } from '../errors.js';

export const CONFIG_FILE_NAMES = ['pim-migrate.config.yaml', 'pim-migrate.config.yml'] as const;

/**
 * Finds the config file for a scan: the first folder, from `startDir` up to the file-system
 * root, that contains `pim-migrate.config.yaml` or `.yml`. Returns undefined when none does.
 * A folder with both names is a usage error, because either choice would surprise someone.
 */
export function findConfigFile(startDir: string): string | undefined {
  let dir = startDir;
  for (;;) {
    const present = CONFIG_FILE_NAMES.map((name) => join(dir, name)).filter((path) => existsSync(path) && statSync(path).isFile());
    if (present.length > 1) {
      throw usageError(`two config files in ${dir}: ${present.join(' and ')}`, 'Keep one of them, or choose one with --config.');
    }
    if (present[0]) return present[0];
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
