// IAM policy variables: `${aws:username}`, `${aws:PrincipalTag/team}`, `${key, 'default'}`, and the predefined
// `${*}`, `${?}`, `${$}` that stand for a literal `*`, `?` and `$`.
// Spec: IAM User Guide, reference_policies_variables.html ("IAM policy elements: Variables and tags") and
// reference_policies_condition-single-vs-multi-valued-context-keys.html.
//
// Rules implemented (each from those pages):
// - Variables exist only in the 2012-10-17 policy language; with 2008-10-17 or no Version, `${...}` is plain text
//   (the caller decides: see `variablesEnabled`).
// - Key names are case-insensitive (`aws:CurrentTime` = `AWS:currenttime`).
// - A key that is not present has no value: "any attempt to match it fails", so substitution returns undefined and
//   the caller treats the element or condition value as matching nothing. A default (`${key, 'text'}`) replaces a
//   missing value.
// - Multivalued context keys cannot be used as policy variables: a list-typed entry (or one carrying several values)
//   counts as having no value, so the default applies when there is one.
// - Substituted values and the predefined specials are literal text: `${*}` in a StringLike pattern matches an
//   asterisk, not any run of characters. `toGlob` therefore escapes them (see match/wildcard.ts).
// - Malformed variable syntax (`${` without `}`, `${}`, a default without quotes) is kept as literal text: AWS
//   rejects such documents at validation time, which the policy validator reports; evaluation must not throw.

import type { ContextEntry, RequestContext } from './types';
import { escapeGlobLiteral, escapeGlobText } from './match/wildcard';

/** The policy language version that introduced policy variables. */
export const POLICY_VARIABLES_VERSION = '2012-10-17';

/** True when a document of this Version substitutes policy variables (only "2012-10-17" does). */
export function variablesEnabled(policyVersion: string | undefined): boolean {
  return policyVersion === POLICY_VARIABLES_VERSION;
}

/** One piece of a parsed template. */
export type TemplatePart =
  /** Policy text as written: in glob contexts its `*` and `?` are wildcards. */
  | { kind: 'text'; text: string }
  /** A predefined special (`${*}`, `${?}`, `${$}`): always the literal character. */
  | { kind: 'literal'; text: string }
  /** A reference to a request-context key, with the key lower-cased for lookup. */
  | { kind: 'variable'; name: string; key: string; defaultValue?: string };

const SPECIALS = new Set(['*', '?', '$']);

function isWhitespace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** Parse the variable that starts at `start` (which holds `${`); undefined when the syntax is not a variable. */
function parseVariableAt(source: string, start: number): { part: TemplatePart; end: number } | undefined {
  let i = start + 2;
  while (i < source.length && source[i] !== '}' && source[i] !== ',') i++;
  if (i >= source.length) return undefined;
  const name = source.slice(start + 2, i).trim();
  if (name === '' || /\s/.test(name)) return undefined;
  if (source[i] === '}') {
    if (SPECIALS.has(name)) return { part: { kind: 'literal', text: name }, end: i + 1 };
    return { part: { kind: 'variable', name, key: name.toLowerCase() }, end: i + 1 };
  }
  // `${key, 'default'}`: a comma, optional spaces, a single-quoted default, optional spaces, `}`.
  let j = i + 1;
  while (j < source.length && isWhitespace(source.charCodeAt(j))) j++;
  if (source[j] !== "'") return undefined;
  const closingQuote = source.indexOf("'", j + 1);
  if (closingQuote === -1) return undefined;
  let k = closingQuote + 1;
  while (k < source.length && isWhitespace(source.charCodeAt(k))) k++;
  if (source[k] !== '}') return undefined;
  const defaultValue = source.slice(j + 1, closingQuote);
  return { part: { kind: 'variable', name, key: name.toLowerCase(), defaultValue }, end: k + 1 };
}

/** Split a string into text, predefined specials and variable references. Never throws. */
export function parseTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let textStart = 0;
  let searchFrom = 0;
  for (;;) {
    const at = template.indexOf('${', searchFrom);
    if (at === -1) break;
    const parsed = parseVariableAt(template, at);
    if (!parsed) {
      searchFrom = at + 2;
      continue;
    }
    if (at > textStart) parts.push({ kind: 'text', text: template.slice(textStart, at) });
    parts.push(parsed.part);
    textStart = searchFrom = parsed.end;
  }
  if (textStart < template.length || parts.length === 0) parts.push({ kind: 'text', text: template.slice(textStart) });
  return parts;
}

/** True when the string contains a policy variable or a predefined special such as `${*}`. */
export function hasPolicyVariables(value: string): boolean {
  if (!value.includes('${')) return false;
  return parseTemplate(value).some((part) => part.kind !== 'text');
}

/** True for the ContextValueType names that make a key multivalued. */
function isListEntry(entry: ContextEntry): boolean {
  return entry.type.endsWith('List') || entry.values.length !== 1;
}

/** The value a variable stands for in this request, or undefined when it has none (and no default). */
export function resolveVariable(
  part: { key: string; defaultValue?: string },
  ctx: RequestContext,
): string | undefined {
  const entry = ctx.get(part.key);
  if (entry !== undefined && !isListEntry(entry)) return entry.values[0];
  return part.defaultValue;
}

/** A template prepared once; substitution per request is a loop over its parts. */
export interface CompiledTemplate {
  /** The template as written. */
  readonly source: string;
  /** True when the result depends on the request context (the template names at least one key). */
  readonly dynamic: boolean;
  /** For templates that do not depend on the request: the text, specials replaced by their characters. */
  readonly constantText?: string;
  /** For templates that do not depend on the request: the escaped glob (see match/wildcard.ts). */
  readonly constantGlob?: string;
  /** Substitute as plain text; undefined when a variable has no value and no default. */
  toText(ctx: RequestContext): string | undefined;
  /** Substitute as an escaped glob: policy text keeps its wildcards, values and specials are literal. */
  toGlob(ctx: RequestContext): string | undefined;
}

const EMPTY_CONTEXT: RequestContext = new Map();

/**
 * Precompute a template's fixed pieces (already escaped for the glob form) so that substitution per request only
 * looks up the variables and concatenates: `pieces[i]` is fixed text, or a variable to resolve.
 */
function compilePieces(parts: readonly TemplatePart[], glob: boolean): (ctx: RequestContext) => string | undefined {
  const pieces: (string | { key: string; defaultValue?: string })[] = [];
  for (const part of parts) {
    if (part.kind === 'variable') pieces.push({ key: part.key, defaultValue: part.defaultValue });
    else {
      const fixed = !glob ? part.text : part.kind === 'text' ? escapeGlobText(part.text) : escapeGlobLiteral(part.text);
      const last = pieces.length - 1;
      if (last >= 0 && typeof pieces[last] === 'string') pieces[last] += fixed;
      else pieces.push(fixed);
    }
  }
  return (ctx) => {
    let out = '';
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i];
      if (typeof piece === 'string') {
        out += piece;
        continue;
      }
      const value = resolveVariable(piece, ctx);
      if (value === undefined) return undefined;
      out += glob ? escapeGlobLiteral(value) : value;
    }
    return out;
  };
}

/** Prepare a template for repeated substitution. */
export function compileTemplate(template: string): CompiledTemplate {
  return compileTemplateParts(template, parseTemplate(template));
}

/** Prepare already-parsed template parts for repeated substitution. */
export function compileTemplateParts(source: string, parts: readonly TemplatePart[]): CompiledTemplate {
  const dynamic = parts.some((part) => part.kind === 'variable');
  const toText = compilePieces(parts, false);
  const toGlob = compilePieces(parts, true);
  if (dynamic) return { source, dynamic, toText, toGlob };
  const constantText = toText(EMPTY_CONTEXT);
  const constantGlob = toGlob(EMPTY_CONTEXT);
  return { source, dynamic, constantText, constantGlob, toText: () => constantText, toGlob: () => constantGlob };
}

/**
 * Substitute every policy variable in `template` from the request context. Returns undefined when a variable has
 * no value and no default (AWS then treats the element as not matching). Specials become their literal characters.
 * Use `compileTemplate` when the same template is substituted for many requests.
 */
export function substituteVariables(template: string, ctx: RequestContext): string | undefined {
  if (!template.includes('${')) return template;
  return compileTemplate(template).toText(ctx);
}
