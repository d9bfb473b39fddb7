'use client';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useOrgTree } from '../editor-base/use-org-tree';
import { useEditorStore } from '../editor-base/editor-store-provider';
import type { ExportScope } from './export-diagram';
import { useExport, type ExportFormat, type ExportStatus } from './use-export';
import './export.css';

const FORMATS: { format: ExportFormat; label: string; hint: string }[] = [
  { format: 'png', label: 'PNG image', hint: 'A picture of the diagram' },
  { format: 'svg', label: 'SVG', hint: 'Vector drawing; text stays text' },
  { format: 'pdf', label: 'PDF', hint: 'Vector document for print and slides; one large page (or a few) with searchable text' },
  { format: 'drawio', label: 'draw.io', hint: 'Opens in diagrams.net with the hierarchy and labels' },
  { format: 'mermaid', label: 'Mermaid', hint: 'A flowchart for Markdown' },
  { format: 'bundle', label: 'JSON bundle', hint: 'The whole design as an AWS-style bundle (re-importable)' },
  { format: 'terraform', label: 'Terraform', hint: 'The organization as Terraform JSON (aws_organizations_* resources)' },
  { format: 'cloudformation', label: 'CloudFormation', hint: 'The organization as a CloudFormation template (AWS::Organizations::*)' },
];

/**
 * Export of the diagram (top bar): PNG, SVG, PDF, draw.io, Mermaid of the current view, the whole tree or one OU's
 * subtree (offered for the selected OU, or opened by "Export this subtree" on a card), and the design's data.
 */
export function ExportMenu() {
  const menuId = useId();
  const [open, setOpen] = useState(false);
  const [scope, setScope] = useState<ExportScope>('view');
  const [shareEdges, setShareEdges] = useState(false);
  const [policyNames, setPolicyNames] = useState(false);
  const { status, run } = useExport();
  const hasColours = useEditorStore((state) => Object.keys(state.decisions).length > 0);
  const exportRequest = useEditorStore((state) => state.exportRequest);
  // The subtree on offer: the one "Export this subtree" asked for, else the selected OU.
  const subtreeId = typeof scope === 'object' ? scope.subtree : null;
  const tree = useOrgTree();
  const selectedId = useEditorStore((state) => state.selectedId);
  const offered = tree?.byId.get(subtreeId ?? selectedId ?? '');
  const subtree = offered?.kind === 'ou' ? { id: offered.id, name: offered.name } : null;
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!exportRequest) return;
    setScope({ subtree: exportRequest.subtree });
    setOpen(true);
  }, [exportRequest]);

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
    void run(format, scope, { shareEdges, policyNames });
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
            {scopeChoices(subtree?.id).map(({ value, checked }) => (
              <div key={typeof value === 'object' ? 'subtree' : value} role="menuitemradio" aria-checked={checked(scope)} tabIndex={-1} className="export-menu__radio"
                onClick={() => setScope(value)} onKeyDown={(event) => (event.key === 'Enter' || event.key === ' ') && (event.preventDefault(), setScope(value))}>
                <span className="export-menu__check" aria-hidden="true">{checked(scope) ? '●' : '○'}</span>
                {value === 'view' ? 'Current view (folded subtrees stay folded)' : value === 'tree' ? 'Whole tree' : `Subtree of ${subtree?.name ?? 'the OU'} (unfolded)`}
              </div>
            ))}
          </div>
          <MenuCheckbox checked={policyNames} onChange={setPolicyNames} label="Policy names on cards"
            title="Diagrams print the names of the policies attached directly to each card (SCPs, RCPs, tag, backup and AI opt-out policies)" />
          <MenuCheckbox checked={shareEdges} onChange={setShareEdges} label="Include RAM share edges"
            title="Diagrams (PNG, SVG, PDF, draw.io, Mermaid) also draw AWS RAM share edges, owner → principals, and external accounts" />
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

/** A menu item that toggles an option of the diagram exports. */
function MenuCheckbox({ checked, onChange, label, title }: { checked: boolean; onChange: (checked: boolean) => void; label: string; title: string }) {
  return (
    <div role="menuitemcheckbox" aria-checked={checked} tabIndex={-1} className="export-menu__radio" title={title}
      onClick={() => onChange(!checked)} onKeyDown={(event) => (event.key === 'Enter' || event.key === ' ') && (event.preventDefault(), onChange(!checked))}>
      <span className="export-menu__check" aria-hidden="true">{checked ? '☑' : '☐'}</span>
      {label}
    </div>
  );
}

/** The scopes the menu offers: the view, the whole tree, and the OU's subtree when there is one. */
function scopeChoices(subtreeId: string | undefined): { value: ExportScope; checked: (scope: ExportScope) => boolean }[] {
  const choices: { value: ExportScope; checked: (scope: ExportScope) => boolean }[] = [
    { value: 'view', checked: (scope) => scope === 'view' },
    { value: 'tree', checked: (scope) => scope === 'tree' },
  ];
  if (subtreeId) choices.push({ value: { subtree: subtreeId }, checked: (scope) => typeof scope === 'object' && scope.subtree === subtreeId });
  return choices;
}

function ExportStatusLine({ status }: { status: ExportStatus }) {
  if (status.state === 'error') return <span className="export-menu__status export-menu__status--error" role="alert">Export failed: {status.message}</span>;
  if (status.state === 'done') return <span className="export-menu__status" role="status">Saved {status.fileName}</span>;
  return null;
}
