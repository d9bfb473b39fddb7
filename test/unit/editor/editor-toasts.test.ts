// Toasts do not pile up: the same message replaces the one on screen, and at most MAX_TOASTS show at once.
import { describe, expect, it } from 'vitest';
import { createEditorStore, MAX_TOASTS } from '@/components/editor-base/editor-store';

describe('editor toasts', () => {
  it('replaces a repeated message and keeps the newest few', () => {
    const store = createEditorStore({ designId: 'd', designName: 'D', revision: 0 });
    const refusal = { tone: 'error' as const, title: 'Workloads stays where it was', detail: 'Cannot move into itself.', code: 'InvalidInputException (MOVE_INTO_OWN_SUBTREE)' };
    for (let index = 0; index < 5; index++) store.getState().showToast(refusal);
    expect(store.getState().toasts).toHaveLength(1);
    for (let index = 0; index < 6; index++) store.getState().showToast({ tone: 'info', title: `Moved ${index}` });
    expect(store.getState().toasts.map((toast) => toast.title)).toEqual(['Moved 3', 'Moved 4', 'Moved 5']);
    expect(MAX_TOASTS).toBe(3);
  });
});
