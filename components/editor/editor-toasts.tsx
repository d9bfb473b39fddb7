'use client';
import { useEffect } from 'react';
import type { Toast } from '../editor-base/editor-store';
import { useEditorStore } from '../editor-base/editor-store-provider';

const TOAST_MS = 9000;

/** Messages in the bottom-right corner; errors are announced to screen readers at once. */
export function EditorToasts() {
  const toasts = useEditorStore((state) => state.toasts);
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((toast) => (
        <ToastCard key={toast.id} toast={toast} />
      ))}
    </div>
  );
}

function ToastCard({ toast }: { toast: Toast }) {
  const dismiss = useEditorStore((state) => state.dismissToast);
  useEffect(() => {
    const timer = window.setTimeout(() => dismiss(toast.id), TOAST_MS);
    return () => window.clearTimeout(timer);
  }, [dismiss, toast.id]);
  return (
    <div className={`toast toast--${toast.tone}`} role={toast.tone === 'error' ? 'alert' : 'status'}>
      <div className="toast__body">
        <p className="toast__title">{toast.title}</p>
        {toast.detail ? <p className="toast__detail">{toast.detail}</p> : null}
        {toast.code ? <p className="toast__code">{toast.code}</p> : null}
      </div>
      <button type="button" className="toast__close" aria-label="Dismiss message" onClick={() => dismiss(toast.id)}>
        ×
      </button>
    </div>
  );
}
