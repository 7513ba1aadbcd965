/**
 * Decides whether the text report gets ANSI colours: only for a terminal, and never when the
 * user turns colour off with `--no-color` or a non-empty `NO_COLOR` (https://no-color.org).
 */
export function shouldUseColor(options: {
  colorFlag: boolean;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
  toFile: boolean;
}): boolean {
  if (!options.colorFlag || options.toFile) return false;
  if (options.env.NO_COLOR !== undefined && options.env.NO_COLOR !== '') return false;
  if (options.env.TERM === 'dumb') return false;
  return options.isTTY;
}
