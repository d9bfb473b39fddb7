'use client';

/** Export of the diagram (top bar): PNG, SVG, draw.io, Mermaid, JSON bundle. */
export function ExportMenu() {
  return (
    <button type="button" className="toolbar-button" disabled title="Export is not available in this build yet">
      Export
    </button>
  );
}
