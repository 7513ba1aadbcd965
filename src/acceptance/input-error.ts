/**
 * An invalid labels or pending file. The acceptance check exits 2 on it, as the scanner does on
 * an invalid rule file, so a broken input is never mistaken for a failing case.
 */
export class AcceptanceInputError extends Error {
  readonly help: string;

  constructor(message: string, help: string) {
    super(message);
    this.name = 'AcceptanceInputError';
    this.help = help;
  }
}
