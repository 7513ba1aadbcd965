import { isScalar, type YAMLMap } from 'yaml';

/** A string value of a map, matched without case, or undefined. */
export function mapString(map: YAMLMap | undefined, key: string): string | undefined {
  for (const pair of map?.items ?? []) {
    if (isScalar(pair.key) && String(pair.key.value).toLowerCase() === key.toLowerCase() && isScalar(pair.value)) {
      return pair.value.value === null || pair.value.value === undefined ? undefined : String(pair.value.value);
    }
  }
  return undefined;
}

/** The language of a `shell:` value of a GitHub Actions step (`pwsh`, `bash {0}`, `python`). */
function shellLanguage(shell: string | undefined): string {
  const program = shell?.trim().split(/\s/, 1)[0]?.toLowerCase() ?? '';
  if (program === 'pwsh' || program === 'powershell') {
    return 'powershell';
  }
  return program === 'python' ? 'python' : 'shell';
}

/** The language of an AzureCLI task's `scriptType` (`bash`, `pscore`, `ps`, `batch`). */
function cliScriptLanguage(scriptType: string | undefined): string {
  const type = scriptType?.toLowerCase() ?? '';
  if (type === 'pscore' || type === 'ps' || type === 'powershell') {
    return 'powershell';
  }
  return type === 'batch' ? 'text' : 'shell';
}

/**
 * The language of a script written as the value of `key` in `map`, or undefined when the value
 * is no script. `step` is the map that contains `map` as its `inputs:` or `with:` (a pipeline task
 * or an Actions step), when there is one.
 * NOTE: a job's `defaults.run.shell` is not read, so `run:` without `shell:` counts as shell.
 */
export function scriptLanguage(key: string, map: YAMLMap, step: YAMLMap | undefined): string | undefined {
  const task = (mapString(step, 'task') ?? '').toLowerCase();
  const uses = (mapString(step, 'uses') ?? '').toLowerCase();
  switch (key.toLowerCase()) {
    case 'bash':
      return 'shell';
    case 'pwsh':
    case 'powershell':
      return 'powershell';
    case 'run':
      return shellLanguage(mapString(map, 'shell'));
    case 'inlinescript':
      return task.startsWith('azurepowershell') ? 'powershell' : cliScriptLanguage(mapString(map, 'scriptType') ?? mapString(map, 'scriptLocation'));
    case 'inline':
      return task.startsWith('azurepowershell') ? 'powershell' : undefined;
    case 'before_script':
    case 'after_script':
      // GitLab CI lists shell commands under these keys.
      return 'shell';
    case 'script':
      if (uses.startsWith('actions/github-script')) {
        return 'javascript';
      }
      if (task.startsWith('powershell@')) {
        return 'powershell';
      }
      if (task.startsWith('pythonscript@')) {
        return 'python';
      }
      if (task.startsWith('azurecli@')) {
        return cliScriptLanguage(mapString(map, 'scriptType'));
      }
      // Step-level `script:` and Bash/CmdLine tasks; CmdLine runs cmd.exe on Windows agents.
      return 'shell';
    default:
      return undefined;
  }
}
