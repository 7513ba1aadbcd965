import type { Node } from 'web-tree-sitter';
import type { BodyEvidence } from '../../model/call-site.js';
import { HTTP_METHODS } from '../common/http-methods.js';
import { isRelevantUrl } from '../common/signatures.js';
import { jsonBodyFields, UNKNOWN_MARK } from '../common/json-text-body.js';
import { markedText, readBodyArgument, type ShellArgument, type ShellRequest } from './request.js';
import type { ShellWords } from './words.js';

/** wget options that take the next word as their value. */
const WGET_VALUE_OPTIONS = new Set(['-O', '--output-document', '-o', '--output-file', '-a', '--header', '-U', '--user-agent', '-t', '--tries', '-T', '--timeout', '-P', '--directory-prefix', '--user', '--password', '-e']);

/** Splits `--name=value` into its option and value. */
function optionValue(text: string): [string, string | undefined] {
  const equals = text.indexOf('=');
  return equals > 0 ? [text.slice(0, equals), text.slice(equals + 1)] : [text, undefined];
}

/** Reads a wget command: `--method=POST`, `--post-data`/`--body-data` and the URL. */
export function readWget(command: Node, args: readonly ShellArgument[], words: ShellWords, signatures: readonly string[]): ShellRequest | undefined {
  let method: string | null | undefined;
  let implied = 'GET';
  let data: ShellArgument | undefined;
  const urls: ShellArgument[] = [];
  for (let i = 0; i < args.length; i++) {
    const argument = args[i]!;
    const text = argument.text;
    if (text === undefined || !text.startsWith('-')) {
      urls.push(argument);
      continue;
    }
    const [option, value] = optionValue(text);
    if (option === '--method') {
      method = (value ?? args[++i]?.text)?.toUpperCase() ?? null;
    } else if (option === '--post-data' || option === '--body-data') {
      implied = 'POST';
      // `--post-data='{...}'`: the value is the rest of the word after `=`.
      const first = argument.parts[0];
      data = value !== undefined && first?.kind === 'literal'
        ? { node: argument.node, parts: [{ ...first, text: first.text.slice(option.length + 1) }, ...argument.parts.slice(1)] }
        : args[++i];
    } else if (option === '--post-file' || option === '--body-file') {
      implied = 'POST';
      data = { node: argument.node, parts: [{ kind: 'literal', text: '@file' }] };
    } else if (WGET_VALUE_OPTIONS.has(option) && value === undefined) {
      i += 1;
    }
  }
  const url = urls.find((candidate) => isRelevantUrl(candidate.parts, signatures)) ?? urls[0];
  if (!url) {
    return undefined;
  }
  const request: ShellRequest = { url: url.parts, method: method === undefined ? implied : method };
  if (data) {
    request.body = readBodyArgument(data, command, words);
  }
  return request;
}

/** HTTPie request items: `field=value` (JSON string), `field:=json` (raw JSON), `Header:value`, `param==value`. */
const ITEM = /^([^=:@\s]+)(==|:=@|=@|:=|=|:|@)(.*)$/s;

/** HTTPie options that take the next word as their value. */
const HTTPIE_VALUE_OPTIONS = new Set(['-a', '--auth', '-A', '--auth-type', '--session', '--session-read-only', '-o', '--output', '-p', '--print', '--verify', '--cert', '--cert-key', '--timeout', '--proxy', '--pretty', '-s', '--style']);

/**
 * Reads an HTTPie command (`http POST url type=AdminAdd schedule:='{...}'`): an optional method,
 * the URL, and data items as body fields. Without a method, data items make it POST.
 */
export function readHttpie(args: readonly ShellArgument[]): ShellRequest | undefined {
  const positional: ShellArgument[] = [];
  for (let i = 0; i < args.length; i++) {
    const text = args[i]!.text;
    if (text !== undefined && text.startsWith('-')) {
      if (HTTPIE_VALUE_OPTIONS.has(text)) {
        i += 1;
      }
      continue;
    }
    positional.push(args[i]!);
  }
  let method: string | null | undefined;
  if (positional[0]?.text && HTTP_METHODS.has(positional[0].text.toUpperCase()) && positional.length > 1) {
    method = positional.shift()!.text!.toUpperCase();
  }
  const url = positional.shift();
  if (!url) {
    return undefined;
  }
  const fields: Record<string, string | null> = {};
  let complete = true;
  let hasData = false;
  for (const item of positional) {
    const match = ITEM.exec(markedText(item.parts));
    if (!match) {
      continue;
    }
    const [, name, separator, value] = match as unknown as [string, string, string, string];
    if (separator === '=' || separator === ':=') {
      hasData = true;
      if (separator === ':=' && !/^".*"$/s.test(value)) {
        const nested = jsonBodyFields(value);
        if (nested) {
          for (const [key, item] of Object.entries(nested.fields)) {
            fields[`${name}.${key}`] = item;
          }
          complete &&= nested.complete;
        } else {
          fields[name] = /^(true|false|-?\d+(\.\d+)?)$/.test(value) ? value : null;
        }
        continue;
      }
      const text = separator === ':=' ? value.slice(1, -1) : value;
      fields[name] = text.includes(UNKNOWN_MARK) ? null : text;
    } else if (separator === '=@' || separator === ':=@' || separator === '@') {
      hasData = true;
      fields[name] = null;
      complete = false;
    }
  }
  const request: ShellRequest = { url: url.parts, method: method ?? (hasData ? 'POST' : 'GET') };
  if (hasData) {
    const body: BodyEvidence = { fields, complete };
    request.body = body;
  }
  return request;
}
