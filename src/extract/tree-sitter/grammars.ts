import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import v8 from 'node:v8';
import type { Language as LanguageType, Parser as ParserType } from 'web-tree-sitter';

/** Grammar packages and the `.wasm` file each ships, by grammar name. */
const GRAMMARS = {
  powershell: { packageName: 'tree-sitter-powershell', file: 'tree-sitter-powershell.wasm' },
  python: { packageName: 'tree-sitter-python', file: 'tree-sitter-python.wasm' },
  csharp: { packageName: 'tree-sitter-c-sharp', file: 'tree-sitter-c_sharp.wasm' },
  go: { packageName: 'tree-sitter-go', file: 'tree-sitter-go.wasm' },
  java: { packageName: 'tree-sitter-java', file: 'tree-sitter-java.wasm' },
  php: { packageName: 'tree-sitter-php', file: 'tree-sitter-php.wasm' },
  rust: { packageName: 'tree-sitter-rust', file: 'tree-sitter-rust.wasm' },
  bash: { packageName: 'tree-sitter-bash', file: 'tree-sitter-bash.wasm' },
  hcl: { packageName: '@tree-sitter-grammars/tree-sitter-hcl', file: 'tree-sitter-hcl.wasm' },
} as const;

export type GrammarName = keyof typeof GRAMMARS;

const require = createRequire(import.meta.url);
let runtime: Promise<typeof import('web-tree-sitter')> | undefined;
const languages = new Map<GrammarName, Promise<LanguageType>>();
const loadedNames = new Set<GrammarName>();
/** Counts runtime restarts; each restart imports a fresh instance of web-tree-sitter. */
let generation = 0;

/**
 * Start web-tree-sitter once per process. V8 compiles wasm in the background with its optimizing
 * tier, and that work keeps the process alive for seconds after the scan ends (about 9 s for the
 * PowerShell grammar on a 2-core machine); Liftoff-only compilation avoids it and costs little,
 * because parsing time is small next to reading files. The flag must be set before the first
 * wasm module is compiled.
 */
function loadRuntime(): Promise<typeof import('web-tree-sitter')> {
  runtime ??= (async () => {
    v8.setFlagsFromString('--liftoff-only');
    // A query string makes Node load a new module instance, with new wasm memory.
    const module: typeof import('web-tree-sitter') =
      generation === 0 ? await import('web-tree-sitter') : await import(`${import.meta.resolve('web-tree-sitter')}?generation=${generation}`);
    await module.Parser.init();
    return module;
  })();
  return runtime;
}

/**
 * Drop the web-tree-sitter instance and every grammar loaded in it. After a wasm abort
 * (`RuntimeError: Aborted()`, seen on some malformed inputs) the instance refuses every later
 * parse, in every grammar; the next parse then starts a fresh instance.
 */
export function restartRuntime(): void {
  generation += 1;
  runtime = undefined;
  languages.clear();
}

/** Load a grammar on first use; later calls share the loaded language. */
export async function loadGrammar(name: GrammarName): Promise<LanguageType> {
  let language = languages.get(name);
  if (!language) {
    language = (async () => {
      const { Language } = await loadRuntime();
      const spec = GRAMMARS[name];
      const packageDir = dirname(require.resolve(`${spec.packageName}/package.json`));
      const loaded = await Language.load(join(packageDir, spec.file));
      loadedNames.add(name);
      return loaded;
    })();
    languages.set(name, language);
  }
  return language;
}

/** A parser for one grammar. Parsers are cheap; the grammar is what is cached. */
export async function createParser(name: GrammarName): Promise<ParserType> {
  const { Parser } = await loadRuntime();
  const parser = new Parser();
  parser.setLanguage(await loadGrammar(name));
  return parser;
}

/** Grammars loaded so far in this process, for tests that prove a grammar was never loaded. */
export function loadedGrammars(): GrammarName[] {
  return [...loadedNames];
}
