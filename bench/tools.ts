import { join } from 'node:path';
import { measure, type Measurement } from './measure.js';

/** One tool's run over a set of paths, with the files it reported. */
export interface ToolRun extends Measurement {
  tool: string;
  /** Files the tool reported, relative to the tree root. */
  files: Set<string>;
  /** `file:line` of every finding, for tools that report lines. */
  lines: Set<string>;
  note?: string;
}

/** `pim-migrate scan --format json` with the built CLI; the report goes to a file. */
export function runPimMigrate(projectRoot: string, treeRoot: string, paths: string[], reportPath: string, jobs?: number): ToolRun {
  const args = [join(projectRoot, 'dist', 'cli.js'), 'scan', ...paths, '--format', 'json', '--output', reportPath, '--fail-on', 'none', '--quiet'];
  if (jobs !== undefined) args.push('--jobs', String(jobs));
  const result = measure(process.execPath, args, { cwd: treeRoot, env: { ...process.env, CI: 'true' } });
  return { ...result, tool: jobs === undefined ? 'pim-migrate' : `pim-migrate --jobs ${jobs}`, files: new Set(), lines: new Set() };
}

/** `rg -i -l -F` with every prefilter signature as a fixed string. */
export function runRipgrep(treeRoot: string, paths: string[], signatures: readonly string[]): ToolRun {
  const args = ['-i', '-l', '-F', '--no-messages', ...signatures.flatMap((word) => ['-e', word]), ...paths];
  const result = measure('rg', args, { cwd: treeRoot });
  const files = new Set(result.stdout.split('\n').filter((line) => line.length > 0));
  return { ...result, tool: 'ripgrep', files, lines: new Set() };
}

/** ast-grep kinds of string literals, for the languages it parses that the tree holds. */
const AST_GREP_STRING_KINDS: Record<string, string[]> = {
  TypeScript: ['string', 'template_string'],
  JavaScript: ['string', 'template_string'],
  Python: ['string'],
  Go: ['interpreted_string_literal', 'raw_string_literal'],
  CSharp: ['string_literal', 'verbatim_string_literal'],
  Json: ['string'],
};

/**
 * `ast-grep scan` with one rule per language: a string literal whose text matches any signature,
 * ignoring case. This is the closest ast-grep equivalent of the prefilter plus the extractors'
 * string search. PowerShell and Markdown have no ast-grep grammar, so their plants are not found.
 */
export function runAstGrep(projectRoot: string, treeRoot: string, paths: string[], signatures: readonly string[]): ToolRun {
  const pattern = `(?i)${signatures.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')}`;
  const rules = Object.entries(AST_GREP_STRING_KINDS)
    .map(([language, kinds]) => [`id: pim-${language.toLowerCase()}`, `language: ${language}`, 'rule:', `  regex: '${pattern}'`, `  any: [${kinds.map((kind) => `{ kind: ${kind} }`).join(', ')}]`].join('\n'))
    .join('\n---\n');
  const binary = join(projectRoot, 'node_modules', '.bin', 'ast-grep');
  const result = measure(binary, ['scan', '--inline-rules', rules, '--json=stream', ...paths], { cwd: treeRoot });
  const files = new Set<string>();
  const lines = new Set<string>();
  for (const line of result.stdout.split('\n')) {
    if (!line.trim()) continue;
    const match = JSON.parse(line) as { file: string; range: { start: { line: number } } };
    files.add(match.file);
    lines.add(`${match.file}:${match.range.start.line + 1}`);
  }
  return { ...result, tool: 'ast-grep', files, lines };
}
