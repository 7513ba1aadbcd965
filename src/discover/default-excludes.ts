/**
 * Folders never worth scanning: version control, dependency caches and tool caches. Build output
 * such as `dist/` is left to `.gitignore`, because compiled JavaScript that ships still calls
 * the old APIs and deserves a finding.
 */
export const DEFAULT_EXCLUDED_DIRS: readonly string[] = [
  '.git',
  '.hg',
  '.svn',
  'node_modules',
  'bower_components',
  'jspm_packages',
  '.yarn',
  '.pnpm-store',
  '.next',
  '.nuxt',
  '.svelte-kit',
  '.turbo',
  '.parcel-cache',
  '.angular',
  '.cache',
  '__pycache__',
  '.venv',
  'venv',
  '.tox',
  '.mypy_cache',
  '.pytest_cache',
  '.gradle',
  '.terraform',
];

/** File names of minified bundles and source maps, skipped with a reason. */
export const MINIFIED_FILE = /\.min\.(js|mjs|cjs|css)$|\.(js|css)\.map$/i;
