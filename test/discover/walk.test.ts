import { afterEach, describe, expect, it } from 'vitest';
import { discoverFiles } from '../../src/discover/walk.js';
import { writeProject } from '../helpers/temp-project.js';

let cleanup = (): void => {};
afterEach(() => cleanup());

function discover(files: Record<string, string>, options: { include?: string[]; exclude?: string[]; maxFileSize?: number } = {}) {
  const project = writeProject(files);
  cleanup = project.cleanup;
  const result = discoverFiles({ root: project.root, paths: [project.root], maxFileSize: options.maxFileSize ?? 1_000_000, include: options.include, exclude: options.exclude });
  return { files: result.files.map((file) => file.relativePath), skipped: result.skipped, languages: Object.fromEntries(result.files.map((file) => [file.relativePath, file.language])) };
}

describe('discoverFiles', () => {
  it('honours .gitignore files in every folder', () => {
    const { files } = discover({
      '.gitignore': 'dist/\n*.log\n',
      'src/a.ts': 'x',
      'dist/a.js': 'x',
      'debug.log': 'x',
      'tools/.gitignore': 'generated.py\n',
      'tools/generated.py': 'x',
      'tools/kept.py': 'x',
    });
    expect(files).toEqual(['.gitignore', 'src/a.ts', 'tools/.gitignore', 'tools/kept.py']);
  });

  it('skips dependency and version-control folders', () => {
    const { files } = discover({ 'node_modules/pkg/index.js': 'x', '.git/config': 'x', '__pycache__/a.pyc': 'x', 'app.js': 'x' });
    expect(files).toEqual(['app.js']);
  });

  it('scans build output that nothing ignores', () => {
    expect(discover({ 'dist/app.js': 'x' }).files).toEqual(['dist/app.js']);
  });

  it('skips minified bundles with a reason', () => {
    const { files, skipped } = discover({ 'public/vendor.min.js': 'x', 'public/app.js.map': 'x', 'public/app.js': 'x' });
    expect(files).toEqual(['public/app.js']);
    expect(skipped.map((entry) => entry.file).sort()).toEqual(['public/app.js.map', 'public/vendor.min.js']);
    expect(skipped[0]!.reason).toMatch(/minified/);
  });

  it('applies include and exclude globs', () => {
    const files = { 'src/a.ts': 'x', 'src/b.test.ts': 'x', 'scripts/c.ps1': 'x' };
    expect(discover(files, { include: ['src/'] }).files).toEqual(['src/a.ts', 'src/b.test.ts']);
    expect(discover(files, { exclude: ['*.test.ts'] }).files).toEqual(['scripts/c.ps1', 'src/a.ts']);
    expect(discover(files, { exclude: ['scripts'] }).files).toEqual(['src/a.ts', 'src/b.test.ts']);
  });

  it('skips files over the size limit with the sizes', () => {
    const { files, skipped } = discover({ 'big.ps1': 'x'.repeat(2000), 'small.ps1': 'x' }, { maxFileSize: 1000 });
    expect(files).toEqual(['small.ps1']);
    expect(skipped).toEqual([{ file: 'big.ps1', reason: 'larger than --max-file-size (2000 > 1000 bytes)' }]);
  });

  it('assigns languages by extension', () => {
    const { languages } = discover({ 'a.psm1': 'x', 'b.mts': 'x', 'c.tf': 'x', 'Dockerfile': 'x', 'd.unknown': 'x' });
    expect(languages).toEqual({ 'a.psm1': 'powershell', 'b.mts': 'typescript', 'c.tf': 'terraform', Dockerfile: 'dockerfile', 'd.unknown': 'text' });
  });
});
