// Validation of one management policy document as AWS checks it at CreatePolicy / UpdatePolicy time: JSON, size,
// the shared operator grammar, and the grammar of the policy type. Requirements that only the merged policy must
// meet (a backup plan's vault, regions and selections) are checked by computeEffectivePolicy instead, because
// AWS accepts partial documents.
import { type Finding } from '../types';
import { checkDocumentGrammar } from './grammar-check';
import { readPolicyTree } from './policy-tree';
import { MANAGEMENT_POLICY_SIZE_QUOTAS, MANAGEMENT_TYPE_GRAMMARS } from './type-grammar';
import { type ManagementPolicyType, type ValidateManagementPolicyOptions } from './types';

/** Validate a tag, backup or AI services opt-out policy document; findings of severity "error" make AWS reject it. */
export function validateManagementPolicy(
  type: ManagementPolicyType,
  content: string,
  options: ValidateManagementPolicyOptions = {},
): Finding[] {
  const typeGrammar = MANAGEMENT_TYPE_GRAMMARS[type];
  if (!typeGrammar) {
    return [{ code: 'InvalidInputException', severity: 'error', message: `"${String(type)}" is not a management policy type (TAG_POLICY, BACKUP_POLICY, AISERVICES_OPT_OUT_POLICY, S3_POLICY or DECLARATIVE_POLICY_EC2).`, path: '$' }];
  }
  const findings: Finding[] = [];
  const quota = options.quotas?.[type] ?? MANAGEMENT_POLICY_SIZE_QUOTAS[type];
  // The quota counts the characters of the document as submitted, whitespace included.
  if (content.length > quota) {
    findings.push({
      code: 'POLICY_CONTENT_LIMIT_EXCEEDED',
      severity: 'error',
      message: `The document has ${content.length} characters; ${type} documents may have at most ${quota}. Removing whitespace outside strings saves space.`,
      path: '$',
    });
  }
  const { tree, findings: readFindings } = readPolicyTree(content);
  findings.push(...readFindings);
  if (tree) findings.push(...checkDocumentGrammar(tree, typeGrammar));
  return findings;
}
