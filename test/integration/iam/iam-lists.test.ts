// The account panel's IAM lists a page at a time (iam.roles, iam.users, iam.groups, iam.policies) through the
// tRPC router on a real database: pages in name order with a cursor, the total, a name search in any case, a
// cursor that stays right when a role of an earlier page is deleted, and bad input refused with a clear message.
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInnerContext } from '@/server/api/context';
import { createCaller } from '@/server/api/root';
import * as iam from '@/server/services/iam';
import { createAccount } from '@/server/services/organizations';
import { createTestDb } from '../../support/db-test-client';
import { newDesign, Revision } from '../organizations/helpers';

const db = createTestDb();
const api = createCaller(createInnerContext({ db }));
afterAll(() => db.$disconnect());

const ROLES = 120;
const roleName = (index: number) => `App-Role-${String(index).padStart(3, '0')}`;
const trust = (accountId: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: 'sts:AssumeRole' }] });
const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }] });

let designId = '';
let accountId = '';
let managementAccountId = '';
const rev = new Revision();

beforeAll(async () => {
  const design = await newDesign(db, 'iam lists');
  designId = design.designId;
  managementAccountId = design.managementAccountId;
  const { account } = rev.took(await createAccount(db, { ...rev.base(designId), accountName: 'Many roles', email: `many-${designId}@example.com`, accountId: '345678901234' }));
  accountId = account.accountId;
  const base = () => ({ ...rev.base(designId), accountId });
  // Created out of name order: the pages must come back sorted by name whatever the insertion order.
  for (let index = ROLES - 1; index >= 0; index--) {
    rev.took(await iam.createRole(db, { ...base(), roleName: roleName(index), path: '/', maxSessionDuration: 3600, assumeRolePolicyDocument: trust(managementAccountId) }));
  }
  for (const userName of ['carol', 'alice', 'bob']) rev.took(await iam.createUser(db, { ...base(), userName, path: '/' }));
  for (const groupName of ['Ops', 'Admins']) rev.took(await iam.createGroup(db, { ...base(), groupName, path: '/' }));
  for (const policyName of ['ReadC', 'ReadA', 'ReadB']) rev.took(await iam.createManagedPolicy(db, { ...base(), policyName, path: '/', policyDocument: policy }));
}, 240_000);

/** Every page of the roles list, following the cursors. */
async function allRolePages(search?: string, limit?: number) {
  const pages = [];
  let cursor: string | null = null;
  do {
    const page = await api.iam.roles({ designId, accountId, ...(search === undefined ? {} : { search }), ...(limit === undefined ? {} : { limit }), cursor });
    pages.push(page);
    cursor = page.nextCursor;
  } while (cursor !== null && pages.length < 100);
  return pages;
}

describe('iam.roles and the other lists, a page at a time', () => {
  it('pages the roles by name, 50 at a time by default, with the total and each role\'s trust summary and editor view', async () => {
    const pages = await allRolePages();
    // The 120 roles and the OrganizationAccountAccessRole every created account gets.
    expect(pages.map((page) => page.items.length)).toEqual([50, 50, 21]);
    expect(pages.every((page) => page.total === ROLES + 1)).toBe(true);
    expect(pages.at(-1)?.nextCursor).toBeNull();
    const names = pages.flatMap((page) => page.items.map((item) => item.role.name));
    expect(new Set(names).size).toBe(ROLES + 1);
    expect(names).toEqual([...names].sort());
    expect(names).toContain('OrganizationAccountAccessRole');
    const first = pages[0].items[0];
    expect(first.role).toMatchObject({ name: 'App-Role-000', arn: `arn:aws:iam::${accountId}:role/App-Role-000`, serviceLinked: false });
    expect(first.summary.name).toBe('App-Role-000');
    expect(first.summary.trust.statements[0].principals.map((principal) => principal.value)).toEqual([`arn:aws:iam::${managementAccountId}:root`]);
  });

  it('searches names in any case, and pages the matches', async () => {
    const pages = await allRolePages('role-01', 4);
    expect(pages.map((page) => page.items.length)).toEqual([4, 4, 2]);
    expect(pages.flatMap((page) => page.items.map((item) => item.role.name))).toEqual(Array.from({ length: 10 }, (_, index) => roleName(10 + index)));
    expect(pages[0].total).toBe(10);
    const none = await api.iam.roles({ designId, accountId, search: 'no such role' });
    expect(none).toEqual({ items: [], nextCursor: null, total: 0 });
    // Blank search lists everything.
    expect((await api.iam.roles({ designId, accountId, search: '   ' })).total).toBe(ROLES + 1);
  });

  it('continues after the cursor when a role of an earlier page was deleted meanwhile', async () => {
    const first = await api.iam.roles({ designId, accountId, search: 'App-Role-1', limit: 5 });
    expect(first.items.map((item) => item.role.name)).toEqual(['App-Role-100', 'App-Role-101', 'App-Role-102', 'App-Role-103', 'App-Role-104']);
    rev.took(await iam.deleteRole(db, { ...rev.base(designId), accountId, roleName: 'App-Role-102' }));
    const second = await api.iam.roles({ designId, accountId, search: 'App-Role-1', limit: 5, cursor: first.nextCursor });
    expect(second.items.map((item) => item.role.name)).toEqual(['App-Role-105', 'App-Role-106', 'App-Role-107', 'App-Role-108', 'App-Role-109']);
    expect(second.total).toBe(19);
  });

  it('pages users, groups and customer-managed policies the same way', async () => {
    const users = await api.iam.users({ designId, accountId, limit: 2 });
    expect(users.items.map((user) => user.name)).toEqual(['alice', 'bob']);
    expect(users.total).toBe(3);
    const rest = await api.iam.users({ designId, accountId, limit: 2, cursor: users.nextCursor });
    expect(rest).toMatchObject({ nextCursor: null, total: 3 });
    expect(rest.items.map((user) => user.name)).toEqual(['carol']);
    expect((await api.iam.groups({ designId, accountId })).items.map((group) => group.name)).toEqual(['Admins', 'Ops']);
    const policies = await api.iam.policies({ designId, accountId, search: 'reada' });
    expect(policies.items.map((p) => [p.name, p.defaultVersionId])).toEqual([['ReadA', 'v1']]);
  });

  it('refuses a page size out of range, an unknown account and an unknown design, saying which', async () => {
    await expect(api.iam.roles({ designId, accountId, limit: 0 })).rejects.toThrow('A page holds at least one entry.');
    await expect(api.iam.roles({ designId, accountId, limit: 201 })).rejects.toThrow('A page holds at most 200 entries.');
    await expect(api.iam.roles({ designId, accountId: '999999999999' })).rejects.toThrow('There is no account "999999999999" in this design.');
    const missing = await api.iam.users({ designId: 'c000000000000000000000000', accountId }).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(TRPCError);
    expect((missing as TRPCError).code).toBe('NOT_FOUND');
  });
});
