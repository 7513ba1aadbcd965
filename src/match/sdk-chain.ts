import type { SdkChainLink, UrlPart } from '../model/call-site.js';
import type { SdkConvention, SdkFile } from '../rules/schema.js';

export interface SdkPath {
  /** The chain as URL parts, starting with `/`; segment names lower case without `_`. */
  parts: UrlPart[];
  method: string | null;
  /** Part index of the first item accessor's argument (the provider id for privilegedAccess). */
  firstItemPart: number | null;
  /** File offset of the first link of the path, for a fallback position. */
  startOffset: number;
}

interface CompiledConvention {
  convention: SdkConvention;
  accessors: { pattern: RegExp; namesSegment: boolean }[];
  ignore: Set<string>;
  verbs: Map<string, string>;
}

const normalize = (name: string): string => name.replace(/_/g, '').toLowerCase();

/**
 * Reads SDK request chains as URL paths with the spellings of `rules/sdk-chains.yaml`, so that
 * SDK calls match the same path templates as URLs and no code is written per operation.
 */
export class SdkChainReader {
  private readonly byLanguage = new Map<string, CompiledConvention>();
  private readonly clientMember: RegExp;

  constructor(file: SdkFile, private readonly roots: ReadonlySet<string>) {
    this.clientMember = new RegExp(file.clientMemberPattern, 'i');
    for (const convention of file.sdks) {
      const compiled: CompiledConvention = {
        convention,
        accessors: convention.itemAccessors.map((accessor) => ({ pattern: new RegExp(accessor.pattern, 'i'), namesSegment: accessor.namesSegment })),
        ignore: new Set(convention.ignore.map(normalize)),
        verbs: new Map(Object.entries(convention.verbs).map(([verb, method]) => [normalize(verb), method])),
      };
      for (const language of convention.languages) {
        this.byLanguage.set(language, compiled);
      }
    }
  }

  /**
   * Convert a chain to a path. The chain must reach an old root segment (`privilegedAccess`) at
   * its first link, or right after a member that contains a client; otherwise it returns null.
   */
  read(language: string, chain: readonly SdkChainLink[]): SdkPath | null {
    const compiled = this.byLanguage.get(language);
    if (!compiled) {
      return null;
    }
    const rootIndex = chain.findIndex((link, index) => index <= 1 && this.rootName(compiled, link) !== null);
    if (rootIndex === -1 || (rootIndex === 1 && !this.clientMember.test(chain[0]!.name))) {
      return null;
    }

    const parts: UrlPart[] = [];
    let method: string | null = null;
    let firstItemPart: number | null = null;
    const pushSegment = (text: string): void => {
      parts.push({ kind: 'literal', text: `/${text}` });
    };
    const pushItem = (argument: UrlPart | undefined): void => {
      parts.push({ kind: 'literal', text: '/' });
      firstItemPart ??= parts.length;
      parts.push(argument ?? { kind: 'dynamic', name: 'id' });
    };

    for (const link of chain.slice(rootIndex)) {
      const name = normalize(link.name);
      const verb = compiled.verbs.get(name);
      if (verb) {
        method = verb;
        break;
      }
      if (compiled.ignore.has(name)) {
        continue;
      }
      const accessor = compiled.accessors.find((candidate) => candidate.pattern.test(name));
      if (accessor) {
        const named = accessor.namesSegment ? accessor.pattern.exec(name)?.[1] : undefined;
        if (named) {
          pushSegment(named);
        }
        pushItem(link.argument);
        continue;
      }
      pushSegment(name);
    }
    return { parts, method, firstItemPart, startOffset: chain[rootIndex]!.offset };
  }

  /** Return the root segment a link names (`privilegedaccess`), directly or through a `...ById` accessor. */
  private rootName(compiled: CompiledConvention, link: SdkChainLink): string | null {
    const name = normalize(link.name);
    if (this.roots.has(name)) {
      return name;
    }
    for (const accessor of compiled.accessors) {
      const named = accessor.namesSegment ? accessor.pattern.exec(name)?.[1] : undefined;
      if (named && this.roots.has(named)) {
        return named;
      }
    }
    return null;
  }
}
