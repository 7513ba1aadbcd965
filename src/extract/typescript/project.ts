import path from 'node:path';
import { ts } from 'ts-morph';

/**
 * Compiler options for reading, not checking: JavaScript is parsed too, no default library is
 * loaded (the extractor needs symbols, not types of built-ins), and no diagnostics are requested.
 */
const COMPILER_OPTIONS: ts.CompilerOptions = {
  allowJs: true,
  checkJs: false,
  noLib: true,
  types: [],
  jsx: ts.JsxEmit.Preserve,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  allowImportingTsExtensions: true,
  noEmit: true,
  skipLibCheck: true,
};

/**
 * Characters of source text kept parsed at most. A syntax tree takes tens of times its text in
 * heap, so the cache is dropped before the next file that is not in it once it contains more, and
 * memory is bounded by bytes rather than by a file count. A file is always parsed, so one larger
 * file makes the cache larger than this.
 */
const MAX_CACHED_CHARACTERS = 256 * 1024;

/** File name endings the compiler loads as a root file. */
const SCRIPT_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/i;

/** Added to the name of code embedded in another file (a Markdown fence), so the compiler loads it as a script. */
const EMBEDDED_SUFFIX = /\.pim-embedded\.[jt]s$/;

/**
 * The file name under which the compiler reads `filePath`. Code embedded in a file of another
 * kind gets a script extension by its language, because a program takes no other root file.
 */
export function programFileName(filePath: string, language: string): string {
  return SCRIPT_FILE.test(filePath) ? filePath : `${filePath}.pim-embedded.${language === 'javascript' ? 'js' : 'ts'}`;
}

/** Returns the scanned file behind a program file name, undoing `programFileName`. */
export function scannedFileName(fileName: string): string {
  return fileName.replace(EMBEDDED_SUFFIX, '');
}

/** A parsed file with the type checker of the program that contains it. */
export interface ParsedFile {
  sourceFile: ts.SourceFile;
  checker: ts.TypeChecker;
  /** Every file of the program: the parsed file and the files it imports. */
  programFiles: readonly ts.SourceFile[];
}

/**
 * Builds one compiler program per analysed file: the file is the only root, and the compiler
 * loads the files it imports for symbol resolution. So the result for a file depends on the file
 * and what it imports, never on which other files the scan found or in what order. Parsed files
 * and module resolutions are cached across programs, so a file imported by many is parsed and
 * bound once.
 * NOTE: a plain script (no import or export) can read only the globals of the files it imports.
 * A constant that a browser page defines in another script it loads is not resolved.
 */
export class ProjectCache {
  private readonly files = new Map<string, ts.SourceFile>();
  private cachedCharacters = 0;
  private resolutions = ts.createModuleResolutionCache(process.cwd(), canonicalFileName, COMPILER_OPTIONS);
  private readonly host = this.createHost();

  /** Parses a file from the text the engine read, which wins over the disk, and returns it with a checker. */
  parse(filePath: string, text: string): ParsedFile {
    const fileName = path.resolve(filePath);
    if (this.cachedCharacters > MAX_CACHED_CHARACTERS && !this.files.has(fileName)) {
      this.reset();
    }
    const cached = this.files.get(fileName);
    if (!cached || cached.text !== text) {
      this.store(fileName, text);
    }
    // No old program is passed: the compiler reuses one only for the same root files.
    const program = ts.createProgram({ rootNames: [fileName], options: COMPILER_OPTIONS, host: this.host });
    const sourceFile = program.getSourceFile(fileName);
    if (!sourceFile) {
      throw new Error(`the compiler did not load ${fileName}`);
    }
    return { sourceFile, checker: program.getTypeChecker(), programFiles: program.getSourceFiles() };
  }

  /** Drops every parsed file and module resolution. */
  reset(): void {
    this.files.clear();
    this.cachedCharacters = 0;
    this.resolutions = ts.createModuleResolutionCache(process.cwd(), canonicalFileName, COMPILER_OPTIONS);
  }

  private store(fileName: string, text: string): ts.SourceFile {
    const previous = this.files.get(fileName);
    if (previous) {
      this.cachedCharacters -= previous.text.length;
    }
    const sourceFile = ts.createSourceFile(fileName, text, COMPILER_OPTIONS.target!, true);
    this.files.set(fileName, sourceFile);
    this.cachedCharacters += text.length;
    return sourceFile;
  }

  private createHost(): ts.CompilerHost {
    const base = ts.createCompilerHost(COMPILER_OPTIONS, true);
    return {
      ...base,
      getSourceFile: (fileName) => {
        const resolved = path.resolve(fileName);
        const cached = this.files.get(resolved);
        if (cached) {
          return cached;
        }
        // An imported file the engine has not handed over: read it from disk. One that cannot be
        // read stays unresolved, as a missing module would.
        const text = ts.sys.readFile(resolved);
        return text === undefined ? undefined : this.store(resolved, text);
      },
      writeFile: () => undefined,
      resolveModuleNameLiterals: (literals, containingFile, redirectedReference, options) =>
        literals.map((literal) => resolveInProject(literal.text, containingFile, options, base, this.resolutions, redirectedReference)),
    };
  }
}

/**
 * Resolves an import like the compiler does, except into `node_modules`: URL constants live in
 * the scanned project, and loading package declarations would cost time in every program.
 * NOTE: so a constant imported from a workspace package linked under node_modules stays dynamic.
 */
function resolveInProject(
  name: string,
  containingFile: string,
  options: ts.CompilerOptions,
  host: ts.ModuleResolutionHost,
  cache: ts.ModuleResolutionCache,
  redirectedReference: ts.ResolvedProjectReference | undefined,
): ts.ResolvedModuleWithFailedLookupLocations {
  const resolution = ts.resolveModuleName(name, containingFile, options, host, cache, redirectedReference);
  if (resolution.resolvedModule?.isExternalLibraryImport) {
    return { resolvedModule: undefined };
  }
  return resolution;
}

function canonicalFileName(fileName: string): string {
  return ts.sys.useCaseSensitiveFileNames ? fileName : fileName.toLowerCase();
}
