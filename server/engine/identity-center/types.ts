// IAM Identity Center as the engine sees it: the instance, its identity store (users, groups, memberships), the
// permission sets and the account assignments. Plain data in the shapes of the sso-admin and identitystore APIs.

/** A customer-managed policy named by name and path, resolved in each account (CustomerManagedPolicyReference). */
export interface CustomerManagedPolicyReference {
  /** The IAM policy's name. */
  name: string;
  /** The IAM policy's path, "/" by default. */
  path: string;
}

/** A permission set's permissions boundary: an AWS-managed policy or a customer-managed reference (PermissionsBoundary). */
export interface PermissionSetBoundary {
  /** An AWS-managed (or any managed) policy ARN. */
  managedPolicyArn?: string;
  /** A customer-managed policy resolved in each account. */
  customerManagedPolicyReference?: CustomerManagedPolicyReference;
}

/** A permission set (DescribePermissionSet plus the policies of the List/Get…PermissionSet calls). */
export interface PermissionSetModel {
  /** arn:aws:sso:::permissionSet/ssoins-…/ps-…. */
  arn: string;
  /** Name, 1 to 32 characters. */
  name: string;
  /** Description. */
  description: string;
  /** ISO-8601 duration, PT1H to PT12H: the role's maximum session. */
  sessionDuration: string;
  /** Relay state (where the console opens), when set. */
  relayState?: string;
  /** AWS-managed policy ARNs. */
  managedPolicyArns: string[];
  /** Customer-managed policy references. */
  customerManagedPolicies: CustomerManagedPolicyReference[];
  /** The inline policy, when set. */
  inlinePolicy?: string;
  /** The permissions boundary, when set. */
  permissionsBoundary?: PermissionSetBoundary;
}

/** A user of the identity store. */
export interface IdentityStoreUserModel {
  /** The identity store's UserId. */
  userId: string;
  /** UserName (unique in the store). */
  userName: string;
  /** DisplayName. */
  displayName: string;
}

/** A group of the identity store. */
export interface IdentityStoreGroupModel {
  /** The identity store's GroupId. */
  groupId: string;
  /** DisplayName (unique in the store). */
  displayName: string;
}

/** One group membership. */
export interface IdentityStoreMembershipModel {
  /** The group's GroupId. */
  groupId: string;
  /** The member's UserId. */
  userId: string;
}

/** An account assignment (ListAccountAssignments' AccountAssignment). */
export interface AccountAssignmentModel {
  /** The target account id. */
  accountId: string;
  /** The permission set's ARN. */
  permissionSetArn: string;
  /** USER or GROUP. */
  principalType: 'USER' | 'GROUP';
  /** The user's UserId or the group's GroupId. */
  principalId: string;
}

/** An IAM Identity Center organization instance with everything it holds. */
export interface IdentityCenterModel {
  /** arn:aws:sso:::instance/ssoins-…. */
  instanceArn: string;
  /** d-…. */
  identityStoreId: string;
  /** The instance's name. */
  name: string;
  /** The instance's Region (role paths carry it, except for us-east-1). */
  region: string;
  /** The account that owns the instance. */
  ownerAccountId: string;
  /** Identity store users. */
  users: IdentityStoreUserModel[];
  /** Identity store groups. */
  groups: IdentityStoreGroupModel[];
  /** Group memberships. */
  memberships: IdentityStoreMembershipModel[];
  /** Permission sets. */
  permissionSets: PermissionSetModel[];
  /** Account assignments. */
  assignments: AccountAssignmentModel[];
  /** Filled by provisionIdentityCenter: whether each (permission set, account) pair's role exists. */
  provisioning?: ProvisioningStatus[];
}

/** Whether the role of one (permission set, account) pair exists, as ListAccountAssignmentCreationStatus would tell. */
export interface ProvisioningStatus {
  /** The permission set. */
  permissionSetArn: string;
  /** The account. */
  accountId: string;
  /** The role's name and ARN (what IAM Identity Center creates, or would have created). */
  roleName: string;
  /** Role ARN. */
  roleArn: string;
  /** SUCCEEDED when the role exists; FAILED with AWS's reason otherwise. */
  status: 'SUCCEEDED' | 'FAILED';
  /** AWS's FailureReason, when FAILED. */
  failureReason?: string;
}
