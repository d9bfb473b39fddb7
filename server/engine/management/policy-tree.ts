// Turns a management policy's JSON into a tree of keys, value-setting operations and child control restrictions,
// checking the grammar every management policy type shares (operators, their operands, duplicate keys).
// Spec: docs.aws.amazon.com/organizations/latest/userguide/policy-operators.html
import { type JsonNode, parseJsonText } from '../policy/json-ast';
import { type Finding } from '../types';
import { childPath } from './json-path';
import {
  allowedOperatorsOf,
  CHILD_CONTROL_ALL,
  CHILD_CONTROL_NONE,
  CHILD_CONTROL_OPERATOR,
  isOperatorKey,
  isValueOperator,
  VALUE_OPERATORS,
} from './operators';
import { type JsonObject, type JsonValue, type ValueOperator } from './types';

/** One value-setting operation written in a policy. */
export interface WrittenOperation {
  /** The operator (a plain value counts as @@assign). */
  operator: ValueOperator;
  /** The operand. */
  operand: JsonValue;
}

/** A node of a parsed management policy: a key with its operations, child control list and child keys. */
export interface PolicyTreeNode {
  /** The key as written ("" for the document root). */
  key: string;
  /** JSONPath of the node in the document. */
  path: string;
  /** Value-setting operations, in document order. */
  operations: WrittenOperation[];
  /** True when the value was written without an operator ("tag_key": "CostCenter" means @@assign). */
  shorthand: boolean;
  /** The operators this node allows child policies to use, when it carries @@operators_allowed_for_child_policies. */
  childControl?: Set<ValueOperator>;
  /** The @@operators_allowed_for_child_policies list as written (type rules check its entries). */
  childControlWritten?: string[];
  /** Child keys, in document order. */
  children: PolicyTreeNode[];
}

/** The result of reading a management policy document. */
export interface PolicyTreeResult {
  /** The tree, when the text is JSON whose top level is an object. */
  tree?: PolicyTreeNode;
  /** Problems found while reading (errors make the document invalid). */
  findings: Finding[];
}

/** Parse a management policy's JSON text into a tree, reporting shared-grammar problems. Never throws. */
export function readPolicyTree(content: string): PolicyTreeResult {
  const parsed = parseJsonText(content);
  if (!parsed.ok) {
    const { line, column } = parsed.error.position;
    return {
      findings: [
        finding('MALFORMED_POLICY_DOCUMENT', `The policy is not valid JSON: ${parsed.error.message} (line ${line}, column ${column}).`, '$'),
      ],
    };
  }
  if (parsed.node.kind !== 'object') {
    return { findings: [finding('MALFORMED_POLICY_DOCUMENT', 'A management policy must be a JSON object.', '$')] };
  }
  const findings: Finding[] = [];
  const tree = buildObjectNode('', '$', parsed.node, findings);
  if (tree.operations.length > 0 || tree.childControl) {
    findings.push(
      finding('OPERATOR_AT_TOP_LEVEL', 'Inheritance operators belong under the policy\'s top-level key, not beside it.', '$'),
    );
  }
  return { tree, findings };
}

/** Convert a parsed JSON node into the plain value it denotes. */
export function plainValueOf(node: JsonNode): JsonValue {
  switch (node.kind) {
    case 'object': {
      const result: JsonObject = {};
      for (const member of node.members) result[member.key] = plainValueOf(member.value);
      return result;
    }
    case 'array':
      return node.items.map(plainValueOf);
    case 'string':
    case 'number':
    case 'boolean':
      return node.value;
    case 'null':
      return null;
  }
}

function buildObjectNode(key: string, path: string, node: Extract<JsonNode, { kind: 'object' }>, findings: Finding[]): PolicyTreeNode {
  const result: PolicyTreeNode = { key, path, operations: [], shorthand: false, children: [] };
  const seenKeys = new Map<string, string>();
  for (const member of node.members) {
    const memberPath = childPath(path, member.key);
    // Keys are compared without case: AWS matches policy keys case-insensitively, so "CostCenter" and
    // "costcenter" in one object would be the same key written twice.
    const folded = member.key.toLowerCase();
    const earlier = seenKeys.get(folded);
    if (earlier !== undefined) {
      findings.push(
        finding(
          'DUPLICATE_KEY',
          earlier === member.key
            ? `The key "${member.key}" appears more than once in the same object; AWS rejects duplicate keys.`
            : `The keys "${earlier}" and "${member.key}" differ only in case; policy keys are not case sensitive, so this is the same key twice.`,
          memberPath,
        ),
      );
      continue;
    }
    seenKeys.set(folded, member.key);
    if (member.key === '') {
      findings.push(finding('EMPTY_KEY', 'An empty string is not a valid policy key.', memberPath));
      continue;
    }
    if (isOperatorKey(member.key)) {
      readOperator(result, member.key, memberPath, member.value, findings);
      continue;
    }
    result.children.push(buildChild(member.key, memberPath, member.value, findings));
  }
  if (result.operations.length > 0 && result.children.length > 0) {
    findings.push(
      finding(
        'VALUE_AND_KEYS_MIXED',
        `"${key}" has both a value-setting operator and child keys (${result.children.map((child) => `"${child.key}"`).join(', ')}); a setting holds either a value or nested keys.`,
        path,
      ),
    );
  }
  if (result.operations.length > 1) {
    findings.push({
      code: 'SEVERAL_VALUE_OPERATORS',
      severity: 'warning',
      message: `"${key}" uses ${result.operations.map((operation) => operation.operator).join(' and ')} together; they are applied in the order written, but one operator per setting is clearer.`,
      path,
    });
  }
  return result;
}

function buildChild(key: string, path: string, value: JsonNode, findings: Finding[]): PolicyTreeNode {
  if (value.kind === 'object') return buildObjectNode(key, path, value, findings);
  // A plain value stands for {"@@assign": value}: the shorthand the effective policy itself is written in.
  const node: PolicyTreeNode = { key, path, operations: [], shorthand: true, children: [] };
  if (value.kind === 'null' || containsNull(value)) {
    findings.push(finding('NULL_VALUE', `"${key}" is null; give it a value or leave the key out.`, path));
    return node;
  }
  node.operations.push({ operator: '@@assign', operand: plainValueOf(value) });
  return node;
}

function readOperator(target: PolicyTreeNode, key: string, path: string, value: JsonNode, findings: Finding[]): void {
  if (key === CHILD_CONTROL_OPERATOR) {
    const written = readChildControl(path, value, findings);
    if (written) {
      target.childControl = allowedOperatorsOf(written);
      target.childControlWritten = written;
    }
    return;
  }
  if (!isValueOperator(key)) {
    const hint =
      key === '@@enforced_for'
        ? ' Tag policies name enforcement with the plain key "enforced_for"; "@@enforced_for" is not an inheritance operator.'
        : ` The inheritance operators are ${[...VALUE_OPERATORS, CHILD_CONTROL_OPERATOR].join(', ')}.`;
    findings.push(finding('UNKNOWN_OPERATOR', `"${key}" is not an inheritance operator.${hint}`, path));
    return;
  }
  if (value.kind === 'null' || containsNull(value)) {
    findings.push(finding('NULL_VALUE', `The operand of ${key} is or contains null.`, path));
    return;
  }
  if (value.kind === 'object') {
    findings.push(
      finding('OPERATOR_VALUE_INVALID', `${key} takes a value or an array of values, not an object.`, path),
    );
    return;
  }
  // @@append and @@remove only make sense on multi-valued settings (JSON arrays).
  if ((key === '@@append' || key === '@@remove') && value.kind !== 'array') {
    findings.push(
      finding(
        'OPERATOR_VALUE_INVALID',
        `${key} works only on multi-valued settings: its operand must be a JSON array.`,
        path,
      ),
    );
    return;
  }
  if (value.kind === 'array' && value.items.some((item) => item.kind === 'array' || item.kind === 'object')) {
    findings.push(finding('OPERATOR_VALUE_INVALID', `The array given to ${key} must hold plain values only.`, path));
    return;
  }
  target.operations.push({ operator: key, operand: plainValueOf(value) });
}

function readChildControl(path: string, value: JsonNode, findings: Finding[]): string[] | undefined {
  const expected = `${CHILD_CONTROL_OPERATOR} takes an array such as ["@@none"], ["@@all"] or ["@@assign", "@@append"].`;
  if (value.kind !== 'array' || value.items.length === 0 || value.items.some((item) => item.kind !== 'string')) {
    findings.push(finding('CHILD_CONTROL_INVALID', expected, path));
    return undefined;
  }
  const entries = value.items.map((item) => (item as { value: string }).value);
  const unknown = entries.filter((entry) => entry !== CHILD_CONTROL_ALL && entry !== CHILD_CONTROL_NONE && !isValueOperator(entry));
  if (unknown.length > 0) {
    findings.push(finding('CHILD_CONTROL_INVALID', `Unknown value(s) ${unknown.map((entry) => `"${entry}"`).join(', ')}. ${expected}`, path));
    return undefined;
  }
  if ((entries.includes(CHILD_CONTROL_ALL) || entries.includes(CHILD_CONTROL_NONE)) && entries.length > 1) {
    findings.push(finding('CHILD_CONTROL_INVALID', `"@@all" and "@@none" must stand alone in ${CHILD_CONTROL_OPERATOR}.`, path));
    return undefined;
  }
  return entries;
}

function containsNull(node: JsonNode): boolean {
  if (node.kind === 'null') return true;
  if (node.kind === 'array') return node.items.some(containsNull);
  if (node.kind === 'object') return node.members.some((member) => containsNull(member.value));
  return false;
}

function finding(code: string, message: string, path: string): Finding {
  return { code, severity: 'error', message, path };
}
