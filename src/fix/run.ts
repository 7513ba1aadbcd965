import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeText, SNIFF_BYTES, utf16WithoutBom } from '../discover/decode.js';
import type { Finding } from '../model/finding.js';
import type { RuleTable } from '../rules/load.js';
import { applyEdits, encodingOf, type FileEncoding } from './apply.js';
import { annotationEdits } from './annotate.js';
import { annotationLineCheck, type LineStartCheck } from './annotate-context.js';
import { isRefusal, overlaps, type Edit, type FixAttempt, type FixOutcome } from './edits.js';
import { planFinding, tierAllowed, type FixPlan, type FixTierOption } from './plan.js';
import { fixPowerShellCmdlet } from './powershell/fix.js';
import { requiresEdits } from './powershell/requires.js';
import { fixPowerShellRestRequest } from './powershell/rest-request.js';
import { parseScript, type PowerShellScript } from './powershell/script.js';
import { needsBodyChange } from './request-shape.js';
import { fixTypeScript } from './typescript/fix.js';
import { parseSource } from './typescript/locate.js';
import { fixUrlLiteral } from './url-literal.js';

export interface FixOptions {
  tier: FixTierOption;
  annotate: boolean;
}

/** The fix of one file: its old and new text and what happened to each finding. */
export interface FileFix {
  relativePath: string;
  path: string;
  before: string;
  after: string;
  encoding: FileEncoding;
  outcomes: FixOutcome[];
}

/**
 * Computes the fix of every file with findings. Nothing is written here. A finding whose
 * edits overlap an earlier finding's is left whole, so a call is migrated whole or not at all.
 */
export async function computeFixes(root: string, findings: readonly Finding[], table: RuleTable, options: FixOptions): Promise<FileFix[]> {
  const byFile = new Map<string, Finding[]>();
  for (const finding of findings) {
    if (finding.suppression) {
      continue;
    }
    byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding]);
  }
  const fixes: FileFix[] = [];
  for (const [relativePath, fileFindings] of byFile) {
    fixes.push(await fixFile(root, relativePath, fileFindings, table, options));
  }
  return fixes;
}

async function fixFile(root: string, relativePath: string, findings: Finding[], table: RuleTable, options: FixOptions): Promise<FileFix> {
  const path = join(root, relativePath);
  const bytes = readFileSync(path);
  const decoded = decodeText(bytes);
  const leaveAll = (reason: string, text = ''): FileFix => ({
    relativePath,
    path,
    before: text,
    after: text,
    encoding: encodingOf(bytes, false),
    outcomes: findings.map((finding) => ({ finding, status: 'left', reason, edits: [] })),
  });
  if ('skip' in decoded) {
    return leaveAll(`the file is not text the fixer can rewrite (${decoded.skip})`);
  }
  const sniff = bytes.subarray(0, SNIFF_BYTES);
  const utf16 = (bytes.length >= 2 && (bytes[0] === 0xff || bytes[0] === 0xfe) && (bytes[1] === 0xfe || bytes[1] === 0xff)) || (sniff.includes(0) && utf16WithoutBom(sniff) !== undefined);
  // After this check the only decoding warning left is the Latin-1 fallback.
  if (utf16) {
    return leaveAll('the file is UTF-16, which the fixer does not write; change it by hand', decoded.text);
  }
  const text = decoded.text;
  const encoding = encodingOf(bytes, decoded.warning !== undefined);
  let source: ReturnType<typeof parseSource> | undefined;
  // Parsing PowerShell is asynchronous (tree-sitter in wasm), so the script is parsed up front.
  const script = findings.some((finding) => finding.language === 'powershell') ? await parseScript(text).catch(() => undefined) : undefined;
  try {
    const allowed = options.annotate ? await annotationLineCheck(relativePath, text) : undefined;
    return fixParsedFile(relativePath, path, text, encoding, findings, table, options, () => (source ??= parseSource(path, text)), script, allowed);
  } finally {
    script?.dispose();
  }
}

function fixParsedFile(
  relativePath: string,
  path: string,
  text: string,
  encoding: FileEncoding,
  findings: Finding[],
  table: RuleTable,
  options: FixOptions,
  source: () => ReturnType<typeof parseSource>,
  script: PowerShellScript | undefined,
  annotationAllowed: LineStartCheck | undefined,
): FileFix {
  const lineStarts = lineStartOffsets(text);

  const outcomes: FixOutcome[] = [];
  const accepted: Edit[] = [];
  for (const finding of findings) {
    const planned = planFinding(finding, table);
    if ('reason' in planned) {
      outcomes.push({ finding, status: 'left', reason: planned.reason, edits: [] });
      continue;
    }
    const plan = planned.plan;
    const offset = lineStarts[finding.line - 1]! + finding.column - 1;
    const attempt = attemptFix(plan, relativePath, text, offset, source, script);
    if (isRefusal(attempt)) {
      outcomes.push({ finding, status: 'left', reason: attempt.reason, edits: [] });
      continue;
    }
    // The fixer may lower a safe plan to a suggestion; the plan's own reason comes first.
    const review = plan.review ?? attempt.review;
    const tier = review === undefined ? plan.tier : 'suggestion';
    if (!tierAllowed(tier, options.tier)) {
      outcomes.push({ finding, status: 'suggested', tier, reason: `a ${tier} fix exists; rerun with --tier suggestion to apply it`, review, edits: attempt.edits });
      continue;
    }
    if (attempt.edits.some((edit) => accepted.some((other) => overlaps(edit, other) && !sameEdit(edit, other)))) {
      outcomes.push({ finding, status: 'left', reason: 'its edits overlap another fixed call in the same statement; migrate it by hand', edits: [] });
      continue;
    }
    const fresh = attempt.edits.filter((edit) => !accepted.some((other) => sameEdit(edit, other)));
    accepted.push(...fresh);
    outcomes.push({ finding, status: 'fixed', tier, review, edits: attempt.edits });
  }
  if (script) {
    const requires = requiresEdits(text, outcomes);
    accepted.push(...requires.filter((edit) => !accepted.some((other) => overlaps(edit, other))));
  }
  const annotations = annotationAllowed ? annotationEdits(text, relativePath, outcomes.filter((outcome) => outcome.status !== 'fixed'), annotationAllowed) : [];
  return { relativePath, path, before: text, after: applyEdits(text, [...accepted, ...annotations]), encoding, outcomes };
}

/**
 * Chooses the language fixer. TypeScript, JavaScript, PowerShell cmdlets and PowerShell REST calls
 * with a request body have their own, and other files get the literal URL fixer.
 */
function attemptFix(plan: FixPlan, relativePath: string, text: string, offset: number, source: () => ReturnType<typeof parseSource>, script: PowerShellScript | undefined): FixAttempt {
  const language = plan.finding.language;
  if (language === 'typescript' || language === 'javascript') {
    if (/\.(vue|svelte|html?|md)$/i.test(relativePath)) {
      return { reason: 'the script is embedded in another file type, which the fixer does not rewrite; change it by hand' };
    }
    return fixTypeScript(source(), offset, plan);
  }
  if (language === 'powershell' && plan.finding.family.startsWith('cmdlet-')) {
    return script ? fixPowerShellCmdlet(script, offset, plan) : { reason: 'the PowerShell parser could not read the script; change the call by hand' };
  }
  if (plan.finding.family.startsWith('cmdlet-') || plan.finding.family === 'sdk-graph-beta') {
    const cmdlet = plan.replacement.cmdlet;
    return {
      reason: cmdlet
        ? `replace the cmdlet with ${cmdlet} and build its -BodyParameter from the old parameters by hand (cmdlet rewriting is not implemented yet)`
        : 'SDK request chains are not rewritten; call the replacement URL with the v1.0 client by hand',
    };
  }
  if (language === 'powershell' && script && needsBodyChange(plan)) {
    // A REST call whose body changes is rewritten whole (URL and body) or left.
    return fixPowerShellRestRequest(script, offset, plan);
  }
  return fixUrlLiteral(text, offset, plan);
}

function sameEdit(a: Edit, b: Edit): boolean {
  return a.start === b.start && a.end === b.end && a.text === b.text;
}

function lineStartOffsets(text: string): number[] {
  const starts = [0];
  for (let index = 0; index < text.length; index += 1) {
    if (text.charCodeAt(index) === 10) {
      starts.push(index + 1);
    }
  }
  return starts;
}
