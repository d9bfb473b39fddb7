import 'server-only';
import type { Db } from '../../db/client';
import { accountIamPages, type IamPageQuery } from '../../db/iam-queries';
import * as queries from '../../db/org-mutations-queries';
import { summarizeTrust } from '../../engine/analysis/trust-summary';
import { locateFindings } from '../../engine/policy/finding-positions';
import type { IamGroupView, IamManagedPolicyView, IamUserView } from '../../schemas/iam';
import { iamListInputSchema, type IamListInput, type IamPage, type IamRoleListItem } from '../../schemas/iam-lists';
import { designNotFound } from '../domain-error';
import { noSuchEntity } from './common';
import { groupView, policyView, roleView, userView } from './iam-views';

// The account panel's IAM lists a page at a time: an account with 2,000 roles sends the panel 50 of them, then
// the next 50 when asked, or those whose name contains what the user typed. Pages follow the names' order and a
// cursor is the last name of the page before (names are unique in an account), so a page stays right when
// entities are added or deleted between two requests.

/** The account's row id and 12-digit id, and the page's query (one more than asked, to know if more follow). */
async function pageContext(db: Db, input: IamListInput): Promise<{ accountRowId: string; accountId: string; query: IamPageQuery; limit: number }> {
  const { designId, accountId, search, cursor, limit } = iamListInputSchema.parse(input);
  if (!(await queries.designExists(db, designId))) throw designNotFound(designId);
  const account = await queries.findAccount(db, designId, accountId);
  if (!account) throw noSuchEntity(`There is no account "${accountId}" in this design.`);
  const trimmed = search?.trim();
  return {
    accountRowId: account.id,
    accountId: account.accountId,
    limit,
    query: { take: limit + 1, ...(trimmed ? { search: trimmed } : {}), ...(cursor ? { after: cursor } : {}) },
  };
}

/** The first `limit` rows as views, and where the next page starts when there were more. */
function pageFrom<Row extends { name: string }, View>(rows: Row[], limit: number, total: number, view: (row: Row) => View): IamPage<View> {
  const kept = rows.slice(0, limit);
  return { items: kept.map(view), nextCursor: rows.length > limit ? kept[kept.length - 1].name : null, total };
}

/** A page of the account's roles, each with who may assume it (the engine's reading of its trust policy). */
export async function listIamRoles(db: Db, input: IamListInput): Promise<IamPage<IamRoleListItem>> {
  const { accountRowId, accountId, query, limit } = await pageContext(db, input);
  const { rows, total } = await accountIamPages(db, accountRowId, query).roles();
  return pageFrom(rows, limit, total, (row) => {
    const role = roleView(accountId, row);
    const trust = summarizeTrust(role.trustPolicy);
    return {
      role,
      summary: {
        name: role.name, arn: role.arn, path: role.path, description: role.description, maxSessionDuration: role.maxSessionDuration,
        permissionsBoundary: role.permissionsBoundaryArn, serviceLinked: role.serviceLinked, identityCenter: false, trustPolicy: role.trustPolicy,
        trust: { ...trust, findings: locateFindings(role.trustPolicy, trust.findings) },
        attachedPolicies: role.attachedPolicies, inlinePolicies: role.inlinePolicies.map((policy) => policy.name),
      },
    };
  });
}

/** A page of the account's users. */
export async function listIamUsers(db: Db, input: IamListInput): Promise<IamPage<IamUserView>> {
  const { accountRowId, accountId, query, limit } = await pageContext(db, input);
  const { rows, total } = await accountIamPages(db, accountRowId, query).users();
  return pageFrom(rows, limit, total, (row) => userView(accountId, row));
}

/** A page of the account's groups. */
export async function listIamGroups(db: Db, input: IamListInput): Promise<IamPage<IamGroupView>> {
  const { accountRowId, accountId, query, limit } = await pageContext(db, input);
  const { rows, total } = await accountIamPages(db, accountRowId, query).groups();
  return pageFrom(rows, limit, total, (row) => groupView(accountId, row));
}

/** A page of the account's customer-managed policies. */
export async function listIamPolicies(db: Db, input: IamListInput): Promise<IamPage<IamManagedPolicyView>> {
  const { accountRowId, query, limit } = await pageContext(db, input);
  const { rows, total } = await accountIamPages(db, accountRowId, query).policies();
  return pageFrom(rows, limit, total, policyView);
}
