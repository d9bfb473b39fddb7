'use client';
import { useId, useRef } from 'react';
import { FindingList, lineMarkersOf } from './finding-list';
import { focusPosition, JsonCodeEditor } from './json-code-editor';
import type { useDraftValidation } from './use-policy-validation';
import { ValidationStatus } from './validation-status';

/** Props of a checked policy document. */
export interface CheckedDocumentProps {
  /** The label, which is also the editor's accessible name, e.g. "Trust policy (JSON)". */
  label: string;
  content: string;
  onChange?: (content: string) => void;
  readOnly?: boolean;
  /** The engine's verdict on the draft (useDraftValidation / usePolicyValidation). */
  validation: ReturnType<typeof useDraftValidation>;
}

/**
 * A policy document being edited, with the engine's verdict: the status and size beside the label, offending lines
 * highlighted in the editor, and the findings below it (a click puts the cursor on the finding's line). Shared by
 * the Organizations policy editor and the IAM document dialogs.
 */
export function CheckedDocument({ label, content, onChange, readOnly = false, validation }: CheckedDocumentProps) {
  const ids = useId();
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const findings = validation.data?.findings ?? [];
  return (
    <div className="policy-editor__document">
      <div className="policy-editor__document-head">
        <span id={`${ids}-doc-label`} className="policy-editor__label">{label}</span>
        <ValidationStatus
          loading={validation.isFetching || !validation.isCurrent}
          failed={validation.isError}
          errorCount={findings.filter((f) => f.severity === 'error').length}
          findingCount={findings.length}
          size={validation.data?.size}
        />
      </div>
      <JsonCodeEditor
        id={`${ids}-document`}
        value={content}
        onChange={readOnly ? undefined : onChange}
        readOnly={readOnly}
        markers={lineMarkersOf(findings)}
        labelledBy={`${ids}-doc-label`}
        describedBy={`${ids}-findings`}
        textareaRef={textareaRef}
      />
      {validation.isError ? (
        <p className="field__error" role="alert">The document could not be checked: {validation.error.message} Keep editing to retry.</p>
      ) : (
        <FindingList id={`${ids}-findings`} findings={findings} onSelect={(f) => f.line !== undefined && focusPosition(textareaRef.current, f.line, f.column)} />
      )}
    </div>
  );
}
