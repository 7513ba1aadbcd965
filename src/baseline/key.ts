import type { Finding } from '../model/finding.js';
import type { BaselineEntry } from './format.js';

/** Collapses whitespace runs, so re-indenting or re-wrapping a call keeps its baseline entry. */
export function normaliseMatchedText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function contentKey(ruleId: string, file: string, text: string): string {
  return JSON.stringify([ruleId, file, text]);
}

/** Returns the baseline entry of each finding, in the order given, numbering duplicates in file order. */
export function baselineEntries(findings: readonly Finding[]): BaselineEntry[] {
  const ordered = findings
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => a.finding.line - b.finding.line || a.finding.column - b.finding.column || a.index - b.index);
  const seen = new Map<string, number>();
  const entries: BaselineEntry[] = new Array(findings.length);
  for (const { finding, index } of ordered) {
    const text = normaliseMatchedText(finding.matchedText);
    const key = contentKey(finding.ruleId, finding.file, text);
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    entries[index] = { ruleId: finding.ruleId, file: finding.file, text, occurrence };
  }
  return entries;
}

export function entryKey(entry: BaselineEntry): string {
  return `${contentKey(entry.ruleId, entry.file, entry.text)}#${entry.occurrence}`;
}
