'use client';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useEditorStore } from '../editor/store/editor-store-provider';
import type { ExportScope } from './export-diagram';
import { useExport, type ExportFormat, type ExportStatus } from './use-export';
import './export.css';

const FORMATS: { format: ExportFormat; label: string; hint: string }[] = [
  { format: 'png', label: 'PNG image', hint: 'A picture of the diagram' },
  { format: 'svg', label: 'SVG', hint: 'Vector drawing; text stays text' },
  { format: 'drawio', label: 'draw.io', hint: 'Opens in diagrams.net with the hierarchy and labels' },
  { format: 'mermaid', label: 'Mermaid', hint: 'A flowchart for Markdown' },
  { format: 'bundle', label: 'JSON bundle', hint: 'The whole design as an AWS-style bundle (re-importable)' },
  { format: 'terraform', label: 'Terraform', hint: 'The organization as Terraform JSON (aws_organizations_* resources)' },
  { format: 'cloudformation', label: 'CloudFormation', hint: 'The organization as a CloudFormation template (AWS::Organizations::*)' },
];

/** Export of the diagram (top bar): PNG, SVG, draw.io, Mermaid of the current view or the whole tree, and the JSON bundle. */
export function ExportMenu() {
  const menuId = useId();
  const [open, setOpen] = useState(false);
  const [scope, setScope] = useState<ExportScope>('view');
  const [shareEdges, setShareEdges] = useState(false);
  const { status, run } = useExport();
  const hasColours = useEditorStore((state) => Object.keys(state.decisions).length > 0);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLElement>('[role="menuitemradio"][aria-checked="true"]')?.focus();
    const close = (event: MouseEvent) => {
      if (!menu.current?.contains(event.target as Node) && !button.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);

  const onMenuKeyDown = (event: KeyboardEvent) => {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? [])];
    const index = items.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = event.key === 'ArrowDown' ? (index + 1) % items.length : (index - 1 + items.length) % items.length;
      items[next]?.focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setOpen(false);
      button.current?.focus();
    }
  };

  const choose = (format: ExportFormat) => {
    setOpen(false);
    button.current?.focus();
    void run(format, scope, { shareEdges });
  };

  return (
    <div className="export-menu">
      <button ref={button} type="button" className="toolbar-button" aria-haspopup="menu" aria-expanded={open} aria-controls={menuId}
        onClick={() => setOpen(!open)} disabled={status.state === 'working'}>
        {status.state === 'working' ? 'Exporting…' : 'Export'} <span aria-hidden="true">▾</span>
      </button>
      {open ? (
        <div ref={menu} id={menuId} role="menu" aria-label="Export" className="export-menu__panel" onKeyDown={onMenuKeyDown}>
          <div role="group" aria-label="What to export" className="export-menu__scope">
            {(['view', 'tree'] as const).map((value) => (
              <div key={value} role="menuitemradio" aria-checked={scope === value} tabIndex={-1} className="export-menu__radio"
                onClick={() => setScope(value)} onKeyDown={(event) => (event.key === 'Enter' || event.key === ' ') && (event.preventDefault(), setScope(value))}>
                <span className="export-menu__check" aria-hidden="true">{scope === value ? '●' : '○'}</span>
                {value === 'view' ? 'Current view (folded subtrees stay folded)' : 'Whole tree'}
              </div>
            ))}
          </div>
          <div role="menuitemcheckbox" aria-checked={shareEdges} tabIndex={-1} className="export-menu__radio"
            title="Diagrams (PNG, SVG, draw.io, Mermaid) also draw AWS RAM share edges, owner → principals, and external accounts"
            onClick={() => setShareEdges(!shareEdges)} onKeyDown={(event) => (event.key === 'Enter' || event.key === ' ') && (event.preventDefault(), setShareEdges(!shareEdges))}>
            <span className="export-menu__check" aria-hidden="true">{shareEdges ? '☑' : '☐'}</span>
            Include RAM share edges
          </div>
          <div role="separator" className="export-menu__separator" />
          {FORMATS.map((entry) => (
            <div key={entry.format} role="menuitem" tabIndex={-1} className="export-menu__item" title={entry.hint}
              onClick={() => choose(entry.format)} onKeyDown={(event) => (event.key === 'Enter' || event.key === ' ') && (event.preventDefault(), choose(entry.format))}>
              <span>{entry.label}</span>
              <span className="export-menu__hint">{entry.format === 'bundle' || entry.format === 'terraform' || entry.format === 'cloudformation' ? 'design data' : hasColours ? 'with colours + legend' : ''}</span>
            </div>
          ))}
        </div>
      ) : null}
      <ExportStatusLine status={status} />
    </div>
  );
}

function ExportStatusLine({ status }: { status: ExportStatus }) {
  if (status.state === 'error') return <span className="export-menu__status export-menu__status--error" role="alert">Export failed: {status.message}</span>;
  if (status.state === 'done') return <span className="export-menu__status" role="status">Saved {status.fileName}</span>;
  return null;
}
