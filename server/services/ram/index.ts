import 'server-only';

// AWS RAM in a design: resource shares, their resources, principals and managed permissions, invitations, and
// sharing with AWS Organizations (see the module comments for the AWS pages behind each rule).
export {
  associateResourceShare,
  associateResourceSharePermission,
  createResourceShare,
  deleteResourceShare,
  disassociateResourceShare,
  enableSharingWithAwsOrganization,
  updateResourceShare,
  DEFAULT_SHARE_REGION,
  type CreateResourceShareInput,
} from './resource-shares';
export { acceptResourceShareInvitation, rejectResourceShareInvitation } from './invitations';
export { createPermission, createPermissionVersion, deletePermission, setDefaultPermissionVersion } from './customer-permissions';
export { ramOverview, sharedWithAccount, shareableTypes, toShareView } from './views';
export { shareScpStops } from './share-stops';
