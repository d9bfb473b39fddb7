'use client';
import type { EditorMode } from '../editor-base/editor-store';
import { useEditorStore } from '../editor-base/editor-store-provider';

const MODES: { mode: EditorMode; label: string; hint: string }[] = [
  { mode: 'design', label: 'Design', hint: 'Edit the organization' },
  { mode: 'effective', label: 'Effective', hint: 'Colour accounts by the decision for a request' },
  { mode: 'matrix', label: 'SCP matrix', hint: 'Which actions the SCPs still allow in one account' },
  { mode: 'access', label: 'Access', hint: 'Who can assume which role, who can do what, external-access findings' },
];

/** Chooses what the canvas shows: the design, effective permissions, or the SCP action matrix. */
export function ModeSwitch() {
  const mode = useEditorStore((state) => state.mode);
  const setMode = useEditorStore((state) => state.setMode);
  return (
    <div className="segmented" role="radiogroup" aria-label="View">
      {MODES.map((entry) => (
        <button
          key={entry.mode}
          type="button"
          role="radio"
          aria-checked={mode === entry.mode}
          className="segmented__option"
          title={entry.hint}
          onClick={() => setMode(entry.mode)}
        >
          {entry.label}
        </button>
      ))}
    </div>
  );
}
