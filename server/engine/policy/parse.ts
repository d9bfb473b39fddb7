// Parse a policy document into the engine's data model, reporting every grammar problem that makes AWS reject
// it whatever the policy kind. Kind-specific rules (Principal allowed or not, quotas, SCP/RCP limits) live in
// validate.ts. Grammar source: IAM User Guide, reference_policies_grammar.html and reference_policies_elements_*.html.
import type {
  ConditionClause, Effect, Finding, PolicyDocument, PolicySource, PrincipalBlock, PrincipalType, Statement,
} from '../types';
import { parseConditionOperator, suggestConditionOperator } from './condition-operators';
import { describeInvalidConditionValue } from './condition-values';
import { decodePolicyText } from './decode';
import { finding, hasErrors, pathIndex, pathKey } from './finding';
import { jsonNodeFromValue, parseJsonText, type JsonMember, type JsonNode, type SourcePosition } from './json-ast';

/** The outcome of parsing: the document when the grammar holds, and every finding either way. */
export interface ParsedPolicy {
  /** The normalised document; absent when any finding is an error (AWS would reject the policy). */
  document?: PolicyDocument;
  /** Grammar findings, in document order. */
  findings: Finding[];
  /** The JSON text after URL-decoding, when the source was text (quotas count its characters). */
  text?: string;
  /** The JSON tree, when the source could be read as JSON at all. */
  tree?: JsonNode;
}

/** One statement as read, valid or not, so kind-specific rules can still inspect it. */
export interface ReadStatement {
  /** The statement; fields that could not be read are absent. */
  statement: Statement;
  /** JSONPath of the statement ("$.Statement" or "$.Statement[2]"). */
  path: string;
  /** False when the statement had a grammar error. */
  valid: boolean;
  /** True when Effect was read (otherwise statement.effect is a placeholder). */
  effectKnown: boolean;
}

/** Everything the parser learnt, for the validator: the public result plus every statement read. */
export interface PolicyAnalysis extends ParsedPolicy {
  /** Every statement that was a JSON object, in document order. */
  statements: ReadStatement[];
  /** The Version element when it was a string (valid or not). */
  versionWritten?: string;
}

/** The policy versions IAM knows; 2012-10-17 is the one that supports policy variables. */
export const POLICY_VERSIONS = ['2012-10-17', '2008-10-17'] as const;

/** Top-level elements of a policy document. */
export const TOP_LEVEL_ELEMENTS = ['Version', 'Id', 'Statement'] as const;

/** Elements of a statement. */
export const STATEMENT_ELEMENTS = [
  'Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition',
] as const;

/** Principal types a Principal or NotPrincipal object may use. */
export const PRINCIPAL_TYPES: readonly PrincipalType[] = ['AWS', 'Service', 'Federated', 'CanonicalUser'];

// An action is "*" or service:name. Wildcards are allowed in the name only: "Consists of a service namespace, a
// colon, and the name of an action. Action names can include wildcards" (reference_policies_grammar.html, notes on
// action_string); IAM refuses "*:Get*" with MalformedPolicyDocument.
const ACTION_FORMAT = /^[A-Za-z0-9-]+:[A-Za-z0-9*?_.-]+$/;
const ACTION_WITH_SERVICE_WILDCARD = /^[A-Za-z0-9*?-]*[*?][A-Za-z0-9*?-]*:[A-Za-z0-9*?_.-]+$/;
// Values IAM accepts for an AWS principal: "*", an account id, an ARN, or the unique id IAM substitutes when the
// named user or role was deleted (AIDA..., AROA...), which real exported trust policies contain.
const AWS_PRINCIPAL_FORMAT = /^(?:\*|\d{12}|arn:[^:]+:[^:]+:.*|A[A-Z]{3}[A-Z0-9]{12,})$/;

/**
 * Parse a policy given as JSON text (plain or URL-encoded) or as an already-parsed object. Never throws.
 * The document is returned only when no grammar error was found.
 */
export function parsePolicy(source: PolicySource): ParsedPolicy {
  const { document, findings, text, tree } = analysePolicy(source);
  return { document, findings, text, tree };
}

/** Parse a policy and keep every statement read, valid or not (the validator's entry point). Never throws. */
export function analysePolicy(source: PolicySource): PolicyAnalysis {
  const findings: Finding[] = [];
  let tree: JsonNode;
  let text: string | undefined;
  if (typeof source === 'string') {
    try {
      text = decodePolicyText(source);
    } catch (error) {
      findings.push(finding('MALFORMED_URL_ENCODING', 'error', (error as Error).message, '$'));
      return { findings, statements: [] };
    }
    const parsed = parseJsonText(text);
    if (!parsed.ok) {
      const { message, position } = parsed.error;
      findings.push(finding('MALFORMED_JSON', 'error', `Malformed JSON at ${where(position)}: ${message}.`, '$'));
      return { findings, text, statements: [] };
    }
    tree = parsed.node;
  } else {
    tree = jsonNodeFromValue(source);
  }

  reportDuplicateKeys(tree, '$', findings);
  if (tree.kind !== 'object') {
    findings.push(finding('POLICY_NOT_AN_OBJECT', 'error', `A policy document must be a JSON object, not ${describeKind(tree)}.`, '$'));
    return { findings, text, tree, statements: [] };
  }

  const statements: ReadStatement[] = [];
  const { document, versionWritten } = readDocument(tree, findings, statements);
  return { document: hasErrors(findings) ? undefined : document, findings, text, tree, statements, versionWritten };
}

function readDocument(
  root: Extract<JsonNode, { kind: 'object' }>, findings: Finding[], statements: ReadStatement[],
): { document: PolicyDocument; versionWritten?: string } {
  const members = lastMembers(root);
  reportUnknownElements(members, TOP_LEVEL_ELEMENTS, '$', 'policy', findings);

  const document: PolicyDocument = { statements: [] };
  const version = members.get('Version');
  const versionWritten = version?.value.kind === 'string' ? version.value.value : undefined;
  if (version) {
    const path = pathKey('$', 'Version');
    if (version.value.kind !== 'string' || !(POLICY_VERSIONS as readonly string[]).includes(version.value.value)) {
      findings.push(finding('INVALID_VERSION', 'error',
        `Version must be "2012-10-17" (or the legacy "2008-10-17"), not ${describeValue(version.value)}.`, path));
    } else {
      document.version = version.value.value;
    }
  }
  const id = members.get('Id');
  if (id) {
    if (id.value.kind === 'string') document.id = id.value.value;
    else findings.push(typeError('Id', 'a string', id.value, pathKey('$', 'Id')));
  }

  const statementMember = members.get('Statement');
  const statementPath = pathKey('$', 'Statement');
  if (!statementMember) {
    findings.push(finding('MISSING_STATEMENT', 'error', 'The policy has no Statement element.', '$'));
    return { document, versionWritten };
  }
  const statementNode = statementMember.value;
  if (statementNode.kind === 'object') {
    statements.push(readStatement(statementNode, 0, statementPath, findings));
  } else if (statementNode.kind === 'array') {
    if (statementNode.items.length === 0) {
      findings.push(finding('EMPTY_STATEMENT', 'error', 'The Statement array is empty: a policy needs at least one statement.', statementPath));
    }
    statementNode.items.forEach((item, index) => {
      const path = pathIndex(statementPath, index);
      if (item.kind !== 'object') {
        findings.push(typeError('Each statement', 'a JSON object', item, path));
        return;
      }
      statements.push(readStatement(item, index, path, findings));
    });
  } else {
    findings.push(typeError('Statement', 'an object or an array of objects', statementNode, statementPath));
  }
  document.statements = statements.filter((read) => read.valid).map((read) => read.statement);
  return { document, versionWritten };
}

function readStatement(
  node: Extract<JsonNode, { kind: 'object' }>, index: number, path: string, findings: Finding[],
): ReadStatement {
  const before = findings.length;
  const members = lastMembers(node);
  reportUnknownElements(members, STATEMENT_ELEMENTS, path, 'statement', findings);

  const statement: Statement = { index, effect: 'Allow', conditions: [] };

  const sid = members.get('Sid');
  if (sid) {
    if (sid.value.kind === 'string') statement.sid = sid.value.value;
    else findings.push(typeError('Sid', 'a string', sid.value, pathKey(path, 'Sid')));
  }

  const effect = members.get('Effect');
  let effectKnown = false;
  if (!effect) {
    findings.push(finding('MISSING_EFFECT', 'error', 'The statement has no Effect element: add "Effect": "Allow" or "Deny".', path));
  } else if (effect.value.kind !== 'string' || (effect.value.value !== 'Allow' && effect.value.value !== 'Deny')) {
    findings.push(finding('INVALID_EFFECT', 'error',
      `Effect must be exactly "Allow" or "Deny" (case-sensitive), not ${describeValue(effect.value)}.`, pathKey(path, 'Effect')));
  } else {
    statement.effect = effect.value.value as Effect;
    effectKnown = true;
  }

  for (const element of ['Principal', 'NotPrincipal'] as const) {
    const member = members.get(element);
    if (!member) continue;
    const block = readPrincipal(member.value, element, pathKey(path, element), findings);
    if (block) statement[element === 'Principal' ? 'principal' : 'notPrincipal'] = block;
  }
  if (members.has('Principal') && members.has('NotPrincipal')) {
    findings.push(finding('PRINCIPAL_AND_NOT_PRINCIPAL', 'error', 'A statement cannot have both Principal and NotPrincipal.', path));
  }

  for (const element of ['Action', 'NotAction', 'Resource', 'NotResource'] as const) {
    const member = members.get(element);
    if (!member) continue;
    const values = readStringList(member.value, element, pathKey(path, element), findings);
    if (!values) continue;
    if (element === 'Action' || element === 'NotAction') reportActionFormat(values, element, pathKey(path, element), findings);
    const field = ({ Action: 'action', NotAction: 'notAction', Resource: 'resource', NotResource: 'notResource' } as const)[element];
    statement[field] = values;
  }
  if (members.has('Action') && members.has('NotAction')) {
    findings.push(finding('ACTION_AND_NOT_ACTION', 'error', 'A statement cannot have both Action and NotAction.', path));
  } else if (!members.has('Action') && !members.has('NotAction')) {
    findings.push(finding('MISSING_ACTION', 'error', 'The statement needs an Action or a NotAction element.', path));
  }
  if (members.has('Resource') && members.has('NotResource')) {
    findings.push(finding('RESOURCE_AND_NOT_RESOURCE', 'error', 'A statement cannot have both Resource and NotResource.', path));
  }

  const condition = members.get('Condition');
  if (condition) statement.conditions = readConditions(condition.value, pathKey(path, 'Condition'), findings);

  return { statement, path, valid: !hasErrors(findings.slice(before)), effectKnown };
}

function readPrincipal(node: JsonNode, element: string, path: string, findings: Finding[]): PrincipalBlock | undefined {
  if (node.kind === 'string') {
    if (node.value === '*') return '*';
    findings.push(finding('INVALID_PRINCIPAL', 'error',
      `${element} must be "*" or an object such as {"AWS": "arn:aws:iam::111122223333:root"}, not "${node.value}".`, path));
    return undefined;
  }
  if (node.kind !== 'object') {
    findings.push(typeError(element, '"*" or an object', node, path));
    return undefined;
  }
  if (node.members.length === 0) {
    findings.push(finding('INVALID_PRINCIPAL', 'error', `${element} is an empty object: name at least one principal.`, path));
    return undefined;
  }
  const block: Partial<Record<PrincipalType, string[]>> = {};
  let valid = true;
  for (const [type, member] of lastMembers(node)) {
    const typePath = pathKey(path, type);
    if (!(PRINCIPAL_TYPES as readonly string[]).includes(type)) {
      const hint = PRINCIPAL_TYPES.find((known) => known.toLowerCase() === type.toLowerCase());
      findings.push(finding('INVALID_PRINCIPAL_TYPE', 'error',
        `Unknown principal type "${type}"${hint ? ` (names are case-sensitive: did you mean "${hint}"?)` : ''}; use AWS, Service, Federated or CanonicalUser.`,
        typePath));
      valid = false;
      continue;
    }
    const values = readStringList(member.value, `${element}.${type}`, typePath, findings);
    if (!values) {
      valid = false;
      continue;
    }
    if (type === 'AWS') {
      values.forEach((value, i) => {
        if (!AWS_PRINCIPAL_FORMAT.test(value)) {
          findings.push(finding('INVALID_PRINCIPAL', 'error',
            `"${value}" is not a valid AWS principal: use "*", a 12-digit account id or an ARN.`,
            member.value.kind === 'array' ? pathIndex(typePath, i) : typePath));
          valid = false;
        }
      });
    }
    block[type as PrincipalType] = values;
  }
  return valid ? block : undefined;
}

function readStringList(node: JsonNode, element: string, path: string, findings: Finding[]): string[] | undefined {
  if (node.kind === 'string') return [node.value];
  if (node.kind !== 'array') {
    findings.push(typeError(element, 'a string or an array of strings', node, path));
    return undefined;
  }
  if (node.items.length === 0) {
    findings.push(finding('EMPTY_ELEMENT', 'error', `${element} is an empty array: list at least one value.`, path));
    return undefined;
  }
  const values: string[] = [];
  let valid = true;
  node.items.forEach((item, i) => {
    if (item.kind === 'string') values.push(item.value);
    else {
      findings.push(typeError(`Each value of ${element}`, 'a string', item, pathIndex(path, i)));
      valid = false;
    }
  });
  return valid ? values : undefined;
}

function reportActionFormat(values: string[], element: string, path: string, findings: Finding[]): void {
  values.forEach((value, i) => {
    if (value === '*' || ACTION_FORMAT.test(value)) return;
    const message = ACTION_WITH_SERVICE_WILDCARD.test(value)
      ? `"${value}": the service prefix cannot contain wildcards; name the service (for example "s3:Get*"), or use "*" for every action.`
      : `"${value}" is not a valid ${element} value: write service:action (for example "s3:GetObject"), or "*".`;
    findings.push(finding('INVALID_ACTION', 'error', message, values.length > 1 ? pathIndex(path, i) : path));
  });
}

function readConditions(node: JsonNode, path: string, findings: Finding[]): ConditionClause[] {
  if (node.kind !== 'object') {
    findings.push(typeError('Condition', 'an object of {operator: {key: value}}', node, path));
    return [];
  }
  const clauses: ConditionClause[] = [];
  for (const [operator, member] of lastMembers(node)) {
    const operatorPath = pathKey(path, operator);
    const parsed = parseConditionOperator(operator);
    if (!parsed) {
      const suggestion = suggestConditionOperator(operator);
      findings.push(finding('INVALID_CONDITION_OPERATOR', 'error',
        `"${operator}" is not a condition operator${suggestion ? ` (operators are case-sensitive: did you mean "${suggestion}"?)` : ''}.`,
        operatorPath));
    }
    if (member.value.kind !== 'object') {
      findings.push(typeError(`The ${operator} block`, 'an object of {key: value}', member.value, operatorPath));
      continue;
    }
    for (const [key, keyMember] of lastMembers(member.value)) {
      const keyPath = pathKey(operatorPath, key);
      const values = readConditionValues(keyMember.value, keyPath, findings);
      if (!values) continue;
      if (parsed) {
        values.forEach((value, i) => {
          const problem = describeInvalidConditionValue(parsed.valueType, value);
          if (problem) {
            findings.push(finding('INVALID_CONDITION_VALUE', 'error', `${problem}, which ${operator} requires.`,
              keyMember.value.kind === 'array' ? pathIndex(keyPath, i) : keyPath));
          }
        });
      }
      clauses.push({ operator, key, values });
    }
  }
  return clauses;
}

function readConditionValues(node: JsonNode, path: string, findings: Finding[]): string[] | undefined {
  const scalar = (item: JsonNode): string | undefined => {
    if (item.kind === 'string') return item.value;
    // IAM reads JSON numbers and booleans as their text ("true", "10"), exactly as written.
    if (item.kind === 'number') return item.raw;
    if (item.kind === 'boolean') return String(item.value);
    return undefined;
  };
  if (node.kind === 'array') {
    if (node.items.length === 0) {
      findings.push(finding('EMPTY_ELEMENT', 'error', 'A condition key needs at least one value.', path));
      return undefined;
    }
    const values: string[] = [];
    let valid = true;
    node.items.forEach((item, i) => {
      const value = scalar(item);
      if (value === undefined) {
        findings.push(typeError('A condition value', 'a string, number or boolean', item, pathIndex(path, i)));
        valid = false;
      } else values.push(value);
    });
    return valid ? values : undefined;
  }
  const value = scalar(node);
  if (value === undefined) {
    findings.push(typeError('A condition value', 'a string, number, boolean or an array of them', node, path));
    return undefined;
  }
  return [value];
}

function reportUnknownElements(
  members: Map<string, JsonMember>, known: readonly string[], path: string, where: string, findings: Finding[],
): void {
  for (const key of members.keys()) {
    if (known.includes(key)) continue;
    const hint = known.find((name) => name.toLowerCase() === key.toLowerCase());
    findings.push(finding('UNKNOWN_ELEMENT', 'error',
      hint
        ? `Unknown ${where} element "${key}": element names are case-sensitive, write "${hint}".`
        : `Unknown ${where} element "${key}": expected one of ${known.join(', ')}.`,
      pathKey(path, key)));
  }
}

/** Report every key that appears twice in one object, anywhere in the tree. */
function reportDuplicateKeys(node: JsonNode, path: string, findings: Finding[]): void {
  if (node.kind === 'array') {
    node.items.forEach((item, i) => reportDuplicateKeys(item, pathIndex(path, i), findings));
    return;
  }
  if (node.kind !== 'object') return;
  const seen = new Set<string>();
  for (const member of node.members) {
    const memberPath = pathKey(path, member.key);
    if (seen.has(member.key)) {
      const at = member.keyPosition ? ` at ${where(member.keyPosition)}` : '';
      findings.push(finding('DUPLICATE_KEY', 'error',
        `Duplicate key "${member.key}"${at}: AWS rejects documents that repeat a key in one object.`, memberPath));
    }
    seen.add(member.key);
    reportDuplicateKeys(member.value, memberPath, findings);
  }
}

/** Members by key; with duplicates (already reported) the last one wins, as JSON.parse would. */
function lastMembers(node: Extract<JsonNode, { kind: 'object' }>): Map<string, JsonMember> {
  const map = new Map<string, JsonMember>();
  for (const member of node.members) map.set(member.key, member);
  return map;
}

function typeError(element: string, expected: string, node: JsonNode, path: string): Finding {
  return finding('INVALID_ELEMENT_TYPE', 'error', `${element} must be ${expected}, not ${describeKind(node)}.`, path);
}

function describeKind(node: JsonNode): string {
  switch (node.kind) {
    case 'object': return 'an object';
    case 'array': return 'an array';
    case 'string': return 'a string';
    case 'number': return 'a number';
    case 'boolean': return 'a boolean';
    case 'null': return 'null';
  }
}

function describeValue(node: JsonNode): string {
  if (node.kind === 'string') return `"${node.value}"`;
  if (node.kind === 'number') return node.raw;
  if (node.kind === 'boolean') return String(node.value);
  return describeKind(node);
}

function where(position: SourcePosition): string {
  return `line ${position.line}, column ${position.column}`;
}
