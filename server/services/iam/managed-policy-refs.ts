import 'server-only';
import * as iamQueries from '../../db/iam-queries';
import type { IamManagedPolicyRowDto } from '../../db/iam-queries';
import type { AccountRowDto } from '../../db/org-mutations-queries';
import { awsError } from '../organizations/aws-errors';
import type { OperationScope } from '../organizations/mutation';
import { noSuchEntity } from './common';

// Finding the managed policy an ARN names, as IAM does for AttachRolePolicy, Put*PermissionsBoundary and the
// policy operations: AWS-managed policies (arn:aws:iam::aws:policy/…) are visible from every account; a
// customer-managed policy only from its own account.

/** The managed policy an ARN names, seen from an account; NoSuchEntity when the design has none there. */
export async function requireManagedPolicy(scope: OperationScope, account: AccountRowDto, arn: string): Promise<IamManagedPolicyRowDto> {
  const policy = await iamQueries.findManagedPolicyByArn(scope.db, scope.context.designId, arn);
  if (!policy || (policy.scope === 'LOCAL' && policy.accountId !== account.id)) {
    const hint = arn.includes(':iam::aws:')
      ? ' The design holds only the AWS-managed policies it was given (imported, or created with an account): import it with the account authorization details first.'
      : '';
    throw noSuchEntity(`Policy ${arn} does not exist or is not attachable in account ${account.accountId}.${hint}`);
  }
  return policy;
}

/** A policy that can be attached or used as a boundary: AWS's service-role policies are only for their service-linked role. */
export async function requireAttachablePolicy(scope: OperationScope, account: AccountRowDto, arn: string): Promise<IamManagedPolicyRowDto> {
  const policy = await requireManagedPolicy(scope, account, arn);
  if (policy.scope === 'AWS' && policy.path.startsWith('/aws-service-role/')) {
    throw awsError('INVALID_INPUT', 'PolicyNotAttachable', `${arn} is an AWS service-role policy: only its service's service-linked role can have it.`);
  }
  return policy;
}

/** A customer-managed policy of the account (the only kind IAM lets you change), or NoSuchEntity / UnmodifiableEntity-like refusal. */
export async function requireCustomerManagedPolicy(scope: OperationScope, account: AccountRowDto, arn: string): Promise<IamManagedPolicyRowDto> {
  const policy = await requireManagedPolicy(scope, account, arn);
  if (policy.scope === 'AWS') {
    // IAM answers an attempt to change an AWS-managed policy with InvalidInput ("… is an AWS managed policy").
    throw awsError('INVALID_INPUT', 'InvalidInput', `${arn} is an AWS-managed policy: AWS maintains it; create a customer-managed policy instead.`);
  }
  return policy;
}
