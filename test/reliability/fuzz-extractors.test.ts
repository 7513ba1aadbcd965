import { describe, expect, it } from 'vitest';
import { defaultExtractors } from '../../src/extract/default-extractors.js';
import type { ExtractInput } from '../../src/extract/extractor.js';
import type { UrlPart } from '../../src/model/call-site.js';
import { UrlNormalizer } from '../../src/match/normalize-url.js';
import { loadRuleTable } from '../../src/rules/load.js';
import { seededRandom } from '../../bench/random.js';

// Iterations per extractor; `PIM_MIGRATE_FUZZ_ITERATIONS=5000` runs a longer campaign.
const ITERATIONS = Number(process.env.PIM_MIGRATE_FUZZ_ITERATIONS ?? 15);
const SEED = 0x5eed_1234;


const OLD = 'https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleAssignmentRequests';

/** Small valid snippets per language id, each with an old call. */
const SNIPPETS: Record<string, string> = {
  typescript: `const r = await client.api('/privilegedAccess/aadRoles/roleAssignmentRequests').version('beta').post({ type: 'AdminAdd', assignmentState: 'Eligible' });\nfetch(\`${OLD}/\${id}\`, { method: 'POST' });`,
  javascript: `fetch('${OLD}', { method: 'POST', body: JSON.stringify({ type: "AdminAdd" }) });`,
  powershell: `Get-AzureADMSPrivilegedRoleAssignment -ProviderId aadRoles -ResourceId $tenant\nInvoke-RestMethod -Uri "${OLD}" -Method Post -Body @{ type = 'AdminAdd' }`,
  python: `requests.post("${OLD}", json={"type": "AdminAdd"})\nclient.privileged_access.by_privileged_access_id("aadRoles").role_assignment_requests.post(body)`,
  shell: `curl -X POST "${OLD}" -d '{"type":"AdminAdd"}'`,
  csharp: `var r = await http.PostAsync("${OLD}", content);\nawait graph.PrivilegedAccess["aadRoles"].RoleAssignmentRequests.PostAsync(body);`,
  go: `resp, err := http.Post("${OLD}", "application/json", body)`,
  java: `HttpRequest.newBuilder(URI.create("${OLD}")).POST(body).build();`,
  php: `<?php $r = $client->post('${OLD}', ['json' => ['type' => 'AdminAdd']]);`,
  rust: `let r = client.post("${OLD}").json(&body).send().await?;`,
  markdown: `# Notes\n\n\`\`\`powershell\nGet-AzureADMSPrivilegedRoleAssignment -ProviderId aadRoles\n\`\`\`\n\nPOST ${OLD}\n`,
  http: `POST ${OLD}\nContent-Type: application/json\n\n{"type": "AdminAdd"}\n`,
  json: `{"url": "${OLD}", "method": "POST", "body": {"type": "AdminAdd"}}`,
  yaml: `steps:\n  - pwsh: |\n      Invoke-RestMethod -Uri "${OLD}" -Method Post\n  - script: curl "${OLD}"\n`,
  terraform: `data "http" "pim" {\n  url = "${OLD}"\n  method = "POST"\n}\nresource "msgraph_resource" "x" {\n  url = "privilegedAccess/aadRoles/roleAssignmentRequests"\n}\n`,
  text: `POST ${OLD}\nGET /beta/privilegedRoles`,
};

const NASTY = ['"', "'", '`', '(', ')', '{', '}', '[', ']', '<', '>', '\\', '$', '@', '#', '\n', '\r', '\u0000', '\u2028', '\uD800', '😀', '${', '*/', '/*', '<#', '#>', '"""', '@"', '|', '%'];

function mutate(text: string, random: () => number): string {
  const pick = (limit: number): number => Math.floor(random() * limit);
  let output = text;
  const steps = 1 + pick(4);
  for (let step = 0; step < steps; step++) {
    const at = pick(output.length + 1);
    switch (pick(7)) {
      case 0:
        output = output.slice(0, at) + NASTY[pick(NASTY.length)] + output.slice(at);
        break;
      case 1:
        output = output.slice(0, at) + output.slice(at + 1 + pick(20));
        break;
      case 2: {
        const end = at + pick(40);
        output = output.slice(0, end) + output.slice(at, end) + output.slice(end);
        break;
      }
      case 3: {
        const other = pick(output.length + 1);
        const [a, b] = at < other ? [at, other] : [other, at];
        output = output.slice(0, a) + output.slice(b) + output.slice(a, b);
        break;
      }
      case 4:
        // Unbalance quotes and brackets: drop every one of a kind after `at`.
        output = output.slice(0, at) + output.slice(at).replaceAll(NASTY[pick(8)]!, '');
        break;
      case 5:
        // Huge repeat, about 20,000 characters, to catch quadratic or recursive paths.
        output = output.slice(0, at) + NASTY[pick(NASTY.length)]!.repeat(2_000 + pick(18_000)) + output.slice(at);
        break;
      default:
        output = Array.from({ length: pick(300) }, () => String.fromCharCode(pick(0x3000))).join('') + output;
    }
  }
  return output;
}

function inputFor(language: string, text: string, signatures: readonly string[]): ExtractInput {
  return {
    path: `/fuzz/file.${language}`,
    relativePath: `file.${language}`,
    text,
    language,
    candidates: [],
    root: '/fuzz',
    signatures,
    extractEmbedded: async () => [],
  };
}

describe('extractor fuzzing', () => {
  const signatures = ['privilegedaccess', 'privilegedroles', 'roleassignmentrequests', 'azureadmsprivileged'];

  // Python first: some malformed inputs abort the shared web-tree-sitter instance, and the
  // extractors that run after it prove that the parser restarts a fresh one.
  const extractors = defaultExtractors().sort((a, b) => Number(b.id === 'python') - Number(a.id === 'python'));

  for (const extractor of extractors) {
    it(`${extractor.id} survives mutated input`, async () => {
      const random = seededRandom(SEED ^ extractor.id.length);
      const failures: string[] = [];
      for (const language of extractor.languages) {
        const seedText = SNIPPETS[language] ?? SNIPPETS.text!;
        for (let iteration = 0; iteration < ITERATIONS; iteration++) {
          const text = mutate(seedText, random);
          try {
            const sites = await extractor.extract(inputFor(language, text, signatures));
            expect(Array.isArray(sites)).toBe(true);
          } catch (error) {
            // A stack overflow in a recursive parser is passed on on purpose: the file analyser
            // lists the file as skipped (see the deep-nesting rows of the bad-input tests).
            if (error instanceof RangeError && /call stack/i.test(error.message)) {
              continue;
            }
            failures.push(`${language} iteration ${iteration}: ${(error as Error).stack?.split('\n').slice(0, 3).join(' ')}\ninput: ${JSON.stringify(text.slice(0, 300))}`);
          }
        }
      }
      extractor.reset?.();
      expect(failures, failures.join('\n\n')).toEqual([]);
    }, 60_000);
  }
});

describe('URL normalizer fuzzing', () => {
  it('normalizes random parts without throwing', () => {
    const table = loadRuleTable();
    const normalizer = new UrlNormalizer(table.hosts);
    const random = seededRandom(SEED);
    const pieces = [OLD, 'https://', 'graph.microsoft.us', '/beta', '/v1.0', '/api/v2', 'privilegedAccess', '/aadRoles', '?$filter=', "subjectId eq '", '%', '%2', '%zz', '%E0%A4', '#', '//', '..', '\u0000', ' ', '+', '&', '=', '😀', '\uDC00'];
    const failures: string[] = [];

    for (let iteration = 0; iteration < ITERATIONS * 25; iteration++) {
      const parts: UrlPart[] = Array.from({ length: 1 + Math.floor(random() * 6) }, () => {
        if (random() < 0.25) return { kind: 'dynamic', name: 'x', offset: Math.floor(random() * 100) };
        const text = mutate(pieces[Math.floor(random() * pieces.length)]!, random).slice(0, 2_000);
        return random() < 0.5 ? { kind: 'literal', text } : { kind: 'literal', text, offset: Math.floor(random() * 1000) };
      });
      try {
        normalizer.normalize(parts);
      } catch (error) {
        failures.push(`iteration ${iteration}: ${(error as Error).message} parts ${JSON.stringify(parts).slice(0, 300)}`);
      }
    }
    expect(failures, failures.join('\n')).toEqual([]);
  });
});
