// DelegatedAdministrators ([{AccountId, ServicePrincipal}], from list-delegated-administrators and
// list-delegated-services-for-account): RegisterDelegatedAdministrator's rules.
import type { BundleSection } from '../context';
import { ACCOUNT_ID } from '../identifiers';

/** The delegated administrators. */
export const delegatedAdministratorsSection: BundleSection = {
  keys: ['DelegatedAdministrators'],
  read({ top, read, problems, design, targets }) {
    const delegated = design.delegatedAdministrators;
    read.array(top.DelegatedAdministrators, '$.DelegatedAdministrators').forEach((entry, i) => {
      const path = `$.DelegatedAdministrators[${i}]`;
      const item = read.object(entry, path);
      if (!item) return;
      const accountId = read.id(item.AccountId, `${path}.AccountId`, ACCOUNT_ID, '12-digit account id');
      const servicePrincipal = read.string(item.ServicePrincipal, `${path}.ServicePrincipal`);
      if (!accountId || !servicePrincipal) return;
      if (targets.get(accountId) !== 'ACCOUNT') problems.add(`${path}.AccountId`, `account "${accountId}" is not a member of the organization`, 'AccountNotRegisteredException');
      else if (accountId === design.organization?.managementAccountId) problems.add(`${path}.AccountId`, 'the management account cannot be a delegated administrator', 'ConstraintViolationException', 'CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR');
      else if (delegated.some((d) => d.accountId === accountId && d.servicePrincipal === servicePrincipal)) problems.add(path, `account ${accountId} is already delegated administrator for ${servicePrincipal}`, 'AccountAlreadyRegisteredException');
      else delegated.push({ accountId, servicePrincipal });
    });
  },
};
