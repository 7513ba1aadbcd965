import type { CallSite } from '../model/call-site.js';
import type { Family, Finding } from '../model/finding.js';
import type { RuleTable } from '../rules/load.js';
import type { CloudSpec, ProviderId, Rule } from '../rules/schema.js';
import { readFilterEvidence, UrlNormalizer, type NormalizedUrl } from './normalize-url.js';
import { RuleIndex } from './rule-index.js';
import { noteText, selectReplacements, type Evidence } from './select-replacements.js';
import { LineIndex } from './line-index.js';

/** Everything the matcher needs to place a finding in its file. */
export interface MatchContext {
  relativePath: string;
  text: string;
  lines: LineIndex;
}

/**
 * Turns call sites into findings: normalizes the URL, looks up the rule, picks replacements
 * from the evidence and places the finding on the part of the code that names the operation.
 * This is the only module that knows the rule table's shape.
 */
export class Matcher {
  readonly index: RuleIndex;
  private readonly normalizer: UrlNormalizer;
  private readonly clouds: Map<string, CloudSpec>;
  private readonly defaultCloud: CloudSpec;

  constructor(readonly table: RuleTable) {
    this.index = new RuleIndex(table.rules);
    this.normalizer = new UrlNormalizer(table.hosts);
    this.clouds = new Map(table.hosts.clouds.map((cloud) => [cloud.id, cloud]));
    this.defaultCloud = table.hosts.clouds[0]!;
  }

  match(site: CallSite, context: MatchContext): Finding | null {
    if (site.kind !== 'url' || !site.url) {
      // NOTE: cmdlet and SDK call sites need their own lookup; no extractor produces them yet.
      return null;
    }
    const url = this.normalizer.normalize(site.url, site.baseUrl);
    const found = this.index.lookup(url, site.method);
    if (!found) {
      return null;
    }
    const { rule, match } = found;
    const provider = providerOf(rule, match.provider, match.hasProviderSegment);
    const evidence: Evidence = { ...readFilterEvidence(url.query) };
    for (const [field, value] of Object.entries(site.body?.fields ?? {})) {
      if (value !== null) {
        evidence[field] = value;
      }
    }

    const cloud = (url.cloud && this.clouds.get(url.cloud)) || this.defaultCloud;
    const selection = selectReplacements(rule, provider, evidence, cloud);
    const range = this.locate(site, url, found.start, match.operationSegment, found.start + match.consumed, context);
    const family = familyOf(rule, url);
    const notes = collectNotes(rule, selection.providers, url.cloud ? this.clouds.get(url.cloud) : undefined);
    const permissions = collectPermissions(rule, selection.providers);

    const finding: Finding = {
      ruleId: rule.id,
      title: rule.title,
      file: context.relativePath,
      ...range,
      language: site.language,
      family,
      operation: { method: site.method, path: match.canonicalPath },
      provider: match.hasProviderSegment ? provider : rule.iteration === 1 ? 'aadRoles' : null,
      cloud: url.cloud,
      replacements: selection.replacements,
      exact: selection.exact,
      fix: rule.fix,
      confidence: confidenceOf(site, url),
      inComment: site.inComment,
      message: messageOf(rule, site.method, match.canonicalPath, selection.replacements.length, selection.exact),
      notes,
      retired: rule.retired,
      docs: rule.docs,
      matchedText: context.text.slice(range.startOffset, range.endOffset),
    };
    if (permissions) {
      finding.permissions = permissions;
    }
    delete (finding as Partial<typeof range>).startOffset;
    delete (finding as Partial<typeof range>).endOffset;
    return finding;
  }

  /**
   * Place the finding on the literal that names the operation (`/roleAssignmentRequests`), from
   * the start of the API path when that sits in the same literal, to the end of the path. Falls
   * back to the call site's anchor when the path was resolved from another file.
   */
  private locate(site: CallSite, url: NormalizedUrl, start: number, operationIndex: number, end: number, context: MatchContext) {
    const segments = url.segments.slice(start, end);
    const operation = url.segments[operationIndex];
    let startOffset: number | undefined;
    let endOffset: number | undefined;
    const anchorSegment = operation?.offset !== undefined ? operation : [...segments].reverse().find((segment) => segment.offset !== undefined);
    if (anchorSegment?.offset !== undefined) {
      const anchorLine = context.lines.lineOf(anchorSegment.offset);
      // Widen to the whole path where it is written on the same line.
      const first = segments.find((segment) => segment.offset !== undefined && context.lines.lineOf(segment.offset) === anchorLine);
      const last = [...segments].reverse().find((segment) => segment.endOffset !== undefined && context.lines.lineOf(segment.endOffset - 1) === anchorLine);
      startOffset = Math.max(0, (first?.offset ?? anchorSegment.offset) - 1);
      if (context.text[startOffset] !== '/') {
        startOffset += 1;
      }
      endOffset = last?.endOffset ?? anchorSegment.endOffset ?? anchorSegment.offset + 1;
    } else {
      startOffset = site.anchor.offset;
      endOffset = site.anchor.offset + Math.max(1, site.anchor.length);
    }
    const from = context.lines.positionOf(startOffset);
    const to = context.lines.positionOf(endOffset);
    return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column, startOffset, endOffset };
  }
}

function providerOf(rule: Rule, fromPath: ProviderId | null, hasProviderSegment: boolean): ProviderId | null {
  if (hasProviderSegment) {
    return fromPath;
  }
  // Paths without a provider segment (iteration 1, root entity sets) map for every provider the rule lists.
  const listed = (['aadRoles', 'azureResources', 'aadGroups'] as const).filter((id) => rule.providers[id]);
  return listed.length === 1 ? listed[0]! : null;
}

function familyOf(rule: Rule, url: NormalizedUrl): Family {
  if (rule.iteration === 1) {
    return 'graph-beta-iteration1';
  }
  return url.hostKind === 'pim-service' ? 'azrbac-iteration2' : 'graph-beta-iteration2';
}

function confidenceOf(site: CallSite, url: NormalizedUrl): Finding['confidence'] {
  if (site.inComment || site.confidence === 'low') {
    return 'low';
  }
  const hostKnown = url.hostKind === 'graph' || url.hostKind === 'pim-service';
  if (site.confidence === 'high' && (hostKnown || url.dynamicBase)) {
    return 'high';
  }
  return 'medium';
}

function collectNotes(rule: Rule, providers: ProviderId[], cloud: CloudSpec | undefined): string[] {
  const notes = (rule.notes ?? []).map(noteText);
  for (const provider of providers) {
    for (const note of rule.providers[provider]?.notes ?? []) {
      notes.push(providers.length > 1 ? `${provider}: ${noteText(note)}` : noteText(note));
    }
  }
  for (const note of cloud?.notes ?? []) {
    notes.push(`${cloud!.name}: ${noteText(note)}`);
  }
  return notes;
}

function collectPermissions(rule: Rule, providers: ProviderId[]): Finding['permissions'] | undefined {
  const from = new Set<string>();
  const to = new Set<string>();
  for (const provider of providers) {
    const change = rule.providers[provider]?.permissions;
    change?.from.forEach((scope) => from.add(scope));
    change?.to.forEach((scope) => to.add(scope));
  }
  return from.size > 0 ? { from: [...from], to: [...to] } : undefined;
}

function messageOf(rule: Rule, method: string | null, path: string, count: number, exact: boolean): string {
  const old = `${method ?? 'A call to'} ${path}`;
  const stopped = `iteration ${rule.iteration} of the PIM API, which stopped returning data on ${rule.retired}`;
  if (count === 0) {
    return `${old} uses ${stopped}. It has no iteration 3 equivalent: see the notes.`;
  }
  if (exact) {
    return `${old} uses ${stopped}. Replace it with the iteration 3 call below.`;
  }
  return `${old} uses ${stopped}. Replace it with one of the ${count} iteration 3 calls below, chosen by their conditions.`;
}
