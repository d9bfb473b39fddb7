// Checks a management policy against its type's grammar: a single document (partial documents are fine, because
// the requirements apply to the merged result) and the merged effective policy (where the requirements apply).
import { type Finding } from '../types';
import { childPath } from './json-path';
import { type PolicyTreeNode, type WrittenOperation } from './policy-tree';
import {
  type EffectiveLimit,
  type Grammar,
  type ManagementTypeGrammar,
  type ObjectGrammar,
  type SettingGrammar,
} from './type-grammar';
import { type EffectivePolicyError, type JsonValue } from './types';

/** Check one parsed document against its type's grammar; returns findings (errors make AWS reject the document). */
export function checkDocumentGrammar(tree: PolicyTreeNode, typeGrammar: ManagementTypeGrammar): Finding[] {
  const findings: Finding[] = [];
  const hasTopKey = tree.children.some((child) => child.key.toLowerCase() === typeGrammar.topKey);
  if (!hasTopKey) {
    findings.push({
      code: 'MISSING_TOP_LEVEL_KEY',
      severity: 'error',
      message: `A ${typeGrammar.type} document starts with the key "${typeGrammar.topKey}" (see ${typeGrammar.doc}).`,
      path: '$',
    });
  }
  checkObject(tree, typeGrammar.document, [], typeGrammar, findings);
  return findings;
}

/** Check a merged effective policy for what AWS needs to use it (required elements, value rules). */
export function checkEffectiveGrammar(effective: Record<string, JsonValue>, typeGrammar: ManagementTypeGrammar): EffectivePolicyError[] {
  const errors: EffectivePolicyError[] = [];
  checkEffectiveValue(effective, typeGrammar.document, '$', errors);
  return errors;
}

function checkNode(node: PolicyTreeNode, grammar: Grammar, keys: string[], typeGrammar: ManagementTypeGrammar, findings: Finding[]): void {
  checkChildControlValues(node, typeGrammar, findings);
  if (grammar.kind === 'open') return;
  if (grammar.kind === 'setting') checkSetting(node, grammar, keys, findings);
  else checkObject(node, grammar, keys, typeGrammar, findings);
}

function checkChildControlValues(node: PolicyTreeNode, typeGrammar: ManagementTypeGrammar, findings: Finding[]): void {
  const accepted = typeGrammar.childControlValues;
  if (!accepted || !node.childControlWritten) return;
  const rejected = node.childControlWritten.filter((entry) => !accepted.includes(entry));
  if (rejected.length > 0) {
    findings.push({
      code: 'CHILD_CONTROL_NOT_SUPPORTED',
      severity: 'error',
      message: `${typeGrammar.type} child control accepts only ${accepted.join(', ')}; ${rejected.join(', ')} cannot be used (see ${typeGrammar.doc}).`,
      path: childPath(node.path, '@@operators_allowed_for_child_policies'),
    });
  }
}

function checkObject(node: PolicyTreeNode, grammar: ObjectGrammar, keys: string[], typeGrammar: ManagementTypeGrammar, findings: Finding[]): void {
  if (node.operations.length > 0) {
    const expected = describeExpectedKeys(grammar);
    findings.push({
      code: 'EXPECTED_OBJECT',
      severity: 'error',
      message: `"${node.key}" holds nested keys${expected ? ` (${expected})` : ''}, not a value.`,
      path: node.path,
    });
    return;
  }
  for (const child of node.children) {
    let childGrammar: Grammar | undefined = grammar.fixed?.[child.key];
    if (!childGrammar) {
      const rightSpelling = Object.keys(grammar.fixed ?? {}).find((fixed) => fixed.toLowerCase() === child.key.toLowerCase());
      if (rightSpelling) {
        findings.push({
          code: 'KEY_CAPITALIZATION',
          severity: 'error',
          message: `"${child.key}" must be written "${rightSpelling}": element names are lowercase.`,
          path: child.path,
        });
        continue;
      }
      if (grammar.named) {
        const warning = grammar.named.checkName?.(child.key);
        if (warning) findings.push({ code: 'UNKNOWN_NAME', severity: 'warning', message: warning, path: child.path });
        childGrammar = grammar.named.grammar;
      } else {
        const expected = describeExpectedKeys(grammar);
        findings.push({
          code: 'UNKNOWN_KEY',
          severity: grammar.unknownKeys,
          message: `"${child.key}" is not an element of ${node.key ? `"${node.key}"` : 'the document'}${expected ? `; expected ${expected}` : ''}.`,
          path: child.path,
        });
        continue;
      }
    }
    checkNode(child, childGrammar, [...keys, child.key], typeGrammar, findings);
  }
  for (const required of grammar.requiredInDocument ?? []) {
    if (node.children.some((child) => child.key.toLowerCase() === required)) continue;
    findings.push({
      code: 'MISSING_REQUIRED_KEY',
      severity: 'error',
      message: `"${node.key}" must contain "${required}" (see ${typeGrammar.doc}).`,
      path: node.path,
    });
  }
}

function checkSetting(node: PolicyTreeNode, grammar: SettingGrammar, keys: string[], findings: Finding[]): void {
  if (node.children.length > 0) {
    findings.push({
      code: 'EXPECTED_VALUE',
      severity: 'error',
      message: `"${node.key}" is a setting: give it a value with @@assign (or @@append / @@remove for lists), not nested keys (${node.children.map((child) => `"${child.key}"`).join(', ')}).`,
      path: node.path,
    });
    return;
  }
  for (const operation of node.operations) {
    const operatorPath = node.shorthand ? node.path : childPath(node.path, operation.operator);
    const problem = checkOperand(node.key, operation, grammar);
    if (problem) {
      findings.push({ code: problem.code, severity: problem.severity ?? 'error', message: problem.message, path: operatorPath });
      if ((problem.severity ?? 'error') === 'error') continue;
    }
    for (const value of stringsOf(operation.operand)) {
      for (const rule of grammar.rules ?? []) {
        const message = rule(value, keys);
        if (message) findings.push({ code: 'INVALID_VALUE', severity: 'error', message, path: operatorPath });
      }
    }
  }
}

interface OperandProblem {
  code: string;
  message: string;
  severity?: 'error' | 'warning';
}

const SINGLE_VALUED = new Set(['string', 'integer', 'boolean', 'enum']);

function checkOperand(key: string, operation: WrittenOperation, grammar: SettingGrammar): OperandProblem | undefined {
  const { operator, operand } = operation;
  if (SINGLE_VALUED.has(grammar.shape)) {
    if (operator !== '@@assign') {
      return {
        code: 'OPERATOR_NOT_SUPPORTED',
        message: `${operator} works only with multi-valued settings; "${key}" holds a single value, so use @@assign.`,
      };
    }
    return checkSingleValue(key, operand, grammar);
  }
  if (grammar.shape === 'string-or-list' && typeof operand === 'string') return undefined;
  if (Array.isArray(operand)) {
    if (operand.every((item) => typeof item === 'string')) return undefined;
    return { code: 'INVALID_VALUE', message: `"${key}" is a list of strings; every item must be a string.` };
  }
  if (operator === '@@assign' && typeof operand === 'string') {
    return {
      code: 'SINGLE_VALUE_FOR_LIST',
      severity: 'warning',
      message: `"${key}" is a list: write ["${operand}"] rather than a bare string.`,
    };
  }
  return { code: 'INVALID_VALUE', message: `"${key}" is a list of strings; ${operator} needs a JSON array.` };
}

function checkSingleValue(key: string, operand: JsonValue, grammar: SettingGrammar): OperandProblem | undefined {
  switch (grammar.shape) {
    case 'string':
      return typeof operand === 'string' ? undefined : { code: 'INVALID_VALUE', message: `"${key}" takes one string.` };
    case 'integer': {
      const ok = (typeof operand === 'number' && Number.isInteger(operand) && operand >= 0) || (typeof operand === 'string' && /^\d+$/.test(operand));
      return ok ? undefined : { code: 'INVALID_VALUE', message: `"${key}" takes a whole number of minutes or days, e.g. "60".` };
    }
    case 'boolean': {
      const ok = typeof operand === 'boolean' || operand === 'true' || operand === 'false';
      return ok ? undefined : { code: 'INVALID_VALUE', message: `"${key}" takes true or false.` };
    }
    case 'enum': {
      const allowed = grammar.allowedValues ?? [];
      if (typeof operand === 'string' && allowed.includes(operand)) return undefined;
      const caseOnly = typeof operand === 'string' ? allowed.find((value) => value.toLowerCase() === operand.toLowerCase()) : undefined;
      // Values known here but not the whole list AWS accepts: another string is worth a second look, not a refusal.
      if (grammar.knownValuesOnly && typeof operand === 'string') {
        return {
          code: 'UNKNOWN_VALUE',
          severity: 'warning',
          message: `"${key}" is usually one of ${allowed.map((value) => `"${value}"`).join(', ')}, not ${JSON.stringify(operand)}: check the spelling against the syntax page.`,
        };
      }
      return {
        code: 'INVALID_VALUE',
        message: caseOnly
          ? `"${key}" value "${String(operand)}" must be written "${caseOnly}": capitalization matters here.`
          : `"${key}" takes one of ${allowed.map((value) => `"${value}"`).join(', ')}, not ${JSON.stringify(operand)}.`,
      };
    }
    default:
      return undefined;
  }
}

function checkEffectiveValue(value: JsonValue, grammar: Grammar, path: string, errors: EffectivePolicyError[]): void {
  if (grammar.kind === 'open') return;
  if (grammar.kind === 'setting') {
    const limit = grammar.maxItemsInEffective;
    if (limit && Array.isArray(value) && value.length > limit.max) errors.push(tooMany(value.length, limit, path));
    if (grammar.shape === 'enum' && !(typeof value === 'string' && (grammar.allowedValues ?? []).includes(value))) {
      errors.push({ code: 'EFFECTIVE_POLICY_INVALID_VALUE', message: `The merged value ${JSON.stringify(value)} is not one of ${(grammar.allowedValues ?? []).join(', ')}.`, path });
    }
    return;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    errors.push({ code: 'EFFECTIVE_POLICY_INVALID_VALUE', message: 'The merged policy holds a value where nested keys were expected.', path });
    return;
  }
  const entries = Object.entries(value);
  const lookup = (name: string): JsonValue | undefined => entries.find(([key]) => key.toLowerCase() === name)?.[1];
  for (const required of grammar.requiredInEffective ?? []) {
    const present = lookup(required);
    const empty = present === undefined || (Array.isArray(present) && present.length === 0) || (isObject(present) && Object.keys(present).length === 0);
    if (empty) {
      errors.push({
        code: 'EFFECTIVE_POLICY_MISSING_ELEMENT',
        message: `The merged policy has no "${required}" at ${path}: the policies along this account's path leave it ${present === undefined ? 'unset' : 'empty'}.`,
        path: childPath(path, required),
      });
    }
  }
  if (grammar.minEntriesInEffective !== undefined && entries.length < grammar.minEntriesInEffective) {
    errors.push({
      code: 'EFFECTIVE_POLICY_MISSING_ELEMENT',
      message: `The merged policy needs at least ${grammar.minEntriesInEffective} entr${grammar.minEntriesInEffective === 1 ? 'y' : 'ies'} at ${path}.`,
      path,
    });
  }
  const limit = grammar.maxEntriesInEffective;
  if (limit && entries.length > limit.max) errors.push(tooMany(entries.length, limit, path));
  for (const message of grammar.effectiveRule?.(value) ?? []) {
    errors.push({ code: 'EFFECTIVE_POLICY_INVALID_VALUE', message, path });
  }
  for (const [key, child] of entries) {
    const fixedKey = Object.keys(grammar.fixed ?? {}).find((fixed) => fixed === key.toLowerCase());
    const childGrammar = fixedKey ? grammar.fixed![fixedKey] : grammar.named?.grammar;
    if (childGrammar) checkEffectiveValue(child, childGrammar, childPath(path, key), errors);
  }
}

/** AWS's code for a merged policy holding more elements than a limit allows (API_EffectivePolicyValidationError.html). */
function tooMany(count: number, limit: EffectiveLimit, path: string): EffectivePolicyError {
  return {
    code: 'ELEMENTS_TOO_MANY',
    message: `The merged policy has ${count} ${limit.counts} at ${path}; at most ${limit.max} are allowed (${limit.doc}).`,
    path,
  };
}

function describeExpectedKeys(grammar: ObjectGrammar): string {
  const parts = Object.keys(grammar.fixed ?? {}).map((key) => `"${key}"`);
  if (grammar.named) parts.push(`a ${grammar.named.describe}`);
  return parts.join(', ');
}

function stringsOf(operand: JsonValue): string[] {
  if (typeof operand === 'string') return [operand];
  if (Array.isArray(operand)) return operand.filter((item): item is string => typeof item === 'string');
  return [];
}

function isObject(value: JsonValue | undefined): value is Record<string, JsonValue> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
