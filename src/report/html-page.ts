import { createHash } from 'node:crypto';
import { escapeHtml } from './html-escape.js';
import { FILTER_SCRIPT } from './html-script.js';
import { REPORT_STYLE } from './html-style.js';

export interface PageParts {
  title: string;
  /** Page body, already escaped. */
  body: string;
  /** JSON for the data island, already escaped with `jsonForScript`. */
  dataJson: string;
}

function sha256Source(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * The Content-Security-Policy of the page: nothing loads or connects, and only the page's own
 * style sheet and script run, each allowed by its SHA-256 hash. `img-src data:` leaves room for
 * inline images; the charts are inline SVG elements and need no source.
 * NOTE: `frame-ancestors` is ignored in a meta tag, so framing is not restricted.
 */
export function contentSecurityPolicy(): string {
  return [
    "default-src 'none'",
    `style-src ${sha256Source(REPORT_STYLE)}`,
    `script-src ${sha256Source(FILTER_SCRIPT)}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** Wraps the body in a complete HTML document with the style sheet, data island and script inline. */
export function renderPage(parts: PageParts): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy())}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    // Lets a later scan recognise this file as a report and skip it.
    '<meta name="generator" content="pim-migrate">',
    `<title>${escapeHtml(parts.title)}</title>`,
    `<style>${REPORT_STYLE}</style>`,
    '</head>',
    '<body>',
    parts.body,
    `<script type="application/json" id="finding-data">${parts.dataJson}</script>`,
    `<script>${FILTER_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
