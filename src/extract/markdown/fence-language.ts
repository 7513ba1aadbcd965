/** Language ids by fence info word (lower case), as the extractors name them. */
const FENCE_LANGUAGES: Record<string, string> = {
  http: 'http',
  rest: 'http',
  powershell: 'powershell',
  pwsh: 'powershell',
  ps1: 'powershell',
  ps: 'powershell',
  bash: 'shell',
  sh: 'shell',
  shell: 'shell',
  zsh: 'shell',
  console: 'shell',
  js: 'javascript',
  javascript: 'javascript',
  ts: 'typescript',
  typescript: 'typescript',
  python: 'python',
  py: 'python',
  csharp: 'csharp',
  cs: 'csharp',
  'c#': 'csharp',
  go: 'go',
  java: 'java',
  php: 'php',
  rust: 'rust',
  json: 'json',
  jsonc: 'json',
  yaml: 'yaml',
  yml: 'yaml',
  hcl: 'terraform',
  terraform: 'terraform',
  tf: 'terraform',
};

/**
 * The language of a fenced code block from its info string: the first word, without the
 * attribute braces some renderers allow (`{.python}`, `js {linenos}`). Unknown or missing info
 * is `text`, which the generic extractor reads.
 */
export function fenceLanguage(info: string): string {
  const word = info.trim().split(/[\s{,]/, 1)[0]!.replace(/^\{?\.?/, '').toLowerCase();
  return FENCE_LANGUAGES[word] ?? 'text';
}
