import { closestIds } from '../config/closest-ids.js';
import { EXIT, usageError } from '../errors.js';
import { CmdletIndex } from '../match/cmdlet-index.js';
import { UrlNormalizer } from '../match/normalize-url.js';
import { RuleIndex } from '../match/rule-index.js';
import { loadRuleTable, type RuleTable } from '../rules/load.js';
import type { ProviderId, Rule } from '../rules/schema.js';
import type { CliIo } from './io.js';
import { renderExplanation } from './explain-render.js';

export interface ExplainCommandOptions {
  rules?: string;
}

const HTTP_METHOD = /^(GET|POST|PUT|PATCH|DELETE)\s+(.+)$/i;

/** The rule the input names, with the provider when a path or URL names one. */
interface Explained {
  rule: Rule;
  provider: ProviderId | null;
  /** Reading of the input, for the first line of the output. */
  via: string;
}

/**
 * Prints everything the rule table stores about one rule, found by rule id, by an old path or URL
 * (with an optional HTTP method first), or by cmdlet name. Unknown input is a usage error that
 * lists the closest rule ids.
 */
export function runExplainCommand(words: string[], options: ExplainCommandOptions, io: CliIo): number {
  const input = words.join(' ').trim();
  if (input === '') {
    throw usageError('explain needs a rule id, an old path or URL, or a cmdlet name', 'Example: pim-migrate explain "POST /privilegedAccess/aadGroups/roleAssignmentRequests".');
  }
  const table = loadRuleTable(options.rules);
  const found = findRule(table, input);
  if (!found) {
    const closest = closestIds(input, table.rules.map((rule) => rule.id)).join(', ');
    throw usageError(`no rule matches "${input}"`, `Pass a rule id (closest: ${closest}), an old path such as /privilegedAccess/aadRoles/roleAssignments, or a cmdlet name; pim-migrate rules lists them all.`);
  }
  io.stdout.write(renderExplanation(found.rule, found.provider, found.via, table));
  return EXIT.clean;
}

function findRule(table: RuleTable, input: string): Explained | undefined {
  const byId = table.rules.find((rule) => rule.id.toLowerCase() === input.toLowerCase());
  if (byId) return { rule: byId, provider: null, via: `rule id ${byId.id}` };

  const cmdlet = new CmdletIndex(table.rules, table.cmdletFamilies).lookup(input);
  if (cmdlet) return { rule: cmdlet.rule, provider: null, via: `cmdlet ${cmdlet.name} (${cmdlet.family.module})` };

  const methodMatch = HTTP_METHOD.exec(input);
  const method = methodMatch ? methodMatch[1]!.toUpperCase() : null;
  const target = (methodMatch ? methodMatch[2]! : input).trim();
  if (!target.includes('/')) return undefined;

  const url = new UrlNormalizer(table.hosts).normalize([{ kind: 'literal', text: target }]);
  const match = new RuleIndex(table.rules).lookup(url, method);
  if (!match) return undefined;
  const provider = match.match.hasProviderSegment ? match.match.provider : null;
  const others = match.alternatives.map((rule) => `${rule.operation.methods.join(',')} is ${rule.id}`);
  const assumed = method === null ? ` (the input names no method, so GET is assumed${others.length > 0 ? `; ${others.join('; ')}` : ''})` : '';
  return { rule: match.rule, provider, via: `${method ?? 'GET'} ${match.match.canonicalPath}${assumed}` };
}
