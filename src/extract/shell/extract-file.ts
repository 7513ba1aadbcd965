import type { Node } from 'web-tree-sitter';
import type { CallSite } from '../../model/call-site.js';
import { walk } from '../tree-sitter/parse.js';
import { isRelevantUrl, mentionsSignature } from '../common/signatures.js';
import { readAzRest } from '../common/az-rest.js';
import { commentTextSites } from '../common/comment-text-sites.js';
import { readCurl } from './curl.js';
import { jsonBodyFields, UNKNOWN_MARK } from '../common/json-text-body.js';
import { markedText, type ShellArgument, type ShellRequest } from './request.js';
import { readHttpie, readWget } from './wget-httpie.js';
import { ShellWords } from './words.js';
import { guard } from '../common/guard.js';

const LANGUAGE = 'shell';

/** Node types that hold a literal string or word worth reporting on its own. */
const STRING_NODES = new Set(['string', 'raw_string', 'word', 'ansi_c_string', 'heredoc_body']);

/** Nodes whose children together form one word, so a loose string is reported with its neighbours. */
const WORD_PARENTS = new Set(['concatenation']);

function anchorOf(node: Node): CallSite['anchor'] {
  return { offset: node.startIndex, length: node.endIndex - node.startIndex };
}

/**
 * Extracts the call sites of one shell script (or a script fragment embedded in another file):
 * curl, wget, HTTPie and `az rest` commands, other strings that name a signature, and URLs in
 * comments.
 */
export class ShellExtraction {
  private readonly sites: CallSite[] = [];
  private readonly reported = new Set<number>();
  private readonly words: ShellWords;

  constructor(
    private readonly root: Node,
    private readonly signatures: readonly string[],
  ) {
    this.words = new ShellWords(root);
  }

  run(): CallSite[] {
    const commands: Node[] = [];
    const strings: Node[] = [];
    const comments: Node[] = [];
    walk(this.root, (node) => {
      if (node.type === 'command') {
        commands.push(node);
      } else if (node.type === 'comment') {
        comments.push(node);
      } else if (STRING_NODES.has(node.type)) {
        strings.push(node);
      }
      return undefined;
    });
    for (const command of commands) {
      guard(() => this.readCommand(command));
    }
    this.readLooseStrings(strings);
    for (const comment of comments) {
      guard(() => this.sites.push(...commentTextSites(comment.text, comment.startIndex, this.signatures, LANGUAGE)));
    }
    return this.sites;
  }


  private argumentsOf(command: Node): ShellArgument[] {
    return command.childrenForFieldName('argument')
      .filter((node): node is Node => node !== null)
      .map((node) => {
        const parts = this.words.parts(node);
        const text = markedText(parts);
        return text.includes(UNKNOWN_MARK) ? { node, parts } : { node, parts, text };
      });
  }

  private readCommand(command: Node): void {
    const nameNode = command.childForFieldName('name');
    const name = nameNode?.text.replace(/^.*\//, '');
    if (!name || !['curl', 'wget', 'http', 'https', 'xh', 'az'].includes(name)) {
      return;
    }
    this.words.beginRead();
    const args = this.argumentsOf(command);
    let request: ShellRequest | undefined;
    if (name === 'curl') {
      request = readCurl(command, args, this.words, this.signatures);
    } else if (name === 'wget') {
      request = readWget(command, args, this.words, this.signatures);
    } else if (name === 'az') {
      const az = readAzRest([[{ kind: 'literal', text: 'az' }], ...args.map((argument) => argument.parts)]);
      if (az) {
        request = { url: az.url, method: az.method };
        if (az.body) {
          const text = markedText(az.body);
          request.body = text.startsWith('@') ? { fields: {}, complete: false } : jsonBodyFields(text) ?? { fields: {}, complete: false };
        }
      }
    } else {
      request = readHttpie(args);
    }
    if (!request || !isRelevantUrl(request.url, this.signatures)) {
      return;
    }
    for (const start of this.words.reads) {
      this.reported.add(start);
    }
    const site: CallSite = {
      kind: 'url',
      language: LANGUAGE,
      url: request.url,
      method: request.method,
      inComment: false,
      confidence: 'high',
      anchor: anchorOf(command),
    };
    if (request.body) {
      site.body = request.body;
    }
    this.sites.push(site);
  }

  /** Reports relevant strings that no reported command used, such as an unused URL variable. */
  private readLooseStrings(strings: readonly Node[]): void {
    const seen = new Set<number>();
    for (const node of strings) {
      if (this.reported.has(node.startIndex) || !mentionsSignature(node.text, this.signatures)) {
        continue;
      }
      if (node.type === 'heredoc_body') {
        // A heredoc no command reads as a body (a file written by `cat`, say): read URL tokens in it.
        guard(() => this.sites.push(...commentTextSites(node.text, node.startIndex, this.signatures, LANGUAGE, 'text')));
        continue;
      }
      const expression = node.parent && WORD_PARENTS.has(node.parent.type) ? node.parent : node;
      if (seen.has(expression.startIndex)) {
        continue;
      }
      seen.add(expression.startIndex);
      guard(() => {
        this.words.beginRead();
        const parts = this.words.parts(expression);
        if (!isRelevantUrl(parts, this.signatures)) {
          return;
        }
        for (const start of this.words.reads) {
          this.reported.add(start);
        }
        this.sites.push({
          kind: 'url',
          language: LANGUAGE,
          url: parts,
          method: null,
          inComment: false,
          confidence: 'medium',
          anchor: anchorOf(expression),
        });
      });
    }
  }
}
