// Every policy document of a bundle goes through the engine's validators, as the AWS API that stores it would
// (CreatePolicy, PutRolePolicy, PutBucketPolicy, ...): an error finding is a MalformedPolicyDocumentException.
import { isManagementPolicyType, validateManagementPolicy } from '../../management';
import { validatePolicy, type IdentityPolicyContainer } from '../../policy/validate';
import type { Finding, PolicyKind } from '../../types';
import { isPlainObject } from '../json-checks';
import type { OrganizationsPolicyType } from './model';
import type { ProblemCollector } from './problems';

const NOTHING_IGNORED: ReadonlySet<string> = new Set();

/** Validates documents for one read, reporting error findings as problems. */
export class DocumentChecker {
  // Real exports repeat documents: every account lists the same AWS-managed policies and near-identical trust
  // policies. Validation is a pure function of (kind, options, text), so each distinct one is validated once.
  private readonly memo = new Map<string, Finding[]>();

  constructor(private readonly problems: ProblemCollector) {}

  /**
   * An IAM document (identity, trust or resource policy). AWS-managed ones count against no size quota; `ignored`
   * names finding codes the storing service does not raise.
   */
  iam(
    path: string, owner: string, document: string, kind: PolicyKind, container?: IdentityPolicyContainer, awsManaged = false,
    ignored: ReadonlySet<string> = NOTHING_IGNORED,
  ): void {
    const key = `${kind}\u0000${container ?? ''}\u0000${awsManaged}\u0000${document}`;
    let findings = this.memo.get(key);
    if (!findings) {
      findings = validatePolicy(document, kind, { awsManaged, ...(container ? { identityContainer: container } : {}) });
      this.memo.set(key, findings);
    }
    this.report(path, owner, findings.filter((found) => !ignored.has(found.code)));
  }

  /** An Organizations policy's content, with the validator of its type. */
  organizationsPolicy(path: string, owner: string, type: OrganizationsPolicyType, content: string, awsManaged: boolean): void {
    if (type === 'SERVICE_CONTROL_POLICY' || type === 'RESOURCE_CONTROL_POLICY') {
      this.report(path, owner, validatePolicy(content, type === 'SERVICE_CONTROL_POLICY' ? 'SCP' : 'RCP', { awsManaged }));
    } else if (isManagementPolicyType(type)) {
      this.report(path, owner, validateManagementPolicy(type, content));
    } else {
      // Other types (declarative, chatbot, Security Hub, ...) have grammars of their own; they must be a JSON object.
      try {
        if (!isPlainObject(JSON.parse(content))) this.problems.add(path, `${owner}: the content is not a JSON object`, 'MalformedPolicyDocumentException');
      } catch (error) {
        this.problems.add(path, `${owner}: the content is not valid JSON (${(error as Error).message})`, 'MalformedPolicyDocumentException');
      }
    }
  }

  private report(path: string, owner: string, findings: readonly Finding[]): void {
    for (const found of findings) {
      if (found.severity === 'error') this.problems.add(path, `${owner}: ${found.message} (at ${found.path})`, 'MalformedPolicyDocumentException');
    }
  }
}
