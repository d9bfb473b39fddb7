'use client';
import { useEditorStore } from '../editor-base/editor-store-provider';
import './ram.css';

/** The canvas's RAM control: shows or hides share edges, and says what their styles mean while shown. */
export function ShareEdgeControls({ count }: { count: number }) {
  const shown = useEditorStore((state) => state.shareEdges);
  const setShown = useEditorStore((state) => state.setShareEdges);
  return (
    <div className="ram-edge-controls">
      <label className="ram-edge-toggle">
        <input type="checkbox" checked={shown} onChange={(event) => setShown(event.target.checked)} /> RAM share edges
      </label>
      {shown ? (
        <ul className="ram-edge-legend" aria-label="Share edge legend">
          <li><span className="ram-swatch ram-swatch--share" aria-hidden="true" /> owner → principal ({count})</li>
          <li><span className="ram-swatch ram-swatch--external" aria-hidden="true" /> outside the organization</li>
          <li><span className="ram-swatch ram-swatch--pending" aria-hidden="true" /> invitation pending</li>
          <li><span className="ram-swatch ram-swatch--stopped" aria-hidden="true" /> recipients&apos; SCPs deny the permission&apos;s actions</li>
        </ul>
      ) : null}
    </div>
  );
}
