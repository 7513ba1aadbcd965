import path from 'node:path';
import { ts } from 'ts-morph';
import type { ExtractInput } from '../extractor.js';
import { FileTexts } from '../common/file-texts.js';
import { hasLongLine, LONG_LINE_CHARACTERS } from '../common/long-lines.js';
import { mentionsSignature } from '../common/signatures.js';
import { FileExtraction } from './extract-file.js';
import { namedClientModules } from './http-clients.js';
import type { ProjectCache } from './project.js';

/** File name endings the extractor reads, as in the project cache. */
const SCRIPT_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/i;

/**
 * Maximum number of other files parsed to decide about one string. Each is parsed once per scan
 * and then cached, so this only bounds the first look at a widely imported constant.
 */
const MAX_FILES_PER_STRING = 50;

/** Identifies a string across programs: the compiler builds new nodes when files are added. */
function keyOf(node: ts.Node): string {
  return `${node.getSourceFile().fileName}:${node.pos}`;
}

/**
 * Names under which another module can import the declaration around a string: the variable,
 * enum, class or function declared by its top-level statement.
 * NOTE: CommonJS exports (`module.exports = {...}`, `exports.X = ...`) give no name, so a string
 * exported that way is still reported where it is declared.
 */
function declarationNames(node: ts.Node): string[] {
  let statement: ts.Node = node;
  while (statement.parent && !ts.isSourceFile(statement.parent)) {
    statement = statement.parent;
  }
  if (ts.isVariableStatement(statement)) {
    return statement.declarationList.declarations.flatMap((declaration) => (ts.isIdentifier(declaration.name) ? [declaration.name.text] : []));
  }
  if ((ts.isEnumDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isFunctionDeclaration(statement)) && statement.name) {
    return [statement.name.text];
  }
  // `export default '...'`: the importer chooses the name.
  if (ts.isExportAssignment(statement) && !statement.isExportEquals) {
    return [DEFAULT_EXPORT];
  }
  return [];
}

/** Stands for the name of a default export, which each importer chooses. */
const DEFAULT_EXPORT = 'default';

/** Module specifiers of `import ... from '...'`, `import('...')`, `export ... from '...'` and `require('...')`. */
const SPECIFIER = /(?:\bfrom|\bimport\s*\(|\brequire\s*\()\s*['"]([^'"\n]+)['"]/g;

/**
 * True when `text`, the source of `importer`, imports `declaringFile`. A relative specifier
 * (`./paths`, `../config/paths.js`, `..` for a folder's `index` file) is resolved against the
 * importer's folder. A bare one (a path alias such as `@/config/paths`) matches by its last
 * name. The text check comes before any parse, because adding a file to a program costs far more.
 */
function importsModule(text: string, importer: string, declaringFile: string): boolean {
  const parsed = path.parse(path.resolve(declaringFile));
  const declared = path.join(parsed.dir, parsed.name);
  const wanted = parsed.name === 'index' ? path.basename(parsed.dir) : parsed.name;
  for (const match of text.matchAll(SPECIFIER)) {
    const raw = match[1]!;
    if (raw === '.' || raw === '..' || raw.startsWith('./') || raw.startsWith('../')) {
      const target = path.resolve(path.dirname(importer), raw).replace(/\.[cm]?[jt]sx?$/, '');
      if (target === declared || (parsed.name === 'index' && target === parsed.dir)) {
        return true;
      }
      continue;
    }
    const specifier = raw.replace(/\/index(\.[cm]?[jt]sx?)?$/, '');
    if (path.posix.basename(specifier).replace(/\.[cm]?[jt]sx?$/, '') === wanted) {
      return true;
    }
  }
  return false;
}

/**
 * Finds out whether a string declared in one scanned file flows into a reported call of another
 * scanned file (an imported path constant or enum member used at a `fetch` or Graph client call).
 * That file reports the call, a request with its method and body, so the declaring file does not
 * report the string again. Results are cached per scan.
 * NOTE: only candidate files are searched. A file that names no signature itself never reaches
 * the extractor, so its requests stay unreported and the string is reported where it is declared.
 */
export class OtherFileReads {
  private readonly texts = new FileTexts();
  /** Keys of the strings that each file's reported calls read, by absolute path. */
  private readonly readsByFile = new Map<string, Set<string>>();

  constructor(private readonly projects: ProjectCache) {}

  /** Returns the check that the extraction of one file uses for its loose strings. */
  checkFor(input: ExtractInput): (node: ts.Node) => boolean {
    return (node) => {
      const names = declarationNames(node);
      if (names.length === 0) {
        return false;
      }
      const key = keyOf(node);
      let parsed = 0;
      for (const candidate of input.candidates) {
        if (parsed >= MAX_FILES_PER_STRING) {
          return false;
        }
        if (path.resolve(candidate) === path.resolve(input.path) || !SCRIPT_FILE.test(candidate)) {
          continue;
        }
        const text = this.texts.read(candidate);
        if (!text || !names.some((name) => name === DEFAULT_EXPORT || text.includes(name)) || !importsModule(text, candidate, input.path) || !mentionsSignature(text, input.signatures)) {
          continue;
        }
        // A bundle's calls are read by the generic extractor, which follows no import.
        if (hasLongLine(text, LONG_LINE_CHARACTERS)) {
          continue;
        }
        parsed += 1;
        if (this.readsOf(candidate, text, input).has(key)) {
          return true;
        }
      }
      return false;
    };
  }

  reset(): void {
    this.texts.clear();
    this.readsByFile.clear();
  }

  private readsOf(file: string, text: string, input: ExtractInput): Set<string> {
    let reads = this.readsByFile.get(file);
    if (!reads) {
      reads = new Set();
      this.readsByFile.set(file, reads);
      const parsed = this.projects.parse(file, text);
      const ctx = { checker: parsed.checker, sourceFile: parsed.sourceFile, root: input.root, clientModules: namedClientModules(parsed.programFiles), programFiles: parsed.programFiles };
      for (const node of new FileExtraction(ctx, input.signatures, input.language).callStrings()) {
        reads.add(keyOf(node));
      }
    }
    return reads;
  }
}
