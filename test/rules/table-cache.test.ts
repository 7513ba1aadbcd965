import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILTIN_RULES_DIR, loadRuleTable } from '../../src/rules/load.js';
import { CACHE_DIR_VARIABLE } from '../../src/rules/table-cache.js';
import { writeProject } from '../helpers/temp-project.js';
import { ruleFile } from '../helpers/rule-file.js';

const support = Object.fromEntries(['hosts.yaml', 'cmdlet-families.yaml', 'sdk-chains.yaml'].map((name) => [name, readFileSync(join(BUILTIN_RULES_DIR, name), 'utf8')]));


let cacheDir = '';
let cleanups: (() => void)[] = [];
const savedVariable = process.env[CACHE_DIR_VARIABLE];

beforeEach(() => {
  cacheDir = mkdtempSync(join(tmpdir(), 'pim-rule-cache-'));
  process.env[CACHE_DIR_VARIABLE] = cacheDir;
  cleanups = [() => rmSync(cacheDir, { recursive: true, force: true })];
});

afterEach(() => {
  for (const cleanup of cleanups) cleanup();
  if (savedVariable === undefined) delete process.env[CACHE_DIR_VARIABLE];
  else process.env[CACHE_DIR_VARIABLE] = savedVariable;
});

function rulesFolder(files: Record<string, string>): string {
  const project = writeProject({ ...support, ...files });
  cleanups.push(project.cleanup);
  return project.root;
}

function entryFile(): string {
  const entries = readdirSync(cacheDir).filter((name) => name.endsWith('.json'));
  expect(entries).toHaveLength(1);
  return join(cacheDir, entries[0]!);
}

describe('rule table cache', () => {
  it('returns the same table from the cache', () => {
    const dir = rulesFolder({ 'a.yaml': ruleFile('pim2-cache-a', 'First') });
    const validated = loadRuleTable(dir);
    const cached = loadRuleTable(dir);
    expect(cached.rules).toEqual(validated.rules);
    expect(cached.hosts).toEqual(validated.hosts);
    expect(cached.sdks).toEqual(validated.sdks);
    expect(cached.cmdletFamilies).toEqual(validated.cmdletFamilies);
    expect([...cached.sources]).toEqual([...validated.sources]);
  });

  it('reads the entry instead of the YAML', () => {
    const dir = rulesFolder({ 'a.yaml': ruleFile('pim2-cache-a', 'First') });
    loadRuleTable(dir);
    // An entry edited in place keeps its key, so the next load must return the edited title.
    const file = entryFile();
    const entry = JSON.parse(readFileSync(file, 'utf8'));
    entry.table.rules[0].title = 'From the cache';
    entry.digest = createHash('sha256').update(JSON.stringify(entry.table)).digest('hex');
    writeFileSync(file, JSON.stringify(entry));
    expect(loadRuleTable(dir).rules[0]?.title).toBe('From the cache');
  });

  it('validates again when an entry changed after it was written', () => {
    const dir = rulesFolder({ 'a.yaml': ruleFile('pim2-cache-a', 'First') });
    loadRuleTable(dir);
    const file = entryFile();
    writeFileSync(file, readFileSync(file, 'utf8').replace('"First"', '"Tampered"'));
    expect(loadRuleTable(dir).rules[0]?.title).toBe('First');
  });

  it('loads when the cache folder is a file', () => {
    const file = join(cacheDir, 'a-file');
    writeFileSync(file, 'x');
    process.env[CACHE_DIR_VARIABLE] = file;
    const dir = rulesFolder({ 'a.yaml': ruleFile('pim2-cache-a', 'First') });
    expect(loadRuleTable(dir).rules[0]?.title).toBe('First');
  });

  it('validates a changed rule file again', () => {
    const dir = rulesFolder({ 'a.yaml': ruleFile('pim2-cache-a', 'First') });
    loadRuleTable(dir);
    writeFileSync(join(dir, 'a.yaml'), ruleFile('pim2-cache-a', 'Second'));
    expect(loadRuleTable(dir).rules[0]?.title).toBe('Second');
    writeFileSync(join(dir, 'a.yaml'), ruleFile('pim2-cache-a', 'Third').replace('fix: manual', 'fix: sometimes'));
    expect(() => loadRuleTable(dir)).toThrow(/a\.yaml/);
  });

  it('validates an added rule file', () => {
    const dir = rulesFolder({ 'a.yaml': ruleFile('pim2-cache-a', 'First') });
    loadRuleTable(dir);
    writeFileSync(join(dir, 'b.yaml'), ruleFile('pim2-cache-a', 'Duplicate'));
    expect(() => loadRuleTable(dir)).toThrow(/duplicate rule id "pim2-cache-a"/);
  });

  it('ignores a corrupt entry', () => {
    const dir = rulesFolder({ 'a.yaml': ruleFile('pim2-cache-a', 'First') });
    loadRuleTable(dir);
    writeFileSync(entryFile(), '{"format": 1, "key": ');
    expect(loadRuleTable(dir).rules[0]?.title).toBe('First');
    expect(JSON.parse(readFileSync(entryFile(), 'utf8')).table.rules[0].title).toBe('First');
  });

  it.skipIf(process.getuid?.() === 0)('loads when the cache folder is read-only', () => {
    const dir = rulesFolder({ 'a.yaml': ruleFile('pim2-cache-a', 'First') });
    chmodSync(cacheDir, 0o500);
    cleanups.unshift(() => chmodSync(cacheDir, 0o700));
    expect(loadRuleTable(dir).rules[0]?.title).toBe('First');
    expect(readdirSync(cacheDir)).toEqual([]);
  });

  it('creates a missing cache folder', () => {
    process.env[CACHE_DIR_VARIABLE] = join(cacheDir, 'missing', 'folder');
    const dir = rulesFolder({ 'a.yaml': ruleFile('pim2-cache-a', 'First') });
    expect(loadRuleTable(dir).rules[0]?.title).toBe('First');
    expect(readdirSync(join(cacheDir, 'missing', 'folder'))).toHaveLength(1);
  });

  it('keeps at most 16 entries', () => {
    const folders = Array.from({ length: 18 }, (_, index) => rulesFolder({ 'a.yaml': ruleFile(`pim2-cache-${index}`, `Rule ${index}`) }));
    for (const dir of folders) loadRuleTable(dir);

    expect(readdirSync(cacheDir).filter((name) => name.endsWith('.json'))).toHaveLength(16);
    // The entry written last is one of those kept.
    const kept = readdirSync(cacheDir).filter((name) => name.endsWith('.json')).map((name) => join(cacheDir, name));
    expect(kept.some((file) => readFileSync(file, 'utf8').includes('"Rule 17"'))).toBe(true);
  });

  it('writes nothing when turned off', () => {
    process.env[CACHE_DIR_VARIABLE] = 'none';
    const dir = rulesFolder({ 'a.yaml': ruleFile('pim2-cache-a', 'First') });
    loadRuleTable(dir);
    expect(readdirSync(cacheDir)).toEqual([]);
  });
});
