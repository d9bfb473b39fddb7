'use client';
import dynamic from 'next/dynamic';
import { useEditorStore } from '../../editor-base/editor-store-provider';

// The dialogs' forms are fetched when the first one opens, not with the editor's first chunk.
const EditDialog = dynamic(() => import('./edit-dialog').then((m) => m.EditDialog));

/** The open create / rename / delete / invite dialog, if any (the store says which). */
export function EditDialogs() {
  const dialog = useEditorStore((state) => state.dialog);
  const openDialog = useEditorStore((state) => state.openDialog);
  if (!dialog) return null;
  // A key per dialog: opening another one starts with a fresh form.
  return <EditDialog key={JSON.stringify(dialog)} dialog={dialog} onClose={() => openDialog(null)} />;
}
