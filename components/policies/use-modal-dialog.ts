'use client';
import { useEffect, useState, type RefObject } from 'react';

/**
 * Opens a <dialog> as a modal when it mounts and, when it unmounts, gives focus back to whatever had it before
 * (keyboard users land where they were, not at the top of the page).
 */
export function useModalDialog(ref: RefObject<HTMLDialogElement | null>): void {
  // Read during the first render, before showModal moves focus into the dialog (and before Strict Mode's
  // second effect run could read the dialog's own focus instead).
  const [opener] = useState(() => (typeof document !== 'undefined' && document.activeElement instanceof HTMLElement ? document.activeElement : null));
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, [ref, opener]);
}
