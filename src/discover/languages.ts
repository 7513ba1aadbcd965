/**
 * Language ids by file extension and name. The id picks the extractor; a file whose language
 * has no extractor of its own goes to the generic text extractor.
 */
const BY_EXTENSION: Record<string, string> = {
  '.ts': 'typescript',
  '.tsx': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.js': 'javascript',
  '.jsx': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.ps1': 'powershell',
  '.psm1': 'powershell',
  '.psd1': 'powershell',
  '.py': 'python',
  '.pyi': 'python',
  '.cs': 'csharp',
  '.csx': 'csharp',
  '.go': 'go',
  '.java': 'java',
  '.kt': 'kotlin',
  '.php': 'php',
  '.rs': 'rust',
  '.rb': 'ruby',
  '.sh': 'shell',
  '.bash': 'shell',
  '.zsh': 'shell',
  '.ksh': 'shell',
  '.cmd': 'batch',
  '.bat': 'batch',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.mdx': 'markdown',
  '.json': 'json',
  '.jsonc': 'json',
  '.yaml': 'yaml',
  '.yml': 'yaml',
  '.tf': 'terraform',
  '.tfvars': 'terraform',
  '.bicep': 'bicep',
  '.http': 'http',
  '.rest': 'http',
  '.xml': 'xml',
  '.csproj': 'xml',
  '.config': 'xml',
  '.ini': 'ini',
  '.toml': 'toml',
  '.txt': 'text',
  '.html': 'html',
  '.htm': 'html',
  '.vue': 'vue',
  '.svelte': 'svelte',
  '.sql': 'sql',
  '.swift': 'swift',
  '.scala': 'scala',
  '.r': 'r',
  '.lua': 'lua',
  '.pl': 'perl',
  '.ipynb': 'json',
};

const BY_NAME: Record<string, string> = {
  dockerfile: 'dockerfile',
  makefile: 'makefile',
  jenkinsfile: 'groovy',
};

/** Return the language id of a file, or `text` for anything unknown. */
export function languageOf(fileName: string): string {
  const lower = fileName.toLowerCase();
  const byName = BY_NAME[lower];
  if (byName) {
    return byName;
  }
  const dot = lower.lastIndexOf('.');
  if (dot <= 0) {
    return 'text';
  }
  return BY_EXTENSION[lower.slice(dot)] ?? 'text';
}
