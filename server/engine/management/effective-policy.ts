// An account's effective management policy, as DescribeEffectivePolicy returns it, computed from the policies
// attached along its path. DescribeEffectivePolicy takes an account id: "Specifying an organization root or
// organizational unit (OU) as the target is not supported" (API_DescribeEffectivePolicy.html), and it fails with
// EffectivePolicyNotFoundException when no policy of the type applies.
import { checkDocumentGrammar, checkEffectiveGrammar } from './grammar-check';
import { mergeManagementPolicies, type PlacedPolicy } from './merge';
import { readPolicyTree } from './policy-tree';
import { isManagementPolicyType, MANAGEMENT_POLICY_SIZE_QUOTAS, MANAGEMENT_TYPE_GRAMMARS } from './type-grammar';
import {
  type EffectivePolicyError,
  type EffectivePolicyFailure,
  type EffectivePolicyOptions,
  type EffectivePolicyResult,
  type ManagementChainLevel,
  type ManagementPolicyType,
} from './types';

/**
 * Compute the effective tag, backup or AI opt-out policy for the last target of `chain` (root first, then each OU,
 * then the account). Never throws: problems come back as `ok: false` with errors, and the caller keeps the
 * account's previous effective policy (given as `options.previous`, returned as `lastValid`), as AWS does.
 */
export function computeEffectivePolicy(
  type: ManagementPolicyType,
  chain: readonly ManagementChainLevel[],
  options: EffectivePolicyOptions = {},
): EffectivePolicyResult {
  const target = chain.at(-1);
  const fail = (failure: Omit<EffectivePolicyFailure, 'ok' | 'type' | 'targetId'>): EffectivePolicyFailure => ({
    ok: false,
    type,
    ...(target ? { targetId: target.targetId } : {}),
    ...failure,
  });

  const inputErrors = checkChain(type, chain, options);
  if (inputErrors.length > 0) return fail({ reason: 'invalid-input', errors: inputErrors });

  const typeGrammar = MANAGEMENT_TYPE_GRAMMARS[type];
  const documentErrors: EffectivePolicyError[] = [];
  const warnings: EffectivePolicyError[] = [];
  const levels: PlacedPolicy[][] = chain.map((level, index) =>
    level.policies.flatMap((policy) => {
      const origin = {
        policyId: policy.id,
        policyName: policy.name,
        targetId: level.targetId,
        targetName: level.targetName,
        kind: level.kind,
        level: index,
      };
      const located = { policyId: policy.id, targetId: level.targetId };
      const quota = options.quotas?.[type] ?? MANAGEMENT_POLICY_SIZE_QUOTAS[type];
      if (policy.content.length > quota) {
        documentErrors.push({
          code: 'POLICY_CONTENT_LIMIT_EXCEEDED',
          message: `Policy "${policy.name}" has ${policy.content.length} characters; ${type} documents may have at most ${quota}.`,
          path: '$',
          ...located,
        });
      }
      const { tree, findings } = readPolicyTree(policy.content);
      const grammarFindings = tree ? checkDocumentGrammar(tree, typeGrammar) : [];
      for (const finding of [...findings, ...grammarFindings]) {
        const entry = { code: finding.code, message: `Policy "${policy.name}": ${finding.message}`, path: finding.path, ...located };
        (finding.severity === 'error' ? documentErrors : warnings).push(entry);
      }
      return tree ? [{ origin, tree }] : [];
    }),
  );
  if (documentErrors.length > 0) return fail({ reason: 'invalid-policy', errors: documentErrors, ...lastValid(options) });

  if (chain.every((level) => level.policies.length === 0)) {
    return fail({
      reason: 'not-found',
      errors: [
        {
          code: 'EffectivePolicyNotFoundException',
          message: `No ${type} is attached to ${target!.targetName} or to any root or OU above it, so it has no effective policy of this type.`,
          path: '$',
          targetId: target!.targetId,
        },
      ],
    });
  }

  const outcome = mergeManagementPolicies(levels, typeGrammar.topKey);
  const effectiveErrors = checkEffectiveGrammar(outcome.effective, typeGrammar).map((error) => ({ ...error, targetId: target!.targetId }));
  if (effectiveErrors.length > 0) {
    return fail({
      reason: 'invalid-effective-policy',
      errors: effectiveErrors,
      merged: outcome.effective,
      contributions: outcome.contributions,
      ignored: outcome.ignored,
      ...lastValid(options),
    });
  }
  return {
    ok: true,
    type,
    targetId: target!.targetId,
    effective: outcome.effective,
    contributions: outcome.contributions,
    ignored: outcome.ignored,
    restrictions: outcome.restrictions,
    warnings,
  };
}

function checkChain(type: string, chain: readonly ManagementChainLevel[], options: EffectivePolicyOptions): EffectivePolicyError[] {
  const error = (message: string): EffectivePolicyError => ({ code: 'InvalidInputException', message, path: '$' });
  if (!isManagementPolicyType(type)) {
    return [error(`"${type}" is not a management policy type this engine merges (TAG_POLICY, BACKUP_POLICY, AISERVICES_OPT_OUT_POLICY, S3_POLICY, DECLARATIVE_POLICY_EC2).`)];
  }
  if (chain.length === 0) return [error('The chain is empty: give the root, each OU on the path, and the account.')];
  const errors: EffectivePolicyError[] = [];
  chain.forEach((level, index) => {
    const isFirst = index === 0;
    const isLast = index === chain.length - 1;
    if ((level.kind === 'root') !== isFirst) {
      errors.push(error(`The chain must start with the root and contain it once; level ${index} (${level.targetId}) is ${level.kind === 'root' ? 'a root' : `a ${level.kind}`}.`));
    }
    if (level.kind === 'account' && !isLast) {
      errors.push(error(`An account (${level.targetId}) can only be the last level of the chain.`));
    }
  });
  const target = chain[chain.length - 1];
  if (target.kind !== 'account' && !options.allowNonAccountTarget) {
    errors.push(
      error(
        `DescribeEffectivePolicy accepts only an account as target; ${target.targetId} is ${target.kind === 'ou' ? 'an OU' : 'the root'} ("Specifying an organization root or organizational unit (OU) as the target is not supported").`,
      ),
    );
  }
  return errors;
}

function lastValid(options: EffectivePolicyOptions): Pick<EffectivePolicyFailure, 'lastValid'> {
  return options.previous ? { lastValid: options.previous } : {};
}
