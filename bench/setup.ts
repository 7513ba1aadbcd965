import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** True when `name` runs from the PATH. */
export function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/**
 * Installs a Debian package when its command is missing (the bench runs as root on the project's
 * machines). Returns a note when it could not, so the report names what was left out.
 */
export function ensureDebianPackage(command: string, pkg: string, check: () => boolean = () => hasCommand(command)): string | undefined {
  if (check()) {
    return undefined;
  }
  const install = (): boolean => spawnSync('apt-get', ['install', '-y', '--no-install-recommends', pkg], { stdio: 'ignore' }).status === 0;
  if (!install()) {
    spawnSync('apt-get', ['update'], { stdio: 'ignore' });
    install();
  }
  return check() ? undefined : `${pkg} is not installed and apt-get could not install it`;
}

export const hasGnuTime = (): boolean => existsSync('/usr/bin/time');
