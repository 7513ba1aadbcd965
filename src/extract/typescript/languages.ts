/** Languages the TypeScript extractor reads, apart from the module that loads the compiler. */
export const TYPESCRIPT_LANGUAGES: readonly string[] = ['typescript', 'javascript'];
