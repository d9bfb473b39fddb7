// Handshakes (list-handshakes-for-organization → Handshakes): an invitation the management account sent that the
// account has not answered yet (Action INVITE, State REQUESTED or OPEN; API_Handshake.html) is an account the design
// holds as INVITED_PENDING, outside the tree until it accepts. Answered, cancelled or expired handshakes (which AWS
// lists for 30 days) change nothing and are reported; an invitation sent to an email address names no account id.
import type { BundleSection } from '../context';
import { ACCOUNT_ID } from '../identifiers';

const OPEN_STATES: ReadonlySet<unknown> = new Set(['REQUESTED', 'OPEN']);
const HANDSHAKE_STATES: ReadonlySet<unknown> = new Set(['REQUESTED', 'OPEN', 'CANCELED', 'ACCEPTED', 'DECLINED', 'EXPIRED']);

/** The open invitations to join the organization. */
export const handshakesSection: BundleSection = {
  keys: ['Handshakes'],
  read(context) {
    const { top, read, problems, design, targets, warnings } = context;
    read.array(top.Handshakes, '$.Handshakes').forEach((entry, i) => {
      const path = `$.Handshakes[${i}]`;
      const item = read.object(entry, path);
      if (!item) return;
      const action = read.string(item.Action, `${path}.Action`);
      const state = read.string(item.State, `${path}.State`);
      if (state !== undefined && !HANDSHAKE_STATES.has(state)) problems.add(`${path}.State`, `unknown handshake state ${JSON.stringify(state)}`);
      if (action === undefined || state === undefined) return;
      if (action !== 'INVITE') {
        warnings.push(`${path}: ${action}: only invitations (INVITE) are part of a design; ignored`);
        return;
      }
      if (!OPEN_STATES.has(state)) {
        warnings.push(`${path}: ${state}: the invitation is no longer open; ignored`);
        return;
      }
      if (!design.organization) {
        problems.add(path, 'an invitation needs an organization to join', 'AWSOrganizationsNotInUseException');
        return;
      }
      const parties = read.array(item.Parties, `${path}.Parties`).map((party, p) => read.object(party, `${path}.Parties[${p}]`));
      const accountParty = parties.findIndex((party) => party?.Type === 'ACCOUNT');
      if (accountParty < 0) {
        warnings.push(`${path}: the invitation names no account id (sent to an email address); not kept`);
        return;
      }
      const accountId = read.id(parties[accountParty]!.Id, `${path}.Parties[${accountParty}].Id`, ACCOUNT_ID, '12-digit account id');
      if (!accountId) return;
      if (targets.get(accountId) === 'ACCOUNT') {
        problems.add(`${path}.Parties[${accountParty}].Id`, `account ${accountId} is already a member of the organization`, 'HandshakeConstraintViolationException', 'ALREADY_IN_AN_ORGANIZATION');
        return;
      }
      const already = design.accounts.find((account) => account.accountId === accountId);
      if (already?.status === 'INVITED_PENDING') {
        problems.add(path, `account ${accountId} already has an open invitation`, 'DuplicateHandshakeException');
        return;
      }
      context.addExternalAccount(accountId);
      const account = design.accounts.find((candidate) => candidate.accountId === accountId)!;
      account.status = 'INVITED_PENDING';
      account.joinedMethod = 'INVITED';
    });
  },
};
