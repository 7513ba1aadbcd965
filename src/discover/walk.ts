import { readdirSync, readFileSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { SkippedFile } from '../model/finding.js';
import { DEFAULT_EXCLUDED_DIRS, MINIFIED_FILE } from './default-excludes.js';
import { languageOf } from './languages.js';
import { folderId, LINK_NOT_FOLLOWED, resolveLink, specialFileKind } from './links.js';

export interface DiscoveredFile {
  /** Absolute path. */
  path: string;
  /** Relative to the scan root, forward slashes. */
  relativePath: string;
  /** Bytes, when the walk read the size (see `maxFileSize`). */
  size?: number;
  language: string;
}

export interface DiscoverOptions {
  root: string;
  /** Files or folders (absolute) to walk. */
  paths: string[];
  include?: string[];
  exclude?: string[];
  /**
   * Files larger than this (bytes) are skipped with the sizes. When undefined, the walk calls
   * `stat` on no regular file, so `size` is unknown and the code that reads the file checks its size.
   */
  maxFileSize?: number;
  /**
   * Follow symbolic links to files and folders inside the root (by real path); links that lead
   * outside it and loops are skipped with a reason. When false every link is skipped with a reason.
   */
  followLinks?: boolean;
  /** Absolute paths of files to leave out silently (the scan's own report files). */
  ignoreFiles?: ReadonlySet<string>;
  /**
   * Called with each file as it is found, so reading can start during the walk. When it is given,
   * `files` stays empty, so the walk keeps no list of the tree.
   */
  onFile?: (file: DiscoveredFile) => void;
}

/** One step of `walkTree`: a file to read, or a file or folder skipped with a reason. */
export type WalkEntry = { file: DiscoveredFile } | { skipped: SkippedFile };

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
  matcher: PathMatcher;
}

/**
 * Paths one `ignore` instance checks before it is built again. The package (version 7) caches the
 * result of every path it has checked, about 150 bytes each, so a matcher that checks the whole
 * tree would grow with it. Building one from its patterns again takes well under a millisecond.
 */
const PATHS_PER_MATCHER = 4096;

/** Gitignore-style patterns whose cache of checked paths is bounded by PATHS_PER_MATCHER. */
class PathMatcher {
  private matcher: Ignore;
  private checked = 0;
  /** No pattern at all (the usual `exclude`), so no path needs a check. */
  private readonly empty: boolean;

  constructor(private readonly patterns: string | readonly string[]) {
    this.matcher = ignore().add(patterns);
    this.empty = typeof patterns === 'string' ? patterns.trim() === '' : patterns.length === 0;
  }

  ignores(relativePath: string): boolean {
    if (this.empty) {
      return false;
    }
    this.checked += 1;
    if (this.checked > PATHS_PER_MATCHER) {
      this.matcher = ignore().add(this.patterns);
      this.checked = 1;
    }
    return this.matcher.ignores(relativePath);
  }
}

const toPosix = (path: string): string => (sep === '/' ? path : path.split(sep).join('/'));

/**
 * Walk the scan paths and return the files to prefilter, honouring `.gitignore` and `.pim-migrateignore`
 * files (in every folder, as git does), the default exclusions and the include/exclude globs. Symbolic links are
 * followed only with `followLinks`. Unreadable folders, files over the size limit, links not followed,
 * named pipes, sockets and devices are reported as skipped.
 */
export function discoverFiles(options: DiscoverOptions): DiscoverResult {
  const files: DiscoveredFile[] = [];
  const skipped: SkippedFile[] = [];
  for (const entry of walkTree(options)) {
    if ('skipped' in entry) {
      skipped.push(entry.skipped);
    } else if (options.onFile) {
      options.onFile(entry.file);
    } else {
      files.push(entry.file);
    }
  }
  return { files, skipped };
}

/**
 * Walks the scan paths like `discoverFiles`, one entry at a time in the same order, so the caller
 * can pause the walk (stop pulling entries) while the readers catch up. It keeps only the folders
 * on the current path and their ignore files.
 */
export function* walkTree(options: DiscoverOptions): Generator<WalkEntry, void, undefined> {
  const include = options.include?.length ? new PathMatcher(options.include) : undefined;
  const exclude = new PathMatcher(options.exclude ?? []);

  /** `fromRoot` is the path relative to the root when the walk has it already. */
  const consider = function* (absolute: string, size: number | undefined, fromRoot = toPosix(relative(options.root, absolute))): Generator<WalkEntry, void, undefined> {
    // The root contains every scan path (scan() checks it), so only a file given as the root
    // itself has no relative path; it keeps its name.
    const relativePath = fromRoot || toPosix(absolute.slice(absolute.lastIndexOf(sep) + 1));
    if (options.ignoreFiles?.has(absolute)) {
      return;
    }
    if (include && !include.ignores(relativePath)) {
      return;
    }
    if (exclude.ignores(relativePath)) {
      return;
    }
    if (MINIFIED_FILE.test(relativePath)) {
      yield { skipped: { file: relativePath, reason: 'minified bundle or source map' } };
      return;
    }
    if (size !== undefined && options.maxFileSize !== undefined && size > options.maxFileSize) {
      yield { skipped: { file: relativePath, reason: largerThanLimit(size, options.maxFileSize) } };
      return;
    }
    yield { file: { path: absolute, relativePath, size, language: languageOf(absolute.slice(absolute.lastIndexOf(sep) + 1)) } };
  };

  const followLinks = options.followLinks === true;
  // Both only matter when links are followed: a folder reached again through a link is a loop.
  const realRoot = followLinks ? realpathSync(options.root) : options.root;
  const folderIdOf = (dir: string): string | undefined => {
    try {
      return followLinks ? folderId(statSync(dir)) : undefined;
    } catch {
      return undefined;
    }
  };

  /** `ancestors` maps device:inode of each folder being walked, `dir` included, to its relative path. */
  const walk = function* (dir: string, scopes: IgnoreScope[], ancestors: ReadonlyMap<string, string>): Generator<WalkEntry, void, undefined> {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      yield { skipped: { file: toPosix(relative(options.root, dir)) || '.', reason: `folder not readable: ${(error as NodeJS.ErrnoException).code ?? String(error)}` } };
      return;
    }
    const relDir = toPosix(relative(options.root, dir));
    const localScopes = [...scopes];
    for (const name of IGNORE_FILE_NAMES) {
      if (entries.some((entry) => entry.name === name && entry.isFile())) {
        try {
          localScopes.push({ base: relDir, matcher: new PathMatcher(readFileSync(join(dir, name), 'utf8')) });
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
        yield* walkChild(absolute, relativePath, localScopes, ancestors, folderIdOf(absolute));
      } else if (entry.isFile()) {
        if (isIgnored(localScopes, relativePath)) {
          continue;
        }
        // Without a size limit the reader's fstat gives the size, which saves a stat call per file.
        let size: number | undefined;
        if (options.maxFileSize !== undefined) {
          try {
            size = statSync(absolute).size;
          } catch (error) {
            yield { skipped: { file: relativePath, reason: `not readable: ${(error as NodeJS.ErrnoException).code ?? String(error)}` } };
            continue;
          }
        }
        yield* consider(absolute, size, relativePath);
      } else if (entry.isSymbolicLink()) {
        // A link named like an excluded folder (a linked node_modules) is left out as the folder would be.
        if (DEFAULT_EXCLUDED_DIRS.includes(entry.name) || isIgnored(localScopes, relativePath) || exclude.ignores(relativePath)) {
          continue;
        }
        if (!followLinks) {
          yield { skipped: { file: relativePath, reason: LINK_NOT_FOLLOWED } };
          continue;
        }
        const target = resolveLink(absolute, realRoot, ancestors);
        if ('skip' in target) {
          yield { skipped: { file: relativePath, reason: target.skip } };
        } else if (target.kind === 'file') {
          yield* consider(absolute, target.size);
        } else if (!isIgnored(localScopes, `${relativePath}/`) && !exclude.ignores(`${relativePath}/`)) {
          yield* walkChild(absolute, relativePath, localScopes, ancestors, target.id);
        }
      } else if (!isIgnored(localScopes, relativePath) && !exclude.ignores(relativePath)) {
        yield { skipped: { file: relativePath, reason: `${specialFileKind(entry)}, not read` } };
      }
    }
  };

  const walkChild = (dir: string, relativePath: string, scopes: IgnoreScope[], ancestors: ReadonlyMap<string, string>, id: string | undefined): Generator<WalkEntry, void, undefined> =>
    walk(dir, scopes, id === undefined ? ancestors : new Map(ancestors).set(id, relativePath));

  for (const path of outermostPaths(options.paths)) {
    const stats = statSync(path);
    if (stats.isDirectory()) {
      const id = folderIdOf(path);
      const relativePath = toPosix(relative(options.root, path));
      yield* walk(path, [], id === undefined ? new Map() : new Map([[id, relativePath]]));
    } else if (stats.isFile()) {
      yield* consider(path, stats.size);
    } else {
      // A scan path that is a named pipe would block the read forever.
      yield { skipped: { file: toPosix(relative(options.root, path)) || path, reason: `${specialFileKind(stats)}, not read` } };
    }
  }
}

/** Skip reason of a file over `--max-file-size`, the same whether the walk or the reader finds it. */
export function largerThanLimit(size: number, maxFileSize: number): string {
  return `larger than --max-file-size (${size} > ${maxFileSize} bytes)`;
}

/**
 * Drops scan paths that repeat or lie inside another scan path, so the walk meets each file once
 * without keeping a set of every path it has seen.
 */
function outermostPaths(paths: readonly string[]): string[] {
  const unique = [...new Set(paths)];
  const inside = (path: string, folder: string): boolean => path !== folder && path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
  return unique.filter((path) => !unique.some((other) => inside(path, other)));
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
