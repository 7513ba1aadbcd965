import type { CallSite, UrlPart } from '../model/call-site.js';
import type { Family, Finding, ReplacementOut } from '../model/finding.js';
import type { RuleTable } from '../rules/load.js';
import { noteApplies, type NoteContext } from '../rules/note-scope.js';
import { PROVIDER_IDS, type CloudSpec, type CmdletFamily, type ProviderId, type Rule } from '../rules/schema.js';
import { CmdletIndex } from './cmdlet-index.js';
import { findingTier } from './fix-tier.js';
import { SdkChainReader } from './sdk-chain.js';
import { readFilterEvidence, UrlNormalizer, type HostKind, type NormalizedUrl } from './normalize-url.js';
import { RuleIndex } from './rule-index.js';
import { noteText, selectReplacements, type Evidence } from './select-replacements.js';
import { LineIndex } from './line-index.js';

interface FindingRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  startOffset: number;
  endOffset: number;
}

/** The operation a call site resolved to, before replacements are chosen. */
interface FoundOperation {
  rule: Rule;
  /** Rules for the same path with other methods, named in a note when the method is unknown. */
  alternatives?: Rule[];
  provider: ProviderId | null;
  hasProviderSegment: boolean;
  method: string | null;
  path: string;
  cloudId: string | null;
  /** Host kind of a URL call site; null for SDK chains, cmdlets and URLs without a host. */
  hostKind: HostKind | null;
  /** The API path follows segments of a Graph or PIM service URL that the code leaves dynamic. */
  afterDynamicPrefix?: boolean;
  family: Family;
  evidence: Evidence;
  range: FindingRange;
}

/** Everything the matcher needs to place a finding in its file. */
export interface MatchContext {
  relativePath: string;
  text: string;
  lines: LineIndex;
}

/**
 * Turns call sites into findings: normalizes the URL, looks up the rule, picks replacements
 * from the evidence and places the finding on the part of the code that names the operation.
 * This is the only module that reads the rule table's shape.
 */
export class Matcher {
  readonly index: RuleIndex;
  private readonly normalizer: UrlNormalizer;
  private readonly clouds: Map<string, CloudSpec>;
  private readonly defaultCloud: CloudSpec;
  readonly cmdlets: CmdletIndex;
  private readonly sdkReader: SdkChainReader;

  constructor(readonly table: RuleTable) {
    this.index = new RuleIndex(table.rules);
    this.cmdlets = new CmdletIndex(table.rules, table.cmdletFamilies);
    this.sdkReader = new SdkChainReader(table.sdks, this.index.roots);
    this.normalizer = new UrlNormalizer(table.hosts);
    this.clouds = new Map(table.hosts.clouds.map((cloud) => [cloud.id, cloud]));
    this.defaultCloud = table.hosts.clouds[0]!;
  }

  match(site: CallSite, context: MatchContext): Finding | null {
    switch (site.kind) {
      case 'url':
        return site.url ? this.matchUrl(site, site.url, site.baseUrl, context) : null;
      case 'sdk':
        return this.matchSdk(site, context);
      case 'cmdlet':
        return this.matchCmdlet(site, context);
    }
  }

  private matchUrl(site: CallSite, parts: UrlPart[], baseUrl: string | undefined, context: MatchContext): Finding | null {
    const url = this.normalizer.normalize(parts, baseUrl);
    // A request body means a write even where the code hides the verb (a helper that takes the
    // method as a parameter), and POST is the write every old body-carrying operation uses.
    const hasBody = Object.keys(site.body?.fields ?? {}).length > 0;
    const found = this.index.lookup(url, site.method ?? (hasBody ? 'POST' : null));
    if (!found) {
      return null;
    }
    const { rule, match } = found;
    const evidence: Evidence = { ...readFilterEvidence(url.query), ...bodyEvidence(site) };
    const range = this.locate(site, url, found.start, match.operationSegment, found.start + match.consumed, context);
    return this.buildFinding(site, context, {
      rule,
      alternatives: found.alternatives,
      provider: providerOf(rule, match.provider, match.hasProviderSegment),
      hasProviderSegment: match.hasProviderSegment,
      method: site.method,
      path: match.canonicalPath,
      cloudId: url.cloud,
      hostKind: url.hostKind,
      afterDynamicPrefix: found.start > 0 && url.hostKind !== 'other',
      family: familyOf(rule, url),
      evidence,
      range,
    });
  }

  /** Match an SDK chain read as a path; the finding sits on the provider id argument. */
  private matchSdk(site: CallSite, context: MatchContext): Finding | null {
    const path = site.sdk ? this.sdkReader.read(site.language, site.sdk) : null;
    if (!path) {
      return null;
    }
    const method = path.method ?? site.method;
    const url = this.normalizer.normalize(path.parts);
    const found = this.index.lookup(url, method);
    if (!found) {
      return null;
    }
    const { rule, match } = found;
    const item = path.firstItemPart === null ? undefined : path.parts[path.firstItemPart];
    const itemOffset = item?.offset;
    const itemLength = item?.kind === 'literal' ? item.text.length : 1;
    const range = itemOffset !== undefined ? this.rangeOf(itemOffset, itemOffset + itemLength, context) : this.rangeOf(path.startOffset, path.startOffset + 1, context);
    return this.buildFinding(site, context, {
      rule,
      provider: providerOf(rule, match.provider, match.hasProviderSegment),
      hasProviderSegment: match.hasProviderSegment,
      method,
      path: match.canonicalPath,
      cloudId: null,
      hostKind: null,
      family: 'sdk-graph-beta',
      evidence: bodyEvidence(site),
      range,
    });
  }

  /** Match a cmdlet to its rule by name; its parameters give the provider and the evidence. */
  private matchCmdlet(site: CallSite, context: MatchContext): Finding | null {
    const cmdlet = site.cmdlet;
    const entry = cmdlet ? this.cmdlets.lookup(cmdlet.name) : undefined;
    if (!cmdlet || !entry) {
      return null;
    }
    const { rule, family } = entry;
    const parameter = (name: string): string | null | undefined => {
      const key = Object.keys(cmdlet.parameters).find((written) => written.toLowerCase() === name.toLowerCase());
      return key === undefined ? undefined : cmdlet.parameters[key];
    };

    const evidence: Evidence = { ...bodyEvidence(site) };
    for (const [name, field] of Object.entries(family.evidenceParameters)) {
      const value = parameter(name);
      if (typeof value === 'string' && value !== '') {
        Object.assign(evidence, field === '$filter' ? readFilterEvidence(`$filter=${value}`) : { [field]: value });
      }
    }

    const template = rule.operation.paths[0]!;
    const hasProviderSegment = template.includes('{providerId}');
    let provider: ProviderId | null = null;
    for (const name of family.providerParameters) {
      const value = parameter(name);
      provider ??= typeof value === 'string' ? PROVIDER_IDS.find((id) => id.toLowerCase() === value.toLowerCase()) ?? null : null;
    }
    const canonicalPath = template.replace('{providerId}', provider ?? '{providerId}').replace(/\{(?!providerId\})[^}]+\}/g, '{id}');
    return this.buildFinding(site, context, {
      rule,
      provider: hasProviderSegment ? provider : providerOf(rule, null, false),
      hasProviderSegment,
      method: cmdletMethod(rule, family, entry.name),
      path: canonicalPath,
      cloudId: null,
      hostKind: null,
      family: family.family,
      evidence,
      range: this.rangeOf(cmdlet.offset, cmdlet.offset + cmdlet.length, context),
    });
  }

  private buildFinding(site: CallSite, context: MatchContext, found: FoundOperation): Finding {
    const { rule, provider, range } = found;
    const cloud = (found.cloudId && this.clouds.get(found.cloudId)) || this.defaultCloud;
    const selection = selectReplacements(rule, provider, found.evidence, cloud);
    const scope: NoteContext = { path: found.path, action: selection.exact ? selection.replacements[0]?.action : undefined };
    const notes = collectNotes(rule, selection.providers, found.cloudId ? this.clouds.get(found.cloudId) : undefined, scope);
    for (const alternative of found.alternatives ?? []) {
      notes.unshift(`The code does not show the HTTP method; this finding assumes ${rule.operation.methods.join(' or ')}. Sent with ${alternative.operation.methods.join(' or ')}, it is ${alternative.id} (${alternative.title}).`);
    }
    const permissions = collectPermissions(rule, selection.providers);
    const confidence = site.kind === 'url' ? urlConfidence(site, found.hostKind, found.afterDynamicPrefix === true) : site.inComment ? 'low' : site.confidence;
    const finding: Finding = {
      ruleId: rule.id,
      title: rule.title,
      file: context.relativePath,
      line: range.line,
      column: range.column,
      endLine: range.endLine,
      endColumn: range.endColumn,
      language: site.language,
      family: found.family,
      operation: { method: found.method, path: found.path },
      provider: providerOfFinding(rule, provider, found.hasProviderSegment),
      cloud: found.cloudId,
      replacements: selection.replacements,
      exact: selection.exact,
      fix: rule.fix,
      confidence,
      severity: site.inComment || confidence === 'low' ? 'note' : 'warning',
      inComment: site.inComment,
      message: messageOf(rule, found.method, found.path, selection.replacements, selection.exact),
      notes,
      retired: rule.retired,
      docs: rule.docs,
      matchedText: context.text.slice(range.startOffset, range.endOffset),
    };
    finding.fix = findingTier(rule.fix, finding).tier;
    if (permissions) {
      finding.permissions = permissions;
    }
    return finding;
  }

  private rangeOf(startOffset: number, endOffset: number, context: MatchContext): FindingRange {
    const from = context.lines.positionOf(startOffset);
    const to = context.lines.positionOf(endOffset);
    return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column, startOffset, endOffset };
  }

  /**
   * Place the finding on the literal that names the operation (`/roleAssignmentRequests`), from
   * the start of the API path when that sits in the same literal, to the end of the path. Falls
   * back to the call site's anchor when the path was resolved from another file.
   */
  private locate(site: CallSite, url: NormalizedUrl, start: number, operationIndex: number, end: number, context: MatchContext): FindingRange {
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
    return this.rangeOf(startOffset, endOffset, context);
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

/**
 * Rate a URL call site. It is high only when its host is Graph or the PIM service and nothing
 * unknown comes between the version and the API path. It is low for a host that is neither (a
 * proxy in front of Graph, or an unrelated API that reuses a word).
 */
function urlConfidence(site: CallSite, hostKind: HostKind | null, afterDynamicPrefix: boolean): Finding['confidence'] {
  if (site.inComment || site.confidence === 'low' || hostKind === 'other') {
    return 'low';
  }
  return site.confidence === 'high' && hostKind !== null && !afterDynamicPrefix ? 'high' : 'medium';
}

/** The method a cmdlet sends: the rule's only method, or the one its verb names. */
function cmdletMethod(rule: Rule, family: CmdletFamily, name: string): string {
  const methods = rule.operation.methods;
  if (methods.length === 1) {
    return methods[0]!;
  }
  const verb = name.slice(0, name.indexOf('-')).toLowerCase();
  const mapped = Object.entries(family.verbMethods).find(([candidate]) => candidate.toLowerCase() === verb)?.[1];
  return mapped && methods.includes(mapped) ? mapped : methods[0]!;
}

/** Iteration 1 served Entra roles only, so a path without a provider segment still has one. */
function providerOfFinding(rule: Rule, provider: ProviderId | null, hasProviderSegment: boolean): ProviderId | null {
  if (!hasProviderSegment && rule.iteration === 1) {
    return 'aadRoles';
  }
  return provider;
}

function bodyEvidence(site: CallSite): Evidence {
  const evidence: Evidence = {};
  for (const [field, value] of Object.entries(site.body?.fields ?? {})) {
    if (value !== null) {
      evidence[field] = value;
    }
  }
  return evidence;
}

function collectNotes(rule: Rule, providers: ProviderId[], cloud: CloudSpec | undefined, scope: NoteContext): string[] {
  const notes = (rule.notes ?? []).filter((note) => noteApplies(note, scope)).map(noteText);
  for (const provider of providers) {
    for (const note of (rule.providers[provider]?.notes ?? []).filter((note) => noteApplies(note, scope))) {
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

function messageOf(rule: Rule, method: string | null, path: string, replacements: readonly ReplacementOut[], exact: boolean): string {
  const old = `${method ?? 'A call to'} ${path}`;
  const stopped = `iteration ${rule.iteration} of the PIM API, which stopped returning data on ${rule.retired}`;
  if (replacements.length === 0) {
    // A catch-all rule matches an old path without naming its operation.
    const catchAll = rule.operation.paths.every((template) => template.endsWith('/**'));
    return catchAll
      ? `${old} uses ${stopped}. No rule maps this operation to one iteration 3 call: see the notes for where to look.`
      : `${old} uses ${stopped}. It has no iteration 3 equivalent: see the notes.`;
  }
  if (exact) {
    return `${old} uses ${stopped}. Replace it with the iteration 3 call below.`;
  }
  if (replacements.every((replacement) => replacement.when === undefined)) {
    return `${old} uses ${stopped}. Its data now comes from the ${replacements.length} iteration 3 calls below: see the notes for how they combine.`;
  }
  return `${old} uses ${stopped}. Replace it with one of the ${replacements.length} iteration 3 calls below, chosen by their conditions.`;
}
