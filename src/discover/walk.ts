import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { SkippedFile } from '../model/finding.js';
import { DEFAULT_EXCLUDED_DIRS, MINIFIED_FILE } from './default-excludes.js';
import { languageOf } from './languages.js';

export interface DiscoveredFile {
  /** Absolute path. */
  path: string;
  /** Relative to the scan root, forward slashes. */
  relativePath: string;
  size: number;
  language: string;
}

export interface DiscoverOptions {
  root: string;
  /** Files or folders (absolute) to walk. */
  paths: string[];
  include?: string[];
  exclude?: string[];
  maxFileSize: number;
  /** Absolute paths of files to leave out silently (the scan's own report files). */
  ignoreFiles?: ReadonlySet<string>;
  /** Called with each file as it is found, in the order of `files`, so reading can start during the walk. */
  onFile?: (file: DiscoveredFile) => void;
}

export interface DiscoverResult {
  files: DiscoveredFile[];
  skipped: SkippedFile[];
}

/**
 * Ignore files read in every folder, with gitignore semantics: `.gitignore`, and
 * `.pim-migrateignore` for files only this tool should leave out.
 */
const IGNORE_FILE_NAMES = ['.gitignore', '.pim-migrateignore'] as const;

interface IgnoreScope {
  /** Folder the ignore file sits in, relative to the root with forward slashes ('' for the root). */
  base: string;
  matcher: Ignore;
}

const toPosix = (path: string): string => (sep === '/' ? path : path.split(sep).join('/'));

/**
 * Walk the scan paths and return the files to prefilter, honouring `.gitignore` and `.pim-migrateignore`
 * files (in every folder, as git does), the default exclusions and the include/exclude globs. Symbolic links are
 * not followed. Unreadable folders and files over the size limit are reported as skipped.
 */
export function discoverFiles(options: DiscoverOptions): DiscoverResult {
  const files: DiscoveredFile[] = [];
  const skipped: SkippedFile[] = [];
  const include = options.include?.length ? ignore().add(options.include) : undefined;
  const exclude = ignore().add(options.exclude ?? []);
  const seen = new Set<string>();

  const consider = (absolute: string, size: number): void => {
    // The root contains every scan path (scan() checks it), so only a file given as the root
    // itself has no relative path; it keeps its name.
    const fromRoot = toPosix(relative(options.root, absolute));
    const relativePath = fromRoot || toPosix(absolute.slice(absolute.lastIndexOf(sep) + 1));
    if (seen.has(absolute) || options.ignoreFiles?.has(absolute)) {
      return;
    }
    seen.add(absolute);
    if (include && !include.ignores(relativePath)) {
      return;
    }
    if (exclude.ignores(relativePath)) {
      return;
    }
    if (MINIFIED_FILE.test(relativePath)) {
      skipped.push({ file: relativePath, reason: 'minified bundle or source map' });
      return;
    }
    if (size > options.maxFileSize) {
      skipped.push({ file: relativePath, reason: `larger than --max-file-size (${size} > ${options.maxFileSize} bytes)` });
      return;
    }
    const file: DiscoveredFile = { path: absolute, relativePath, size, language: languageOf(absolute.slice(absolute.lastIndexOf(sep) + 1)) };
    files.push(file);
    options.onFile?.(file);
  };

  const walk = (dir: string, scopes: IgnoreScope[]): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      skipped.push({ file: toPosix(relative(options.root, dir)) || '.', reason: `folder not readable: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
      return;
    }
    const relDir = toPosix(relative(options.root, dir));
    const localScopes = [...scopes];
    for (const name of IGNORE_FILE_NAMES) {
      if (entries.some((entry) => entry.name === name && entry.isFile())) {
        try {
          localScopes.push({ base: relDir, matcher: ignore().add(readFileSync(join(dir, name), 'utf8')) });
        } catch {
          // An unreadable ignore file ignores nothing; the files it would hide are scanned.
        }
      }
    }

    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const absolute = join(dir, entry.name);
      const relativePath = relDir ? `${relDir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (DEFAULT_EXCLUDED_DIRS.includes(entry.name) || isIgnored(localScopes, `${relativePath}/`) || exclude.ignores(`${relativePath}/`)) {
          continue;
        }
        walk(absolute, localScopes);
      } else if (entry.isFile()) {
        if (isIgnored(localScopes, relativePath)) {
          continue;
        }
        let size: number;
        try {
          size = statSync(absolute).size;
        } catch (error) {
          skipped.push({ file: relativePath, reason: `not readable: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
          continue;
        }
        consider(absolute, size);
      }
      // NOTE: symbolic links are neither followed nor reported yet.
    }
  };

  for (const path of options.paths) {
    const stats = statSync(path);
    if (stats.isDirectory()) {
      walk(path, []);
    } else {
      consider(path, stats.size);
    }
  }
  return { files, skipped };
}

function isIgnored(scopes: IgnoreScope[], relativePath: string): boolean {
  for (const scope of scopes) {
    const local = scope.base ? (relativePath.startsWith(`${scope.base}/`) ? relativePath.slice(scope.base.length + 1) : undefined) : relativePath;
    if (local && scope.matcher.ignores(local)) {
      return true;
    }
  }
  return false;
}
