import fs from 'node:fs';
import { Project, ts } from 'ts-morph';

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
 * Resolves imports like the compiler does, except into `node_modules`: URL constants live in the
 * scanned project, and loading package declarations would cost time on every program rebuild.
 * NOTE: so a constant imported from a workspace package linked under node_modules stays dynamic.
 */
function projectOnlyResolution(host: ts.ModuleResolutionHost, getOptions: () => ts.CompilerOptions) {
  return {
    resolveModuleNames(moduleNames: string[], containingFile: string): (ts.ResolvedModuleFull | undefined)[] {
      return moduleNames.map((name) => {
        const resolved = ts.resolveModuleName(name, containingFile, getOptions(), host).resolvedModule;
        return resolved && !resolved.isExternalLibraryImport ? resolved : undefined;
      });
    },
  };
}

/** File name endings the extractor reads (TypeScript, JavaScript, JSX, ES module and CommonJS forms). */
const SCRIPT_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/i;

/**
 * Number of unparsed candidate files added along with the one requested. Every change to the set of
 * root files makes the compiler resolve all imports again. Adding files one by one would cost time
 * quadratic in the number of files, so batches cut the number of rebuilds.
 */
const BATCH_SIZE = 64;

/** Candidate files larger than this (bytes) are left for the engine to hand over, or to skip. */
const MAX_BATCH_FILE_BYTES = 1_000_000;

/**
 * Bytes of source text in one batch, and in one project, at most. A syntax tree with its ts-morph
 * wrappers takes tens of times its text in heap, so a project that contains more is dropped before
 * the next file that is not in it, and memory is bounded by bytes rather than by a file count.
 * A file is always parsed, so one larger file makes a project larger than this.
 */
const MAX_PROJECT_BYTES = 256 * 1024;

/** A parsed file with the type checker of the program that contains it. */
export interface ParsedFile {
  sourceFile: ts.SourceFile;
  checker: ts.TypeChecker;
}

/**
 * One ts-morph Project per scan. Candidate files are added as the engine hands them over; files
 * they import are loaded by the compiler for symbol resolution.
 */
export class ProjectCache {
  private project: Project | undefined;
  /** Characters of source text parsed into `project`. */
  private projectBytes = 0;

  /**
   * Parses a file from the text the engine read (which wins over the disk) and returns it with a
   * checker. The next candidate script files not parsed yet are added in the same step.
   */
  parse(filePath: string, text: string, candidates: readonly string[] = []): ParsedFile {
    if (this.project && this.projectBytes > MAX_PROJECT_BYTES && !this.project.getSourceFile(filePath)) {
      this.reset();
    }
    const project = this.ensureProject();
    const existing = project.getSourceFile(filePath);
    const wrapped =
      existing && existing.getFullText() === text ? existing : project.createSourceFile(filePath, text, { overwrite: true });
    if (!existing) {
      this.projectBytes += text.length;
      this.addBatch(project, filePath, candidates);
    }
    const program = project.getProgram().compilerObject;
    const sourceFile = program.getSourceFile(wrapped.getFilePath()) ?? wrapped.compilerNode;
    return { sourceFile, checker: program.getTypeChecker() };
  }

  /** Drops the project and everything parsed into it. */
  reset(): void {
    this.project = undefined;
    this.projectBytes = 0;
  }

  /** Adds up to BATCH_SIZE unparsed script candidates that follow `filePath` in the candidate list. */
  private addBatch(project: Project, filePath: string, candidates: readonly string[]): void {
    const start = Math.max(0, candidates.indexOf(filePath) + 1);
    let added = 0;
    for (let index = start; index < candidates.length && added < BATCH_SIZE; index += 1) {
      const candidate = candidates[index];
      if (!candidate || !SCRIPT_FILE.test(candidate) || project.getSourceFile(candidate)) {
        continue;
      }
      try {
        const size = fs.statSync(candidate).size;
        if (size > MAX_BATCH_FILE_BYTES) {
          continue;
        }
        if (this.projectBytes + size > MAX_PROJECT_BYTES) {
          break;
        }
        const text = fs.readFileSync(candidate, 'utf8');
        project.createSourceFile(candidate, text, { overwrite: true });
        added += 1;
        this.projectBytes += text.length;
      } catch {
        // Unreadable now: the engine reports it when it reaches the file.
      }
    }
  }

  private ensureProject(): Project {
    this.project ??= new Project({
      compilerOptions: COMPILER_OPTIONS,
      skipAddingFilesFromTsConfig: true,
      skipFileDependencyResolution: true,
      skipLoadingLibFiles: true,
      resolutionHost: projectOnlyResolution,
    });
    return this.project;
  }
}
