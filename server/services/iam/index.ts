import 'server-only';
// IAM editing in every account: see server/services/README.md ("IAM editing").
export * from './roles';
export * from './users-groups';
export * from './managed-policies';
export * from './principal-policies';
export * from './tags';
export { iamAccount, validateIamDraft } from './account-iam';
export { listIamGroups, listIamPolicies, listIamRoles, listIamUsers } from './iam-lists';
