// The inheritance merge: policies are applied level by level from the root down to the account, and at one level
// in the order they were attached. Rules, with the page section that states each
// (docs.aws.amazon.com/organizations/latest/userguide/policy-operators.html and inheritance-examples.html):
// - @@assign overwrites the inherited value (a whole array for lists); @@append adds to a list; @@remove takes
//   values out of a list ("Value-setting operators"). A list emptied by @@remove leaves the effective policy
//   (inheritance example 3: once both enforced_for values are removed, enforced_for is gone).
// - @@operators_allowed_for_child_policies on a node limits what policies at LOWER levels may do at that node and
//   everything under it; restrictions only narrow going down, and policies at one level intersect theirs
//   ("Child control operators"; example 5). A child's operation that is not allowed is ignored, not an error
//   (example 4: "Policy F attempts to change the case treatment, but it can't").
// - Adding a key that the parent does not have counts as adding to the parent's collection: it needs @@append or
//   @@assign to be allowed there (backup example 4: "@@append" under "plans" lets children add plans; AI opt-out
//   example 1: "@@none" under "services" stops children adding services).
// - At one level, when two policies set the same value, the one attached first wins (example 6: "the tag key PROJECT
//   is used ... because the policy that defined it was attached to the organization root first"). Later
//   @@append/@@remove at the same level still apply in attachment order.
// - Keys are matched without regard to case (tag policy keys are "not case sensitive"); the effective policy spells a
//   key as the first policy on the path spelled it.
import { childPath } from './json-path';
import { intersectOperators, sortedOperators, VALUE_OPERATORS } from './operators';
import { type PolicyTreeNode, type WrittenOperation } from './policy-tree';
import {
  type AppliedOperation,
  type ChildRestriction,
  type IgnoredOperation,
  type JsonObject,
  type JsonValue,
  type PolicyOrigin,
  type SettingContribution,
  type ValueOperator,
} from './types';

/** One parsed policy together with where it is attached. */
export interface PlacedPolicy {
  /** Where the policy sits in the chain. */
  origin: PolicyOrigin;
  /** Its parsed document. */
  tree: PolicyTreeNode;
}

/** The result of merging: the effective document and the record of how it came about. */
export interface MergeOutcome {
  /** The effective policy (operators removed). */
  effective: JsonObject;
  /** Where each remaining setting came from. */
  contributions: SettingContribution[];
  /** Operations that had no effect. */
  ignored: IgnoredOperation[];
  /** Child control restrictions in force at the end. */
  restrictions: ChildRestriction[];
}

interface Restriction {
  allowed: Set<ValueOperator>;
  setBy: PolicyOrigin[];
}

interface EffectiveNode {
  key: string;
  path: string;
  children: Map<string, EffectiveNode>;
  value?: JsonValue;
  hasValue: boolean;
  createdAtLevel: number;
  restriction?: Restriction;
  history: AppliedOperation[];
  lastChange?: PolicyOrigin;
  /** The first policy that set the value at the level being merged (for the same-level conflict rule). */
  firstSetter?: { level: number; origin: PolicyOrigin };
}

/** What a subtree is allowed to do: either free (new at this level) or limited to a set, with who limited it. */
type Permission = { free: true } | { free: false; allowed: Set<ValueOperator>; blockers: PolicyOrigin[] };

const FREE: Permission = { free: true };

interface LevelContext {
  level: number;
  origin: PolicyOrigin;
  pending: Map<EffectiveNode, Restriction>;
  ignored: IgnoredOperation[];
}

/**
 * Merge the policies of a chain into the effective policy. `levels` is ordered root first; the policies of a level
 * are in attachment order. `topKey` is the type's top-level key, always present in the result.
 */
export function mergeManagementPolicies(levels: PlacedPolicy[][], topKey: string): MergeOutcome {
  const root = newNode('', '$', -1);
  const ignored: IgnoredOperation[] = [];
  levels.forEach((policies, level) => {
    const pending = new Map<EffectiveNode, Restriction>();
    for (const placed of policies) {
      const context: LevelContext = { level, origin: placed.origin, pending, ignored };
      // Nothing restricts the document root itself; restrictions live on the nodes below it.
      applyChildren(placed.tree, root, { free: false, allowed: new Set(VALUE_OPERATORS), blockers: [] }, context);
    }
    // Restrictions written at this level bind the levels below only, never the sibling policies of this level.
    for (const [node, restriction] of pending) {
      node.restriction = node.restriction
        ? { allowed: intersectOperators(node.restriction.allowed, restriction.allowed), setBy: [...node.restriction.setBy, ...restriction.setBy] }
        : restriction;
    }
  });
  const effective: JsonObject = {};
  const top = root.children.get(topKey);
  effective[top?.key ?? topKey] = top ? (render(top) ?? {}) : {};
  const contributions: SettingContribution[] = [];
  const restrictions: ChildRestriction[] = [];
  collect(root, contributions, restrictions);
  return { effective, contributions, ignored, restrictions };
}

function applyChildren(policyNode: PolicyTreeNode, effectiveNode: EffectiveNode, permission: Permission, context: LevelContext): void {
  for (const child of policyNode.children) {
    const folded = child.key.toLowerCase();
    const existing = effectiveNode.children.get(folded);
    // A key created earlier at this same level is as new as one this policy creates: no lower-level rule binds it.
    const isNew = !existing || existing.createdAtLevel === context.level;
    const path = existing?.path ?? childPath(effectiveNode.path, child.key);
    if (isNew && !permission.free && !permission.allowed.has('@@assign') && !permission.allowed.has('@@append')) {
      if (carriesValues(child)) {
        context.ignored.push({
          path,
          operator: 'add',
          origin: context.origin,
          reason: 'operator-not-allowed-for-child',
          blockedBy: permission.blockers,
          message: `${describe(context.origin)} cannot add "${child.key}" under ${effectiveNode.path}: ${describeBlockers(permission.blockers)} allow${permission.blockers.length === 1 ? 's' : ''} only ${describeAllowed(permission.allowed)} there.`,
        });
      }
      continue;
    }
    const node = existing ?? newNode(child.key, path, context.level);
    if (!existing) effectiveNode.children.set(folded, node);
    const childPermission = isNew || permission.free ? FREE : narrow(permission, node.restriction);
    if (child.childControl) addPending(context.pending, node, child.childControl, context.origin);
    for (const operation of child.operations) applyOperation(node, operation, childPermission, context);
    applyChildren(child, node, childPermission, context);
  }
}

function applyOperation(node: EffectiveNode, operation: WrittenOperation, permission: Permission, context: LevelContext): void {
  const { operator, operand } = operation;
  if (!permission.free && !permission.allowed.has(operator)) {
    context.ignored.push({
      path: node.path,
      operator,
      origin: context.origin,
      reason: 'operator-not-allowed-for-child',
      blockedBy: permission.blockers,
      message: `${describe(context.origin)} uses ${operator} on ${node.path}, but ${describeBlockers(permission.blockers)} allow${permission.blockers.length === 1 ? 's' : ''} only ${describeAllowed(permission.allowed)} there; AWS ignores the change.`,
    });
    return;
  }
  const first = node.firstSetter;
  if (operator === '@@assign' && first && first.level === context.level && first.origin.policyId !== context.origin.policyId) {
    context.ignored.push({
      path: node.path,
      operator,
      origin: context.origin,
      reason: 'same-level-conflict',
      blockedBy: [first.origin],
      message: `${describe(context.origin)} and ${describe(first.origin)} are attached to the same target and both set ${node.path}; the one attached first (${first.origin.policyName}) wins.`,
    });
    return;
  }
  if (operator === '@@assign') {
    node.value = cloneValue(operand);
    node.hasValue = true;
  } else if (operator === '@@append') {
    const current = node.hasValue ? asList(node.value) : [];
    const additions = asList(operand).filter((item) => !current.some((present) => sameValue(present, item)));
    node.value = [...current, ...additions.map(cloneValue)];
    node.hasValue = true;
  } else if (node.hasValue) {
    const remaining = asList(node.value).filter((present) => !asList(operand).some((item) => sameValue(present, item)));
    if (remaining.length === 0) {
      node.value = undefined;
      node.hasValue = false;
    } else {
      node.value = remaining;
    }
  }
  node.history.push({ origin: context.origin, operator, operand: cloneValue(operand) });
  node.lastChange = context.origin;
  // Only operations that put values in count as "setting" the value for the first-attached-wins rule.
  if (operator !== '@@remove' && (!first || first.level !== context.level)) node.firstSetter = { level: context.level, origin: context.origin };
}

function narrow(permission: Permission, restriction: Restriction | undefined): Permission {
  if (permission.free || !restriction) return permission;
  return {
    free: false,
    allowed: intersectOperators(permission.allowed, restriction.allowed),
    blockers: [...permission.blockers, ...restriction.setBy],
  };
}

function addPending(pending: Map<EffectiveNode, Restriction>, node: EffectiveNode, allowed: Set<ValueOperator>, origin: PolicyOrigin): void {
  const earlier = pending.get(node);
  pending.set(
    node,
    earlier ? { allowed: intersectOperators(earlier.allowed, allowed), setBy: [...earlier.setBy, origin] } : { allowed: new Set(allowed), setBy: [origin] },
  );
}

function render(node: EffectiveNode): JsonValue | undefined {
  if (node.hasValue) return cloneValue(node.value as JsonValue);
  if (node.children.size === 0) return undefined;
  const result: JsonObject = {};
  for (const child of node.children.values()) {
    const rendered = render(child);
    if (rendered !== undefined) result[child.key] = rendered;
  }
  return Object.keys(result).length > 0 ? result : undefined;
}

function collect(node: EffectiveNode, contributions: SettingContribution[], restrictions: ChildRestriction[]): void {
  if (node.hasValue && node.lastChange) {
    contributions.push({ path: node.path, value: cloneValue(node.value as JsonValue), from: node.lastChange, history: node.history });
  }
  if (node.restriction) {
    restrictions.push({ path: node.path, allowed: sortedOperators(node.restriction.allowed), setBy: node.restriction.setBy });
  }
  for (const child of node.children.values()) collect(child, contributions, restrictions);
}

function newNode(key: string, path: string, level: number): EffectiveNode {
  return { key, path, children: new Map(), hasValue: false, createdAtLevel: level, history: [] };
}

function carriesValues(node: PolicyTreeNode): boolean {
  return node.operations.length > 0 || node.children.some(carriesValues);
}

function asList(value: JsonValue | undefined): JsonValue[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function sameValue(a: JsonValue, b: JsonValue): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function cloneValue<T extends JsonValue>(value: T): T {
  return (value === null || typeof value !== 'object' ? value : JSON.parse(JSON.stringify(value))) as T;
}

function describe(origin: PolicyOrigin): string {
  return `Policy "${origin.policyName}" (attached to ${origin.kind} ${origin.targetName})`;
}

function describeBlockers(blockers: PolicyOrigin[]): string {
  if (blockers.length === 0) return 'the parent policies';
  return blockers.map((blocker) => `"${blocker.policyName}" (${blocker.kind} ${blocker.targetName})`).join(' and ');
}

function describeAllowed(allowed: ReadonlySet<ValueOperator>): string {
  const list = sortedOperators(allowed);
  return list.length === 0 ? 'no operator (@@none)' : list.join(', ');
}
