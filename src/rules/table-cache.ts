import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CmdletFamily, HostsFile, Rule, SdkFile } from './schema.js';

/**
 * Cache of validated rule tables. Parsing and validating the YAML rule table takes about 0.3 s
 * (Node 20, 2 cores), and reading the cached JSON takes a few milliseconds. An entry is used only
 * when its key matches: a SHA-256 hash of every rule file's path and text and of the loader and
 * schema code. So a changed rule file is validated again. A cache that cannot be read or written
 * is passed over silently, because it only saves time.
 */

/** Changed whenever the entry layout changes, so older entries are ignored. */
const CACHE_FORMAT = 2;

/**
 * Entries kept at most; the least recently written go first. Each rules folder has one entry,
 * and tests create many temporary rules folders.
 */
const MAX_ENTRIES = 16;

/**
 * Environment variable that sets the cache folder; `none` turns the cache off. The default is a
 * folder of the current user under the system's temporary folder.
 */
export const CACHE_DIR_VARIABLE = 'PIM_MIGRATE_CACHE_DIR';

/** A validated rule table as stored: each rule's source is its file's absolute path. */
export interface CachedTable {
  rules: Rule[];
  hosts: HostsFile;
  cmdletFamilies: CmdletFamily[];
  sdks: SdkFile;
  /** Rule id and the absolute path of the file it came from. */
  sources: [string, string][];
}

interface CacheEntry {
  format: number;
  key: string;
  /** SHA-256 of the table's JSON, so an entry changed after it was written is not trusted. */
  digest: string;
  table: CachedTable;
}

function digestOf(table: unknown): string {
  return createHash('sha256').update(JSON.stringify(table)).digest('hex');
}

/**
 * Hash of the files that shape a validated table: the loader and schema modules, then each input
 * file. Undefined when a module's text cannot be read, which turns the cache off.
 */
export function tableCacheKey(files: ReadonlyArray<{ path: string; text: string }>): string | undefined {
  const modules = codeModules();
  if (modules === undefined) {
    return undefined;
  }
  const hash = createHash('sha256');
  hash.update(`format ${CACHE_FORMAT}\0`);
  for (const module of modules) {
    hash.update(`${module.length}\0${module}\0`);
  }
  for (const file of files) {
    hash.update(`${file.path.length}\0${file.path}\0${file.text.length}\0${file.text}\0`);
  }
  return hash.digest('hex');
}

/** Returns the cached table of the rules folder `dir` when its key matches, else undefined. */
export function readCachedTable(dir: string, key: string): CachedTable | undefined {
  const file = entryPath(dir);
  if (file === undefined) {
    return undefined;
  }
  try {
    const entry = JSON.parse(readFileSync(file, 'utf8')) as Partial<CacheEntry>;
    if (entry.format !== CACHE_FORMAT || entry.key !== key || !isCachedTable(entry.table) || entry.digest !== digestOf(entry.table)) {
      return undefined;
    }
    return entry.table;
  } catch {
    return undefined;
  }
}

/** Stores the table of the rules folder `dir`, replacing its earlier entry, so the cache keeps one entry per folder. */
export function writeCachedTable(dir: string, key: string, table: CachedTable): void {
  const file = entryPath(dir);
  if (file === undefined) {
    return;
  }
  // Written beside the entry and renamed over it, so a concurrent scan never reads half an entry.
  const temporary = `${file}.${process.pid}.${Math.random().toString(16).slice(2)}.tmp`;
  try {
    writeFileSync(temporary, JSON.stringify({ format: CACHE_FORMAT, key, digest: digestOf(table), table } satisfies CacheEntry), { mode: 0o600 });
    renameSync(temporary, file);
    removeOldEntries(dirname(file));
  } catch {
    // The cache is an optimisation: a folder that cannot hold it (a file, say) turns it off.
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Nothing was written.
    }
  }
}

/** Deletes the oldest entries beyond MAX_ENTRIES. A concurrent scan may delete the same ones, so misses are ignored. */
function removeOldEntries(folder: string): void {
  const entries: { path: string; modified: number }[] = [];
  for (const name of readdirSync(folder)) {
    if (!/^rule-table-[0-9a-f]+\.json$/.test(name)) {
      continue;
    }
    const path = join(folder, name);
    try {
      entries.push({ path, modified: statSync(path).mtimeMs });
    } catch {
      // Deleted meanwhile.
    }
  }
  entries.sort((a, b) => b.modified - a.modified);
  for (const entry of entries.slice(MAX_ENTRIES)) {
    rmSync(entry.path, { force: true });
  }
}

/** Path of the cache entry of one rules folder, or undefined when the cache is off or its folder is unsafe. */
function entryPath(dir: string): string | undefined {
  const folder = cacheFolder();
  if (folder === undefined) {
    return undefined;
  }
  // The build and the TypeScript sources (tests) hash different module texts, so each gets its own entry.
  const name = createHash('sha256').update(`${dir}\0${moduleExtension()}`).digest('hex').slice(0, 32);
  return join(folder, `rule-table-${name}.json`);
}

function cacheFolder(): string | undefined {
  const configured = process.env[CACHE_DIR_VARIABLE];
  if (configured === 'none') {
    return undefined;
  }
  if (configured) {
    try {
      mkdirSync(configured, { recursive: true, mode: 0o700 });
      return lstatSync(configured).isDirectory() ? configured : undefined;
    } catch {
      return undefined;
    }
  }
  // A per-user folder that only its owner can write: otherwise another user of a shared
  // temporary folder could plant an entry and change the rules a scan applies.
  const uid = process.getuid?.();
  const folder = join(tmpdir(), uid === undefined ? 'pim-migrate-cache' : `pim-migrate-cache-${uid}`);
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const stats = lstatSync(folder);
    if (!stats.isDirectory() || (uid !== undefined && (stats.uid !== uid || (stats.mode & 0o022) !== 0))) {
      return undefined;
    }
    return folder;
  } catch {
    return undefined;
  }
}

/** Texts of the loader, schema and cache modules, so a change to validation invalidates every entry. */
let codeModuleTexts: string[] | null | undefined;
function codeModules(): string[] | undefined {
  if (codeModuleTexts === undefined) {
    const extension = moduleExtension();
    try {
      codeModuleTexts = ['load', 'schema', 'table-cache'].map((name) => readFileSync(fileURLToPath(new URL(`./${name}${extension}`, import.meta.url)), 'utf8'));
    } catch {
      codeModuleTexts = null;
    }
  }
  return codeModuleTexts ?? undefined;
}

/** Returns `.js` in the build and `.ts` under the TypeScript sources (tests, tsx). */
function moduleExtension(): string {
  return import.meta.url.endsWith('.ts') ? '.ts' : '.js';
}

/** Checks the shape of a stored table shallowly, because the key already ties it to validated input. */
function isCachedTable(value: unknown): value is CachedTable {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const table = value as Partial<CachedTable>;
  return Array.isArray(table.rules) && Array.isArray(table.cmdletFamilies) && Array.isArray(table.sources) && typeof table.hosts === 'object' && typeof table.sdks === 'object';
}
