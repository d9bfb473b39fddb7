import 'server-only';
import type { Db } from '../../db/client';
import * as ramQueries from '../../db/ram-queries';
import { runMutation, type MutationBase, type OperationScope } from '../organizations/mutation';
import { ramError } from './ram-errors';

// AcceptResourceShareInvitation / RejectResourceShareInvitation (working-with-shared-invitations.html): a principal
// outside the organization (or inside it while sharing with AWS Organizations is off) gets access only once it
// accepts; rejecting leaves it without access. The designer acts as the invited principal.

async function pendingInvitation(scope: OperationScope, invitationArn: string) {
  const found = await ramQueries.findInvitation(scope.db, scope.context.designId, invitationArn);
  if (!found) throw ramError('ResourceShareInvitationArnNotFoundException', `There is no resource share invitation ${invitationArn} in this design.`);
  const share = (await ramQueries.findResourceShare(scope.db, scope.context.designId, found.shareId))!;
  const principal = share.principals.find((p) => p.id === found.principalId)!;
  if (principal.invitationStatus === 'ACCEPTED') throw ramError('ResourceShareInvitationAlreadyAcceptedException', `Invitation ${invitationArn} was already accepted.`);
  if (principal.invitationStatus === 'REJECTED') throw ramError('ResourceShareInvitationAlreadyRejectedException', `Invitation ${invitationArn} was already rejected.`);
  if (principal.invitationStatus === 'EXPIRED') throw ramError('ResourceShareInvitationExpiredException', `Invitation ${invitationArn} has expired.`);
  return { share, principal };
}

/** AcceptResourceShareInvitation: the principal is associated and can use the shared resources. */
export async function acceptResourceShareInvitation(db: Db, input: MutationBase & { resourceShareInvitationArn: string }) {
  return runMutation(db, 'acceptResourceShareInvitation', input, async (scope) => {
    const { share, principal } = await pendingInvitation(scope, input.resourceShareInvitationArn);
    await scope.writer.update('resourceSharePrincipal', principal.id, { status: 'ASSOCIATED', invitationStatus: 'ACCEPTED', statusMessage: null });
    return { resourceShareInvitation: { resourceShareInvitationArn: input.resourceShareInvitationArn, resourceShareArn: share.arn, status: 'ACCEPTED' } };
  });
}

/** RejectResourceShareInvitation: the principal stays without access. */
export async function rejectResourceShareInvitation(db: Db, input: MutationBase & { resourceShareInvitationArn: string }) {
  return runMutation(db, 'rejectResourceShareInvitation', input, async (scope) => {
    const { share, principal } = await pendingInvitation(scope, input.resourceShareInvitationArn);
    await scope.writer.update('resourceSharePrincipal', principal.id, { status: 'DISASSOCIATED', invitationStatus: 'REJECTED', statusMessage: 'The invitation was rejected.' });
    return { resourceShareInvitation: { resourceShareInvitationArn: input.resourceShareInvitationArn, resourceShareArn: share.arn, status: 'REJECTED' } };
  });
}
