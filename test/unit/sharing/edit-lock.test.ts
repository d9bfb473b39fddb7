import { describe, expect, it } from 'vitest';
import { editLockReason, SHARE_LINK_LOCK_REASON, VIEWER_LOCK_REASON } from '@/components/sharing/use-edit-lock';

// The sentence a disabled edit control carries, from the caller's role (auth.designRole).
describe('editLockReason', () => {
  it('locks nothing for owners and editors, nor while the role is unknown (the server still refuses)', () => {
    expect(editLockReason({ canEdit: true, viaShareLink: false })).toBeNull();
    expect(editLockReason(undefined)).toBeNull();
  });

  it('names the viewer role, or the read-only share link', () => {
    expect(editLockReason({ canEdit: false, viaShareLink: false })).toBe(VIEWER_LOCK_REASON);
    expect(editLockReason({ canEdit: false, viaShareLink: true })).toBe(SHARE_LINK_LOCK_REASON);
    expect(VIEWER_LOCK_REASON).toBe('View only: you are a viewer of this design');
    expect(SHARE_LINK_LOCK_REASON).toBe('View only: read-only share link');
  });
});
