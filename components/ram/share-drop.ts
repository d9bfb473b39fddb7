// Dragging an OU, account or root card onto a share of the RAM panel: the principal the card stands for, and why RAM
// would refuse it (server/schemas/ram-share-rules.ts, the server's own rules). Pure: no React, no DOM.
import type { OrgTree } from '@/server/schemas/org';
import { sharePrincipalRefusal } from '@/server/schemas/ram-share-rules';

/** The share a card is dropped on, as the RAM panel knows it. */
export interface DropShare {
  arn: string;
  name: string;
  owningAccountId: string;
}

/** The principal a dropped card adds, and RAM's refusal (its message, after its code) when it would refuse it. */
export interface ShareDrop {
  principal: string;
  refusal: string | null;
}

/** The principal text of a card: an account id, an OU ARN, or the organization ARN for the root; null if none. */
export function principalOfCard(tree: OrgTree, cardId: string): { principal: string; kind: 'ACCOUNT' | 'ORGANIZATIONAL_UNIT' | 'ORGANIZATION'; accountId?: string } | null {
  const account = tree.accounts.find((entry) => entry.id === cardId);
  if (account) return { principal: account.accountId, kind: 'ACCOUNT', accountId: account.accountId };
  if (!tree.organizationId || !tree.managementAccountId) return null;
  const ou = tree.orgUnits.find((entry) => entry.id === cardId);
  if (ou) return { principal: `arn:aws:organizations::${tree.managementAccountId}:ou/${tree.organizationId}/${ou.awsId}`, kind: 'ORGANIZATIONAL_UNIT' };
  if (tree.root?.id === cardId) return { principal: `arn:aws:organizations::${tree.managementAccountId}:organization/${tree.organizationId}`, kind: 'ORGANIZATION' };
  return null;
}

/** What dropping the card on the share would do: the principal it adds and RAM's refusal, or null for no principal. */
export function shareDropOf(tree: OrgTree, cardId: string, share: DropShare, sharingEnabled: boolean): ShareDrop | null {
  const card = principalOfCard(tree, cardId);
  if (!card) return null;
  const refusal = sharePrincipalRefusal({ kind: card.kind, accountId: card.accountId, owner: share.owningAccountId, sharingEnabled });
  return { principal: card.principal, refusal: refusal ? `${refusal.awsCode}: ${refusal.message}` : null };
}
