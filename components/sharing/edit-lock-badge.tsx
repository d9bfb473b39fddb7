'use client';
import { useEditLock } from './use-edit-lock';

/** "View only" in a page's heading when the caller may not change the design, titled with the reason. */
export function EditLockBadge({ designId }: { designId: string }) {
  const lock = useEditLock(designId);
  if (!lock.reason) return null;
  return (
    <span className="read-only-badge" data-testid="read-only" title={lock.reason}>
      View only
    </span>
  );
}
