/** Runs one construct's step, so a construct that throws is skipped and the rest of the file is still read. */
export function guard(step: () => void): void {
  try {
    step();
  } catch {
    // Skipped without a message: a construct the extractor cannot read yields no call site.
  }
}
