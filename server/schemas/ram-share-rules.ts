// AWS RAM's rules for a principal joining a share that need no database: the server's checks
// (services/ram/share-rules.ts) and the editor's "cannot drop here" cue (dragging an OU or account card onto a share)
// decide with these same functions. Imports nothing: the browser loads it.
//   getting-started-sharing.html: sharing with the organization or an OU needs "sharing with AWS Organizations"
//     enabled (trusted access for ram.amazonaws.com), else OperationNotPermittedException.
//   API_CreateResourceShare.html / API_AssociateResourceShare.html: principals are other accounts; the owning
//     account is not one of them (InvalidParameterException).

const DOC = 'https://docs.aws.amazon.com/ram/latest/userguide';

/** Why RAM refuses a principal, in its words. */
export interface SharePrincipalRefusal {
  awsCode: 'OperationNotPermittedException' | 'InvalidParameterException';
  message: string;
}

/** A principal about to join a share, as far as these rules need to know it. */
export interface SharePrincipalFacts {
  kind: 'ACCOUNT' | 'ORGANIZATION' | 'ORGANIZATIONAL_UNIT' | 'IAM_ROLE' | 'IAM_USER' | 'SERVICE';
  /** The account of an ACCOUNT principal. */
  accountId?: string;
  /** The share's owning account. */
  owner: string;
  /** Sharing with AWS Organizations is enabled in the organization. */
  sharingEnabled: boolean;
}

/** Why RAM would refuse the principal for these reasons, or null. */
export function sharePrincipalRefusal(facts: SharePrincipalFacts): SharePrincipalRefusal | null {
  if ((facts.kind === 'ORGANIZATION' || facts.kind === 'ORGANIZATIONAL_UNIT') && !facts.sharingEnabled) {
    return {
      awsCode: 'OperationNotPermittedException',
      message: `Sharing with AWS Organizations is not enabled: the management account must enable it (trusted access for ram.amazonaws.com) before sharing with the organization or an OU (${DOC}/getting-started-sharing.html).`,
    };
  }
  if (facts.kind === 'ACCOUNT' && facts.accountId === facts.owner) {
    return { awsCode: 'InvalidParameterException', message: `Account ${facts.owner} owns the resource share and cannot be one of its principals.` };
  }
  return null;
}
