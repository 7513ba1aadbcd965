import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import type { z } from 'zod';
import { ruleFileError } from '../errors.js';
import { readCachedTable, tableCacheKey, writeCachedTable } from './table-cache.js';
import { cmdletFamiliesFileSchema, hostsFileSchema, ruleFileSchema, sdkFileSchema, type CmdletFamily, type HostsFile, type Rule, type SdkFile } from './schema.js';

/** The folder of built-in rules: `rules/` at the package root, beside `dist/` and `src/`. */
export const BUILTIN_RULES_DIR = fileURLToPath(new URL('../../rules/', import.meta.url));

export interface RuleTable {
  rules: Rule[];
  hosts: HostsFile;
  cmdletFamilies: CmdletFamily[];
  sdks: SdkFile;
  /** File each rule came from, relative to its rules folder, for messages. */
  sources: Map<string, string>;
}

/**
 * Parse one YAML file with the core schema (no custom tags, so a file cannot construct
 * objects) and validate it. Errors name the file, line and key.
 */
export function parseYamlFile<T>(path: string, text: string, schema: z.ZodType<T>, displayPath = path): T {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, schema: 'core', prettyErrors: false, uniqueKeys: true });

  // An unknown tag (`!!js/function`, say) is only a warning to the YAML parser; here it is an
  // error, so that no rule or config file can ask for anything but plain data.
  const syntaxError = doc.errors[0] ?? doc.warnings.find((warning) => warning.code === 'TAG_RESOLVE_FAILED');
  if (syntaxError) {
    const pos = lineCounter.linePos(syntaxError.pos[0]);
    throw ruleFileError(displayPath, pos.line, pos.col, `invalid YAML: ${syntaxError.message.split('\n')[0]}`, 'Fix the YAML syntax at that line.');
  }

  const result = schema.safeParse(doc.toJS({ maxAliasCount: 100 }));
  if (result.success) {
    return result.data;
  }

  // An unknown key is the likeliest typo, so it is reported before the faults it causes.
  const issue = result.error.issues.find((candidate) => candidate.code === 'unrecognized_keys') ?? result.error.issues[0]!;
  const issuePath = issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key));
  // An unknown key is reported at the key itself; any other fault at the value it concerns.
  const unknownKey = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
  const nodePath = unknownKey === undefined ? issuePath : [...issuePath, unknownKey];
  const pos = locate(doc, nodePath, lineCounter, unknownKey !== undefined);
  const where = nodePath.length > 0 ? ` at "${nodePath.join('.')}"` : '';
  const message = unknownKey !== undefined ? `unknown key "${unknownKey}"${where}` : `${issue.message}${where}`;
  const help =
    unknownKey !== undefined
      ? 'Remove the key or correct its spelling; the README section "Rules" lists the fields of a rule.'
      : 'Correct the value; the README section "Rules" lists the fields of a rule.';
  throw ruleFileError(displayPath, pos.line, pos.col, message, help);
}

/** Find the line of the deepest node on `path` that exists. */
function locate(doc: Document, path: (string | number)[], lineCounter: LineCounter, atKey: boolean): { line: number; col: number } {
  for (let depth = path.length; depth >= 0; depth--) {
    const prefix = path.slice(0, depth);
    if (atKey && depth === path.length) {
      const parent = doc.getIn(prefix.slice(0, -1), true);
      const pair = isNode(parent) && 'items' in parent ? (parent.items as { key: unknown }[]).find((item) => keyName(item.key) === prefix.at(-1)) : undefined;
      const key = pair?.key;
      if (isNode(key) && key.range) {
        return lineCounter.linePos(key.range[0]);
      }
      continue;
    }
    const node = depth === 0 ? doc.contents : doc.getIn(prefix, true);
    if (isNode(node) && node.range) {
      return lineCounter.linePos(node.range[0]);
    }
  }
  return { line: 1, col: 1 };
}

function keyName(key: unknown): unknown {
  return isNode(key) && 'value' in key ? (key as { value: unknown }).value : key;
}

/**
 * Load every `*.yaml` rule file under `dir` (recursively) and the `hosts.yaml` beside them. A
 * table validated before from the same file texts comes from the cache (`table-cache.ts`).
 */
export function loadRuleTable(dir: string = BUILTIN_RULES_DIR, extraRuleFiles: string[] = []): RuleTable {
  const supportPaths = [HOSTS_FILE, CMDLET_FAMILIES_FILE, SDK_FILE].map((name) => join(dir, name));
  const supportTexts = supportPaths.map((path) => readSupportFile(path));
  const supportFiles = new Set(supportPaths);
  const ruleFiles = [...listYamlFiles(dir).filter((file) => !supportFiles.has(file)), ...extraRuleFiles];
  const ruleTexts = ruleFiles.map((file) => readFileSync(file, 'utf8'));

  const inputs = [...supportPaths, ...ruleFiles].map((path, index) => ({ path, text: index < supportPaths.length ? supportTexts[index]! : ruleTexts[index - supportPaths.length]! }));
  const key = tableCacheKey(inputs);
  const cached = key === undefined ? undefined : readCachedTable(dir, key);
  if (cached) {
    const sources = new Map(cached.sources.map(([id, file]) => [id, displayPath(file)] as const));
    return { rules: cached.rules, hosts: cached.hosts, cmdletFamilies: cached.cmdletFamilies, sdks: cached.sdks, sources };
  }

  const [hostsPath, familiesPath, sdkPath] = supportPaths as [string, string, string];
  const hosts = parseYamlFile(hostsPath, supportTexts[0]!, hostsFileSchema, displayPath(hostsPath));
  const cmdletFamilies = parseYamlFile(familiesPath, supportTexts[1]!, cmdletFamiliesFileSchema, displayPath(familiesPath)).families;
  const sdks = parseYamlFile(sdkPath, supportTexts[2]!, sdkFileSchema, displayPath(sdkPath));

  const rules: Rule[] = [];
  const sources = new Map<string, string>();
  const sourceFiles: [string, string][] = [];
  ruleFiles.forEach((file, index) => {
    const display = displayPath(file);
    const parsed = parseYamlFile(file, ruleTexts[index]!, ruleFileSchema, display);
    for (const rule of parsed.rules) {
      const earlier = sources.get(rule.id);
      if (earlier) {
        throw ruleFileError(display, 1, 1, `duplicate rule id "${rule.id}" (also in ${earlier})`, 'Give each rule its own id.');
      }
      sources.set(rule.id, display);
      sourceFiles.push([rule.id, file]);
      rules.push(rule);
    }
  });
  if (key !== undefined) {
    writeCachedTable(dir, key, { rules, hosts, cmdletFamilies, sdks, sources: sourceFiles });
  }
  return { rules, hosts, cmdletFamilies, sdks, sources };
}

/** Returns a path as messages show it: relative to the working folder, or absolute when it is that folder. */
function displayPath(path: string): string {
  return relative(process.cwd(), path) || path;
}

/** Files beside the rule files that describe hosts, cmdlet modules and SDK spellings. */
const HOSTS_FILE = 'hosts.yaml';
const CMDLET_FAMILIES_FILE = 'cmdlet-families.yaml';
const SDK_FILE = 'sdk-chains.yaml';

function readSupportFile(path: string): string {
  if (!existsSync(path)) {
    const name = basename(path);
    throw ruleFileError(displayPath(path), 1, 1, `missing ${name}`, `A rules folder needs ${name} beside its rule files; copy the built-in rules/${name} and edit it.`);
  }
  return readFileSync(path, 'utf8');
}

function listYamlFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      found.push(...listYamlFiles(path));
    } else if (entry.isFile() && /\.ya?ml$/.test(entry.name)) {
      found.push(path);
    }
  }
  return found;
}
