import { integerBetween, pick } from './random.js';

/**
 * Filler code per language, built from words that contain no signature. Some lines say
 * "privileged" or "governance" on their own, so the prefilter must verify its anchor hits.
 */
const WORDS = ['user', 'group', 'item', 'order', 'cache', 'token', 'client', 'report', 'audit', 'config', 'policy', 'tenant', 'session', 'metric', 'invoice', 'record'];
const DECOYS = ['privileged users need review', 'data governance board', 'privileged mode', 'governance policy'];

type Random = () => number;
const name = (random: Random): string => `${pick(random, WORDS)}${pick(random, WORDS)[0]!.toUpperCase()}${pick(random, WORDS).slice(1)}${integerBetween(random, 0, 999)}`;

export interface LanguageSpec {
  extension: string;
  /** Share of the files in the tree, by weight. */
  weight: number;
  /** One filler line (or a few). */
  line(random: Random): string;
  /** A planted iteration 1 or 2 use. */
  plant(random: Random): string;
  /** Line of the plant, counted from its first line (0), that the finding is reported on. */
  plantLine?: number;
  /** For formats with one document (JSON): the first and last line, and what ends every other line. */
  document?: { open: string; separator: string; close: string };
}

export const LANGUAGES: Record<string, LanguageSpec> = {
  typescript: {
    extension: '.ts',
    weight: 22,
    line: (random) => pick(random, [
      `export const ${name(random)} = await fetchJson('/api/v1/${pick(random, WORDS)}s/' + id);`,
      `function ${name(random)}(input: string): number { return input.length * ${integerBetween(random, 1, 99)}; }`,
      `// ${pick(random, DECOYS)}: see ${pick(random, WORDS)} docs`,
      `interface ${name(random)} { id: string; ${pick(random, WORDS)}: number; }`,
      `  if (${name(random)} > ${integerBetween(random, 0, 99)}) { log.info('${pick(random, WORDS)} updated'); }`,
    ]),
    plant: (random) => `export const roles${integerBetween(random, 0, 9999)} = client.api('/privilegedAccess/aadRoles/roleAssignments').version('beta').get();`,
  },
  javascript: {
    extension: '.js',
    weight: 14,
    line: (random) => pick(random, [
      `const ${name(random)} = require('./${pick(random, WORDS)}');`,
      `module.exports.${name(random)} = async (req, res) => res.json({ ok: true, n: ${integerBetween(random, 0, 999)} });`,
      `// ${pick(random, DECOYS)}`,
      `  fetch('https://api.example.com/${pick(random, WORDS)}s').then((r) => r.json());`,
    ]),
    plant: () => "fetch('https://graph.microsoft.com/beta/privilegedRoles', { method: 'GET' });",
  },
  powershell: {
    extension: '.ps1',
    weight: 8,
    line: (random) => pick(random, [
      `$${name(random)} = Get-MgUser -UserId $id -Property ${pick(random, WORDS)}`,
      `# ${pick(random, DECOYS)}`,
      `Write-Host "${pick(random, WORDS)} done: $(${integerBetween(random, 0, 99)})"`,
      `foreach ($item in $${name(random)}) { Set-Item -Path $item.Path -Value ${integerBetween(random, 0, 9)} }`,
    ]),
    plant: () => 'Get-AzureADMSPrivilegedRoleAssignment -ProviderId aadRoles -ResourceId $tenant',
  },
  python: {
    extension: '.py',
    weight: 12,
    line: (random) => pick(random, [
      `${name(random)} = requests.get(f"https://api.example.com/${pick(random, WORDS)}/{item_id}", timeout=10)`,
      `def ${name(random)}(value):\n    return value * ${integerBetween(random, 1, 99)}`,
      `# ${pick(random, DECOYS)}`,
      `logger.info("${pick(random, WORDS)} %s", ${name(random)})`,
    ]),
    plant: () => 'response = requests.get("https://graph.microsoft.com/beta/privilegedAccess/aadGroups/resources", headers=headers)',
  },
  csharp: {
    extension: '.cs',
    weight: 8,
    line: (random) => pick(random, [
      `    public int ${name(random)} { get; set; } = ${integerBetween(random, 0, 99)};`,
      `    // ${pick(random, DECOYS)}`,
      `    var ${name(random)} = await http.GetAsync("https://api.example.com/${pick(random, WORDS)}");`,
    ]),
    plant: () => '    var response = await http.GetAsync("https://graph.microsoft.com/beta/privilegedAccess/azureResources/resources");',
  },
  go: {
    extension: '.go',
    weight: 8,
    line: (random) => pick(random, [
      `var ${name(random)} = fmt.Sprintf("https://api.example.com/%s", "${pick(random, WORDS)}")`,
      `// ${pick(random, DECOYS)}`,
      `func ${name(random)}(x int) int { return x * ${integerBetween(random, 1, 99)} }`,
    ]),
    plant: () => 'var pimRequest, _ = http.NewRequest("GET", "https://graph.microsoft.com/beta/privilegedRoleAssignments", nil)',
  },
  markdown: {
    extension: '.md',
    weight: 10,
    line: (random) => pick(random, [
      `The ${pick(random, WORDS)} service stores ${pick(random, WORDS)}s for ${integerBetween(random, 1, 90)} days.`,
      `## ${name(random)}`,
      `- ${pick(random, DECOYS)}`,
      '```sh\nnpm run build\n```',
    ]),
    plant: () => '```http\nGET https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleDefinitions\n```',
    plantLine: 1,
  },
  json: {
    extension: '.json',
    weight: 10,
    line: (random) => `  "${name(random)}": { "enabled": ${random() < 0.5}, "url": "https://api.example.com/${pick(random, WORDS)}", "n": ${integerBetween(random, 0, 999)} }`,
    plant: () => '  "pimEndpoint": "https://graph.microsoft.com/beta/privilegedAccess/aadRoles/roleSettings"',
    document: { open: '{', separator: ',', close: '}' },
  },
};
