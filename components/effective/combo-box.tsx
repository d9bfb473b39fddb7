'use client';
import { useId, useState, type KeyboardEvent, type ReactNode } from 'react';

/** One suggestion of a combo box. */
export interface ComboOption {
  /** What choosing it puts in the input. */
  value: string;
  /** Main text. */
  label: string;
  /** Secondary text on the right (access level, account). */
  detail?: string;
  /** A group heading shown before the first option of each group. */
  group?: string;
}

/** Props of ComboBox. */
export interface ComboBoxProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Suggestions for the current value (already filtered by the caller). */
  options: readonly ComboOption[];
  placeholder?: string;
  /** Shown in the list when there are no options. */
  emptyText?: string;
  /** Shown under the list (e.g. "more match: keep typing"). */
  footer?: ReactNode;
  invalid?: boolean;
  width?: number;
  busy?: boolean;
  className?: string;
}

/**
 * A text input with a suggestion list (the ARIA 1.2 combobox pattern): arrows move through the options, Enter
 * picks one, Escape closes the list; typing keeps free text allowed (an ARN or action not in the list).
 */
export function ComboBox({ label, value, onChange, options, placeholder, emptyText, footer, invalid, width, busy, className }: ComboBoxProps) {
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const choose = (option: ComboOption) => {
    onChange(option.value);
    setOpen(false);
    setActive(-1);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive((index) => Math.min(options.length - 1, index + 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((index) => Math.max(0, index - 1));
    } else if (event.key === 'Enter' && open && active >= 0 && options[active]) {
      event.preventDefault();
      choose(options[active]);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      setOpen(false);
    }
  };
  const showList = open && (options.length > 0 || emptyText !== undefined);
  return (
    <div className={`combo ${className ?? ''}`} style={width ? { width } : undefined}>
      <input
        type="text"
        role="combobox"
        aria-label={label}
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList && active >= 0 ? `${listId}-${active}` : undefined}
        aria-invalid={invalid || undefined}
        aria-busy={busy || undefined}
        className="combo__input"
        value={value}
        placeholder={placeholder}
        spellCheck={false}
        autoComplete="off"
        onChange={(event) => {
          onChange(event.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        // Let a click on an option land before the list closes.
        onBlur={() => setTimeout(() => setOpen(false), 120)}
        onKeyDown={onKeyDown}
      />
      {showList ? (
        <ul id={listId} role="listbox" aria-label={`${label} suggestions`} className="combo__list">
          {options.length === 0 ? <li className="combo__empty">{emptyText}</li> : null}
          {options.map((option, index) => (
            <ComboItem key={`${option.group ?? ''}|${option.value}`} id={`${listId}-${index}`} option={option} active={index === active}
              showGroup={option.group !== undefined && option.group !== options[index - 1]?.group} onChoose={choose} />
          ))}
          {footer ? <li className="combo__footer" aria-hidden="true">{footer}</li> : null}
        </ul>
      ) : null}
    </div>
  );
}

function ComboItem({ id, option, active, showGroup, onChoose }: { id: string; option: ComboOption; active: boolean; showGroup: boolean; onChoose: (option: ComboOption) => void }) {
  return (
    <>
      {showGroup ? <li className="combo__group" role="presentation">{option.group}</li> : null}
      <li
        id={id}
        role="option"
        aria-selected={active}
        className="combo__option"
        onMouseDown={(event) => {
          event.preventDefault();
          onChoose(option);
        }}
      >
        <span className="combo__label">{option.label}</span>
        {option.detail ? <span className="combo__detail">{option.detail}</span> : null}
      </li>
    </>
  );
}
