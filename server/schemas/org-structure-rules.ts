// AWS Organizations' structural rules for placing an OU or account, as pure functions over ids and counts, so the
// server (services/organizations/ous.ts, accounts.ts) and the editor's drag cue decide the same way. Imports
// nothing: the browser loads it. Depth: orgs_reference_limits.html ("OU maximum nesting in a root: five levels").

/** Why a placement is refused, in AWS's words. */
export interface PlacementRefusal {
  /** The service's error kind: decides the HTTP status. */
  kind: 'CONFLICT' | 'INVALID_INPUT' | 'CONSTRAINT_VIOLATION';
  awsCode: string;
  awsReason?: string;
  message: string;
}

/** Why an OU named `name` cannot be created under a parent at `parentDepth` (0 for the root), or null. */
export function ouCreateRefusal(name: string, parentDepth: number, maxOuDepth: number): PlacementRefusal | null {
  const depth = parentDepth + 1;
  if (depth <= maxOuDepth) return null;
  return {
    kind: 'CONSTRAINT_VIOLATION',
    awsCode: 'ConstraintViolationException',
    awsReason: 'OU_DEPTH_LIMIT_EXCEEDED',
    message: `OUs nest at most ${maxOuDepth} levels under the root; "${name}" would be at level ${depth}.`,
  };
}

/**
 * Why the OU cannot move under the destination, or null. `destinationPath` lists the destination OU and its OU
 * ancestors (empty for the root); `subtreeHeight` is 1 for an OU without child OUs.
 */
export function ouMoveRefusal(move: {
  ouId: string;
  ouName: string;
  currentParentOuId: string | null;
  destinationOuId: string | null;
  destinationPath: readonly string[];
  subtreeHeight: number;
  maxOuDepth: number;
}): PlacementRefusal | null {
  if (move.destinationOuId === move.currentParentOuId) {
    return { kind: 'CONFLICT', awsCode: 'DuplicateOrganizationalUnitException', message: `Organizational unit "${move.ouName}" is already under this parent.` };
  }
  if (move.destinationPath.includes(move.ouId)) {
    return {
      kind: 'INVALID_INPUT',
      awsCode: 'InvalidInputException',
      awsReason: 'MOVE_INTO_OWN_SUBTREE',
      message:
        `Cannot move organizational unit "${move.ouName}" into itself or one of its descendants. (AWS has no API to move an OU; ` +
        'the designer models a move as recreating the OU at the destination and moving its children, which cannot target the OU\'s own subtree.)',
    };
  }
  const deepest = move.destinationPath.length + move.subtreeHeight;
  if (deepest > move.maxOuDepth) {
    return {
      kind: 'CONSTRAINT_VIOLATION',
      awsCode: 'ConstraintViolationException',
      awsReason: 'OU_DEPTH_LIMIT_EXCEEDED',
      message: `OUs nest at most ${move.maxOuDepth} levels under the root; after this move the subtree of "${move.ouName}" would reach level ${deepest}.`,
    };
  }
  return null;
}

/** Why the account cannot move under the destination (MoveAccount: DuplicateAccountException when it is there already), or null. */
export function accountMoveRefusal(accountName: string, currentParentId: string | null, destinationId: string): PlacementRefusal | null {
  if (currentParentId !== destinationId) return null;
  return { kind: 'CONFLICT', awsCode: 'DuplicateAccountException', message: `Account "${accountName}" is already under this parent.` };
}
