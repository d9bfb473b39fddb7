// Accounts (list-accounts entries plus ParentId from list-parents). The account's life-cycle state is `State`
// (https://docs.aws.amazon.com/organizations/latest/APIReference/API_Account.html); exports made before AWS retired
// `Status` on 9 September 2026 carry `Status` (ACTIVE, SUSPENDED, PENDING_CLOSURE) instead, which is read too.
import type { BundleSection } from '../context';
import { ACCOUNT_ID } from '../identifiers';
import type { AccountStatus } from '../model';

const JOINED_METHODS: ReadonlySet<unknown> = new Set(['CREATED', 'INVITED']);
const ACCOUNT_STATES: ReadonlySet<unknown> = new Set<AccountStatus>(['PENDING_ACTIVATION', 'ACTIVE', 'SUSPENDED', 'PENDING_CLOSURE', 'CLOSED', 'INVITED_PENDING']);

/** The member accounts. */
export const accountsSection: BundleSection = {
  keys: ['Accounts'],
  read({ top, read, problems, design, targets }) {
    const emails = new Map<string, string>();
    read.array(top.Accounts, '$.Accounts').forEach((entry, i) => {
      const path = `$.Accounts[${i}]`;
      const item = read.object(entry, path);
      if (!item) return;
      const accountId = read.id(item.Id, `${path}.Id`, ACCOUNT_ID, '12-digit account id');
      const parentId = design.organization ? read.string(item.ParentId, `${path}.ParentId`) : read.optionalString(item.ParentId, `${path}.ParentId`);
      const email = read.optionalString(item.Email, `${path}.Email`) ?? null;
      const joinedMethod = item.JoinedMethod ?? 'CREATED';
      const stateKey = item.State !== undefined ? 'State' : 'Status';
      const state = item.State ?? item.Status ?? 'ACTIVE';
      const joinedAt = read.timestamp(item.JoinedTimestamp, `${path}.JoinedTimestamp`);
      if (!JOINED_METHODS.has(joinedMethod)) problems.add(`${path}.JoinedMethod`, `expected "CREATED" or "INVITED", got ${JSON.stringify(joinedMethod)}`);
      if (!ACCOUNT_STATES.has(state)) problems.add(`${path}.${stateKey}`, `unknown account state ${JSON.stringify(state)}`);
      if (!accountId) return;
      if (targets.has(accountId)) {
        problems.add(`${path}.Id`, `duplicate account "${accountId}"`, 'DuplicateAccountException');
        return;
      }
      if (parentId) {
        const kind = targets.get(parentId);
        if (kind !== 'ROOT' && kind !== 'OU') problems.add(`${path}.ParentId`, `parent "${parentId}" is neither the root nor a known OU`, 'ParentNotFoundException');
      }
      if (email) {
        const owner = emails.get(email.toLowerCase());
        if (owner) problems.add(`${path}.Email`, `email "${email}" is already used by account ${owner}`, 'DuplicateAccountException');
        emails.set(email.toLowerCase(), accountId);
      }
      targets.set(accountId, 'ACCOUNT');
      design.accounts.push({
        accountId,
        name: read.optionalString(item.Name, `${path}.Name`) || accountId,
        email,
        joinedMethod: joinedMethod === 'INVITED' ? 'INVITED' : 'CREATED',
        status: state as AccountStatus,
        joinedAt,
        parentId: parentId ?? null,
        tags: read.tags(item.Tags, `${path}.Tags`),
      });
    });
    const organization = design.organization;
    if (organization && !design.accounts.some((a) => a.accountId === organization.managementAccountId)) {
      problems.add('$.Organization.MasterAccountId', `management account "${organization.managementAccountId}" is not in $.Accounts`, 'AccountNotFoundException');
    }
  },
};
