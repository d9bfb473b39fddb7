'use client';
import { useEffect, useRef } from 'react';

/** Every keyboard shortcut of the editor, by where it applies (kept beside the handlers that implement them). */
export const SHORTCUT_GROUPS: readonly { title: string; shortcuts: readonly { keys: string[]; does: string }[] }[] = [
  {
    title: 'Anywhere in the editor',
    shortcuts: [
      { keys: ['Ctrl', 'Z'], does: 'Undo the last change (⌘Z on a Mac)' },
      { keys: ['Ctrl', 'Shift', 'Z'], does: 'Redo (also Ctrl-Y)' },
      { keys: ['/'], does: 'Find an OU or account (also Ctrl-K)' },
      { keys: ['?'], does: 'Show this list' },
    ],
  },
  {
    title: 'On a focused card',
    shortcuts: [
      { keys: ['↑', '↓'], does: 'Previous or next card' },
      { keys: ['←'], does: 'Hide the children, or go to the parent' },
      { keys: ['→'], does: 'Show the children, or go to the first child' },
      { keys: ['Home', 'End'], does: 'First or last card' },
      { keys: ['Enter'], does: 'Show the details in the inspector' },
      { keys: ['F2'], does: 'Rename the OU or account' },
      { keys: ['Delete'], does: 'Delete the OU, or remove the account from the organization' },
      { keys: ['Shift', 'F10'], does: 'Open the card’s menu (also the Menu key)' },
    ],
  },
  {
    title: 'In dialogs and menus',
    shortcuts: [
      { keys: ['Esc'], does: 'Close without saving' },
      { keys: ['↑', '↓'], does: 'Move through a menu' },
    ],
  },
];

/** The "?" dialog: the keyboard shortcuts, grouped by where they work. */
export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (open && !ref.current?.open) ref.current?.showModal();
    if (!open && ref.current?.open) ref.current.close();
  }, [open]);
  return (
    <dialog ref={ref} className="form-dialog shortcuts-dialog" aria-labelledby="shortcuts-title" onClose={onClose} onCancel={onClose}>
      <h2 id="shortcuts-title" className="form-dialog__title">Keyboard shortcuts</h2>
      {SHORTCUT_GROUPS.map((group) => (
        <section key={group.title} aria-label={group.title}>
          <h3 className="shortcuts-dialog__group">{group.title}</h3>
          <dl className="shortcuts-dialog__list">
            {group.shortcuts.map((shortcut) => (
              <div key={shortcut.does} className="shortcuts-dialog__row">
                <dt>{shortcut.keys.map((key, index) => <span key={key}>{index > 0 ? (shortcut.keys.length === 2 && /^[↑↓]$|^(Home|End)$/.test(key) ? ' / ' : ' + ') : ''}<kbd>{key}</kbd></span>)}</dt>
                <dd>{shortcut.does}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      <div className="form-dialog__actions">
        <button type="button" className="toolbar-button toolbar-button--primary" onClick={onClose} autoFocus>Close</button>
      </div>
    </dialog>
  );
}
