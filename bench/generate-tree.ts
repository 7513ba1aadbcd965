import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LANGUAGES, type LanguageSpec } from './languages.js';
import { integerBetween, pick, seededRandom } from './random.js';

/** A planted old call: the file (relative to the tree root) and the 1-based line a finding must name. */
export interface Plant {
  file: string;
  line: number;
}

/** One top-level folder of the tree; a scan of N files covers the first parts. */
export interface GeneratedPart {
  folder: string;
  files: number;
  bytes: number;
  plants: Plant[];
}

/** One planted use in this many files, on average. */
const PLANT_EVERY = 500;
/** File kinds by weight: the languages, one-line bundles and binaries. */
const BUNDLE_WEIGHT = 1;
const BINARY_WEIGHT = 4;
/** Ordinary text files are 1 to 30 KiB, log-uniform; bundles 100 to 600 KiB; binaries 4 to 64 KiB. */
const TEXT_BYTES = [1024, 30 * 1024] as const;
const BUNDLE_BYTES = [100 * 1024, 600 * 1024] as const;
const BINARY_BYTES = [4 * 1024, 64 * 1024] as const;

type Kind = { type: 'text'; language: LanguageSpec } | { type: 'bundle' } | { type: 'binary' };

const KINDS: { kind: Kind; weight: number }[] = [
  ...Object.values(LANGUAGES).map((language) => ({ kind: { type: 'text', language } as Kind, weight: language.weight })),
  { kind: { type: 'bundle' }, weight: BUNDLE_WEIGHT },
  { kind: { type: 'binary' }, weight: BINARY_WEIGHT },
];
const TOTAL_WEIGHT = KINDS.reduce((sum, entry) => sum + entry.weight, 0);

function chooseKind(random: () => number): Kind {
  let roll = random() * TOTAL_WEIGHT;
  for (const entry of KINDS) {
    roll -= entry.weight;
    if (roll < 0) return entry.kind;
  }
  return KINDS[0]!.kind;
}

function logUniform(random: () => number, [low, high]: readonly [number, number]): number {
  return Math.round(Math.exp(Math.log(low) + random() * (Math.log(high) - Math.log(low))));
}

/**
 * Writes part `index` of the tree under `root`: `filesPerPart` files in nested package folders.
 * Each part has its own seed, so the first parts of a large tree equal a smaller tree.
 */
export function generatePart(root: string, index: number, filesPerPart: number, seed: number): GeneratedPart {
  const random = seededRandom(seed * 1_000_003 + index);
  const folder = `part-${String(index).padStart(3, '0')}`;
  const part: GeneratedPart = { folder, files: 0, bytes: 0, plants: [] };
  // Every PLANT_EVERY-th file from a random start contains a plant, so the count is exact.
  const plantSlot = integerBetween(random, 0, PLANT_EVERY - 1);
  for (let fileIndex = 0; fileIndex < filesPerPart; fileIndex++) {
    const planted = fileIndex % PLANT_EVERY === plantSlot;
    let kind = chooseKind(random);
    while (planted && kind.type === 'binary') {
      kind = chooseKind(random);
    }
    const folderPath = `${folder}/pkg-${fileIndex % 20}/src/${pick(random, ['api', 'lib', 'jobs', 'docs', 'config'])}`;
    let name: string;
    let content: Buffer;
    let plantLine = 0;
    if (kind.type === 'binary') {
      name = `asset-${fileIndex}${pick(random, ['.png', '.dll', '.bin'])}`;
      content = Buffer.alloc(logUniform(random, BINARY_BYTES));
      for (let i = 0; i < content.length; i++) content[i] = Math.floor(random() * 256);
    } else if (kind.type === 'bundle') {
      name = `vendor-${fileIndex}.bundle.js`;
      content = Buffer.from(bundleText(random, logUniform(random, BUNDLE_BYTES), planted));
      plantLine = 1;
    } else {
      name = `file-${fileIndex}${kind.language.extension}`;
      const text = sourceText(random, kind.language, logUniform(random, TEXT_BYTES), planted);
      content = Buffer.from(text.text);
      plantLine = text.plantLine;
    }
    mkdirSync(join(root, folderPath), { recursive: true });
    writeFileSync(join(root, folderPath, name), content);
    part.files += 1;
    part.bytes += content.length;
    if (planted) {
      part.plants.push({ file: `${folderPath}/${name}`, line: plantLine });
    }
  }
  return part;
}

function sourceText(random: () => number, language: LanguageSpec, bytes: number, planted: boolean): { text: string; plantLine: number } {
  const lines: string[] = [];
  let size = 0;
  while (size < bytes) {
    const line = language.line(random);
    lines.push(line);
    size += line.length + 1;
  }
  let plantLine = 0;
  if (planted) {
    const at = integerBetween(random, 0, lines.length);
    const before = lines.slice(0, at).join('\n');
    const lineCount = (before === '' ? 0 : before.split('\n').length) + (language.document ? 1 : 0);
    lines.splice(at, 0, language.plant(random));
    plantLine = lineCount + 1 + (language.plantLine ?? 0);
  }
  const document = language.document;
  const text = document ? `${document.open}\n${lines.join(`${document.separator}\n`)}\n${document.close}\n` : `${lines.join('\n')}\n`;
  return { text, plantLine };
}

/** A minified one-line bundle; a planted call sits somewhere inside the line. */
function bundleText(random: () => number, bytes: number, planted: boolean): string {
  const pieces: string[] = [];
  let size = 0;
  const plantAt = planted ? integerBetween(random, 0, Math.floor(bytes / 40)) : -1;
  while (size < bytes) {
    if (pieces.length === plantAt) {
      pieces.push('fetch("https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignments").then(function(r){return r.json()});');
    }
    const piece = `function ${String.fromCharCode(97 + integerBetween(random, 0, 25))}${integerBetween(random, 0, 999)}(e,t){return e+t*${integerBetween(random, 0, 99)}}`;
    pieces.push(piece);
    size += piece.length;
  }
  if (planted && plantAt >= pieces.length) {
    pieces.push('fetch("https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignments");');
  }
  return pieces.join(';');
}
