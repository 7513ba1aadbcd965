/** A piece of a file: its text and the offset of its first character. */
export interface Span {
  text: string;
  offset: number;
}
