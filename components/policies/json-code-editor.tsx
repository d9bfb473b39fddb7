'use client';
import { useRef, useState, type Ref } from 'react';

/** How serious the worst finding on a line is (it picks the line's highlight). */
export type LineSeverity = 'error' | 'warning' | 'info';

/** Props of the JSON code editor. */
export interface JsonCodeEditorProps {
  id: string;
  value: string;
  onChange?: (value: string) => void;
  /** Lines (1-based) to highlight, with the worst severity found there. */
  markers: ReadonlyMap<number, LineSeverity>;
  readOnly?: boolean;
  /** The label's id (the editor is a labelled textarea). */
  labelledBy: string;
  /** Ids of elements that describe the editor (the findings list). */
  describedBy?: string;
  textareaRef?: Ref<HTMLTextAreaElement>;
}

const LINE_HEIGHT = 19; // px, the same in the gutter, the highlight layer and the textarea (see policies.css)

/**
 * A plain textarea made into a small code editor: monospace, no wrapping (so a line in the text is a line on
 * screen), a line-number gutter and a highlight layer behind the text for lines with findings, both kept in
 * step with the textarea's scroll. Tab inserts two spaces; Escape then Tab leaves the editor (keyboard users
 * must be able to move on).
 */
export function JsonCodeEditor({ id, value, onChange, markers, readOnly = false, labelledBy, describedBy, textareaRef }: JsonCodeEditorProps) {
  const [scroll, setScroll] = useState({ top: 0, left: 0 });
  const tabTrapReleased = useRef(false);
  const lineCount = value.split('\n').length;
  const lines = Array.from({ length: lineCount }, (_, index) => index + 1);

  return (
    <div className="code-editor">
      <div className="code-editor__gutter" aria-hidden="true">
        <div style={{ transform: `translateY(${-scroll.top}px)` }}>
          {lines.map((line) => (
            <div key={line} className={`code-editor__line-number${markers.has(line) ? ` code-editor__line-number--${markers.get(line)}` : ''}`}>
              {line}
            </div>
          ))}
        </div>
      </div>
      <div className="code-editor__body">
        <div className="code-editor__highlights" aria-hidden="true" style={{ transform: `translate(${-scroll.left}px, ${-scroll.top}px)` }}>
          {[...markers].map(([line, severity]) => (
            <div key={line} className={`code-editor__highlight code-editor__highlight--${severity}`} style={{ top: (line - 1) * LINE_HEIGHT }} />
          ))}
        </div>
        <textarea
          id={id}
          ref={textareaRef}
          className="code-editor__textarea"
          value={value}
          readOnly={readOnly}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          autoCorrect="off"
          wrap="off"
          aria-labelledby={labelledBy}
          aria-describedby={describedBy}
          aria-multiline="true"
          onChange={(event) => onChange?.(event.target.value)}
          onScroll={(event) => setScroll({ top: event.currentTarget.scrollTop, left: event.currentTarget.scrollLeft })}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              tabTrapReleased.current = true;
              return;
            }
            if (event.key !== 'Tab' || readOnly || tabTrapReleased.current || event.shiftKey) {
              tabTrapReleased.current = false;
              return;
            }
            event.preventDefault();
            const target = event.currentTarget;
            const { selectionStart, selectionEnd } = target;
            const next = `${value.slice(0, selectionStart)}  ${value.slice(selectionEnd)}`;
            onChange?.(next);
            requestAnimationFrame(() => target.setSelectionRange(selectionStart + 2, selectionStart + 2));
          }}
        />
      </div>
    </div>
  );
}

/** Moves the caret of a code editor to a 1-based line and column and scrolls it into view. */
export function focusPosition(textarea: HTMLTextAreaElement | null, line: number, column = 1): void {
  if (!textarea) return;
  const lines = textarea.value.split('\n');
  let offset = 0;
  for (let index = 0; index < Math.min(line - 1, lines.length); index++) offset += lines[index].length + 1;
  offset += Math.max(0, Math.min(column - 1, lines[line - 1]?.length ?? 0));
  textarea.focus();
  textarea.setSelectionRange(offset, offset);
  textarea.scrollTop = Math.max(0, (line - 4) * LINE_HEIGHT);
}
