import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRuleTable } from '../../src/rules/load.js';
import { scan } from '../../src/scan.js';
import type { Finding } from '../../src/model/finding.js';
import { EXTENSION_BY_LANGUAGE, writeProject } from '../helpers/temp-project.js';

// Every rule owns its snippets in its YAML entry. All snippets are written as files of one
// temporary project and scanned once; each test then reads the findings of its own file.
const table = loadRuleTable();
const files: Record<string, string> = {};
const snippetFile = (ruleId: string, kind: string, index: number, language: string): string =>
  `${ruleId}/${kind}-${index}${EXTENSION_BY_LANGUAGE[language] ?? '.txt'}`;

for (const rule of table.rules) {
  rule.tests.match.forEach((snippet, index) => {
    files[snippetFile(rule.id, 'match', index, snippet.language)] = snippet.code;
  });
  rule.tests.noMatch.forEach((snippet, index) => {
    files[snippetFile(rule.id, 'no-match', index, snippet.language)] = snippet.code;
  });
}

let findingsByFile = new Map<string, Finding[]>();
let cleanup = (): void => {};

beforeAll(async () => {
  const project = writeProject(files);
  cleanup = project.cleanup;
  const result = await scan({ paths: [project.root] }, { table });
  findingsByFile = new Map();
  for (const finding of result.findings) {
    findingsByFile.set(finding.file, [...(findingsByFile.get(finding.file) ?? []), finding]);
  }
});

afterAll(() => cleanup());

for (const rule of table.rules) {
  describe(rule.id, () => {
    rule.tests.match.forEach((snippet, index) => {
      it(`matches snippet ${index + 1} (${snippet.language})`, () => {
        const file = snippetFile(rule.id, 'match', index, snippet.language);
        const findings = (findingsByFile.get(file) ?? []).filter((finding) => finding.ruleId === rule.id);
        expect(findings, `no ${rule.id} finding in:\n${snippet.code}\nother findings: ${JSON.stringify(findingsByFile.get(file)?.map((f) => f.ruleId))}`).not.toHaveLength(0);
        if (snippet.findings !== undefined) {
          expect(findings, `expected ${snippet.findings} ${rule.id} findings in:\n${snippet.code}`).toHaveLength(snippet.findings);
        }
        const finding = findings[0]!;
        if (snippet.replacement !== undefined) {
          expect(finding.replacements.map((replacement) => replacement.path)).toContain(snippet.replacement);
        }
        if (snippet.exact !== undefined) {
          expect(finding.exact).toBe(snippet.exact);
        }
        if (snippet.provider !== undefined) {
          expect(finding.provider).toBe(snippet.provider);
        }
        if (snippet.method !== undefined) {
          expect(finding.operation.method).toBe(snippet.method);
        }
      });
    });
    rule.tests.noMatch.forEach((snippet, index) => {
      it(`does not match snippet ${index + 1} (${snippet.language})`, () => {
        const file = snippetFile(rule.id, 'no-match', index, snippet.language);
        const findings = (findingsByFile.get(file) ?? []).filter((finding) => finding.ruleId === rule.id);
        expect(findings, `unexpected ${rule.id} finding in:\n${snippet.code}`).toHaveLength(0);
      });
    });
  });
}
