'use client';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../trpc/client';

// Whether the person at the browser may change a design, and the sentence that says why not. The server decides
// (auth.designRole, and every mutation is refused for viewers anyway); panels only grey out what would fail, so a
// viewer sees the controls and the reason instead of a 403 toast after the click.

/** What a viewer reads on a disabled edit control. */
export const VIEWER_LOCK_REASON = 'View only: you are a viewer of this design';
/** What a share-link visitor reads on a disabled edit control. */
export const SHARE_LINK_LOCK_REASON = 'View only: read-only share link';

/**
 * The props an edit control takes from the lock: disabled with the lock's reason as its tooltip; `data-locked`
 * marks it for the stylesheet (components/sharing/sharing.css greys out every locked control alike).
 */
export interface EditControlProps {
  disabled: boolean;
  title: string | undefined;
  'data-locked': true | undefined;
}

/** Whether the current user may edit the design, and why not. */
export interface EditLock {
  /** True when every change to the design would be refused (a viewer, or a read-only share link). */
  locked: boolean;
  /** Why changes are refused ("View only: …"), or null when they are not. */
  reason: string | null;
  /** The caller holds a read-only share link: beyond this design's edits, it may not create designs either. */
  viaShareLink: boolean;
  /**
   * Props for an edit control: disabled when locked (or when `busy`), titled with the lock's reason when locked,
   * else with the control's own `title`.
   */
  control: (options?: { busy?: boolean; title?: string }) => EditControlProps;
  /**
   * Props for a field of an edit form: a text field turns read-only (its text can still be selected and copied), a
   * choice (select, checkbox) disabled; both titled with the lock's reason. A viewer could otherwise type into a form
   * whose submit is locked.
   */
  field: (kind: 'text' | 'choice') => EditFieldProps;
}

/** The props an edit form's field takes from the lock (see EditLock.field). */
export interface EditFieldProps {
  readOnly?: true;
  disabled?: true;
  title?: string;
  'data-locked'?: true;
}

/** The reason a role gives for refusing changes, or null when it allows them. */
export function editLockReason(role: { canEdit: boolean; viaShareLink: boolean } | undefined): string | null {
  if (!role || role.canEdit) return null;
  return role.viaShareLink ? SHARE_LINK_LOCK_REASON : VIEWER_LOCK_REASON;
}

/** The edit lock a role gives (auth.designRole, or a row of design.list); unknown (undefined) locks nothing. */
export function editLockOf(role: { canEdit: boolean; viaShareLink: boolean } | undefined): EditLock {
  const reason = editLockReason(role);
  const locked = reason !== null;
  return {
    locked,
    reason,
    viaShareLink: role?.viaShareLink ?? false,
    control: ({ busy = false, title } = {}) => ({ disabled: locked || busy, title: reason ?? title, 'data-locked': locked || undefined }),
    field: (kind) => (locked ? { ...(kind === 'text' ? { readOnly: true } : { disabled: true }), title: reason!, 'data-locked': true } : {}),
  };
}

/**
 * The edit lock of one design, from the caller's role (auth.designRole, which the design's pages prefetch on the
 * server, so it is known at first paint). While the role is still loading, edits are offered: the server refuses a
 * viewer's change with a 403 that says why.
 */
export function useEditLock(designId: string): EditLock {
  const trpc = useTRPC();
  return editLockOf(useQuery(trpc.auth.designRole.queryOptions({ designId })).data);
}
