/**
 * Escaping for the HTML report. Scanned text (file names, matched text, source lines) passes
 * through one of these before it reaches the page.
 */

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for element content and for quoted attribute values. Control characters other
 * than tab and line feed become U+FFFD, because HTML forbids most of them in a document.
 */
export function escapeHtml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '\uFFFD')
    .replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? character);
}

/**
 * Serialises a value as JSON for a `<script type="application/json">` data island. `<`, `>` and
 * `&` become `\u003c`, `\u003e` and `\u0026`, so neither `</script>` nor `<!--` in scanned text
 * can end the element or change how the HTML parser reads it. U+2028 and U+2029 are escaped
 * too, because older JavaScript parsers take them as line breaks.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Returns the URL when it is `https:` with no character that needs escaping in an attribute, and null otherwise. */
export function safeHttpsUrl(url: string): string | null {
  return /^https:\/\/[^\s"'<>`\\]+$/.test(url) ? url : null;
}
