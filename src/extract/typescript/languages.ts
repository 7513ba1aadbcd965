/** Languages the TypeScript extractor reads, apart from the module that loads the compiler. */
export const TYPESCRIPT_LANGUAGES: readonly string[] = ['typescript', 'javascript'];

/** True when the TypeScript extractor reads a file: a script without a line long enough to make it a bundle. */
export function readByTypescript(language: string, longLine: boolean): boolean {
  return !longLine && TYPESCRIPT_LANGUAGES.includes(language);
}
