// Accounts outside the organization have no node in the org tree: the editor selects one by its 12-digit account id
// (tree nodes are selected by their database ids, which never look like that).

/** True when a selection names an account outside the organization. */
export function isOutsideAccountSelection(selectedId: string): boolean {
  return /^\d{12}$/.test(selectedId);
}
