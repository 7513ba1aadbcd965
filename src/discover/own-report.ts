/**
 * Recognises the reports this tool writes, by the start of the file. A report names every old
 * path it found, so scanning one that was committed into the tree would count its findings again.
 * The text format has no marker and is not recognised; `--output` files of the same run are left
 * out by path instead.
 */
const MARKERS: ReadonlyArray<{ format: string; test: (head: string) => boolean }> = [
  { format: 'JSON', test: (head) => /^\s*\{\s*"schemaVersion"\s*:\s*\d+\s*,\s*"tool"\s*:\s*\{\s*"name"\s*:\s*"pim-migrate"/.test(head) },
  { format: 'SARIF', test: (head) => head.includes('sarif-2.1.0') && /"driver"\s*:\s*\{\s*"name"\s*:\s*"pim-migrate"/.test(head) },
  { format: 'Markdown', test: (head) => /^# PIM API migration plan\r?\n\r?\npim-migrate /.test(head) },
  { format: 'HTML', test: (head) => head.startsWith('<!DOCTYPE html>') && head.includes('<meta name="generator" content="pim-migrate">') },
  { format: 'CSV', test: (head) => head.startsWith('\ufefffile,line,column,rule id,') },
  { format: 'GitHub annotations', test: (head) => /^::(error|warning|notice) file=[^\n]*title=pim[12]-/.test(head) },
];

/** Bytes read from the start of a file; every marker sits within them. */
const HEAD_BYTES = 2048;

/** Return the report format a file was written in, or null when it is not one of ours. */
export function ownReportFormat(bytes: Buffer): string | null {
  const head = bytes.subarray(0, HEAD_BYTES).toString('utf8');
  return MARKERS.find((marker) => marker.test(head))?.format ?? null;
}
