import type { CallSite, UrlPart } from '../../model/call-site.js';
import { bindArguments, named, type BoundArguments } from './arguments.js';
import { readBody } from './body.js';
import type { CommandCall } from './commands.js';
import type { ResolveState, Resolver } from './resolve.js';

/** Base URLs the HTTP cmdlets put before a relative URL or path. */
const GRAPH_BASE = 'https://graph.microsoft.com';
const ARM_BASE = 'https://management.azure.com';

interface HttpCommand {
  urlParameters: string[];
  bodyParameters: string[];
  /** Method when `-Method` is absent; null when the cmdlet has no documented default. */
  defaultMethod: string | null;
  baseUrlIfRelative?: string;
}

const INVOKE_REST: HttpCommand = { urlParameters: ['Uri'], bodyParameters: ['Body'], defaultMethod: 'GET' };

/** HTTP cmdlets and their aliases, by lower-case name without module qualifier. */
const HTTP_COMMANDS: Record<string, HttpCommand> = {
  'invoke-restmethod': INVOKE_REST,
  irm: INVOKE_REST,
  'invoke-webrequest': INVOKE_REST,
  iwr: INVOKE_REST,
  'invoke-mggraphrequest': { urlParameters: ['Uri'], bodyParameters: ['Body'], defaultMethod: 'GET', baseUrlIfRelative: GRAPH_BASE },
  // NOTE: Invoke-AzRestMethod's method default is not taken as GET here; the call site then has no method.
  'invoke-azrestmethod': { urlParameters: ['Path', 'Uri'], bodyParameters: ['Payload'], defaultMethod: null, baseUrlIfRelative: ARM_BASE },
};

/** `az rest` options, long and short (Azure CLI documents GET as the default method). */
const AZ_REST: HttpCommand = { urlParameters: ['url', 'uri', 'u'], bodyParameters: ['body', 'b'], defaultMethod: 'GET' };

export function unqualified(name: string): string {
  return name.slice(name.lastIndexOf('\\') + 1).toLowerCase();
}

/** The HTTP command a call names, with its arguments; null for other commands. */
export function recognizeHttpCommand(call: CommandCall, name: string, resolver: Resolver, state: ResolveState): { spec: HttpCommand; args: BoundArguments; az: boolean } | null {
  const bare = unqualified(name).replace(/\.exe$/, '');
  if (bare === 'az' || bare === 'az.cmd') {
    const first = call.positional[0];
    if (!first || resolver.value(first, state)?.toLowerCase() !== 'rest') {
      return null;
    }
    return { spec: AZ_REST, args: bindArguments(call, resolver, state), az: true };
  }
  const spec = HTTP_COMMANDS[bare];
  return spec ? { spec, args: bindArguments(call, resolver, state), az: false } : null;
}

/** Read the URL of a recognised HTTP command; null when the command passes none. */
export function httpUrl(call: CommandCall, recognized: { spec: HttpCommand; args: BoundArguments; az: boolean }, resolver: Resolver, state: ResolveState): UrlPart[] | null {
  const argument = named(recognized.args, ...recognized.spec.urlParameters);
  if (argument?.value?.kind === 'node') {
    return resolver.parts(argument.value.node, state);
  }
  if (argument?.value?.kind === 'text' && argument.value.text !== null) {
    return [{ kind: 'literal', text: argument.value.text }];
  }
  // Invoke-RestMethod and its kin take the URI as their first positional argument; `az rest` does not.
  const positional = recognized.az ? undefined : call.positional[0];
  return positional ? resolver.parts(positional, state) : null;
}

/** Build the call site of a recognised HTTP command whose URL names an old operation. */
export function httpCallSite(call: CommandCall, recognized: { spec: HttpCommand; args: BoundArguments; az: boolean }, parts: UrlPart[], resolver: Resolver, state: ResolveState, language: string): CallSite {
  const { spec, args } = recognized;
  const methodArgument = named(args, ...(recognized.az ? ['method', 'm'] : ['Method', 'CustomMethod']));
  let method: string | null = spec.defaultMethod;
  if (methodArgument?.value) {
    method = resolver.fieldValue(methodArgument.value, state)?.toUpperCase() ?? null;
  }
  const site: CallSite = {
    kind: 'url',
    language,
    url: parts,
    method,
    inComment: false,
    confidence: 'high',
    anchor: { offset: call.node.startIndex, length: call.node.endIndex - call.node.startIndex },
  };
  const bodyArgument = named(args, ...spec.bodyParameters);
  if (bodyArgument) {
    site.body = readBody(bodyArgument, resolver, state);
  }
  const first = parts[0];
  if (spec.baseUrlIfRelative && first?.kind === 'literal' && !/^[a-z][a-z0-9+.-]*:\/\//i.test(first.text)) {
    site.baseUrl = spec.baseUrlIfRelative;
  }
  return site;
}
