// Shared setup of the RAM integration tests: a design with a Network account under the root and a Workloads OU
// (with a Prod OU holding one workload account), and the ARNs the tests share.
import type { PrismaClient } from '../../../server/db/client';
import { createAccount, createOrganizationalUnit, setQuotaOverrides } from '../../../server/services/organizations';
import { newDesign, Revision } from '../organizations/helpers';

/** Constants of the RAM tests. */
export const RAM = { PARTNER: '999988887777' } as const;

/** A fresh design for one test. */
export async function ramSetup(db: PrismaClient) {
  const d = await newDesign(db, 'ram');
  const rev = new Revision();
  const base = () => rev.base(d.designId);
  rev.took(await setQuotaOverrides(db, { ...base(), overrides: { organization: { defaultMaxAccounts: 50 } } }));
  const { account: network } = rev.took(await createAccount(db, { ...base(), accountName: 'Network', email: `net-${d.designId}@example.com`, accountId: '111122223333' }));
  const { ou } = rev.took(await createOrganizationalUnit(db, { ...base(), parentId: d.rootId, name: 'Workloads' }));
  const { ou: prod } = rev.took(await createOrganizationalUnit(db, { ...base(), parentId: ou.id, name: 'Prod' }));
  const { account: workload } = rev.took(await createAccount(db, { ...base(), accountName: 'Payments', email: `pay-${d.designId}@example.com`, accountId: '444455556666', parentId: prod.id }));
  const org = await db.organization.findUniqueOrThrow({ where: { designId: d.designId }, select: { awsId: true } });
  const ouArn = `arn:aws:organizations::${d.managementAccountId}:ou/${org.awsId}/${ou.awsId}`;
  const orgArn = `arn:aws:organizations::${d.managementAccountId}:organization/${org.awsId}`;
  const subnet = `arn:aws:ec2:us-east-1:${network.accountId}:subnet/subnet-0123456789abcdef0`;
  const prefixList = `arn:aws:ec2:us-east-1:${network.accountId}:prefix-list/pl-0123456789abcdef0`;
  return { d, rev, base, network, workload, workloadsOu: ou, prodOu: prod, ouArn, orgArn, subnet, prefixList };
}
