import { ts } from 'ts-morph';
import { mapRequestBody } from '../body-map.js';
import type { Edit, FixAttempt } from '../edits.js';
import type { FixPlan } from '../plan.js';
import { isScheduleRequestBody, needsBodyChange } from '../request-shape.js';
import { rewriteUrlLiteral } from '../url-rewrite.js';
import { printObject, readObject, styleOf } from './body.js';
import { RESPONSE_REVIEW, responseReview } from './response-use.js';
import { callOf, chainAfter, contentRange, literalAt, literalValue, methodName, objectLiteralOf, propertyOf } from './locate.js';

const GRAPH_VERBS = new Set(['get', 'post', 'create', 'patch', 'update', 'put', 'delete', 'del']);
const CLIENT_BODY_METHODS = new Set(['post', 'put', 'patch']);

/**
 * Fixes one finding in a TypeScript or JavaScript file: the path literal, `.version('beta')` of
 * a Graph client chain, and the literal request body. `offset` is where the finding starts.
 */
export function fixTypeScript(source: ts.SourceFile, offset: number, plan: FixPlan): FixAttempt {
  const literal = literalAt(source, offset);
  if (!literal) {
    return { reason: 'the old path is not a string literal in this file (it comes from a variable or another file); change it where it is defined' };
  }
  const rewrite = rewriteUrlLiteral(literalValue(literal), plan);
  if ('reason' in rewrite) {
    return rewrite;
  }
  const quote = literal.getText(source)[0] === '`' ? "'" : literal.getText(source)[0]!;
  const range = contentRange(literal, source);
  const edits: Edit[] = [];
  if (ts.isTemplateExpression(literal)) {
    // The substitutions fill old segments that the new path does not have.
    edits.push({ start: literal.getStart(source), end: literal.getEnd(), text: `${quote}${rewrite.text}${quote}` });
  } else {
    edits.push({ ...range, text: rewrite.text });
  }

  const call = callOf(literal, source);
  const bodyNeeded = needsBodyChange(plan);
  if (call && methodName(call) === 'api') {
    const chain = chainAfter(call);
    const version = chain.find((link) => methodName(link) === 'version');
    const verb = chain.find((link) => GRAPH_VERBS.has(methodName(link) ?? ''));
    if (!verb) {
      return { reason: 'the Graph request chain continues in another statement; change its .version() and body there by hand' };
    }
    if (version) {
      const argument = version.arguments[0];
      if (!argument || !(ts.isStringLiteral(argument) || ts.isNoSubstitutionTemplateLiteral(argument)) || argument.text !== 'beta') {
        return { reason: 'the Graph client version is not the literal beta; set it to v1.0 by hand' };
      }
      const access = version.expression as ts.PropertyAccessExpression;
      const previous = access.expression;
      // Text between the previous link and `.version` is kept when it contains a comment.
      const between = source.text.slice(previous.getEnd(), access.name.getStart(source));
      const dot = previous.getEnd() + between.lastIndexOf('.');
      edits.push({ start: /\/[/*]/.test(between) ? dot : previous.getEnd(), end: version.getEnd(), text: '' });
    }
    if (bodyNeeded) {
      const body = CLIENT_BODY_METHODS.has(methodName(verb) ?? '') ? objectLiteralOf(verb.arguments[0]) : undefined;
      const bodyEdit = body ? rewriteBody(body, source, plan, quote) : { reason: 'the request body is not an object literal at the call; migrate the body by hand (see pim-migrate explain)' };
      if ('reason' in bodyEdit) {
        return bodyEdit;
      }
      edits.push(bodyEdit);
    }
    // GraphRequest.post(content, callback) and get(callback) hand the response to a callback.
    const bodyArguments = CLIENT_BODY_METHODS.has(methodName(verb) ?? '') ? 1 : 0;
    return withReview(edits, verb.arguments.length > bodyArguments ? RESPONSE_REVIEW : responseReview(verb));
  }
  if (rewrite.relative) {
    return { reason: 'a relative path that is not passed to a Graph client .api() call; change it where the base URL is known' };
  }
  if (bodyNeeded) {
    const body = call ? bodyArgumentOf(call) : undefined;
    const bodyEdit = body ? rewriteBody(body, source, plan, quote) : { reason: 'the request body is not an object literal next to the URL; migrate the body by hand (see pim-migrate explain)' };
    if ('reason' in bodyEdit) {
      return bodyEdit;
    }
    edits.push(bodyEdit);
  }
  return withReview(edits, call ? responseReview(call) : SENT_ELSEWHERE);
}

/** The URL is not an argument of the request call, so the code that reads the response is out of sight. */
const SENT_ELSEWHERE = 'the URL is sent by code this fixer does not see; check how that code reads the response';

function withReview(edits: Edit[], review: string | undefined): FixAttempt {
  return review === undefined ? { edits } : { edits, review };
}

/** `fetch(url, { body: JSON.stringify({...}) })` or `http.post(url, {...})`. */
function bodyArgumentOf(call: ts.CallExpression): ts.ObjectLiteralExpression | undefined {
  const second = call.arguments[1];
  const options = second && ts.isObjectLiteralExpression(second) ? second : undefined;
  const method = methodName(call);
  if (method && CLIENT_BODY_METHODS.has(method.toLowerCase())) {
    return objectLiteralOf(second);
  }
  const body = options ? propertyOf(options, 'body') ?? propertyOf(options, 'data') : undefined;
  return body ? objectLiteralOf(body.initializer) : undefined;
}

function rewriteBody(object: ts.ObjectLiteralExpression, source: ts.SourceFile, plan: FixPlan, quote: string): Edit | { reason: string } {
  if (plan.body.some((field) => field.from === 'type') && plan.replacement.action === undefined) {
    return { reason: 'the body type is not a literal; set action to adminAssign or selfActivate by hand' };
  }
  if (!isScheduleRequestBody(plan)) {
    return { reason: `the ${plan.rule.id} body is not rewritten by this fixer; map its fields by hand (see pim-migrate explain ${plan.rule.id})` };
  }
  const read = readObject(object, source);
  if ('reason' in read) {
    return read;
  }
  const mapped = mapRequestBody(read.entries, plan);
  if ('reason' in mapped) {
    return mapped;
  }
  return { start: object.getStart(source), end: object.getEnd(), text: printObject(mapped.entries, styleOf(object, source, quote)) };
}

