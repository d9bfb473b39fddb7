import 'server-only';
import type { Db } from '../../db/client';
import * as queries from '../../db/org-mutations-queries';
import { awsError } from './aws-errors';
import { runMutation, type MutationBase } from './mutation';

// EnableAllFeatures: consolidated billing -> all features, one way (orgs_manage_org_support-all-features.html).
// In AWS this starts a handshake that every invited member account must approve before the management account
// can finalize it; accounts created through Organizations approve implicitly. The designer simplifies: the
// switch is immediate, and the result names the invited accounts that would have to approve, so the design says
// who to ask. Going back to consolidated billing is impossible, as in AWS.

/** EnableAllFeatures: switches the organization to all features and reports whose approval AWS would need. */
export async function enableAllFeatures(db: Db, input: MutationBase) {
  return runMutation(db, 'enableAllFeatures', input, async (scope) => {
    const { context } = scope;
    if (context.organization.featureSet === 'ALL') {
      throw awsError(
        'CONFLICT',
        'HandshakeConstraintViolationException',
        'This organization already has all features enabled; the change is one way.',
        'ORGANIZATION_ALREADY_HAS_ALL_FEATURES',
      );
    }
    const tree = await queries.listInvitedMembers(scope.db, context.designId);
    await scope.writer.update('organization', context.organization.id, { featureSet: 'ALL' });
    return {
      featureSet: 'ALL' as const,
      accountsThatMustApprove: tree.filter((a) => a.id !== context.organization.managementAccountId).map((a) => a.accountId),
    };
  });
}
