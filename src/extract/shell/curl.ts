import type { Node } from 'web-tree-sitter';
import { isRelevantUrl } from '../common/signatures.js';
import { readBodyArgument, type ShellArgument, type ShellRequest } from './request.js';
import type { ShellWords } from './words.js';

/** curl options that send a request body and make the default method POST. */
const DATA_OPTIONS = new Set(['-d', '--data', '--data-raw', '--data-binary', '--data-ascii', '--data-urlencode', '--json']);

/** Form and upload options: they also change the default method (POST for forms, PUT for uploads). */
const FORM_OPTIONS = new Set(['-F', '--form', '--form-string']);
const UPLOAD_OPTIONS = new Set(['-T', '--upload-file']);

/**
 * curl options that take a value as the next word, so that value is not read as the URL. The
 * list covers common options; an unlisted option with a value may make its value look like a URL.
 */
const VALUE_OPTIONS = new Set([
  '-H', '--header', '-o', '--output', '-u', '--user', '-A', '--user-agent', '-e', '--referer', '-b', '--cookie',
  '-c', '--cookie-jar', '-w', '--write-out', '--connect-timeout', '-m', '--max-time', '--retry', '--retry-delay',
  '--retry-max-time', '--cacert', '--capath', '-E', '--cert', '--key', '-x', '--proxy', '--oauth2-bearer', '--resolve',
  '-K', '--config', '--max-redirs', '--limit-rate', '-r', '--range', '-z', '--time-cond', '--interface', '--dns-servers',
  '--proxy-user', '-U', '--trace', '--trace-ascii', '--stderr', '--variable', '--expand-data', '--aws-sigv4', '--cert-type', '--key-type',
]);

/**
 * Reads a curl command: `-X`/`--request` (also `-sSX POST`, `-XPOST`), the URL (positional or
 * `--url`) and the body of `-d`, `--data*` or `--json`. Without `-X`, a body makes the method
 * POST, `-T` makes it PUT and `-G`/`--get` makes it GET.
 */
export function readCurl(command: Node, args: readonly ShellArgument[], words: ShellWords, signatures: readonly string[]): ShellRequest | undefined {
  let method: string | null | undefined;
  let implied = 'GET';
  let forceGet = false;
  const urls: ShellArgument[] = [];
  let data: ShellArgument | undefined;
  for (let i = 0; i < args.length; i++) {
    const argument = args[i]!;
    const text = argument.text;
    const next = args[i + 1];
    if (text === undefined || !text.startsWith('-') || text === '-') {
      urls.push(argument);
      continue;
    }
    if (text === '-X' || text === '--request') {
      method = next?.text?.toUpperCase() ?? null;
      i += 1;
    } else if (/^-[a-zA-Z]*X/.test(text) && !text.startsWith('--')) {
      // Short options joined together: `-sSX POST` or `-XPOST`.
      const attached = text.slice(text.indexOf('X') + 1);
      if (attached) {
        method = attached.toUpperCase();
      } else {
        method = next?.text?.toUpperCase() ?? null;
        i += 1;
      }
    } else if (DATA_OPTIONS.has(text)) {
      data ??= next;
      implied = 'POST';
      i += 1;
    } else if (FORM_OPTIONS.has(text)) {
      implied = 'POST';
      i += 1;
    } else if (UPLOAD_OPTIONS.has(text)) {
      implied = 'PUT';
      i += 1;
    } else if (text === '-G' || text === '--get') {
      forceGet = true;
    } else if (text === '--url') {
      if (next) {
        urls.unshift(next);
      }
      i += 1;
    } else if (VALUE_OPTIONS.has(text)) {
      i += 1;
    }
  }
  const url = urls.find((candidate) => isRelevantUrl(candidate.parts, signatures)) ?? urls[0];
  if (!url) {
    return undefined;
  }
  const defaultMethod = forceGet ? 'GET' : implied;
  const request: ShellRequest = { url: url.parts, method: method === undefined ? defaultMethod : method };
  if (data) {
    request.body = readBodyArgument(data, command, words);
  }
  return request;
}
