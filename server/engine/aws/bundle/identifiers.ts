// Identifier patterns of the Organizations API reference (the "Id" parameters of each action).

/** "o-…" (DescribeOrganization). */
export const ORG_ID = /^o-[a-z0-9]{10,32}$/;
/** "r-…" (ListRoots). */
export const ROOT_ID = /^r-[0-9a-z]{4,32}$/;
/** "ou-…-…" (ListOrganizationalUnitsForParent). */
export const OU_ID = /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/;
/** "p-…" (ListPolicies; AWS-managed ones such as p-FullAWSAccess included). */
export const POLICY_ID = /^p-[0-9a-zA-Z_]{8,128}$/;
export { ACCOUNT_ID } from '../json-checks';
